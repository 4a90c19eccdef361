/**
 * Queries behind exploration in the app: search, neighbours, sites, and the whole graph for the engine.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { int } from 'neo4j-driver';
import { ENTITY_KINDS, type EntityKind, type SiteCategory } from '../domain/model.ts';
import type { OwnershipSnapshot, SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import type { Database, ManagedTransaction } from './database.ts';
import { fetchEntities } from './graph-repository.ts';
import { loadCypher } from './queries.ts';
import { toPlain } from './serialize.ts';
import {
  ENTITY_ROW_LISTINGS,
  edgeFromRow,
  entityFromRow,
  type SharedStrings,
  stakeFromProps,
} from './snapshot-mapping.ts';

export interface SearchHit {
  key: string;
  name: string;
  kind: EntityKind;
  country?: string;
  aliases?: string[];
  score: number;
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * Turns what a person types into a Lucene query that tolerates typos: every term must match, exactly, as a
 * prefix, or within an edit distance (1 for short terms, 2 for long ones). Special characters are escaped, so
 * user input is never Lucene syntax.
 */
export function fullTextQuery(input: string): string | null {
  const terms = input
    .toLowerCase()
    .replace(LUCENE_SPECIAL, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .slice(0, 8);
  if (terms.length === 0) return null;
  return terms
    .map((t) => {
      const fuzzy = t.length >= 3 ? `${t}~${t.length >= 7 ? 2 : 1}` : t;
      return `(${t}^3 OR ${t}*^2 OR ${fuzzy})`;
    })
    .join(' AND ');
}

export async function searchEntities(
  db: Database,
  input: string,
  options: { limit?: number; kinds?: EntityKind[] } = {},
): Promise<SearchHit[]> {
  const text = fullTextQuery(input);
  if (!text) return [];
  const rows = await db.run<Record<string, unknown>>(loadCypher('app/search-entities'), {
    text,
    kinds: options.kinds ?? [],
    limit: options.limit ?? 10,
  });
  return rows.map((row) => {
    const hit: SearchHit = {
      key: String(row.key),
      name: String(row.name),
      kind: row.kind as EntityKind,
      score: Number(row.score),
    };
    if (typeof row.country === 'string') hit.country = row.country;
    if (Array.isArray(row.aliases)) hit.aliases = row.aliases.map(String);
    return hit;
  });
}

/**
 * Runs the explorer's queries once with keys no entity has, so that Neo4j plans and compiles them when the server
 * starts rather than during an investigator's first clicks (on a freshly started embedded Neo4j holding the fixtures,
 * the first neighbour expansion took 857 and 984 ms without this and 42 and 43 ms with it). Neo4j keeps a plan per
 * query text and per size class of each text or list parameter (up to 10, 100, 1,000 ... characters or elements), so
 * each query runs once for every class the app's requests use: ids of up to 10 and up to 100 characters, pages of 1 to
 * 5,000 neighbours ("Show all" fetches 5,000 at a time), searches of one word and of several. Reads only; a failure is
 * left to the requests.
 */
export async function prepareExploreQueries(db: Database): Promise<void> {
  const ids = ['lt-warm-up', 'lookthrough-warm-up:no-such-entity'];
  const pages = [1, 10, 100, 1_000, 5_000].map((n) => Array.from({ length: n }, (_, i) => `lookthrough-warm-up:${i}`));
  await db.read(
    async (tx) => {
      for (const id of ids) await tx.run(loadCypher('app/neighbours'), { id, offset: 0, limit: 50 });
      for (const page of pages) await fetchEntities(tx, page);
    },
    { action: 'warm-up' },
  );
  for (const text of ['lookthroughwarmup', 'lookthrough warm up after the start']) {
    await searchEntities(db, text, { limit: 8 });
  }
}

export interface NeighbourPage {
  snapshot: OwnershipSnapshot;
  total: number;
  offset: number;
  limit: number;
}

/** One page of an entity's neighbours (both directions) with the edges to them; null when the entity is unknown. */
export async function neighbours(
  db: Database,
  key: string,
  options: { offset?: number; limit?: number } = {},
): Promise<NeighbourPage | null> {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 50;
  return db.read(async (tx) => {
    const [root] = await fetchEntities(tx, [key]);
    if (!root) return null;
    const result = await tx.run(loadCypher('app/neighbours'), { id: key, offset, limit });
    const record = result.records[0];
    const total = record ? Number(toPlain(record.get('total'))) : 0;
    const page = (record ? (toPlain(record.get('page')) as Record<string, unknown>[]) : []).map((item) => ({
      rel: item.r as { key: string; type: string; attributes: Record<string, unknown> },
      source: String(item.source),
      target: String(item.target),
      id: String(item.id),
    }));
    const nodes = [root, ...(await fetchEntities(tx, [...new Set(page.map((p) => p.id))]))];
    const edges: SnapshotEdge[] = page.map((p) => ({
      key: p.rel.key,
      source: p.source,
      target: p.target,
      attributes: stakeFromProps(p.rel.type, p.rel.attributes),
    }));
    return {
      snapshot: {
        attributes: { root: key, total, offset, limit, truncated: offset + page.length < total },
        options: { type: 'directed', multi: true, allowSelfLoops: false },
        nodes,
        edges,
      },
      total,
      offset,
      limit,
    };
  });
}

export interface SiteSummary {
  key: string;
  name: string;
  category?: SiteCategory;
  lat?: number;
  lon?: number;
  country?: string;
}

export async function listSites(db: Database): Promise<SiteSummary[]> {
  const rows = await db.run<Record<string, unknown>>(loadCypher('app/list-sites'));
  return rows.map((row) => {
    const site: SiteSummary = { key: String(row.key), name: String(row.name) };
    if (typeof row.category === 'string') site.category = row.category as SiteCategory;
    if (typeof row.lat === 'number') site.lat = row.lat;
    if (typeof row.lon === 'number') site.lon = row.lon;
    if (typeof row.country === 'string') site.country = row.country;
    return site;
  });
}

export interface DataVersion {
  version: number;
  entities: number;
  relationships: number;
}

/** A cheap fingerprint of the data (import counter and counts), to know when cached analyses are stale. */
export async function dataVersion(db: Database): Promise<DataVersion> {
  const [row] = await db.run<Record<string, unknown>>(loadCypher('app/data-version'));
  return {
    version: Number(row?.version ?? 0),
    entities: Number(row?.entities ?? 0),
    relationships: Number(row?.relationships ?? 0),
  };
}

/** Records per batch for the whole-graph streams: fewer round trips than the driver's default of 1,000. */
const STREAM_FETCH_SIZE = 2_000;

/**
 * Entities, and holders of relationships, per record of the whole-graph queries. Per record costs the most, in Neo4j
 * and in the driver, so the rows travel in groups; but a record larger than one of Neo4j's chunks (8 KiB), or one
 * split between two reads of the socket, is decoded by the driver's slower path for pieced-together buffers. A few
 * kilobytes a record did best (measured at 100,000 entities, 10 to 1,000 entities a record; see docs/performance.md).
 */
const ENTITIES_PER_RECORD = 25;
const HOLDERS_PER_RECORD = 15;
/** The whole-graph queries send a record id equal to the id as `true` (see provenanceAt in snapshot-mapping.ts). */
const MARKED_RECORD_IDS = true;
/** How long a whole-graph stream maps records before other work gets a turn of the event loop (ms). */
const READ_TURN_MS = 10;

/**
 * Streams the rows of every record of a whole-graph query (its field `rows`, a list) through `visit` as records
 * arrive, in a read transaction of its own, so that the whole-graph queries overlap (the server produces one while
 * this process decodes another). `restart` runs before each attempt, in its transaction (where it may read what the
 * rows are joined with): a retry after a transient error starts again from nothing. Values are handed over as the
 * driver decodes them, not through `toPlain`: the rows of these queries hold only strings (dates are turned into text
 * by the query), numbers, booleans, nulls and lists of them, which the row readers of snapshot-mapping.ts take as
 * they are (an Integer included).
 */
function streamRows(
  db: Database,
  query: string,
  params: Record<string, unknown>,
  restart: (tx: ManagedTransaction) => Promise<void> | void,
  visit: (row: unknown[]) => void,
  timeoutMs: number | undefined,
): Promise<void> {
  return db.read(
    async (tx) => {
      await restart(tx);
      let since = performance.now();
      for await (const record of tx.run(loadCypher(query), params)) {
        for (const row of record.get('rows') as unknown[][]) visit(row);
        // Records the driver holds already come one after another without a turn of the event loop (each is a
        // resolved promise): a turn every few milliseconds lets the requests that wait meanwhile be answered.
        if (performance.now() - since > READ_TURN_MS) {
          await nextTurn();
          since = performance.now();
        }
      }
    },
    { action: query },
    // An absent timeoutMs is the database's default (Database.read).
    { fetchSize: STREAM_FETCH_SIZE, timeoutMs },
  );
}

/**
 * The whole graph as the look-through engine needs it: every entity with all its attributes and listings (read as
 * `upstreamSubgraph` reads them), and every OWNS / CONTROLS / OPERATES relationship with its shares, dates and
 * provenance. LINKED_TO is left out (the engine never counts it). The entities and the relationships are two
 * queries streamed at once (each row a list rather than a map, a few dozen rows a record); the listings, which few
 * entities have, are a third, read first and joined to the entities' rows as they arrive.
 */
export async function analysisSnapshot(
  db: Database,
  options: {
    /** Server-side time limit of each of the queries (ms); absent, the database's default for every query. */
    timeoutMs?: number;
  } = {},
): Promise<OwnershipSnapshot> {
  let nodes: SnapshotNode[] = [];
  let edges: SnapshotEdge[] = [];
  // Kept for the read only: datasets, dates and countries are then held once (162 -> 139 MB for the snapshot of
  // 121,000 entities).
  const strings: SharedStrings = new Map();
  // The listings first, in the entities' transaction (a retry reads both again), then the entities, each row given
  // its listings as it arrives.
  const listings = new Map<string, unknown[][]>();
  const readNodes = streamRows(
    db,
    'app/analysis-nodes',
    { perRecord: int(ENTITIES_PER_RECORD), kinds: ENTITY_KINDS },
    async (tx) => {
      nodes = [];
      listings.clear();
      for (const record of (await tx.run(loadCypher('app/analysis-listings'))).records)
        listings.set(String(record.get('key')), record.get('listings') as unknown[][]);
    },
    // A row is [key, labels, ...fields]; its listings go after the fields, where entityFromRow reads them.
    (row) => {
      const own = listings.get(String(row[0]));
      if (own) row[ENTITY_ROW_LISTINGS] = own;
      nodes.push(entityFromRow(row, strings, MARKED_RECORD_IDS));
    },
    options.timeoutMs,
  );
  await Promise.all([
    readNodes,
    streamRows(
      db,
      'app/analysis-edges',
      { perRecord: int(HOLDERS_PER_RECORD) },
      () => {
        edges = [];
      },
      // A holder's key, then its relationships' rows with their source left null.
      (holder) => {
        const [source, held] = holder as [string, unknown[][]];
        for (const row of held) {
          row[1] = source;
          edges.push(edgeFromRow(row, strings, MARKED_RECORD_IDS));
        }
      },
      options.timeoutMs,
    ),
  ]);
  return { options: { type: 'directed', multi: true, allowSelfLoops: false }, nodes, edges };
}
