/**
 * Imports into the real Neo4j. Data is isolated by unique keys and dataset names and removed afterwards, except
 * the OFAC SDN list: its import is idempotent and may stay.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { applySchema, importSnapshot } from '../../src/db/graph-repository.ts';
import { loadImport } from '../../src/import/load.ts';
import { readImport } from '../../src/import/read.ts';
import type { ImportBatch } from '../../src/import/read.ts';
import type { StakeAttributes } from '../../src/domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../../src/domain/snapshot.ts';
import { sharedData } from '../../src/import/shared-data.ts';
import { testDatabase, uniqueId } from './helpers.ts';
import { tempDir } from '../setup/temp-dir.ts';

let db: Database;
const date = '2026-01-02';
const created: string[] = [];

async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const rows = await db.run<{ n: number }>(cypher, params);
  return Number(rows[0]?.n ?? 0);
}

function csvFiles(nodes: string, edges: string): [string, string] {
  const dir = tempDir('import-it-');
  writeFileSync(join(dir, 'g.nodes.csv'), nodes);
  writeFileSync(join(dir, 'g.edges.csv'), edges);
  return [join(dir, 'g.nodes.csv'), join(dir, 'g.edges.csv')];
}

beforeAll(async () => {
  db = await testDatabase();
  await applySchema(db);
});

/** Already in the database: `<p>-x` owns `<p>-y` through `<p>-clash`, an id that a file then reuses for another pair. */
async function plantClash(p: string): Promise<void> {
  const [nodes, edges] = csvFiles(
    `key,kind,name\n${p}-x,Company,X\n${p}-y,Company,Y\n`,
    `key,source,target,kind,percent\n${p}-clash,${p}-x,${p}-y,OWNS,10\n`,
  );
  created.push(`${p}-x`, `${p}-y`);
  expect((await loadImport(db, readImport([nodes, edges], 'csv', { date, source: `${p}-before` }))).errors).toEqual([]);
}

afterAll(async () => {
  if (created.length)
    await db.run(
      'UNWIND $ids AS id MATCH (n:Entity {id: id}) OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing) DETACH DELETE n, l',
      { ids: created },
      { mode: 'WRITE' },
    );
  await db?.close();
});

describe('OFAC SDN into Neo4j', () => {
  it('loads all 14,965 records and the 6,368 Linked To relations, with the 10 BitRiver subsidiaries', async () => {
    const batch = readImport([sharedData('ofac', 'sdn.csv')], 'sdn', { date });
    expect(batch.errors).toEqual([]);
    const summary = await loadImport(db, batch);
    expect(summary.errors).toEqual([]);
    expect(summary.nodes).toBe(14965);
    expect(summary.relationships).toBe(6368);
    expect(
      await count(
        "MATCH (n:Entity) WHERE n.id STARTS WITH 'ofac-' AND n.sourceDataset = 'ofac-sdn' RETURN count(n) AS n",
      ),
    ).toBe(14965);
    const subsidiaries = await db.run<{ id: string; basis: string; percent: unknown; source: string }>(
      "MATCH (s:Entity)-[r:LINKED_TO]->(:Entity {id: 'ofac-36456'}) RETURN s.id AS id, r.basis AS basis, r.percent AS percent, r.sourceDataset AS source ORDER BY id",
    );
    expect(subsidiaries).toHaveLength(10);
    expect(
      subsidiaries.every((r) => r.basis === 'OFAC Linked To' && r.percent === null && r.source === 'ofac-sdn'),
    ).toBe(true);
    const listing = await db.run<{ program: string }>(
      "MATCH (:Entity {id: 'ofac-36456'})-[:LISTED_ON]->(l:Listing {authority: 'OFAC'}) RETURN l.program AS program",
    );
    expect(listing.map((l) => l.program)).toEqual(['RUSSIA-EO14024']);
  }, 600_000);

  it('is idempotent: importing again changes no count', async () => {
    const before = await count("MATCH (n:Entity) WHERE n.sourceDataset = 'ofac-sdn' RETURN count(n) AS n");
    const rels = await count("MATCH ()-[r:LINKED_TO]->() WHERE r.sourceDataset = 'ofac-sdn' RETURN count(r) AS n");
    const listings = await count(
      "MATCH (n:Entity)-[:LISTED_ON]->(l:Listing) WHERE n.sourceDataset = 'ofac-sdn' RETURN count(l) AS n",
    );
    const summary = await loadImport(db, readImport([sharedData('ofac', 'sdn.csv')], 'sdn', { date }));
    expect(summary.matchedExisting).toBe(14965);
    // Same file, same day: every party is already exactly as stored, so no node is written again.
    expect(summary.unchanged).toBe(14965);
    expect(await count("MATCH (n:Entity) WHERE n.sourceDataset = 'ofac-sdn' RETURN count(n) AS n")).toBe(before);
    expect(await count("MATCH ()-[r:LINKED_TO]->() WHERE r.sourceDataset = 'ofac-sdn' RETURN count(r) AS n")).toBe(
      rels,
    );
    expect(
      await count("MATCH (n:Entity)-[:LISTED_ON]->(l:Listing) WHERE n.sourceDataset = 'ofac-sdn' RETURN count(l) AS n"),
    ).toBe(listings);
  }, 600_000);
});

