import { describe, expect, it } from 'vitest';
import { currentTask, emptyStatus, endTask, percentDone, startTask } from './status.ts';

describe('status producers', () => {
  it('shows the newest running task and forgets finished ones', () => {
    let status = startTask(emptyStatus(), 'load', { label: 'Loading' });
    status = startTask(status, 'layout', { label: 'Layout', done: 1, total: 4 });
    expect(currentTask(status)?.label).toBe('Layout');
    status = endTask(status, 'layout');
    expect(currentTask(status)?.label).toBe('Loading');
    expect(endTask(status, 'nope')).toBe(status);
    expect(currentTask(endTask(status, 'load'))).toBeNull();
  });

  it.each([
    [{ label: 'x' }, null],
    [{ label: 'x', done: 1, total: 4 }, 25],
    [{ label: 'x', done: 9, total: 4 }, 100],
    [{ label: 'x', done: 1, total: 0 }, null],
  ])('percent of %o is %s', (progress, expected) => {
    expect(percentDone(progress)).toBe(expected);
  });
});
