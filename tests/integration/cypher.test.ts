/**
 * POST /api/cypher: read-only ad-hoc Cypher. Every refusal is a 403 that says why, and a probe proves that nothing
 * changed: the probe node keeps its properties and labels, no node of the test's own label appears, no user and no
 * label is created. Data is isolated per run with a unique label and id (others test against the same Neo4j).
 */
import type { FastifyInstance } from 'fastify';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { runReadQuery } from '../../src/db/read-only.ts';
import type { OwnershipSnapshot } from '../../src/domain/snapshot.ts';
import { buildServer } from '../../src/server/app.ts';
import { fixtureDatabase, uniqueId } from './helpers.ts';

const label = uniqueId('Probe');
const probeId = uniqueId('probe');
const user = uniqueId('eve').toLowerCase();
let db: Database;
let app: FastifyInstance;

interface ProbeState {
  probe: { name: unknown; changed: unknown; labels: unknown } | null;
  newNodes: number;
  labelExists: boolean;
  userExists: boolean;
}

async function probeState(): Promise<ProbeState> {
  const [probe] = await db.run<{ name: unknown; changed: unknown; labels: unknown }>(
    `MATCH (n:${label} {id: $id}) RETURN n.name AS name, n.changed AS changed, labels(n) AS labels`,
    { id: probeId },
  );
  const [created] = await db.run<{ n: number }>(`MATCH (n:${label}) WHERE n.id <> $id RETURN count(n) AS n`, {
    id: probeId,
  });
  const labels = await db.run<{ label: string }>('CALL db.labels() YIELD label RETURN label');
  const users = await db.run<{ user: string }>('SHOW USERS YIELD user RETURN user').catch(() => []);
  return {
    probe: probe ?? null,
    newNodes: created?.n ?? -1,
    labelExists: labels.some((row) => row.label === `${label}_New`),
    userExists: users.some((row) => row.user === user),
  };
}

