/**
 * Validation of untrusted snapshot JSON (uploads, files given to the CLI, API bodies) before it becomes a graph.
 * Checks node and edge kinds, percentages in 0..100, percentMin <= percentMax, ISO dates, coordinates, edges to
 * missing nodes, self-loops and duplicate keys. Normalises: a `source` given as a string becomes {dataset},
 * countries are upper-cased, numeric keys become strings, attributes set to null are dropped. Unknown attributes
 * are kept. Every error names the node or edge (index and key) and the field, e.g.
 * `edges[3] (key "e1"): attributes.percent: expected a number from 0 to 100, got 140`.
 */
import { z } from 'zod';
import { isIsoDate } from './analysis/dates.ts';
import { ENTITY_KINDS, SANCTION_AUTHORITIES, SITE_CATEGORIES, STAKE_KINDS } from './model.ts';
import type { EntityAttributes, StakeAttributes } from './model.ts';
import type { OwnershipSnapshot, SnapshotEdge, SnapshotNode } from './snapshot.ts';

/** At most this many errors are reported (then a count of the rest). */
export const MAX_ERRORS = 100;

export type SnapshotValidation = { ok: true; snapshot: OwnershipSnapshot } | { ok: false; errors: string[] };

const PERCENT = 'expected a number from 0 to 100';
const DATE = 'expected a date written YYYY-MM-DD';
const oneOf = (values: readonly string[]): string => `expected one of ${values.join(', ')}`;

const percent = z.number({ error: PERCENT }).min(0, { error: PERCENT }).max(100, { error: PERCENT });
const isoDate = z.string({ error: DATE }).refine(isIsoDate, { error: DATE });
const isoDateOrTime = z
  .string({ error: 'expected a date YYYY-MM-DD or an ISO date-time' })
  .refine((s) => isIsoDate(s) || (isIsoDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s))), {
    error: 'expected a date YYYY-MM-DD or an ISO date-time',
  });
const text = z.string({ error: 'expected a string' });
const optionalNumber = (min: number, max: number) => {
  const message = `expected a number from ${min} to ${max}`;
  return z.number({ error: message }).min(min, { error: message }).max(max, { error: message }).optional();
};

const provenance = z.union(
  [
    z.looseObject({
      dataset: z.string().min(1),
      recordId: z.union([z.string(), z.number()]).optional(),
      date: isoDateOrTime.optional(),
    }),
    z.string().min(1),
  ],
  { error: 'expected a dataset name or an object {dataset, recordId?, date?}' },
);

const listing = z.looseObject({
  authority: z.preprocess(
    (v) => (typeof v === 'string' ? v.toUpperCase() : v),
    z.enum(SANCTION_AUTHORITIES, { error: oneOf(SANCTION_AUTHORITIES) }),
  ),
  program: text,
  listed: isoDate.optional(),
  delisted: isoDate.optional(),
});

const entityAttributes = z.looseObject({
  kind: z.enum(ENTITY_KINDS, { error: oneOf(ENTITY_KINDS) }),
  name: text,
  aliases: z.array(text, { error: 'expected an array of strings' }).optional(),
  country: z
    .string({ error: 'expected a two-letter country code' })
    .regex(/^[A-Za-z]{2}$/, { error: 'expected a two-letter country code' })
    .optional(),
  identifiers: z
    .array(z.looseObject({ scheme: text, value: z.union([z.string(), z.number()], { error: 'expected a string' }) }))
    .optional(),
  sanctions: z.array(listing, { error: 'expected an array of listings' }).optional(),
  topics: z.array(text, { error: 'expected an array of strings' }).optional(),
  governmentType: z.enum(['state', 'stateBody'], { error: oneOf(['state', 'stateBody']) }).optional(),
  lat: optionalNumber(-90, 90),
  lon: optionalNumber(-180, 180),
  powerMw: optionalNumber(0, 1e7),
  hashratePhs: optionalNumber(0, 1e12),
  category: z.enum(SITE_CATEGORIES, { error: oneOf(SITE_CATEGORIES) }).optional(),
  address: text.optional(),
  illustrative: z.boolean({ error: 'expected true or false' }).optional(),
  source: provenance.optional(),
});

