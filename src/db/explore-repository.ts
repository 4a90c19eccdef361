/**
 * Queries behind exploration in the app: search, neighbours, sites, and the whole graph for the engine.
 */
import type { EntityKind, SanctionListing, SiteCategory } from '../domain/model.ts';
import type { OwnershipSnapshot, SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import type { Database } from './database.ts';
import { fetchEntities } from './graph-repository.ts';
import { loadCypher } from './queries.ts';
import { toPlain } from './serialize.ts';
import { stakeFromProps } from './snapshot-mapping.ts';

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

function optional<T>(value: unknown, guard: (v: unknown) => v is T): T | undefined {
  return guard(value) ? value : undefined;
}
const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The whole graph as the look-through engine needs it: every entity with kind, name, places and listings, and
 * every OWNS / CONTROLS / OPERATES relationship with its shares, dates and provenance. Streamed from Neo4j in two
 * queries; LINKED_TO is left out (the engine never counts it).
 */
export async function analysisSnapshot(db: Database): Promise<OwnershipSnapshot> {
  return db.read(async (tx) => {
    const nodes: SnapshotNode[] = [];
    const nodeResult = await tx.run(loadCypher('app/analysis-nodes'));
    for (const record of nodeResult.records) {
      const row = toPlain(record.toObject()) as Record<string, unknown>;
      const sanctions = (row.listings as Record<string, unknown>[]).map((l) => {
        const listing: SanctionListing = {
          authority: l.authority as SanctionListing['authority'],
          program: isString(l.program) ? l.program : '',
        };
        if (isString(l.listed)) listing.listed = l.listed;
        if (isString(l.delisted)) listing.delisted = l.delisted;
        return listing;
      });
      const attributes: SnapshotNode['attributes'] = {
        kind: (row.kind ?? 'Company') as EntityKind,
        name: String(row.name ?? row.key),
      };
      const country = optional(row.country, isString);
      if (country) attributes.country = country;
      const governmentType = optional(row.governmentType, isString);
      if (governmentType === 'state' || governmentType === 'stateBody') attributes.governmentType = governmentType;
      const lat = optional(row.lat, isNumber);
      const lon = optional(row.lon, isNumber);
      if (lat !== undefined && lon !== undefined) {
        attributes.lat = lat;
        attributes.lon = lon;
      }
      const category = optional(row.category, isString);
      if (category === 'military' || category === 'datacenter' || category === 'power') attributes.category = category;
      if (Array.isArray(row.topics)) attributes.topics = row.topics.map(String);
      if (sanctions.length) attributes.sanctions = sanctions;
      nodes.push({ key: String(row.key), attributes });
    }
    const edgeResult = await tx.run(loadCypher('app/analysis-edges'));
    const edges: SnapshotEdge[] = edgeResult.records.map((record, index) => {
      const row = toPlain(record.toObject()) as Record<string, unknown>;
      const { key, source, target, kind, ...props } = row;
      return {
        key: isString(key) ? key : `edge-${index}`,
        source: String(source),
        target: String(target),
        attributes: stakeFromProps(String(kind), props),
      };
    });
    return { options: { type: 'directed', multi: true, allowSelfLoops: false }, nodes, edges };
  });
}
