import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layered-layout.ts';

describe('layeredLayout', () => {
  it('puts owners above what they own, one layer per holding step', () => {
    const positions = layeredLayout(
      ['facility', 'opco', 'holdco', 'ubo'],
      [
        { source: 'opco', target: 'facility' },
        { source: 'holdco', target: 'opco' },
        { source: 'ubo', target: 'holdco' },
      ],
    );
    expect(positions.get('facility')?.layer).toBe(0);
    expect(positions.get('opco')?.layer).toBe(1);
    expect(positions.get('holdco')?.layer).toBe(2);
    expect(positions.get('ubo')?.layer).toBe(3);
    expect(positions.get('ubo')!.y).toBeGreaterThan(positions.get('facility')!.y);
  });

  it('places a holder above the deepest thing it holds (diamond with a shortcut)', () => {
    const positions = layeredLayout(
      ['f', 'a', 'b', 'top'],
      [
        { source: 'a', target: 'f' },
        { source: 'b', target: 'a' },
        { source: 'top', target: 'b' },
        { source: 'top', target: 'f' },
      ],
    );
    expect(positions.get('top')?.layer).toBe(3);
  });

  it('terminates on cross-holdings and gives every node a distinct position within its layer', () => {
    const positions = layeredLayout(
      ['f', 'a', 'b', 'x', 'y'],
      [
        { source: 'a', target: 'f' },
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
        { source: 'x', target: 'a' },
        { source: 'y', target: 'b' },
      ],
    );
    expect(positions.size).toBe(5);
    const seen = new Set([...positions.values()].map((p) => `${p.x},${p.y}`));
    expect(seen.size).toBe(5);
  });

  it('ignores edges to unknown nodes and self loops', () => {
    const positions = layeredLayout(
      ['a', 'b'],
      [
        { source: 'a', target: 'a' },
        { source: 'a', target: 'missing' },
        { source: 'a', target: 'b' },
      ],
    );
    expect(positions.get('a')?.layer).toBe(1);
    expect(positions.get('b')?.layer).toBe(0);
  });
});
