/**
 * Exports from the real Neo4j: the upstream subgraph of a fixture facility and a saved query, in every format;
 * BODS validated against its schema; GraphML read by networkx when Python has it; JSON imported back onto itself.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/commands/export.ts';
import type { Database } from '../../src/db/database.ts';
import { importSnapshot } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import type { OwnershipSnapshot } from '../../src/domain/snapshot.ts';
import { validateBods } from '../../src/import/bods-schema.ts';
import { loadImport } from '../../src/import/load.ts';
import { readImport } from '../../src/import/read.ts';
import { fixtureDatabase } from './helpers.ts';
import { tempDir } from '../setup/temp-dir.ts';

let db: Database;
const dir = tempDir('export-it-');
const base = { rule: 'ofac', asOf: '2025-01-01' };

beforeAll(async () => {
  db = await fixtureDatabase();
});

afterAll(async () => {
  // The round trips write onto the fixtures: load them again so that they are exactly as before.
  await importSnapshot(db, readFixtures());
  await db?.close();
});

describe('export from Neo4j', () => {
  it('writes the upstream subgraph of a facility in every format, recording what it holds', async () => {
    for (const format of ['gexf', 'graphml', 'json', 'csv', 'ftm', 'bods']) {
      const written = await runExport(
        { ...base, facility: 'fac-cheyenne-1', format, output: join(dir, `cheyenne.${format}`) },
        db,
      );
      expect(written.length, format).toBeGreaterThan(0);
    }
    const json = JSON.parse(readFileSync(join(dir, 'cheyenne.json'), 'utf8')) as OwnershipSnapshot;
    expect(json.attributes).toMatchObject({
      query: 'facility',
      params: { id: 'fac-cheyenne-1' },
      asOf: '2025-01-01',
      rule: 'ofac',
    });
    expect(typeof json.attributes?.exportedAt).toBe('string');
    const gov = json.nodes.find((n) => n.key === 'co-prairie-digital')?.attributes as
      { analysis?: { flags: string[] } } | undefined;
    expect(gov?.analysis?.flags).toContain('STATE_CONTROL');
    expect(json.edges.every((e) => e.attributes.source?.dataset === 'lookthrough-illustrative')).toBe(true);
    expect(validateBods(JSON.parse(readFileSync(join(dir, 'cheyenne.bods'), 'utf8')))).toEqual([]);
    expect(readFileSync(join(dir, 'cheyenne.gexf'), 'utf8')).toContain('<gexf version="1.3"');
    expect(readFileSync(join(dir, 'cheyenne.nodes.csv'), 'utf8').split('\n')[0]).toMatch(/^key,kind,name,/);
  });

  it('GraphML opens in networkx (when Python with networkx is installed)', () => {
    const probe = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' });
    if (probe.status !== 0) return;
    const out = spawnSync(
      'python3',
      [
        '-c',
        `import networkx as nx; g = nx.read_graphml(${JSON.stringify(join(dir, 'cheyenne.graphml'))}); print(g.number_of_nodes(), g.number_of_edges(), g.nodes['co-prairie-digital']['flags'])`,
      ],
      { encoding: 'utf8' },
    );
    expect(out.status, out.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'cheyenne.json'), 'utf8')) as OwnershipSnapshot;
    expect(out.stdout.trim()).toMatch(new RegExp(`^${json.nodes.length} ${json.edges.length} .*STATE_CONTROL`));
  });

  it('round trip: the exported JSON, FtM and BODS import back onto the same parties and change nothing', async () => {
    const countAll = async (): Promise<[number, number]> => {
      const rows = await db.run<{ n: number; r: number }>(
        'MATCH (n:Entity) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r',
      );
      return [Number(rows[0]?.n), Number(rows[0]?.r)];
    };
    const before = await countAll();
    for (const [file, format] of [
      ['cheyenne.json', 'json'],
      ['cheyenne.ftm', 'ftm'],
      ['cheyenne.bods', 'bods'],
    ] as const) {
      const batch = readImport([join(dir, file)], format, { date: '2026-01-02' });
      expect(batch.errors, format).toEqual([]);
      const summary = await loadImport(db, batch);
      expect(summary.errors, format).toEqual([]);
      if (format !== 'bods') expect(summary.matchedExisting, format).toBe(batch.nodes.length);
      expect(await countAll(), format).toEqual(before);
    }
    const taiga = await db.run<{ ids: string[] }>(
      "MATCH (n:Entity {id: 'co-taiga-mining-group'}) RETURN n.identifiers AS ids",
    );
    expect(taiga[0]?.ids).toEqual(['registration:ILL-RU-0557553481', 'lei:LTIL000557553481IL32']);
  });

  it('exports a saved query with its parameters', async () => {
    await runExport(
      {
        ...base,
        query: 'facilities-controlled-by-government',
        params: '{"governmentId":"gov-kestria"}',
        format: 'json',
        output: join(dir, 'q.json'),
      },
      db,
    );
    const json = JSON.parse(readFileSync(join(dir, 'q.json'), 'utf8')) as OwnershipSnapshot;
    expect(json.attributes).toMatchObject({
      query: 'facilities-controlled-by-government',
      params: { governmentId: 'gov-kestria' },
    });
    expect(json.nodes.length).toBeGreaterThan(0);
  });
});
