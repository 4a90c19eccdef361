import { int, Neo4jError, Record } from 'neo4j-driver';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { Database, mapDriverError } from './database.ts';
import { DatabaseUnavailableError, QueryError } from './errors.ts';

function neo4jError(code: string, message = 'boom'): Neo4jError {
  return new Neo4jError(message, code, '50N42', 'error: general processing exception');
}

interface Call {
  sessionConfig: unknown;
  kind: 'read' | 'write';
  txConfig: unknown;
  query?: string;
  params?: unknown;
}

/** A stand-in driver that records what Database asks of it. */
function fakeDriver(behaviour: { records?: Record[]; fail?: Error } = {}) {
  const calls: Call[] = [];
  let closedSessions = 0;
  const driver = {
    session(sessionConfig: unknown) {
      const run = (kind: 'read' | 'write') => async (work: (tx: unknown) => Promise<unknown>, txConfig: unknown) => {
        const call: Call = { sessionConfig, kind, txConfig };
        calls.push(call);
        if (behaviour.fail) throw behaviour.fail;
        return work({
          run: (query: string, params: unknown) => {
            call.query = query;
            call.params = params;
            return Promise.resolve({ records: behaviour.records ?? [] });
          },
        });
      };
      return {
        executeRead: run('read'),
        executeWrite: run('write'),
        close: () => {
          closedSessions += 1;
          return Promise.resolve();
        },
      };
    },
  };
  return { driver: driver as unknown as Driver, calls, closedSessions: () => closedSessions };
}

describe('Database', () => {
  it('runs reads in executeRead with app metadata, and closes the session', async () => {
    const fake = fakeDriver();
    const db = new Database(fake.driver, { database: 'ownership', uri: 'bolt://x:7687' });
    await expect(db.read(() => Promise.resolve(7), { query: 'count' })).resolves.toBe(7);
    expect(fake.calls).toEqual([
      {
        sessionConfig: { defaultAccessMode: 'READ', database: 'ownership' },
        kind: 'read',
        txConfig: { metadata: { app: 'lookthrough', query: 'count' } },
      },
    ]);
    expect(fake.closedSessions()).toBe(1);
  });

  it('runs writes in executeWrite, with a timeout when asked', async () => {
    const fake = fakeDriver();
    const db = new Database(fake.driver, { defaultTimeoutMs: 5_000 });
    await db.write(() => Promise.resolve(), undefined, { timeoutMs: 1_000 });
    await db.write(() => Promise.resolve());
    expect(fake.calls.map((call) => [call.kind, call.sessionConfig, call.txConfig])).toEqual([
      ['write', { defaultAccessMode: 'WRITE' }, { metadata: { app: 'lookthrough' }, timeout: 1_000 }],
      ['write', { defaultAccessMode: 'WRITE' }, { metadata: { app: 'lookthrough' }, timeout: 5_000 }],
    ]);
  });

  it('accepts a database name as second argument', async () => {
    const fake = fakeDriver();
    await new Database(fake.driver, 'other').read(() => Promise.resolve());
    expect(fake.calls[0]?.sessionConfig).toEqual({ defaultAccessMode: 'READ', database: 'other' });
  });

  it('run() returns plain records', async () => {
    const fake = fakeDriver({ records: [new Record(['name', 'n'], ['Acme', int(3)])] });
    const db = new Database(fake.driver);
    await expect(db.run('MATCH (c) RETURN c.name AS name, 3 AS n', { id: 'x' }, { mode: 'WRITE' })).resolves.toEqual([
      { name: 'Acme', n: 3 },
    ]);
    expect(fake.calls[0]).toMatchObject({
      kind: 'write',
      query: 'MATCH (c) RETURN c.name AS name, 3 AS n',
      params: { id: 'x' },
    });
  });

  it('maps driver errors and still closes the session', async () => {
    const fake = fakeDriver({ fail: neo4jError('ServiceUnavailable', 'Could not perform discovery') });
    const db = new Database(fake.driver, { uri: 'bolt://db.example:7687' });
    const error = await db.read(() => Promise.resolve()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toContain('bolt://db.example:7687');
    expect(fake.closedSessions()).toBe(1);
  });

  it('passes the caller’s own errors through unchanged', async () => {
    const fake = fakeDriver();
    const mine = new Error('mine');
    await expect(new Database(fake.driver).write(() => Promise.reject(mine))).rejects.toBe(mine);
  });
});

describe('mapDriverError', () => {
  const uri = 'bolt://127.0.0.1:7687';

  it.each(['ServiceUnavailable', 'SessionExpired'])('%s -> DatabaseUnavailableError naming the URI', (code) => {
    const mapped = mapDriverError(neo4jError(code), uri);
    expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
    expect(mapped).toMatchObject({ uri, reason: 'unreachable' });
    expect((mapped as Error).message).toMatch(/bolt:\/\/127\.0\.0\.1:7687 is not reachable/);
  });

  it('bad credentials -> DatabaseUnavailableError telling which variables to check', () => {
    const mapped = mapDriverError(neo4jError('Neo.ClientError.Security.Unauthorized'), uri);
    expect(mapped).toMatchObject({ reason: 'unauthorized' });
    expect((mapped as Error).message).toMatch(/NEO4J_USER and NEO4J_PASSWORD/);
  });

  it('client errors -> QueryError with the Neo4j code', () => {
    const mapped = mapDriverError(
      neo4jError('Neo.ClientError.Statement.SyntaxError', 'Invalid input \'RETRUN\'\n"RETRUN 1"\n ^'),
      uri,
    );
    expect(mapped).toBeInstanceOf(QueryError);
    expect(mapped).toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError', gqlStatus: '50N42' });
    expect((mapped as Error).message).toBe("Invalid input 'RETRUN' [Neo.ClientError.Statement.SyntaxError]");
  });

  it('leaves errors that are not Neo4j errors alone', () => {
    const error = new TypeError('x');
    expect(mapDriverError(error, uri)).toBe(error);
  });
});
