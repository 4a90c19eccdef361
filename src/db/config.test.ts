import { describe, expect, it } from 'vitest';
import { embeddedMemoryFromEnv, neo4jConfigFromEnv } from './config.ts';

describe('neo4jConfigFromEnv', () => {
  const cases: { name: string; env: NodeJS.ProcessEnv; expected: ReturnType<typeof neo4jConfigFromEnv> }[] = [
    {
      name: 'nothing set: embedded default on 7687, user neo4j',
      env: {},
      expected: { user: 'neo4j', password: '', boltPort: 7687 },
    },
    {
      name: 'an external Neo4j',
      env: {
        NEO4J_URI: 'neo4j://db.example:7687',
        NEO4J_USER: 'reader',
        NEO4J_PASSWORD: 's3cret',
        NEO4J_DATABASE: 'ownership',
      },
      expected: {
        uri: 'neo4j://db.example:7687',
        user: 'reader',
        password: 's3cret',
        database: 'ownership',
        boltPort: 7687,
      },
    },
    {
      name: 'another port for the embedded default',
      env: { NEO4J_BOLT_PORT: '7688' },
      expected: { user: 'neo4j', password: '', boltPort: 7688 },
    },
    {
      name: 'empty and blank values count as unset',
      env: { NEO4J_URI: '', NEO4J_USER: '  ', NEO4J_DATABASE: '', NEO4J_BOLT_PORT: '' },
      expected: { user: 'neo4j', password: '', boltPort: 7687 },
    },
    {
      name: 'values are trimmed, the password is kept as given',
      env: { NEO4J_URI: ' bolt://127.0.0.1:7999 ', NEO4J_PASSWORD: ' pass ', NEO4J_BOLT_PORT: ' 7999 ' },
      expected: { uri: 'bolt://127.0.0.1:7999', user: 'neo4j', password: ' pass ', boltPort: 7999 },
    },
  ];

  it.each(cases)('$name', ({ env, expected }) => {
    expect(neo4jConfigFromEnv(env)).toEqual(expected);
  });

  it.each(['0', '65536', 'abc', '7687.5', '-1'])('rejects NEO4J_BOLT_PORT=%s with a message naming it', (value) => {
    expect(() => neo4jConfigFromEnv({ NEO4J_BOLT_PORT: value })).toThrow(/NEO4J_BOLT_PORT/);
  });

  it('reads process.env by default', () => {
    const saved = process.env.NEO4J_USER;
    process.env.NEO4J_USER = 'from-process-env';
    try {
      expect(neo4jConfigFromEnv().user).toBe('from-process-env');
    } finally {
      if (saved === undefined) delete process.env.NEO4J_USER;
      else process.env.NEO4J_USER = saved;
    }
  });
});

describe('embeddedMemoryFromEnv', () => {
  const GIB = 2 ** 30;
  it('gives heap and page cache an eighth of the machine each, between 1 and 4 GiB', () => {
    expect(embeddedMemoryFromEnv({}, 23.5 * GIB)).toEqual({ heap: '3008m', pageCache: '3008m' });
    expect(embeddedMemoryFromEnv({}, 4 * GIB)).toEqual({ heap: '1024m', pageCache: '1024m' });
    expect(embeddedMemoryFromEnv({}, 64 * GIB)).toEqual({ heap: '4096m', pageCache: '4096m' });
  });

  it('takes LOOKTHROUGH_NEO4J_HEAP and LOOKTHROUGH_NEO4J_PAGECACHE as they are written', () => {
    expect(
      embeddedMemoryFromEnv({ LOOKTHROUGH_NEO4J_HEAP: '2G', LOOKTHROUGH_NEO4J_PAGECACHE: ' 1536m ' }, 8 * GIB),
    ).toEqual({ heap: '2g', pageCache: '1536m' });
    expect(embeddedMemoryFromEnv({ LOOKTHROUGH_NEO4J_HEAP: '' }, 8 * GIB).heap).toBe('1024m');
  });

  it('refuses a size it cannot read or too small, naming the variable', () => {
    expect(() => embeddedMemoryFromEnv({ LOOKTHROUGH_NEO4J_HEAP: '2 GB' })).toThrow(
      'LOOKTHROUGH_NEO4J_HEAP must be a size of at least 256m, written like 2g or 1536m, not "2 GB".',
    );
    expect(() => embeddedMemoryFromEnv({ LOOKTHROUGH_NEO4J_PAGECACHE: '100m' })).toThrow(
      /^LOOKTHROUGH_NEO4J_PAGECACHE/,
    );
  });
});