const stakeAttributes = z.looseObject({
  kind: z.enum(STAKE_KINDS, { error: oneOf(STAKE_KINDS) }),
  percent: percent.optional(),
  percentMin: percent.optional(),
  percentMax: percent.optional(),
  votingPercent: percent.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  jointArrangement: text.optional(),
  basis: text.optional(),
  source: provenance.optional(),
});

const topShape = z.looseObject({
  attributes: z.record(z.string(), z.unknown(), { error: 'expected an object' }).optional(),
  options: z.record(z.string(), z.unknown(), { error: 'expected an object' }).optional(),
  nodes: z.array(z.unknown(), { error: 'expected an array of nodes' }),
  edges: z.array(z.unknown(), { error: 'expected an array of edges' }),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A node or edge key: a non-empty string, or a finite number (made a string). Undefined when invalid. */
function keyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(value) ?? typeof value;
  } catch {
    s = typeof value;
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function issues(
  error: z.ZodError,
  input: unknown,
  prefix: readonly PropertyKey[],
): { field: string; message: string }[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    const message =
      issue.code === 'unrecognized_keys'
        ? issue.message
        : `${issue.message}, got ${preview(valueAt(input, issue.path))}`;
    return { field: formatPath(path), message };
  });
}

/** Drops attributes whose value is null (treated as absent); returns the record itself when it has none. */
function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  let hasNull = false;
  for (const k in record) {
    if (record[k] === null) {
      hasNull = true;
      break;
    }
  }
  if (!hasNull) return record;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== null) out[k] = v;
  return out;
}

function normaliseSource(source: unknown): unknown {
  if (typeof source === 'string') return { dataset: source };
  if (source !== null && typeof source === 'object') {
    const s = { ...(source as Record<string, unknown>) };
    if (typeof s.recordId === 'number') s.recordId = String(s.recordId);
    return s;
  }
  return source;
}

/**
 * Validates untrusted snapshot JSON (already parsed) and normalises it. Returns the snapshot, or every error found
 * (up to MAX_ERRORS), each naming the node or edge by index and key and the field at fault.
 */
