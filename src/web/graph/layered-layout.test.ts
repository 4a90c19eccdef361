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

describe('layeredLayout spacing', () => {
  it('keeps boxes of different widths in one layer from overlapping', () => {
    const widths: Record<string, number> = { f: 2, a: 10, b: 4, c: 7 };
    const positions = layeredLayout(
      ['f', 'a', 'b', 'c'],
      [
        { source: 'a', target: 'f' },
        { source: 'b', target: 'f' },
        { source: 'c', target: 'f' },
      ],
      { width: (n) => widths[n] ?? 1, xGap: 1 },
    );
    const row = ['a', 'b', 'c'].map((k) => ({ k, x: positions.get(k)!.x })).sort((p, q) => p.x - q.x);
    for (let i = 1; i < row.length; i++) {
      const left = row[i - 1]!;
      const right = row[i]!;
      expect(right.x - left.x).toBeGreaterThanOrEqual((widths[left.k]! + widths[right.k]!) / 2 + 1 - 1e-9);
    }
  });

  it('centres a single owner above what it owns', () => {
    const positions = layeredLayout(
      ['f', 'g', 'o'],
      [
        { source: 'o', target: 'f' },
        { source: 'o', target: 'g' },
      ],
      { width: () => 3 },
    );
    expect(positions.get('o')!.x).toBeCloseTo((positions.get('f')!.x + positions.get('g')!.x) / 2);
  });

  it('wraps a very wide layer onto several rows, all below the layer above', () => {
    const leaves = Array.from({ length: 100 }, (_, i) => `n${i}`);
    const positions = layeredLayout(
      ['hub', ...leaves],
      leaves.map((leaf) => ({ source: 'hub', target: leaf })),
      { wrap: 30 },
    );
    const ys = new Set(leaves.map((leaf) => positions.get(leaf)!.y));
    expect(ys.size).toBe(4);
    expect(Math.max(...ys)).toBeLessThan(positions.get('hub')!.y);
    expect(new Set([...positions.values()].map((p) => `${p.x},${p.y}`)).size).toBe(101);
  });

  it('by default wraps a hub’s hundreds of children into a block, not a line', () => {
    const leaves = Array.from({ length: 500 }, (_, i) => `n${i}`);
    const positions = layeredLayout(
      ['hub', ...leaves],
      leaves.map((leaf) => ({ source: 'hub', target: leaf })),
      { width: () => 150, xGap: 10, yGap: 120 },
    );
    const xs = leaves.map((leaf) => positions.get(leaf)!.x);
    const ys = leaves.map((leaf) => positions.get(leaf)!.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width / height).toBeGreaterThan(0.5);
    expect(width / height).toBeLessThan(4);
  });
});
