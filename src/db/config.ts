/**
 * Where Neo4j is. NEO4J_URI names an existing Neo4j; without it the project starts its own embedded default
 * (see embedded.ts) on 127.0.0.1:NEO4J_BOLT_PORT.
 */
import { totalmem } from 'node:os';

export interface Neo4jConfig {
  /** From NEO4J_URI; absent means "use the embedded default". */
  uri?: string;
  /** NEO4J_USER, default `neo4j`. */
  user: string;
  /** NEO4J_PASSWORD, default empty (the embedded default brings its own). */
  password: string;
  /** NEO4J_DATABASE; absent means the server's default database. */
  database?: string;
  /** NEO4J_BOLT_PORT, default 7687: the port of the embedded default. */
  boltPort: number;
}

export const DEFAULT_BOLT_PORT = 7687;

/** Reads the NEO4J_* variables. Throws on a NEO4J_BOLT_PORT that is not a port number. */
export function neo4jConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConfig {
  const config: Neo4jConfig = {
    user: nonEmpty(env.NEO4J_USER) ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
    boltPort: parsePort(env.NEO4J_BOLT_PORT),
  };
  const uri = nonEmpty(env.NEO4J_URI);
  if (uri !== undefined) config.uri = uri;
  const database = nonEmpty(env.NEO4J_DATABASE);
  if (database !== undefined) config.database = database;
  return config;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  const text = nonEmpty(value);
  if (text === undefined) return DEFAULT_BOLT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`NEO4J_BOLT_PORT must be a port number between 1 and 65535, not "${text}".`);
  }
  return port;
}

/** Heap and page cache of the embedded Neo4j, as the JVM and Neo4j read them (`1g`, `1536m`). */
export interface EmbeddedMemory {
  heap: string;
  pageCache: string;
}

const GIB = 2 ** 30;
const MIB = 2 ** 20;

/**
 * Sizes the embedded Neo4j from the machine: heap and page cache each an eighth of its memory, between 1 GiB and
 * 4 GiB (a quarter of the machine at most, the rest for Node, the browser and the system).
 * LOOKTHROUGH_NEO4J_HEAP and LOOKTHROUGH_NEO4J_PAGECACHE override either (`2g`, `1536m`); anything else is refused with
 * an error that names the variable.
 */
export function embeddedMemoryFromEnv(env: NodeJS.ProcessEnv = process.env, totalBytes = totalmem()): EmbeddedMemory {
  const share = Math.min(4 * GIB, Math.max(1 * GIB, totalBytes / 8));
  // Whole mebibytes: both the JVM's -Xmx and Neo4j's page cache setting read `<n>m`.
  const fallback = `${Math.floor(share / MIB)}m`;
  return {
    heap: parseSize('LOOKTHROUGH_NEO4J_HEAP', env.LOOKTHROUGH_NEO4J_HEAP) ?? fallback,
    pageCache: parseSize('LOOKTHROUGH_NEO4J_PAGECACHE', env.LOOKTHROUGH_NEO4J_PAGECACHE) ?? fallback,
  };
}

function parseSize(name: string, value: string | undefined): string | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  const m = /^(\d+)([mg])$/i.exec(text);
  // Below 256 MiB the embedded Neo4j does not start reliably (its own structures take about that).
  if (!m || Number(m[1]) * (m[2]!.toLowerCase() === 'g' ? 1024 : 1) < 256) {
    throw new Error(`${name} must be a size of at least 256m, written like 2g or 1536m, not "${text}".`);
  }
  return `${m[1]}${m[2]!.toLowerCase()}`;
}
