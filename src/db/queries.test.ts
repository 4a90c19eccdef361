import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CypherFileNotFoundError } from './errors.ts';
import { createCypherLoader, cypherPath } from './queries.ts';
import { tempDir } from '../../tests/setup/temp-dir.ts';

const dir = tempDir('lookthrough-cypher-');
mkdirSync(join(dir, 'queries'));
mkdirSync(join(dir, 'app'));
writeFileSync(join(dir, 'queries', 'trace-owners.cypher'), '// params: $key\nMATCH (n {id: $key}) RETURN n\n');
writeFileSync(join(dir, 'schema.cypher'), 'CREATE INDEX x IF NOT EXISTS FOR (n:Company) ON (n.id);\n');
writeFileSync(join(dir, 'app', 'count-entities.cypher'), 'MATCH (n) RETURN count(n) AS entities\n');

describe('createCypherLoader', () => {
  it('reads cypher/queries/<name>.cypher first', () => {
    expect(createCypherLoader(dir)('trace-owners')).toContain('MATCH (n {id: $key})');
  });

  it('falls back to cypher/<name>.cypher, also in sub-folders', () => {
    const load = createCypherLoader(dir);
    expect(load('schema')).toContain('CREATE INDEX');
    expect(load('app/count-entities')).toContain('count(n)');
  });

  it('accepts the name with its .cypher extension', () => {
    expect(createCypherLoader(dir)('trace-owners.cypher')).toContain('RETURN n');
  });

  it('caches what it read', () => {
    const load = createCypherLoader(dir);
    const path = join(dir, 'queries', 'cached.cypher');
    writeFileSync(path, 'RETURN 1');
    expect(load('cached')).toBe('RETURN 1');
    writeFileSync(path, 'RETURN 2');
    expect(load('cached')).toBe('RETURN 1');
  });

  it('names the files it tried when a query is missing', () => {
    const load = createCypherLoader(dir);
    expect(() => load('no-such-query')).toThrow(CypherFileNotFoundError);
    expect(() => load('no-such-query')).toThrow(/queries\/no-such-query\.cypher or .*no-such-query\.cypher/);
  });

  it.each(['../secret', '/etc/passwd', 'a/../../b', ''])('refuses the path-like name %j', (name) => {
    expect(() => createCypherLoader(dir)(name)).toThrow(CypherFileNotFoundError);
  });
});

describe('cypherPath', () => {
  it('resolves the file a name stands for', () => {
    expect(cypherPath('schema', dir)).toBe(join(dir, 'schema.cypher'));
  });
});
