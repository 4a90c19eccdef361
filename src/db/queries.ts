/**
 * Saved Cypher, loaded by name: `cypher/queries/<name>.cypher` (one query per file, a header naming its params),
 * or `cypher/<name>.cypher` (e.g. `schema`). Queries are always run with parameters, never assembled from input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CypherFileNotFoundError } from './errors.ts';

export const CYPHER_DIR = fileURLToPath(new URL('../../cypher/', import.meta.url));

/** kebab-case names, optionally in sub-folders: no `..`, no absolute paths. */
const QUERY_NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

export type CypherLoader = (name: string) => string;

/** The path of a saved query file, for callers that read a script themselves (e.g. `schema`). */
export function cypherPath(name: string, cypherDir: string = CYPHER_DIR): string {
  const base = name.endsWith('.cypher') ? name.slice(0, -'.cypher'.length) : name;
  if (!QUERY_NAME.test(base)) throw new CypherFileNotFoundError(name, [`a kebab-case name under ${cypherDir}`]);
  const candidates = [join(cypherDir, 'queries', `${base}.cypher`), join(cypherDir, `${base}.cypher`)];
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) {
    throw new CypherFileNotFoundError(
      name,
      candidates.map((path) => relative(process.cwd(), path) || path),
    );
  }
  return found;
}

/** A loader over another folder (tests, tools); `loadCypher` is the one over the project's cypher/. */
export function createCypherLoader(cypherDir: string): CypherLoader {
  const cache = new Map<string, string>();
  return (name: string) => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const text = readFileSync(cypherPath(name, cypherDir), 'utf8');
    cache.set(name, text);
    return text;
  };
}

/** The text of a saved query, read once and cached. Throws CypherFileNotFoundError naming the files it tried. */
export const loadCypher: CypherLoader = createCypherLoader(CYPHER_DIR);
