import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Steps } from '../domain/analysis/steps.ts';
import { runInSlices } from './slices.ts';

/** Ten steps, each logged, returning 'done'. */
function* tenSteps(log: string[]): Steps<string> {
  for (let i = 0; i < 10; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return 'done';
}

describe('runInSlices', () => {
  it('lets queued work run between slices, and gives the steps’ result', async () => {
    const log: string[] = [];
    const stats = { slices: 0, longestMs: 0 };
    const running = runInSlices(tenSteps(log), 0, stats);
    // Queued after the first slice began: runs before the steps are over, not after.
    void nextTurn().then(() => log.push('request'));
    expect(await running).toBe('done');
    expect(log.indexOf('request')).toBeGreaterThan(0);
    expect(log.indexOf('request')).toBeLessThan(log.length - 1);
    expect(stats.slices).toBe(11);
  });

  it('runs the steps in one slice when the slice is long enough', async () => {
    const log: string[] = [];
    const stats = { slices: 0, longestMs: 0 };
    const running = runInSlices(tenSteps(log), 60_000, stats);
    void nextTurn().then(() => log.push('request'));
    expect(await running).toBe('done');
    expect(log.at(-1)).toBe('step 9');
    expect(stats.slices).toBe(1);
    await nextTurn();
    expect(log.at(-1)).toBe('request');
  });

  it('stops between slices once its signal is aborted, ending the steps', async () => {
    const log: string[] = [];
    function* endless(): Steps<never> {
      try {
        for (;;) {
          log.push('step');
          yield;
        }
      } finally {
        log.push('ended');
      }
    }
    const closing = new AbortController();
    const running = runInSlices(endless(), 0, undefined, closing.signal);
    void nextTurn().then(() => closing.abort(new Error('closing')));
    await expect(running).rejects.toThrow('closing');
    expect(log.at(-1)).toBe('ended');
    expect(log.filter((l) => l === 'step').length).toBeLessThan(5);
  });

  it('passes a step’s error on', async () => {
    function* failing(): Steps<never> {
      yield;
      throw new Error('bad step');
    }
    await expect(runInSlices(failing(), 0)).rejects.toThrow('bad step');
  });
});
