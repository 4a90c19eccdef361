import { describe, expect, it } from 'vitest';
import { readFixtures } from '../db/seed.ts';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';
import { SnapshotJson } from './snapshot-json.ts';

const fixtures = readFixtures();

describe('SnapshotJson', () => {
  it('writes what JSON.stringify writes, again from kept texts, and past its cap', () => {
    const cut: OwnershipSnapshot = {
      attributes: { root: fixtures.nodes[0]!.key, depth: 3, truncated: false, maxNodes: 10 },
      options: fixtures.options,
      nodes: fixtures.nodes.slice(0, 20),
      edges: fixtures.edges.slice(0, 30),
    };
    const withUndefined = { ...cut, attributes: undefined };
    for (const json of [new SnapshotJson(), new SnapshotJson(500)]) {
      for (const snapshot of [fixtures, cut, withUndefined, fixtures, cut, { nodes: [], edges: [] }])
        expect(json.stringify(snapshot)).toBe(JSON.stringify(snapshot));
    }
  });
});