async function cypher(query: string, params: Record<string, unknown> = {}, server = app) {
  const response = await server.inject({ method: 'POST', url: '/api/cypher', payload: { query, params } });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

beforeAll(async () => {
  db = await fixtureDatabase();
  await db.write((tx) => tx.run(`CREATE (:${label} {id: $id, name: 'probe'})`, { id: probeId }));
  app = await buildServer({ db });
});

afterAll(async () => {
  await db?.write((tx) => tx.run(`MATCH (n:${label}) DETACH DELETE n`));
  await app?.close();
  await db?.close();
});

describe('POST /api/cypher refuses anything that is not a read, with 403 and a reason, and changes nothing', () => {
  const N = `n:${label} {id: '${probeId}'}`;
  const refusals: [string, string, RegExp][] = [
    ['CREATE', `CREATE (:${label} {id: 'new'}) RETURN 1`, /writes data/],
    ['MERGE', `MERGE (m:${label} {id: 'new'}) RETURN m`, /writes data/],
    ['SET', `MATCH (${N}) SET n.changed = true RETURN n`, /writes data/],
    ['SET a label', `MATCH (${N}) SET n:${label}_New RETURN n`, /writes data/],
    ['REMOVE', `MATCH (${N}) REMOVE n.name RETURN n`, /writes data/],
    ['DELETE', `MATCH (${N}) DELETE n`, /writes data/],
    ['DETACH DELETE', `MATCH (${N}) DETACH DELETE n`, /writes data/],
    ['a write after WITH', `MATCH (${N}) WITH n, 1 AS one SET n.changed = one RETURN n`, /writes data/],
    ['a write in a CALL subquery', `CALL { CREATE (m:${label} {id: 'new'}) RETURN m } RETURN m`, /writes data/],
    ['a write in a scoped CALL subquery', `MATCH (${N}) CALL (n) { SET n.changed = true } RETURN n`, /writes data/],
    [
      'CALL IN TRANSACTIONS',
      `MATCH (${N}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1`,
      /writes data|refused/,
    ],
    ['FOREACH', `FOREACH (i IN [1] | CREATE (:${label} {id: 'new'}))`, /writes data/],
    ['a schema change', `CREATE INDEX ${label}_idx IF NOT EXISTS FOR (n:${label}) ON (n.id)`, /schema|administ/],
    ['CALL db.createLabel', `CALL db.createLabel('${label}_New')`, /db\.createLabel is refused/],
    [
      'apoc.create.node',
      `CALL apoc.create.node(['${label}'], {id: 'new'}) YIELD node RETURN node`,
      /apoc\.create\.node/,
    ],
    [
      'apoc.periodic.iterate',
      `CALL apoc.periodic.iterate('MATCH (${N}) RETURN n', 'DETACH DELETE n', {})`,
      /apoc\.periodic\.iterate/,
    ],
    ['apoc.cypher.doIt', `CALL apoc.cypher.doIt('CREATE (:${label})', {})`, /apoc\.cypher\.doIt/],
    ['LOAD CSV from a file', "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", /LOAD CSV/],
    ['LOAD CSV from a URL', "LOAD CSV WITH HEADERS FROM 'https://example.com/x.csv' AS row RETURN row", /LOAD CSV/],
    ['LOAD CSV from a parameter', 'LOAD CSV FROM $url AS line RETURN line', /LOAD CSV/],
    ['apoc.load.json', "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value", /apoc\.load\.json/],
    ['CREATE USER', `CREATE USER ${user} SET PASSWORD 'a-long-password-1234'`, /administration/],
    ['ALTER USER', "ALTER USER neo4j SET PASSWORD 'a-long-password-1234'", /ALTER/],
    ['DROP USER', `DROP USER ${user}`, /administration/],
    ['SHOW USERS', 'SHOW USERS', /administration/],
    ['GRANT', `GRANT ROLE admin TO ${user}`, /GRANT/],
    ['CREATE DATABASE', 'CREATE DATABASE other', /administration/],
    ['DROP DATABASE', 'DROP DATABASE neo4j', /administration/],
    ['CALL dbms.setConfigValue', "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", /dbms/],
    ['CALL dbms.security.createUser', `CALL dbms.security.createUser('${user}', 'x', false)`, /dbms/],
    ['CALL dbms.killQuery', "CALL dbms.killQuery('query-1')", /dbms/],
    ['TERMINATE TRANSACTIONS', "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", /administration/],
    ['SHOW TRANSACTIONS', 'SHOW TRANSACTIONS', /administration/],
    ['USE another database', 'USE system MATCH (n) RETURN n', /USE/],
  ];

  it.each(refusals)('%s', async (_name, query, reason) => {
    const before = await probeState();
    const { status, body } = await cypher(query, { url: 'file:///etc/passwd' });
    expect(status, JSON.stringify(body)).toBe(403);
    expect(body).toEqual({ error: { code: 'QUERY_REFUSED', message: expect.stringMatching(reason) as string } });
    const after = await probeState();
    expect(after).toEqual(before);
    expect(after.probe).toEqual({ name: 'probe', changed: null, labels: [label] });
    expect(after).toMatchObject({ newNodes: 0, labelExists: false, userExists: false });
  });

  it('hides a write in a comment-and-string disguise no better: the plan still says "w"', async () => {
    const { status } = await cypher(`// LOAD
MATCH (${N}) WITH n, '//' AS x SET n.changed = x RETURN n`);
    expect(status).toBe(403);
    expect((await probeState()).probe).toEqual({ name: 'probe', changed: null, labels: [label] });
  });

  it('the READ transaction refuses a write even if the checks were bypassed', async () => {
    const error = await runReadQuery(db, `CREATE (:${label} {id: 'bypass'})`, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/read|access mode|not allowed/i);
    expect((await probeState()).newNodes).toBe(0);
  });
});

describe('POST /api/cypher answers reads', () => {
  it('returns columns, plain rows and the graph of the nodes and relationships in the result', async () => {
    const { status, body } = await cypher(
      'MATCH path = (:Entity {id: $id})<-[:OWNS*1..2]-(:Entity) RETURN path, length(path) AS hops ORDER BY hops',
      { id: 'fac-cheyenne-1' },
    );
    expect(status).toBe(200);
    expect(body.columns).toEqual(['path', 'hops']);
    expect(body.truncated).toBe(false);
    const graph = body.graph as OwnershipSnapshot;
    expect(graph.nodes.map((n) => n.key)).toEqual(
      expect.arrayContaining(['fac-cheyenne-1', 'co-prairie-digital', 'co-lotus-bay-holdings']),
    );
    const edge = graph.edges.find((e) => e.key === 'own:co-lotus-bay-holdings->co-prairie-digital');
    expect(edge).toMatchObject({ source: 'co-lotus-bay-holdings', target: 'co-prairie-digital' });
    expect(edge?.attributes).toMatchObject({ kind: 'OWNS', percent: 90 });
  });

  it('brings listings into the graph nodes and resolves the ends of relationships returned alone', async () => {
    const { body } = await cypher("MATCH (:Entity {id: 'co-taiga-mining-group'})-[r:OWNS]->() RETURN r");
    const graph = body.graph as OwnershipSnapshot;
    const group = graph.nodes.find((n) => n.key === 'co-taiga-mining-group');
    expect(group?.attributes.sanctions?.[0]).toMatchObject({ authority: 'OFAC', program: 'RUSSIA-EO14024' });
    expect(graph.edges.length).toBeGreaterThan(0);
  });

  it('sends whole numbers as integers, so LIMIT $n works', async () => {
    const { status, body } = await cypher('MATCH (f:Facility) RETURN f.id AS id ORDER BY id LIMIT $n', { n: 2 });
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(2);
  });

  it.each([
    'CALL db.labels() YIELD label RETURN label',
    'SHOW INDEXES YIELD name RETURN name',
    "CALL db.index.fulltext.queryNodes('entity_search', 'Taiga') YIELD node RETURN node.id AS id LIMIT 3",
    'CALL db.schema.visualization()',
  ])('allows the schema read %s', async (query) => {
    const { status, body } = await cypher(query);
    expect(status, JSON.stringify(body)).toBe(200);
  });

  it('reports truncated: true at the node cap, never a silent cut', async () => {
    const small = await buildServer({ db, maxNodes: 3 });
    try {
      const { body } = await cypher('MATCH (f:Facility) RETURN f ORDER BY f.id', {}, small);
      expect(body.truncated).toBe(true);
      expect(body.rows).toHaveLength(3);
      expect((body.graph as OwnershipSnapshot).nodes).toHaveLength(3);
    } finally {
      await small.close();
    }
  });

  it('reports truncated: true at the row cap', async () => {
    const small = await buildServer({ db, maxRows: 5 });
    try {
      const { body } = await cypher('UNWIND range(1, 100) AS i RETURN i', {}, small);
      expect(body).toMatchObject({ truncated: true });
      expect(body.rows).toHaveLength(5);
    } finally {
      await small.close();
    }
  });

  it('stops a query at the time limit with 504', async () => {
    const quick = await buildServer({ db, queryTimeoutMs: 200 });
    try {
      const { status, body } = await cypher(
        'UNWIND range(1, 1000000000) AS i WITH i WHERE i % 7 = 3 RETURN count(i) AS n',
        {},
        quick,
      );
      expect(status).toBe(504);
      expect(body).toMatchObject({ error: { code: 'QUERY_TIMEOUT' } });
    } finally {
      await quick.close();
    }
  });

  it('answers 429 beyond the number of ad-hoc queries allowed at once', async () => {
    const single = await buildServer({ db, maxConcurrentQueries: 1 });
    try {
      const slow = 'UNWIND range(1, 5000000) AS i WITH i WHERE i % 7 = 3 RETURN count(i) AS n';
      const [first, second] = await Promise.all([cypher(slow, {}, single), cypher('RETURN 1 AS one', {}, single)]);
      expect(first.status).toBe(200);
      expect(second).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_QUERIES' } } });
      expect((await cypher('RETURN 1 AS one', {}, single)).status).toBe(200); // the slot is free again
    } finally {
      await single.close();
    }
  });

  it('answers 400 in the error shape for a syntax error, an empty body, EXPLAIN and two statements', async () => {
    expect(await cypher('RETRUN 1')).toMatchObject({ status: 400, body: { error: { code: 'CYPHER_ERROR' } } });
    expect(await cypher('EXPLAIN MATCH (n) RETURN n')).toMatchObject({ status: 400 });
    expect(await cypher('RETURN 1; RETURN 2')).toMatchObject({ status: 400 });
    const empty = await app.inject({ method: 'POST', url: '/api/cypher', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { code: 'INVALID_PARAMETER' } });
  });

  it('refuses a body over the size limit with 413 in the error shape', async () => {
    const tight = await buildServer({ db, bodyLimit: 1024 });
    try {
      const response = await tight.inject({
        method: 'POST',
        url: '/api/cypher',
        payload: { query: `RETURN '${'x'.repeat(5000)}'` },
      });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({
        error: { code: expect.any(String) as string, message: expect.any(String) as string },
      });
    } finally {
      await tight.close();
    }
  });
});

describe('with Neo4j unreachable', () => {
  it('answers 503 with the reason, in the error shape', async () => {
    const { user: dbUser, password } = inject('neo4j');
    const driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic(dbUser, password), {
      connectionTimeout: 1_000,
      maxTransactionRetryTime: 500,
    });
    const down = new Database(driver, { uri: 'bolt://127.0.0.1:1' });
    const server = await buildServer({ db: down });
    try {
      for (const request of [
        { method: 'POST' as const, url: '/api/cypher', payload: { query: 'RETURN 1' } },
        { method: 'POST' as const, url: '/api/queries/ultimate-owners/run', payload: {} },
        { method: 'GET' as const, url: '/api/facilities' },
      ]) {
        const response = await server.inject(request);
        expect(response.statusCode, request.url).toBe(503);
        expect(response.json()).toEqual({
          error: {
            code: 'NEO4J_UNAVAILABLE',
            message: expect.stringMatching(/bolt:\/\/127\.0\.0\.1:1 is not reachable/) as string,
          },
        });
      }
    } finally {
      await server.close();
      await down.close();
    }
  });
});
