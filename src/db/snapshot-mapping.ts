/**
 * Mapping between the snapshot shape (graphology attributes, see src/domain/model.ts) and the property graph
 * stored in Neo4j (cypher/schema.cypher). Neo4j properties are flat: nested objects (provenance, identifiers,
 * listings) are spread into scalar or list properties, or into :Listing nodes.
 */
import neo4j from 'neo4j-driver';
import type {
  EntityAttributes,
  EntityKind,
  Identifier,
  Provenance,
  SanctionListing,
  StakeAttributes,
  StakeKind,
} from '../domain/model.ts';
import { isIsoDate } from '../domain/analysis/dates.ts';
import { ENTITY_KINDS, STAKE_KINDS } from '../domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';

type Props = Record<string, unknown>;

export interface EntityRow {
  key: string;
  kind: EntityKind;
  props: Props;
  lat: number | null;
  lon: number | null;
  sourceDate: string | null;
}

export interface ListingRow {
  key: string;
  listings: { id: string; authority: string; program: string; listed: string | null; delisted: string | null }[];
}

export interface RelationshipRow {
  key: string;
  source: string;
  target: string;
  kind: StakeKind;
  props: Props;
  from: string | null;
  to: string | null;
  sourceDate: string | null;
}

const ENTITY_SCALARS = [
  'name',
  'country',
  'governmentType',
  'lat',
  'lon',
  'powerMw',
  'hashratePhs',
  'category',
  'address',
  'illustrative',
] as const;

const STAKE_SCALARS = ['percent', 'percentMin', 'percentMax', 'votingPercent', 'jointArrangement', 'basis'] as const;

