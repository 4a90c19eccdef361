/**
 * A generated graph (src/generate/ownership-graph.ts, written by scripts/generate.ts) loads through the normal
 * import path: `lookthrough import FILE --format json`. Keys carry a unique prefix; the data is removed afterwards.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/commands/import.ts';
import type { Database } from '../../src/db/database.ts';
import { upstreamSubgraph } from '../../src/db/graph-repository.ts';
import { explainEntity } from '../../src/domain/analysis/analyze.ts';
import { fromSnapshot } from '../../src/domain/snapshot.ts';
import { generateOwnershipGraph } from '../../src/generate/ownership-graph.ts';
import { writeSnapshotJson } from '../../scripts/generate.ts';
import { testDatabase, uniqueId } from './helpers.ts';
import { tempDir } from '../setup/temp-dir.ts';

let db: Database;
const prefix = `${uniqueId('gen')}-`;
const graph = generateOwnershipGraph({ entities: 2000, seed: 7, prefix, dataset: prefix });

async function count(cypher: string): Promise<number> {
  const rows = await db.run<{ n: number }>(cypher, { prefix });
  return Number(rows[0]?.n ?? 0);
}

beforeAll(async () => {
  db = await testDatabase();
});

afterAll(async () => {
  for (;;) {
    const rows = await db.run<{ n: number }>(
      'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix WITH n LIMIT 5000 OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing) DETACH DELETE n, l RETURN count(*) AS n',
      { prefix },
      { mode: 'WRITE' },
    );
    if (Number(rows[0]?.n ?? 0) === 0) break;
  }
  await db?.close();
});

describe('a generated graph through the normal import path', () => {
  it('imports 2,000 generated entities with `lookthrough import --format json` and traces the deep facility', async () => {
    const file = join(tempDir('generate-it-'), 'generated.json');
    const out = createWriteStream(file);
    await writeSnapshotJson(graph, out);
    out.end();
    await once(out, 'finish');

    const report = await runImport([file], { format: 'json', date: '2025-01-01' });
    expect(report.errors).toEqual([]);
    expect(report.nodes).toBe(2000);
    expect(report.relationships).toBe(graph.counts.edges);
    expect(await count('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n')).toBe(2000);
    expect(
      await count(
        'MATCH (n:Entity)-[r]->(:Entity) WHERE n.id STARTS WITH $prefix AND r.id STARTS WITH $prefix RETURN count(r) AS n',
      ),
    ).toBe(graph.counts.edges);
    expect(
      await count(
        'MATCH (n:Entity)-[:LISTED_ON]->(:Listing) WHERE n.id STARTS WITH $prefix RETURN count(DISTINCT n) AS n',
      ),
    ).toBe(graph.counts.listed);

    const snapshot = await upstreamSubgraph(db, graph.deepFacility);
    expect(snapshot).not.toBeNull();
    expect(snapshot!.attributes?.depth).toBeGreaterThanOrEqual(10);
    const analysis = explainEntity(fromSnapshot(snapshot!), graph.deepFacility, { rule: 'ofac', asOf: '2025-06-01' });
    expect(Object.keys(analysis.effectiveOwners).length).toBeGreaterThanOrEqual(10);

    // Importing the same file again changes nothing.
    const again = await runImport([file], { format: 'json', date: '2025-01-01' });
    expect(again.errors).toEqual([]);
    expect(await count('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n')).toBe(2000);
  });
});