describe('all or nothing, provenance, identity', () => {
  it("a re-import replaces a party's listings: one kept keeps its relationship, one dropped is deleted, one new is added; none given leaves none", async () => {
    const p = uniqueId('lst');
    const party = (sanctions: SnapshotNode['attributes']['sanctions']): SnapshotNode => ({
      key: `${p}-s`,
      attributes: { kind: 'Company', name: 'Listed Co', sanctions },
    });
    const other: SnapshotNode = { key: `${p}-t`, attributes: { kind: 'Company', name: 'Held Co' } };
    created.push(`${p}-s`, `${p}-t`);
    const stake: SnapshotEdge = {
      key: `${p}-own`,
      source: `${p}-s`,
      target: `${p}-t`,
      attributes: { kind: 'OWNS', percent: 60 },
    };
    const load = async (node: SnapshotNode): Promise<void> => {
      const batch: ImportBatch = { nodes: [node, other], edges: [stake], dangling: [], errors: [], warnings: [] };
      // Without resolution against the database, which would add the stored listings to the imported ones.
      expect((await loadImport(db, batch, { resolveExisting: false })).errors).toEqual([]);
    };
    const listings = (): Promise<{ program: string; listed: string | null; rel: string }[]> =>
      db.run(
        `MATCH (:Entity {id: $key})-[r:LISTED_ON]->(l:Listing)
         RETURN l.program AS program, toString(l.listed) AS listed, elementId(r) AS rel ORDER BY program`,
        { key: `${p}-s` },
      );
    await load(
      party([
        { authority: 'OFAC', program: 'SDGT', listed: '2020-01-01' },
        { authority: 'EU', program: 'RUS' },
      ]),
    );
    const before = await listings();
    expect(before.map((l) => [l.program, l.listed])).toEqual([
      ['RUS', null],
      ['SDGT', '2020-01-01'],
    ]);
    await load(
      party([
        { authority: 'OFAC', program: 'SDGT', listed: '2020-02-02' },
        { authority: 'UN', program: 'UNSC' },
      ]),
    );
    const after = await listings();
    expect(after.map((l) => [l.program, l.listed])).toEqual([
      ['SDGT', '2020-02-02'],
      ['UNSC', null],
    ]);
    // The listing given again is the same relationship, updated; the dropped listing's node is gone with its link.
    expect(after[0]!.rel).toBe(before.find((l) => l.program === 'SDGT')!.rel);
    const listingNodes = () =>
      count('MATCH (l:Listing) WHERE l.id STARTS WITH $key RETURN count(l) AS n', { key: `${p}-s|` });
    expect(await listingNodes()).toBe(2);
    // The snapshot writer replaces listings too: a party written with none has none left, nor listing nodes.
    await importSnapshot(db, {
      options: { type: 'directed', multi: true, allowSelfLoops: false },
      nodes: [party(undefined), other],
      edges: [stake],
    });
    expect(await listings()).toEqual([]);
    expect(await listingNodes()).toBe(0);
  });

  it('a file with one bad row loads nothing and says which row', async () => {
    const p = uniqueId('bad');
    const [n, e] = csvFiles(
      `key,kind,name\n${p}-a,Company,A\n${p}-b,Company,B\n${p}-c,Compny,C\n`,
      `source,target,kind,percent\n${p}-a,${p}-b,OWNS,50\n`,
    );
    const batch = readImport([n, e], 'csv', { date });
    expect(batch.errors).toEqual([
      { file: n, line: 4, message: expect.stringMatching(/^kind: expected one of/) as string },
    ]);
    const summary = await loadImport(db, batch);
    expect(summary.nodes).toBe(0);
    expect(await count('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS n', { p })).toBe(0);
  });

  it('writes provenance on every node and relationship, and merges a party of another file by a strong identifier', async () => {
    const p = uniqueId('idn');
    const lei = `${p.slice(-12).toUpperCase()}LEI12345`.slice(0, 20);
    const [n1, e1] = csvFiles(
      `key,kind,name,identifiers\n${p}-parent,Company,Parent Holdings,lei:${lei}\n${p}-child,Company,Child LLC,\n`,
      `key,source,target,kind,percent\n${p}-own,${p}-parent,${p}-child,OWNS,60\n`,
    );
    created.push(`${p}-parent`, `${p}-child`);
    const first = await loadImport(db, readImport([n1, e1], 'csv', { date, source: `${p}-one` }));
    expect(first.errors).toEqual([]);
    // A second dataset names the parent under another key and name, with the same LEI, and a new owner of it.
    const [n2, e2] = csvFiles(
      `key,kind,name,identifiers\n${p}-other,Company,PARENT HOLDINGS PLC,lei:${lei}\n${p}-top,Person,Top Owner,\n${p}-lookalike,Company,Child LLC,\n`,
      `key,source,target,kind,percent\n${p}-own2,${p}-top,${p}-other,OWNS,100\n`,
    );
    created.push(`${p}-top`, `${p}-lookalike`, `${p}-other`);
    const second = await loadImport(db, readImport([n2, e2], 'csv', { date, source: `${p}-two` }));
    expect(second.errors).toEqual([]);
    expect(second.matchedExisting).toBe(1);
    expect(await count('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id: `${p}-other` })).toBe(0);
    const parent = await db.run<{ aliases: string[]; source: string; owners: string[] }>(
      'MATCH (n:Entity {id: $id}) OPTIONAL MATCH (o)-[:OWNS]->(n) RETURN n.aliases AS aliases, n.sourceDataset AS source, collect(o.id) AS owners',
      { id: `${p}-parent` },
    );
    expect(parent[0]).toEqual({ aliases: ['PARENT HOLDINGS PLC'], source: `${p}-one`, owners: [`${p}-top`] });
    // Same name, no shared identifier: not merged, reported for a person to confirm.
    expect(
      second.warnings.some((w) => w.message.includes(`${p}-lookalike`) && w.message.includes('possible same party')),
    ).toBe(true);
    // That stored pair is not the business of a later import that names neither.
    const [n3] = csvFiles(`key,kind,name\n${p}-third,Company,Unrelated Third Holdings\n`, 'key,source,target,kind\n');
    created.push(`${p}-third`);
    const third = await loadImport(db, readImport([n3], 'csv', { date, source: `${p}-three` }));
    expect(third.errors).toEqual([]);
    expect(third.warnings.filter((w) => w.message.includes(`${p}-lookalike`))).toEqual([]);
    expect(
      await count(
        'MATCH (n:Entity) WHERE n.id STARTS WITH $p AND (n.sourceDataset IS NULL OR n.sourceRecordId IS NULL OR n.sourceDate IS NULL) RETURN count(n) AS n',
        { p },
      ),
    ).toBe(0);
    expect(
      await count(
        'MATCH (:Entity)-[r]->(:Entity) WHERE r.id STARTS WITH $p AND (r.sourceDataset IS NULL OR r.sourceRecordId IS NULL OR r.sourceDate IS NULL) RETURN count(r) AS n',
        { p },
      ),
    ).toBe(0);
    expect(await count('MATCH (:Entity)-[r]->(:Entity) WHERE r.id STARTS WITH $p RETURN count(r) AS n', { p })).toBe(2);
  });

  it('stores each relationship its own provenance when one batch mixes datasets and dates, and an upsert replaces it', async () => {
    const p = uniqueId('prov');
    const party = (key: string): SnapshotNode => ({ key: `${p}-${key}`, attributes: { kind: 'Company', name: key } });
    const stake = (key: string, attributes: Omit<StakeAttributes, 'kind'>): SnapshotEdge => ({
      key: `${p}-${key}`,
      source: `${p}-a`,
      target: `${p}-${key}`,
      attributes: { kind: 'OWNS', ...attributes },
    });
    const nodes = ['a', 'one', 'two', 'bare', 'band'].map(party);
    created.push(...nodes.map((n) => n.key));
    // Relationships of one statement (same kind, one batch) with different provenance, none, and every field.
    const edges = [
      stake('one', { percent: 10, source: { dataset: `${p}-x`, recordId: 'r1', date: '2024-01-01' } }),
      stake('two', { percent: 20, source: { dataset: `${p}-y`, date: '2025-06-30' } }),
      stake('bare', { percent: 30 }),
      stake('band', {
        percentMin: 25,
        percentMax: 50,
        votingPercent: 40,
        jointArrangement: 'j1',
        basis: 'shares',
        from: '2020-02-29',
        to: '2023-01-01',
        source: { dataset: `${p}-x`, recordId: 'r4', date: '2024-01-01' },
      }),
    ];
    const batch = (e: SnapshotEdge[]): ImportBatch => ({ nodes, edges: e, dangling: [], errors: [], warnings: [] });
    const props = async (): Promise<Record<string, string>> => {
      const rows = await db.run<{ id: string; props: string[] }>(
        `MATCH (:Entity)-[r:OWNS]->(:Entity) WHERE r.id STARTS WITH $p
         UNWIND keys(r) AS k WITH r, k ORDER BY k
         RETURN r.id AS id, collect(k + '=' + toString(r[k]) + ':' + valueType(r[k])) AS props`,
        { p },
      );
      return Object.fromEntries(rows.map((r) => [r.id.slice(p.length + 1), r.props.join(' ')]));
    };
    expect((await loadImport(db, batch(edges), { resolveExisting: false })).errors).toEqual([]);
    const id = (key: string): string => `id=${p}-${key}:STRING NOT NULL`;
    expect(await props()).toEqual({
      one: `${id('one')} percent=10.0:FLOAT NOT NULL sourceDataset=${p}-x:STRING NOT NULL sourceDate=2024-01-01:DATE NOT NULL sourceRecordId=r1:STRING NOT NULL`,
      two: `${id('two')} percent=20.0:FLOAT NOT NULL sourceDataset=${p}-y:STRING NOT NULL sourceDate=2025-06-30:DATE NOT NULL`,
      bare: `${id('bare')} percent=30.0:FLOAT NOT NULL`,
      band:
        `basis=shares:STRING NOT NULL from=2020-02-29:DATE NOT NULL ${id('band')} jointArrangement=j1:STRING NOT NULL ` +
        `percentMax=50.0:FLOAT NOT NULL percentMin=25.0:FLOAT NOT NULL sourceDataset=${p}-x:STRING NOT NULL ` +
        `sourceDate=2024-01-01:DATE NOT NULL sourceRecordId=r4:STRING NOT NULL to=2023-01-01:DATE NOT NULL ` +
        `votingPercent=40.0:FLOAT NOT NULL`,
    });
    // Again, now upserted (the parties exist), all with one provenance (sent once for the batch) and fewer fields:
    // what is no longer imported is gone from the stored relationship.
    const again = edges.map((e) => ({
      ...e,
      attributes: { kind: 'OWNS' as const, percent: 5, source: { dataset: `${p}-z`, date: '2026-03-04' } },
    }));
    expect((await loadImport(db, batch(again))).errors).toEqual([]);
    const after = await props();
    for (const key of ['one', 'two', 'bare', 'band'])
      expect(after[key]).toBe(
        `${id(key)} percent=5.0:FLOAT NOT NULL sourceDataset=${p}-z:STRING NOT NULL sourceDate=2026-03-04:DATE NOT NULL`,
      );
  });

  it('a load in several transactions whose last one fails deletes what the committed ones created', async () => {
    const p = uniqueId('undo');
    await plantClash(p);

    const [n, e] = csvFiles(
      `key,kind,name\n${p}-a,Company,A\n${p}-b,Company,B\n${p}-c,Company,C\n${p}-d,Person,D\n${p}-y,Company,Y renamed\n`,
      `key,source,target,kind,percent\n${p}-ab,${p}-a,${p}-b,OWNS,50\n${p}-ax,${p}-a,${p}-x,OWNS,5\n` +
        `${p}-db,${p}-d,${p}-b,CONTROLS,\n${p}-clash,${p}-c,${p}-d,OWNS,20\n`,
    );
    created.push(`${p}-a`, `${p}-b`, `${p}-c`, `${p}-d`);
    const batch = readImport([n, e], 'csv', { date, source: `${p}-file` });
    expect(batch.errors).toEqual([]);
    // Transactions of 2 rows: parties (3 transactions), then relationships (2); the planted clash is in the last.
    const summary = await loadImport(db, batch, { maxTransactionRows: 2, batchSize: 2 });
    expect(summary.transactions).toBe(4);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]!.message).toMatch(
      /refused transaction 5 of 5: .*the 4 that committed were undone: the 4 parties and 2 relationships/,
    );
    expect(summary).toMatchObject({ nodes: 0, relationships: 0 });
    expect(
      await count('MATCH (n:Entity) WHERE n.id STARTS WITH $p AND n.sourceDataset = $s RETURN count(n) AS n', {
        p,
        s: `${p}-file`,
      }),
    ).toBe(0);
    const kept = await db.run<{ id: string; a: string; b: string; aliases: string[] }>(
      'MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id STARTS WITH $p RETURN r.id AS id, a.id AS a, b.id AS b, b.aliases AS aliases',
      { p },
    );
    // What the committed transactions rewrote on a party already in the database stays (as the summary says): the
    // file's other name for y became an alias.
    expect(kept).toEqual([{ id: `${p}-clash`, a: `${p}-x`, b: `${p}-y`, aliases: ['Y renamed'] }]);
  });

  it('splits a load above maxTransactionRows into parts of partRows rows, all loaded, and again changes nothing', async () => {
    const p = uniqueId('parts');
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const [n, e] = csvFiles(
      `key,kind,name\n${keys.map((k) => `${p}-${k},Company,${k.toUpperCase()}`).join('\n')}\n`,
      `key,source,target,kind,percent\n${p}-ab,${p}-a,${p}-b,OWNS,20\n${p}-bc,${p}-b,${p}-c,OWNS,30\n` +
        `${p}-cd,${p}-c,${p}-d,OWNS,40\n${p}-de,${p}-d,${p}-e,OWNS,50\n`,
    );
    created.push(...keys.map((k) => `${p}-${k}`));
    const batch = readImport([n, e], 'csv', { date, source: `${p}-file` });
    expect(batch.errors).toEqual([]);
    // 9 rows over the limit of 4: parties in parts of 2 (3 transactions), then relationships (2).
    const summary = await loadImport(db, batch, { maxTransactionRows: 4, partRows: 2, batchSize: 2 });
    expect(summary.errors).toEqual([]);
    expect(summary).toMatchObject({ nodes: 5, relationships: 4, transactions: 5 });
    const chain = 'MATCH (a:Entity)-[r:OWNS]->(b:Entity) WHERE r.id STARTS WITH $p RETURN count(r) AS n';
    expect(await count(chain, { p })).toBe(4);
    const again = await loadImport(db, batch, { maxTransactionRows: 4, partRows: 2, batchSize: 2 });
    expect(again.errors).toEqual([]);
    expect(await count(chain, { p })).toBe(4);
    expect(await count('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS n', { p })).toBe(5);
  });

  it('undoes a relationship transaction that committed while the one in flight beside it failed', async () => {
    const p = uniqueId('undo2');
    await plantClash(p);

    // Parties a..f in 3 transactions of 2, then relationships in 3: the clash is in the first, the second runs beside
    // it (two in flight) and commits; the third begins only if the second commits before the first fails (timing).
    const [n, e] = csvFiles(
      `key,kind,name\n${['a', 'b', 'c', 'd', 'e', 'f'].map((k) => `${p}-${k},Company,${k.toUpperCase()}`).join('\n')}\n`,
      `key,source,target,kind,percent\n${p}-clash,${p}-a,${p}-b,OWNS,20\n${p}-ac,${p}-a,${p}-c,OWNS,30\n` +
        `${p}-cd,${p}-c,${p}-d,OWNS,40\n${p}-de,${p}-d,${p}-e,OWNS,50\n${p}-ef,${p}-e,${p}-f,OWNS,60\n` +
        `${p}-fa,${p}-f,${p}-a,OWNS,70\n`,
    );
    created.push(...['a', 'b', 'c', 'd', 'e', 'f'].map((k) => `${p}-${k}`));
    const batch = readImport([n, e], 'csv', { date, source: `${p}-file` });
    expect(batch.errors).toEqual([]);
    const summary = await loadImport(db, batch, { maxTransactionRows: 2, batchSize: 2, concurrency: 2 });
    expect([4, 5]).toContain(summary.transactions);
    // Every relationship transaction that committed (two relationships each) is undone with the parties.
    const relationships = 2 * (summary.transactions - 3);
    expect(summary.errors[0]!.message).toMatch(
      new RegExp(
        `refused transaction 4 of 6: .*the ${summary.transactions} that committed were undone: the 6 parties and ${relationships} relationships`,
      ),
    );
    expect(
      await count('MATCH (n:Entity) WHERE n.id STARTS WITH $p AND n.sourceDataset = $s RETURN count(n) AS n', {
        p,
        s: `${p}-file`,
      }),
    ).toBe(0);
    const kept = await db.run<{ id: string }>('MATCH ()-[r]->() WHERE r.id STARTS WITH $p RETURN r.id AS id', { p });
    expect(kept).toEqual([{ id: `${p}-clash` }]);
  });
});