function definedOnly(props: Props): Props {
  // A loop rather than Object.entries/fromEntries: this runs for every row of a whole-graph load.
  const out: Props = {};
  for (const key in props) {
    const value = props[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

function provenanceProps(source: Provenance | undefined): Props {
  return { sourceDataset: source?.dataset, sourceRecordId: source?.recordId };
}

/** `scheme:value` strings keep identifiers searchable with a plain list index. */
export function identifierToString(id: Identifier): string {
  return `${id.scheme}:${id.value}`;
}

export function identifierFromString(text: string): Identifier {
  const at = text.indexOf(':');
  return at < 0 ? { scheme: 'id', value: text } : { scheme: text.slice(0, at), value: text.slice(at + 1) };
}

/** The text the full-text index searches besides the name: aliases and identifier values. */
export function searchText(attributes: EntityAttributes): string {
  return [...(attributes.aliases ?? []), ...(attributes.identifiers ?? []).map((id) => id.value)].join(' | ');
}

export function listingId(key: string, listing: SanctionListing): string {
  return `${key}|${listing.authority}|${listing.program}`;
}

export function toEntityRow(node: SnapshotNode): EntityRow {
  const a = node.attributes;
  const props: Props = { kind: a.kind };
  for (const field of ENTITY_SCALARS) props[field] = a[field];
  if (a.aliases?.length) props.aliases = a.aliases;
  if (a.topics?.length) props.topics = a.topics;
  if (a.identifiers?.length) props.identifiers = a.identifiers.map(identifierToString);
  const text = searchText(a);
  if (text) props.searchText = text;
  Object.assign(props, provenanceProps(a.source));
  return {
    key: node.key,
    kind: a.kind,
    props: definedOnly(props),
    lat: a.lat ?? null,
    lon: a.lon ?? null,
    sourceDate: a.source?.date ?? null,
  };
}

export function toListingRow(node: SnapshotNode): ListingRow {
  return {
    key: node.key,
    listings: (node.attributes.sanctions ?? []).map((listing) => ({
      id: listingId(node.key, listing),
      authority: listing.authority,
      program: listing.program,
      listed: listing.listed ?? null,
      delisted: listing.delisted ?? null,
    })),
  };
}

export function toRelationshipRow(edge: SnapshotEdge, fallbackKey: string): RelationshipRow {
  const a = edge.attributes;
  const props: Props = {};
  for (const field of STAKE_SCALARS) props[field] = a[field];
  Object.assign(props, provenanceProps(a.source));
  return {
    key: edge.key ?? fallbackKey,
    source: edge.source,
    target: edge.target,
    kind: a.kind,
    props: definedOnly(props),
    from: a.from ?? null,
    to: a.to ?? null,
    sourceDate: a.source?.date ?? null,
  };
}

type Neo4jDate = InstanceType<typeof neo4j.types.Date>;
const dates = new Map<string, Neo4jDate>();

/**
 * A date property as Neo4j stores it, from `YYYY-MM-DD` (or the date part of an ISO date-time, as provenance dates
 * may be). Sent as a driver Date, it lands in the property map with the others: one SET per row, no parsing in
 * Cypher. Throws, naming `what` and the value, for anything that is not a real calendar date.
 */
export function toNeo4jDate(text: string, what: string): Neo4jDate {
  const known = dates.get(text);
  if (known) return known;
  const day = text.length > 10 && text[10] === 'T' ? text.slice(0, 10) : text;
  if (!isIsoDate(day)) throw new Error(`${what}: expected a date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
  const date = new neo4j.types.Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
  // Most rows of an import share their provenance date: one Date object each (they are immutable).
  if (dates.size >= 10_000) dates.clear();
  dates.set(text, date);
  return date;
}

/**
 * An entity as the import's compact row `[kind, props]`: lists are packed and decoded faster than maps with the
 * same keys on every row. `props` holds every property to store (the id, the location and the provenance date
 * included) and only the ones that have a value, so that one `SET n = props` writes the node.
 */
export type EntityImportRow = [EntityKind, Props];

/**
 * A relationship as the import's positional row: the two ends as the loader addresses them (element ids), then the
 * values of RELATIONSHIP_IMPORT_FIELDS in that order, null where absent (Cypher leaves a null property unset), with
 * trailing nulls dropped (a list index past the end is null in Cypher too). No property names travel with the rows:
 * the map per row cost Node more to build and pack, and the server more to decode, than the values themselves. The
 * order puts what most relationships have first. Keep in step with cypher/app/import-*-owns.cypher and the others.
 */
export type RelationshipImportRow = unknown[];

export const RELATIONSHIP_IMPORT_FIELDS = [
  'id',
  'percent',
  'sourceRecordId',
  'sourceDataset',
  'sourceDate',
  'percentMin',
  'percentMax',
  'votingPercent',
  'jointArrangement',
  'basis',
  'from',
  'to',
] as const;

/**
 * A batch of relationship rows with the provenance they share: when every edge of the batch has the same dataset and
 * the same provenance date (an import usually has one of each), they travel once, as `$dataset` and `$date`, and the
 * rows leave theirs null; otherwise those are null and each row carries its own. The statements store
 * `coalesce($dataset, row[...])`, so both forms write the same properties.
 */
export interface RelationshipImportBatch {
  rows: RelationshipImportRow[];
  dataset: string | null;
  date: Neo4jDate | null;
}

/** The id a relationship is stored under: its key, or `source->target` for an edge without one. */
export const edgeKey = (edge: SnapshotEdge): string => edge.key ?? `${edge.source}->${edge.target}`;

export function toEntityImportRow(node: SnapshotNode): EntityImportRow {
  const row = toEntityRow(node);
  const props: Props = { ...row.props, id: node.key };
  if (row.lat !== null && row.lon !== null) props.location = new neo4j.types.Point(4326, row.lon, row.lat);
  if (row.sourceDate !== null) props.sourceDate = toNeo4jDate(row.sourceDate, `${node.key}: source.date`);
  return [row.kind, props];
}

/**
 * The rows of `edges` for one relationship statement; `end(edge, key)` gives the element id of an end (the loader
 * knows them). Dates are checked here, and an error names the relationship and the field.
 */
export function toRelationshipImportBatch(
  edges: readonly SnapshotEdge[],
  end: (edge: SnapshotEdge, key: string) => string,
): RelationshipImportBatch {
  const first = edges[0]?.attributes.source;
  const dataset = first?.dataset ?? null;
  const dateText = first?.date ?? null;
  let shared = true;
  for (const edge of edges) {
    const source = edge.attributes.source;
    if ((source?.dataset ?? null) !== dataset || (source?.date ?? null) !== dateText) {
      shared = false;
      break;
    }
  }
  const rows: RelationshipImportRow[] = [];
  for (let i = 0; i < edges.length; i++) {
    // Built by hand, field by field: this runs for every relationship of an import.
    const edge = edges[i]!;
    const a = edge.attributes;
    const id = edgeKey(edge);
    const row: unknown[] = [
      end(edge, edge.source),
      end(edge, edge.target),
      id,
      a.percent ?? null,
      a.source?.recordId ?? null,
      shared ? null : (a.source?.dataset ?? null),
      shared || !a.source?.date ? null : toNeo4jDate(a.source.date, `${id}: source.date`),
      a.percentMin ?? null,
      a.percentMax ?? null,
      a.votingPercent ?? null,
      a.jointArrangement ?? null,
      a.basis ?? null,
      a.from ? toNeo4jDate(a.from, `${id}: from`) : null,
      a.to ? toNeo4jDate(a.to, `${id}: to`) : null,
    ];
    while (row.length > 3 && row[row.length - 1] === null) row.pop();
    rows.push(row);
  }
  return {
    rows,
    dataset: shared ? dataset : null,
    date: shared && dateText ? toNeo4jDate(dateText, `${edgeKey(edges[0]!)}: source.date`) : null,
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  // A whole number written by another tool is a driver Integer in rows read without `toPlain` (whole-graph loads).
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : undefined;
  return undefined;
}

/**
 * One copy of each value that a long read keeps many times over (datasets, dates, countries): the driver decodes a
 * new string for every row, and keeping them all costs memory and, while the read lasts, the young-generation
 * collections that copy every value that survives. (Sharing the keys that relationships name as well saved another
 * 13 MB at 121,000 entities for a lookup in a map of every key per endpoint; not done.)
 */
export type SharedStrings = Map<string, string>;

function shared(strings: SharedStrings | undefined, value: string): string {
  if (strings === undefined) return value;
  const known = strings.get(value);
  if (known !== undefined) return known;
  strings.set(value, value);
  return value;
}

/**
 * Provenance from `row[at]` on: [sourceDataset, sourceRecordId, sourceDate], where both row shapes hold them. The
 * whole-graph queries send `true` for a record id equal to the id (most are: one value less to decode per row), and
 * null for a stored boolean; their reader passes the row's `key` for it, which is then the record id, the key's own
 * string. Without a key (every other reader) a boolean record id is none, as any value that is not text.
 */
function provenanceAt(
  row: readonly unknown[],
  at: number,
  strings: SharedStrings | undefined,
  key: unknown,
): Provenance | undefined {
  const datasetText = str(row[at]);
  if (!datasetText) return undefined;
  const source: Provenance = { dataset: shared(strings, datasetText) };
  const recordId = row[at + 1];
  const recordIdText = str(recordId === true && key !== undefined ? key : recordId);
  if (recordIdText) source.recordId = recordIdText;
  const dateText = str(row[at + 2]);
  if (dateText) source.date = shared(strings, dateText);
  return source;
}

/** Reads a relationship's type and properties back into stake attributes. */
export function stakeFromProps(type: string, props: Props): StakeAttributes {
  return stakeFromFields(
    type,
    STAKE_ROW_FIELDS.map((field) => props[field]),
    0,
  );
}

/**
 * Entity properties in the order that queries returning entities as lists give them, after the key and labels
 * (lists are cheaper to send and decode than maps or nodes; see cypher/app/upstream-subgraph.cypher).
 */
export const ENTITY_ROW_FIELDS = [
  'id',
  'kind',
  ...ENTITY_SCALARS,
  'aliases',
  'topics',
  'identifiers',
  // Last, in this order: provenanceAt reads them together.
  'sourceDataset',
  'sourceRecordId',
  'sourceDate',
] as const;

/** Relationship properties in the order queries returning relationships as lists give them, after [key, source, target, type]. */
export const STAKE_ROW_FIELDS = [
  ...STAKE_SCALARS,
  'from',
  'to',
  // Last, in this order: provenanceAt reads them together.
  'sourceDataset',
  'sourceRecordId',
  'sourceDate',
] as const;

/** Where each of ENTITY_ROW_FIELDS and STAKE_ROW_FIELDS sits in its list. */
const positions = <F extends string>(fields: readonly F[]) =>
  Object.fromEntries(fields.map((field, i) => [field, i])) as Record<F, number>;
const E = positions(ENTITY_ROW_FIELDS);
const S = positions(STAKE_ROW_FIELDS);

/**
 * Entity attributes from the values of ENTITY_ROW_FIELDS in that order, from `row[at]` on. The whole-graph read
 * takes them straight from the rows Neo4j sends (no map built per entity: that cost more than the reading itself).
 */
function entityFromFields(
  row: readonly unknown[],
  at: number,
  labels: readonly string[],
  listings: readonly Props[],
  strings?: SharedStrings,
  /** The row's key when its record id may be sent as `true` for "the same as the id" (the whole-graph read). */
  key?: unknown,
): EntityAttributes {
  const kindProp = str(row[at + E.kind]);
  const kind =
    (ENTITY_KINDS as readonly string[]).find((k) => k === kindProp) ??
    ENTITY_KINDS.find((k) => labels.includes(k)) ??
    'Company';
  const attributes: EntityAttributes = {
    kind: kind as EntityKind,
    name: str(row[at + E.name]) ?? str(row[at + E.id]) ?? '(unnamed)',
  };
  const country = str(row[at + E.country]);
  if (country) attributes.country = shared(strings, country);
  const aliases = row[at + E.aliases];
  if (Array.isArray(aliases)) attributes.aliases = aliases.map(String);
  const topics = row[at + E.topics];
  if (Array.isArray(topics)) attributes.topics = topics.map(String);
  const identifiers = row[at + E.identifiers];
  if (Array.isArray(identifiers)) attributes.identifiers = identifiers.map((s) => identifierFromString(String(s)));
  const governmentType = str(row[at + E.governmentType]);
  if (governmentType === 'state' || governmentType === 'stateBody') attributes.governmentType = governmentType;
  for (const field of ['lat', 'lon', 'powerMw', 'hashratePhs'] as const) {
    const value = num(row[at + E[field]]);
    if (value !== undefined) attributes[field] = value;
  }
  const category = str(row[at + E.category]);
  if (category === 'military' || category === 'datacenter' || category === 'power') attributes.category = category;
  const address = str(row[at + E.address]);
  if (address) attributes.address = address;
  if (row[at + E.illustrative] === true) attributes.illustrative = true;
  if (listings.length > 0) {
    const sanctions = listings
      .map((l) => ({
        authority: str(l.authority),
        program: str(l.program) ?? '',
        listed: str(l.listed),
        delisted: str(l.delisted),
      }))
      .filter((l) => l.authority !== undefined)
      // In one order whichever query read them (the whole-graph read gathers them apart from the entities).
      .sort(
        (x, y) =>
          x.authority!.localeCompare(y.authority!) ||
          x.program.localeCompare(y.program) ||
          (x.listed ?? '').localeCompare(y.listed ?? '') ||
          (x.delisted ?? '').localeCompare(y.delisted ?? ''),
      )
      .map((l) => definedOnly(l));
    if (sanctions.length) attributes.sanctions = sanctions as unknown as SanctionListing[];
  }
  const source = provenanceAt(row, at + E.sourceDataset, strings, key);
  if (source) attributes.source = source;
  return attributes;
}

/** Stake attributes from a relationship type and the values of STAKE_ROW_FIELDS in that order, from `row[at]` on. */
function stakeFromFields(
  type: unknown,
  row: readonly unknown[],
  at: number,
  strings?: SharedStrings,
  key?: unknown,
): StakeAttributes {
  // The kind as this module spells it, so that the text read for each relationship need not be kept.
  const kind = STAKE_KINDS.find((k) => k === type) ?? 'LINKED_TO';
  const attributes: StakeAttributes = { kind };
  for (const field of ['percent', 'percentMin', 'percentMax', 'votingPercent'] as const) {
    const value = num(row[at + S[field]]);
    if (value !== undefined) attributes[field] = value;
  }
  for (const field of ['from', 'to', 'jointArrangement', 'basis'] as const) {
    const value = str(row[at + S[field]]);
    if (value !== undefined) attributes[field] = value;
  }
  const source = provenanceAt(row, at + S.sourceDataset, strings, key);
  if (source) attributes.source = source;
  return attributes;
}

const NO_LISTINGS: never[] = [];

/** Where an entity's row (`[key, labels, ...ENTITY_ROW_FIELDS, listings]`) holds its listings. */
export const ENTITY_ROW_LISTINGS = 2 + ENTITY_ROW_FIELDS.length;

/**
 * An entity from `[key, labels, ...ENTITY_ROW_FIELDS, listings]` (plain data; each listing `[authority, program,
 * listed, delisted]`), as every query that reads entities gives them (cypher/app/entities-by-id, upstream-subgraph;
 * the whole-graph read's analysis-nodes leaves the listings out and its reader puts them in from analysis-listings).
 */
export function entityFromRow(
  row: readonly unknown[],
  strings?: SharedStrings,
  /** The row's record id may be `true` for "the same as the id" (the whole-graph read's rows). */
  markedRecordId = false,
): SnapshotNode {
  const [key, labels] = row;
  const listings = (row[ENTITY_ROW_LISTINGS] as unknown[][] | null | undefined) ?? NO_LISTINGS;
  return {
    key: String(key),
    attributes: entityFromFields(
      row,
      2,
      (labels as string[] | null) ?? [],
      listings.length === 0
        ? NO_LISTINGS
        : listings.map(([authority, program, listed, delisted]) => ({ authority, program, listed, delisted })),
      strings,
      markedRecordId ? key : undefined,
    ),
  };
}

/**
 * A relationship from `[key, source, target, type, ...STAKE_ROW_FIELDS]` (plain data). The queries give every
 * relationship a key: its id when that is text and not empty, else its element id (cypher/app/analysis-edges,
 * upstream-subgraph; relationshipKeyOf in serialize.ts for the other reads).
 */
export function edgeFromRow(
  row: readonly unknown[],
  strings?: SharedStrings,
  /** The row's record id may be `true` for "the same as the id" (the whole-graph read's rows). */
  markedRecordId = false,
): SnapshotEdge {
  const [key, source, target, type] = row;
  return {
    key: String(key),
    source: String(source),
    target: String(target),
    attributes: stakeFromFields(type, row, 4, strings, markedRecordId ? key : undefined),
  };
}
