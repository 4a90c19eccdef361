/**
 * `lookthrough flags --write` against the real Neo4j: the engine over the whole database, flags and figures stored
 * on the nodes with the rule, date and time of computation, so saved queries can filter on them.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { writeFlags } from '../../src/db/graph-repository.ts';
import { toPlain } from '../../src/db/serialize.ts';
import { fixtureDatabase } from './helpers.ts';

const root = join(import.meta.dirname, '../..');
let db: Database;

beforeAll(async () => {
  db = await fixtureDatabase();
});

afterAll(async () => {
  await db?.close();
});

function lookthrough(
  args: string[],
  neo4j: { uri: string; user: string; password: string } = inject('neo4j'),
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin/lookthrough.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password },
    timeout: 120_000,
    // Every flagged entity of the database is printed: the shared test database holds whole sanctions lists.
    maxBuffer: 256 * 2 ** 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lookthrough flags --write', { timeout: 180_000 }, () => {
  it('prints the flagged entities and stores flags, figures, rule, date and time on every entity', async () => {
    const before = Date.now();
    const run = lookthrough(['flags', '--rule', 'ofac', '--as-of', '2026-01-01', '--write']);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      rule: string;
      asOf: string;
      entitiesAnalysed: number;
      written: number;
      flagCounts: Record<string, number>;
      entities: Record<string, { flags: string[]; statePercent: Record<string, number> }>;
    };
    expect(out.rule).toBe('ofac');
    expect(out.asOf).toBe('2026-01-01');
    expect(out.written).toBe(out.entitiesAnalysed);
    const cheyenne = out.entities['fac-cheyenne-1'];
    expect(cheyenne?.flags).toEqual(['STATE_CONTROL', 'STATE_OWNERSHIP', 'NEAR_SENSITIVE_SITE']);
    expect(cheyenne?.statePercent['gov-kestria']).toBeCloseTo(50.4, 6);
    // Only flagged entities are listed, and the counts agree with them.
    for (const entity of Object.values(out.entities)) expect(entity.flags.length).toBeGreaterThan(0);
    expect(out.flagCounts.STATE_OWNERSHIP).toBeGreaterThanOrEqual(
      Object.values(out.entities).filter((e) => e.flags.includes('STATE_OWNERSHIP')).length,
    );

    const stored = await db.read((tx) =>
      tx.run(
        `MATCH (n:Entity {id: 'fac-cheyenne-1'})
         RETURN n.flags AS flags, n.maxStatePercent AS maxStatePercent, n.stateControlledBy AS stateControlledBy,
                n.sanctionedPercent AS sanctionedPercent, n.flagRule AS rule, toString(n.flagAsOf) AS asOf,
                n.flagsComputedAt.epochMillis AS computedAt`,
      ),
    );
    const row = toPlain(stored.records[0]!.toObject()) as Record<string, unknown>;
    expect(row.flags).toEqual(['STATE_CONTROL', 'STATE_OWNERSHIP', 'NEAR_SENSITIVE_SITE']);
    expect(row.maxStatePercent).toBeCloseTo(50.4, 6);
    expect(row.stateControlledBy).toEqual(['gov-kestria']);
    expect(row.sanctionedPercent).toBe(0);
    expect(row.rule).toBe('ofac');
    expect(row.asOf).toBe('2026-01-01');
    expect(row.computedAt as number).toBeGreaterThanOrEqual(before - 1000);

    // Every entity got figures, flagged or not, so a saved query can filter on them.
    const missing = await db.read((tx) =>
      tx.run('MATCH (n:Entity) WHERE n.flagsComputedAt IS NULL RETURN count(n) AS missing'),
    );
    expect(toPlain(missing.records[0]!.get('missing'))).toBe(0);
  });

  it('writes in transactions of a bounded size, every row with the same time of computation', async () => {
    const keys = ['fac-cheyenne-1', 'gov-kestria', 'co-kestria-energy-group', 'no-such-entity', 'fac-cheyenne-1'];
    const rows = keys.map((key, i) => ({
      key,
      flags: i % 2 ? ['STATE_OWNERSHIP'] : [],
      sanctionedPercent: i,
      maxStatePercent: 10 * i,
      stateControlledBy: [],
    }));
    const computedAt = '2031-02-03T04:05:06.000Z';
    // Five rows in transactions of two, statements of one: an unknown id is not counted; a repeated one is, twice.
    const written = await writeFlags(db, { rule: 'uk', asOf: '2031-02-03', rows }, computedAt, {
      batchSize: 1,
      transactionRows: 2,
    });
    expect(written).toBe(4);
    const stored = await db.read((tx) =>
      tx.run(
        `MATCH (n:Entity) WHERE n.flagsComputedAt = datetime($computedAt)
         RETURN n.id AS key, n.sanctionedPercent AS sanctionedPercent, n.flagRule AS rule ORDER BY key`,
        { computedAt },
      ),
    );
    expect(stored.records.map((r) => toPlain(r.toObject()))).toEqual([
      { key: 'co-kestria-energy-group', sanctionedPercent: 2, rule: 'uk' },
      { key: 'fac-cheyenne-1', sanctionedPercent: 4, rule: 'uk' },
      { key: 'gov-kestria', sanctionedPercent: 1, rule: 'uk' },
    ]);
  });

  it('refuses an invalid option with exit code 2 before touching the database', () => {
    const run = lookthrough(['flags', '--rule', 'fatf']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/rule/);
  });

  it('says which Neo4j it could not reach, without a stack trace, when the database is down', () => {
    const run = lookthrough(['flags'], { uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/lookthrough flags: Neo4j at bolt:\/\/127\.0\.0\.1:1 is not reachable/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
