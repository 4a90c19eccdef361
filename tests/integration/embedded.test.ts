import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectNeo4j } from '../../src/db/connect.ts';
import { ensureEmbeddedNeo4j, embeddedNeo4jStatus } from '../../src/db/embedded.ts';
import type { Database } from '../../src/db/database.ts';
import { QueryError } from '../../src/db/errors.ts';
import { testDatabase, uniqueId } from './helpers.ts';

describe('the Neo4j the tests run against', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('answers RETURN 1', async () => {
    await expect(db.run('RETURN 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('is Neo4j 5.26', async () => {
    const info = await db.serverInfo();
    expect(info.version).toMatch(/^5\.26\./);
    expect(info.address).toMatch(/:\d+$/);
  });

  it('writes and reads back in managed transactions, with plain results', async () => {
    const id = uniqueId('company');
    await db.write((tx) =>
      tx.run('MERGE (c:Company {id: $id}) SET c.name = $name, c.founded = 1999', { id, name: 'Acme' }),
    );
    const rows = await db.run<{ c: { key: string; labels: string[]; attributes: Record<string, unknown> } }>(
      'MATCH (c:Company {id: $id}) RETURN c',
      { id },
    );
    expect(rows).toEqual([{ c: { key: id, labels: ['Company'], attributes: { id, name: 'Acme', founded: 1999 } } }]);
    await db.write((tx) => tx.run('MATCH (c:Company {id: $id}) DETACH DELETE c', { id }));
  });

  it('has the built-in procedures, full-text indexes and spatial functions', async () => {
    const procedures = await db.run<{ name: string }>(
      "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'db.index.fulltext' RETURN name",
    );
    expect(procedures.map((row) => row.name)).toContain('db.index.fulltext.queryNodes');
    const [row] = await db.run<{ km: number; here: unknown }>(
      'WITH point({longitude: 2.35, latitude: 48.85}) AS paris, point({longitude: -0.13, latitude: 51.51}) AS london ' +
        'RETURN round(point.distance(paris, london) / 1000) AS km, paris AS here',
    );
    expect(row?.km).toBeGreaterThan(330);
    expect(row?.km).toBeLessThan(350);
    expect(row?.here).toEqual({ srid: 4326, x: 2.35, y: 48.85 });
  });

  it('maps a syntax error to QueryError with the Neo4j code', async () => {
    const error = await db.run('RETRUN 1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError' });
  });

  it('tags transactions with the app name', async () => {
    const tag = uniqueId('meta');
    const rows = await db.read(
      async (tx) => {
        const result = await tx.run('SHOW TRANSACTIONS YIELD metaData WHERE metaData.test = $tag RETURN metaData', {
          tag,
        });
        return result.records.map((record) => record.get('metaData') as Record<string, unknown>);
      },
      { test: tag },
    );
    expect(rows).toEqual([{ app: 'lookthrough', test: tag }]);
  });
});

describe('connectNeo4j', () => {
  it('finds the test Neo4j through the environment the setup exported', async () => {
    const connection = await connectNeo4j({ log: () => {} });
    try {
      expect(connection.uri).toBe(inject('neo4j').uri);
      expect(connection.embedded).toBeUndefined();
      await expect(connection.db.run('RETURN 2 AS two')).resolves.toEqual([{ two: 2 }]);
    } finally {
      await connection.close();
    }
  });
});

describe('the embedded default', () => {
  it('is reused by a second start while it runs', async (context) => {
    const provided = inject('neo4j');
    const status = await embeddedNeo4jStatus();
    if (!status.running || status.state.uri !== provided.uri) {
      // NEO4J_URI named another Neo4j: the embedded default is not the one under test here.
      context.skip();
    }
    const second = await ensureEmbeddedNeo4j({ port: status.running ? status.state.port : undefined, log: () => {} });
    expect(second).toMatchObject({ reused: true, uri: provided.uri, password: provided.password });
    expect(second.version).toMatch(/^5\.26\./);
    await second.stop(); // a reused instance is not ours to stop
    await expect(embeddedNeo4jStatus()).resolves.toMatchObject({ running: true });
  });
});