export function validateSnapshot(input: unknown): SnapshotValidation {
  const errors: string[] = [];
  let dropped = 0;
  const fail = (message: string): void => {
    if (errors.length < MAX_ERRORS) errors.push(message);
    else dropped++;
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [`snapshot: expected an object with "nodes" and "edges", got ${preview(input)}`] };
  }
  const top = topShape.safeParse(input);
  if (!top.success) {
    for (const i of issues(top.error, input, [])) fail(`snapshot: ${i.field}: ${i.message}`);
    return { ok: false, errors };
  }
  const nodes: SnapshotNode[] = [];
  const nodeKeys = new Set<string>();
  const label = (kind: 'nodes' | 'edges', i: number, raw: unknown): string => {
    const k = isRecord(raw) ? raw.key : undefined;
    return `${kind}[${i}]${typeof k === 'string' || typeof k === 'number' ? ` (key ${JSON.stringify(String(k))})` : ''}`;
  };
  top.data.nodes.forEach((raw, i) => {
    if (!isRecord(raw)) {
      fail(`${label('nodes', i, raw)}: expected an object {key, attributes}, got ${preview(raw)}`);
      return;
    }
    const nodeKey = keyOf(raw.key);
    if (nodeKey === undefined)
      fail(`${label('nodes', i, raw)}: key: expected a non-empty string, got ${preview(raw.key)}`);
    if (!isRecord(raw.attributes)) {
      fail(`${label('nodes', i, raw)}: attributes: expected an object, got ${preview(raw.attributes)}`);
      return;
    }
    if (nodeKey === undefined) return;
    if (nodeKeys.has(nodeKey)) fail(`${label('nodes', i, raw)}: key: duplicate node key ${JSON.stringify(nodeKey)}`);
    nodeKeys.add(nodeKey);
    const attributesInput = withoutNulls(raw.attributes);
    const parsed = entityAttributes.safeParse(attributesInput);
    if (!parsed.success) {
      for (const e of issues(parsed.error, attributesInput, ['attributes']))
        fail(`${label('nodes', i, raw)}: ${e.field}: ${e.message}`);
      return;
    }
    const attributes = parsed.data as Record<string, unknown>;
    if (typeof attributes.country === 'string') attributes.country = attributes.country.toUpperCase();
    if (attributes.source !== undefined) attributes.source = normaliseSource(attributes.source);
    if (Array.isArray(attributes.identifiers)) {
      attributes.identifiers = (attributes.identifiers as { scheme: string; value: string | number }[]).map((id) => ({
        ...id,
        value: String(id.value),
      }));
    }
    for (const [j, l] of (parsed.data.sanctions ?? []).entries()) {
      if (l.listed !== undefined && l.delisted !== undefined && l.delisted < l.listed) {
        fail(
          `${label('nodes', i, raw)}: attributes.sanctions[${j}].delisted: expected a date on or after listed (${l.listed}), got ${JSON.stringify(l.delisted)}`,
        );
      }
    }
    nodes.push({ key: nodeKey, attributes: attributes as unknown as EntityAttributes });
  });

  const edges: SnapshotEdge[] = [];
  const edgeKeys = new Set<string>();
  top.data.edges.forEach((raw, i) => {
    if (!isRecord(raw)) {
      fail(`${label('edges', i, raw)}: expected an object {key?, source, target, attributes}, got ${preview(raw)}`);
      return;
    }
    const at = (): string => label('edges', i, raw);
    let edgeKey: string | undefined;
    if (raw.key !== undefined && raw.key !== null) {
      edgeKey = keyOf(raw.key);
      if (edgeKey === undefined) fail(`${at()}: key: expected a non-empty string, got ${preview(raw.key)}`);
      else if (edgeKeys.has(edgeKey)) fail(`${at()}: key: duplicate edge key ${JSON.stringify(edgeKey)}`);
      else edgeKeys.add(edgeKey);
    }
    const source = keyOf(raw.source);
    const target = keyOf(raw.target);
    if (source === undefined) fail(`${at()}: source: expected a node key, got ${preview(raw.source)}`);
    else if (!nodeKeys.has(source)) fail(`${at()}: source: no node with key ${JSON.stringify(source)}`);
    if (target === undefined) fail(`${at()}: target: expected a node key, got ${preview(raw.target)}`);
    else if (!nodeKeys.has(target)) fail(`${at()}: target: no node with key ${JSON.stringify(target)}`);
    if (source !== undefined && source === target) {
      fail(`${at()}: target: an edge cannot point from a node to itself (${JSON.stringify(source)})`);
    }
    if (raw.undirected !== undefined && raw.undirected !== false) {
      fail(
        `${at()}: undirected: expected false or nothing: ownership edges are directed, got ${preview(raw.undirected)}`,
      );
    }
    if (!isRecord(raw.attributes)) {
      fail(`${at()}: attributes: expected an object, got ${preview(raw.attributes)}`);
      return;
    }
    const attributesInput = withoutNulls(raw.attributes);
    const parsed = stakeAttributes.safeParse(attributesInput);
    if (!parsed.success) {
      for (const e of issues(parsed.error, attributesInput, ['attributes'])) fail(`${at()}: ${e.field}: ${e.message}`);
      return;
    }
    const a = parsed.data;
    if (a.percentMin !== undefined && a.percentMax !== undefined && a.percentMin > a.percentMax) {
      fail(`${at()}: attributes.percentMin: expected at most percentMax (${a.percentMax}), got ${a.percentMin}`);
    }
    if (a.from !== undefined && a.to !== undefined && a.to <= a.from) {
      fail(`${at()}: attributes.to: expected a date after from (${a.from}), got ${JSON.stringify(a.to)}`);
    }
    if (source === undefined || target === undefined) return;
    const attributes = a as Record<string, unknown>;
    if (attributes.source !== undefined) attributes.source = normaliseSource(attributes.source);
    const edge: SnapshotEdge = { source, target, attributes: attributes as unknown as StakeAttributes };
    if (edgeKey !== undefined) edge.key = edgeKey;
    edges.push(edge);
  });

  if (dropped > 0) errors.push(`... and ${dropped} more error(s)`);
  if (errors.length > 0) return { ok: false, errors };
  const snapshot: OwnershipSnapshot = { nodes, edges };
  if (top.data.attributes !== undefined) snapshot.attributes = top.data.attributes;
  if (top.data.options !== undefined) snapshot.options = top.data.options;
  return { ok: true, snapshot };
}