describe('BODS into Neo4j', () => {
  it('loads the state-owned example with governments and shares; a relationship to unknown parties is a warning', async () => {
    const file = sharedData('bods', 'examples', 'bods-package-fi-soe.json');
    const batch = readImport([file], 'bods', { date });
    created.push(...batch.nodes.map((n) => n.key));
    const summary = await loadImport(db, batch);
    expect(summary.errors).toEqual([]);
    expect(summary).toMatchObject({ nodes: 4, relationships: 5 });
    const govs = await db.run<{ t: string }>(
      "MATCH (g:Government) WHERE g.id IN ['bods-05ce06ec97b1', 'bods-7ff95ba3682c'] RETURN g.governmentType AS t ORDER BY t",
    );
    expect(govs.map((g) => g.t)).toEqual(['state', 'stateBody']);
    expect(
      await count(
        "MATCH (:Entity {id: 'bods-0199c515a699'})-[r:OWNS {percent: 76.5}]->(:Entity {id: 'bods-19f1c5afe9d7'}) RETURN count(r) AS n",
      ),
    ).toBe(1);

    const p = uniqueId('bods');
    const dir = tempDir('bods-it-');
    const orphan = join(dir, 'orphan.json');
    const statements = JSON.parse(readFileSync(file, 'utf8')) as {
      recordType: string;
      recordId: string;
      statementId: string;
      recordDetails: { subject: string; interestedParty: string };
    }[];
    const rel = statements.find((s) => s.recordType === 'relationship')!;
    rel.recordId = `${p}-rel`;
    rel.statementId = `${p}-statement-0000000000000000000000`;
    rel.recordDetails.subject = `${p}-nobody`;
    rel.recordDetails.interestedParty = `${p}-noone`;
    writeFileSync(orphan, JSON.stringify([rel]));
    const orphanBatch = readImport([orphan], 'bods', { date });
    expect(orphanBatch.errors).toEqual([]);
    const loaded = await loadImport(db, orphanBatch);
    expect(loaded.errors).toEqual([]);
    expect(loaded.relationships).toBe(0);
    expect(loaded.warnings.some((w) => /in neither the files nor the database; not loaded/.test(w.message))).toBe(true);
  });
});
