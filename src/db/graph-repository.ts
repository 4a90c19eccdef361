/**
 * Reads and writes the ownership graph as snapshots. The only place that knows how a snapshot maps onto
 * Neo4j (with snapshot-mapping.ts); callers get plain OwnershipSnapshot data.
 */
import { readFileSync } from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import type { AnalysisResult, EntityAnalysis } from '../domain/analysis/types.ts';
import { byKey, type OwnershipSnapshot, type SnapshotEdge, type SnapshotNode } from '../domain/snapshot.ts';
import type { Database } from './database.ts';
import { loadCypher, cypherPath } from './queries.ts';
import { toPlain } from './serialize.ts';
import { edgeFromRow, entityFromRow } from './snapshot-mapping.ts';
import { chunks, writeRows } from './write-rows.ts';

/** Splits a Cypher script into statements: `;` at the end of a line ends one; `//` comment lines are dropped. */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of script.split('\n')) {
    if (/^\s*\/\//.test(line)) continue;
    current.push(line);
    if (/;\s*$/.test(line)) {
      const statement = current.join('\n').trim().replace(/;$/, '').trim();
      if (statement) statements.push(statement);
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) statements.push(rest);
  return statements;
}

/** Applies cypher/schema.cypher. Idempotent: every statement says IF NOT EXISTS. Waits for indexes to be online. */
export async function applySchema(db: Database): Promise<number> {
  const statements = splitStatements(readFileSync(cypherPath('schema'), 'utf8'));
  // Schema commands cannot share a transaction with each other or with data writes: one transaction each.
  for (const statement of statements) await db.write((tx) => tx.run(statement));
  await db.write((tx) => tx.run('CALL db.awaitIndexes(300)'));
  return statements.length;
}

export async function countEntities(db: Database): Promise<number> {
  const result = await db.read((tx) => tx.run(loadCypher('app/count-entities')));
  return Number(toPlain(result.records[0]?.get('entities')) ?? 0);
}

export interface WriteSummary {
  nodes: number;
  relationships: number;
  listings: number;
}

/**
 * Writes snapshot rows inside one transaction (the caller's) with the import's writer (write-rows.ts): nodes and
 * their listings (replacing the stored ones), then relationships. MERGE on stable ids makes it idempotent; an edge
 * without a key gets `source->target#index`.
 */
export async function writeSnapshotRows(
  tx: ManagedTransaction,
  nodes: SnapshotNode[],
  edges: SnapshotEdge[],
  batchSize = 5000,
): Promise<WriteSummary> {
  const keyed = edges.map((edge, index) =>
    edge.key ? edge : { ...edge, key: `${edge.source}->${edge.target}#${index}` },
  );
  const part = { createNodes: [], mergeNodes: nodes, createEdges: [], mergeEdges: keyed };
  await writeRows(tx, part, { batchSize, elementIds: new Map(), replaceListings: true });
  return {
    nodes: nodes.length,
    relationships: edges.length,
    listings: nodes.reduce((n, node) => n + (node.attributes.sanctions?.length ?? 0), 0),
  };
}

/** Loads a whole snapshot in one write transaction: all of it or nothing. */
export async function importSnapshot(db: Database, snapshot: OwnershipSnapshot): Promise<WriteSummary> {
  return db.write((tx) => writeSnapshotRows(tx, snapshot.nodes, snapshot.edges), { action: 'import-snapshot' });
}

export interface FacilitySummary {
  key: string;
  name: string;
  country?: string;
  lat?: number;
  lon?: number;
  powerMw?: number;
  hashratePhs?: number;
  operators: string[];
}

export async function listFacilities(db: Database): Promise<FacilitySummary[]> {
  const result = await db.read((tx) => tx.run(loadCypher('app/list-facilities')));
  return result.records.map((record) => {
    const row = toPlain(record.toObject()) as Record<string, unknown>;
    const summary: FacilitySummary = { key: String(row.key), name: String(row.name), operators: [] };
    if (typeof row.country === 'string') summary.country = row.country;
    for (const field of ['lat', 'lon', 'powerMw', 'hashratePhs'] as const) {
      if (typeof row[field] === 'number') summary[field] = row[field];
    }
    if (Array.isArray(row.operators)) summary.operators = row.operators.map(String);
    return summary;
  });
}

/**
 * Entities with their listings, by key (the id, or the element id of an entity without one), as snapshot nodes
 * (unknown keys are left out).
 */
export async function fetchEntities(tx: ManagedTransaction, ids: string[]): Promise<SnapshotNode[]> {
  if (ids.length === 0) return [];
  const result = await tx.run(loadCypher('app/entities-by-id'), { ids });
  return result.records.map((record) => entityFromRow(record.get('row') as unknown[]));
}

export interface UpstreamOptions {
  /** How many levels to climb at most (default 25). */
  maxDepth?: number;
  /** Sensitive sites within this radius of a facility in the subgraph are included (default 160.9 km = 100 miles). */
  siteRadiusKm?: number;
  /** Cap on the number of entities returned (default 10,000); when reached, `attributes.truncated` is true. */
  maxNodes?: number;
}

interface UpstreamRow {
  /** [distance, ...entity row] */
  nodes: unknown[][];
  edges: unknown[][];
  /** [keys of the entities it is near, ...entity row] */
  sites: unknown[][];
  capped: boolean;
}

/**
 * The upstream ownership subgraph of an entity: everything that owns, controls or operates it, directly or
 * through any chain of at most `maxDepth` relationships, found breadth-first in one query (each node visited
 * once, so diamonds and cycles cost nothing extra, unlike path enumeration), with the relationships into every
 * entity closer than `maxDepth`. When more than `maxNodes` entities are found, the nearest are kept and
 * `truncated` is true; it is also true when entities lie at exactly `maxDepth` (their holders were not looked
 * for). `depth` is the number of levels searched. Nearby sensitive sites are added so that the engine can judge
 * proximity from the snapshot alone.
 */
export async function upstreamSubgraph(
  db: Database,
  rootKey: string,
  options: UpstreamOptions = {},
): Promise<OwnershipSnapshot | null> {
  const maxDepth = options.maxDepth ?? 25;
  const maxNodes = options.maxNodes ?? 10_000;
  const siteRadiusKm = options.siteRadiusKm ?? 160.9344;
  if (!Number.isInteger(maxDepth) || maxDepth < 1)
    throw new RangeError(`maxDepth must be a positive integer, not ${maxDepth}`);
  if (!Number.isInteger(maxNodes) || maxNodes < 1)
    throw new RangeError(`maxNodes must be a positive integer, not ${maxNodes}`);
  const result = await db.read((tx) =>
    tx.run(loadCypher('app/upstream-subgraph'), { id: rootKey, maxDepth, maxNodes, radiusKm: siteRadiusKm }),
  );
  const record = result.records[0];
  if (!record) return null;
  const row = toPlain(record.toObject()) as UpstreamRow;
  const nodes = row.nodes.map((n) => entityFromRow(n.slice(1)));
  const seen = new Set(nodes.map((n) => n.key));
  const farthest = Math.max(...row.nodes.map((n) => Number(n[0])));
  const edges = new Map<string, SnapshotEdge>();
  for (const r of row.edges) {
    const edge = edgeFromRow(r);
    // Capped: a holder beyond the cap is left out, and so are its relationships.
    if (seen.has(edge.source)) edges.set(edge.key!, edge);
  }
  const facilities = new Set(
    nodes
      .filter(
        (n) => n.attributes.kind === 'Facility' && n.attributes.lat !== undefined && n.attributes.lon !== undefined,
      )
      .map((n) => n.key),
  );
  for (const site of row.sites) {
    const near = site[0] as string[];
    const node = entityFromRow(site.slice(1));
    if (near.some((key) => facilities.has(key)) && !seen.has(node.key)) nodes.push(node);
  }
  nodes.sort(byKey);
  return {
    attributes: {
      root: rootKey,
      depth: Math.min(maxDepth, farthest + 1),
      truncated: row.capped || farthest === maxDepth,
      maxNodes,
    },
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes,
    edges: [...edges.values()].sort(byKey),
  };
}

/** What `flags --write` stores on one entity. */
export interface FlagRow {
  key: string;
  flags: string[];
  sanctionedPercent: number;
  maxStatePercent: number;
  stateControlledBy: string[];
}

/** The stored figures of one analysis. */
export function flagRow(e: EntityAnalysis): FlagRow {
  return {
    key: e.key,
    flags: e.flags,
    sanctionedPercent: e.sanctionedPercent,
    maxStatePercent: Math.max(0, ...Object.values(e.statePercent)),
    stateControlledBy: e.stateControlledBy,
  };
}

/**
 * Stores flags and figures of an analysis on the entities, in statements of `batchSize` rows and transactions of
 * at most `transactionRows`. Not one transaction for the whole graph: Neo4j holds a transaction's changes in memory,
 * and 115,000 entities' figures outgrew the 637 MiB transaction limit of a 1 GiB heap. Every row carries the same
 * `computedAt`, so a write that fails part-way leaves entities whose figures say when they were computed, and
 * running it again completes it. Returns how many entities were written.
 */
export async function writeFlags(
  db: Database,
  result: Pick<AnalysisResult, 'rule' | 'asOf'> & { rows: FlagRow[] },
  computedAt: string,
  { batchSize = 10_000, transactionRows = 20_000 }: { batchSize?: number; transactionRows?: number } = {},
): Promise<number> {
  let written = 0;
  for (const part of chunks(result.rows, transactionRows)) {
    written += await db.write(
      async (tx) => {
        let n = 0;
        for (const batch of chunks(part, batchSize)) {
          const res = await tx.run(loadCypher('app/write-flags'), {
            rows: batch,
            rule: result.rule,
            asOf: result.asOf,
            computedAt,
          });
          n += Number(toPlain(res.records[0]?.get('written')) ?? 0);
        }
        return n;
      },
      { action: 'write-flags' },
    );
  }
  return written;
}
