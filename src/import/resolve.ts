/**
 * Identity: which rows of an import are the same party, and which party already in the database they are.
 *
 * Parties are merged only on strong identifiers (registration and tax numbers qualified by country, LEI, OFAC
 * ent_num, IMO numbers, FtM and BODS record ids), never on names. A likely match by name alone is reported as a
 * warning for a person to confirm. Two records of the same dataset are never merged with each other: a source that
 * lists two records keeps them apart even when they share a number (that is reported as a warning).
 *
 * Identifier schemes written by the importers (`scheme:value` in Neo4j's `identifiers` list):
 *   lei, ofac (SDN ent_num), imo, ftm (FollowTheMoney id), bods (BODS recordId),
 *   registration-XX / tax-XX (XX = ISO country, lower case), registration / tax (country unknown),
 *   and `bods-SCHEME` for BODS identifier schemes this table does not translate.
 */
import type { EntityAttributes, Identifier, SanctionListing } from '../domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import type { ImportIssue } from './types.ts';

/** Ranks schemes for choosing the key of a merged party: lower is stronger. */
const SCHEME_RANK: [RegExp, number][] = [
  [/^lei$/, 0],
  [/^ofac$/, 1],
  [/^imo$/, 2],
  [/^registration-[a-z]{2}$/, 3],
  [/^tax-[a-z]{2}$/, 4],
  [/^ftm$/, 5],
  [/^bods$/, 6],
];

const WEAK_SCHEMES = new Set(['name', 'phone', 'email', 'website', 'url']);

export function schemeRank(scheme: string): number {
  for (const [re, rank] of SCHEME_RANK) if (re.test(scheme)) return rank;
  return 10;
}

/** Strong identifiers identify one party: everything but contact details and very short values. */
export function isStrongIdentifier(id: Identifier): boolean {
  return !WEAK_SCHEMES.has(id.scheme) && normalizeIdentifierValue(id.value).length >= 4;
}

/** Registration numbers are written with and without spaces, dots and dashes: compare them without. */
export function normalizeIdentifierValue(value: string): string {
  return value.toUpperCase().replace(/[\s.\-/]/g, '');
}

/** The string two identifiers share when they name the same party. */
export function identifierMatchKey(id: Identifier): string {
  return `${id.scheme.toLowerCase()}:${normalizeIdentifierValue(id.value)}`;
}

/** The identifiers of an entity as they are stored in Neo4j (`scheme:value`), strong ones only. */
export function strongIdentifierStrings(attributes: EntityAttributes): string[] {
  return (attributes.identifiers ?? []).filter(isStrongIdentifier).map((id) => `${id.scheme}:${id.value}`);
}

/** Names compared for likely matches: case, accents, punctuation and common legal forms ignored. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b(ooo|oao|zao|pao|ao|llc|ltd|limited|inc|gmbh|ag|sa|s a|plc|jsc|co|corp|company|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function sameListing(a: SanctionListing, b: SanctionListing): boolean {
  return a.authority === b.authority && a.program === b.program;
}

/**
 * Merges what `extra` knows about a party into `base` (a new object; inputs untouched). `base` keeps its key, kind,
 * name and provenance; list attributes are unions (so merging twice gives the same result: imports stay
 * idempotent); scalars `base` lacks are taken from `extra`; a different name of `extra` becomes an alias.
 */
export function mergeEntity(base: EntityAttributes, extra: EntityAttributes): EntityAttributes {
  const out: EntityAttributes = { ...base };
  const aliases = [...(base.aliases ?? [])];
  for (const a of [extra.name, ...(extra.aliases ?? [])]) {
    if (a && a !== base.name && !aliases.includes(a)) aliases.push(a);
  }
  if (aliases.length) out.aliases = aliases;
  const ids = [...(base.identifiers ?? [])];
  const seen = new Set(ids.map(identifierMatchKey));
  for (const id of extra.identifiers ?? []) {
    const k = identifierMatchKey(id);
    if (!seen.has(k)) {
      seen.add(k);
      ids.push(id);
    }
  }
  if (ids.length) out.identifiers = ids;
  const topics = [...(base.topics ?? [])];
  for (const t of extra.topics ?? []) if (!topics.includes(t)) topics.push(t);
  if (topics.length) out.topics = topics;
  const sanctions = [...(base.sanctions ?? [])];
  for (const l of extra.sanctions ?? []) {
    const at = sanctions.findIndex((s) => sameListing(s, l));
    if (at < 0) sanctions.push(l);
    else {
      const known = sanctions[at]!;
      const merged: SanctionListing = { ...known };
      if (merged.listed === undefined && l.listed !== undefined) merged.listed = l.listed;
      if (merged.delisted === undefined && l.delisted !== undefined) merged.delisted = l.delisted;
      sanctions[at] = merged;
    }
  }
  if (sanctions.length) out.sanctions = sanctions;
  for (const field of [
    'country',
    'governmentType',
    'lat',
    'lon',
    'powerMw',
    'hashratePhs',
    'category',
    'address',
  ] as const) {
    if (out[field] === undefined && extra[field] !== undefined)
      (out as unknown as Record<string, unknown>)[field] = extra[field];
  }
  return out;
}

/** Union-find over indices. */
class Groups {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    let j = i;
    while (this.parent[j] !== root) {
      const next = this.parent[j]!;
      this.parent[j] = root;
      j = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

export interface Resolution {
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
  /** Old key -> key of the party it was merged into (only keys that changed). */
  renamed: Map<string, string>;
  warnings: ImportIssue[];
}

function bestIdentifierRank(node: SnapshotNode): number {
  let best = 99;
  for (const id of node.attributes.identifiers ?? [])
    if (isStrongIdentifier(id)) best = Math.min(best, schemeRank(id.scheme));
  return best;
}

function recordOf(node: SnapshotNode): string {
  return `${node.attributes.source?.dataset ?? ''}|${node.attributes.source?.recordId ?? node.key}`;
}

/**
 * Resolves the parties of one import among themselves: rows with the same key, or sharing a strong identifier
 * (and coming from different datasets), become one party whose key is that of the row with the strongest
 * identifier (ties: the smallest key). Edges follow their ends; an edge whose two ends became one is dropped with
 * a warning. `existing` maps identifier strings (`scheme:value`, normalised with identifierMatchKey) to keys of
 * parties already in the database; a party matching one of them takes that key.
 */
export function resolveBatch(
  nodes: SnapshotNode[],
  edges: SnapshotEdge[],
  existing: Map<string, { key: string; attributes: EntityAttributes }> = new Map(),
): Resolution {
  const warnings: ImportIssue[] = [];
  const groups = new Groups(nodes.length);
  const byKey = new Map<string, number>();
  nodes.forEach((node, i) => {
    const at = byKey.get(node.key);
    if (at === undefined) byKey.set(node.key, i);
    else groups.union(at, i);
  });
  const byIdentifier = new Map<string, number>();
  nodes.forEach((node, i) => {
    for (const id of node.attributes.identifiers ?? []) {
      if (!isStrongIdentifier(id)) continue;
      const k = identifierMatchKey(id);
      const at = byIdentifier.get(k);
      if (at === undefined) {
        byIdentifier.set(k, i);
        continue;
      }
      const other = nodes[at]!;
      if (other.key === node.key || groups.find(at) === groups.find(i)) continue;
      const sameDataset = (other.attributes.source?.dataset ?? '') === (node.attributes.source?.dataset ?? '');
      if (sameDataset && recordOf(other) !== recordOf(node)) {
        warnings.push({
          file: node.attributes.source?.dataset ?? '',
          message: `records ${other.key} and ${node.key} of one dataset share identifier ${id.scheme}:${id.value}; kept apart`,
        });
        continue;
      }
      groups.union(at, i);
    }
  });

  const members = new Map<number, number[]>();
  nodes.forEach((_, i) => {
    const root = groups.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  });

  const renamed = new Map<string, string>();
  const out: SnapshotNode[] = [];
  for (const list of members.values()) {
    const group = list.map((i) => nodes[i]!);
    // A party already in the database keeps its key.
    let known: { key: string; attributes: EntityAttributes } | undefined;
    for (const node of group) {
      for (const id of node.attributes.identifiers ?? []) {
        if (!isStrongIdentifier(id)) continue;
        const hit = existing.get(identifierMatchKey(id));
        if (hit && (!known || hit.key < known.key)) known = hit;
      }
      const self = existing.get(`key:${node.key}`);
      if (self) known = self;
    }
    const ordered = [...group].sort(
      (a, b) => bestIdentifierRank(a) - bestIdentifierRank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    const lead = ordered[0]!;
    const key = known?.key ?? lead.key;
    // The rows of the import for this party, then what the database knew (which keeps its name and provenance
    // when it came from another dataset; a re-import of the same record replaces it).
    let attributes: EntityAttributes = lead.attributes;
    for (const node of ordered.slice(1)) {
      if (node.attributes.kind !== attributes.kind) {
        warnings.push({
          file: node.attributes.source?.dataset ?? '',
          message: `${node.key} (${node.attributes.kind}) is merged into ${key} (${attributes.kind}) by a shared identifier; kind ${attributes.kind} kept`,
        });
      }
      attributes = mergeEntity(attributes, node.attributes);
    }
    if (known) {
      const sameRecord =
        known.attributes.source?.dataset === attributes.source?.dataset &&
        known.attributes.source?.recordId === attributes.source?.recordId;
      attributes = sameRecord ? mergeEntity(attributes, known.attributes) : mergeEntity(known.attributes, attributes);
    }
    for (const node of group) if (node.key !== key) renamed.set(node.key, key);
    // An FtM or BODS id equal to the key says nothing more (Lookthrough's own exports write keys as ids).
    if (attributes.identifiers?.some((i) => (i.scheme === 'ftm' || i.scheme === 'bods') && i.value === key)) {
      const rest = attributes.identifiers.filter(
        (i) => !((i.scheme === 'ftm' || i.scheme === 'bods') && i.value === key),
      );
      attributes = { ...attributes };
      if (rest.length) attributes.identifiers = rest;
      else delete attributes.identifiers;
    }
    out.push({ key, attributes });
  }

  const outEdges: SnapshotEdge[] = [];
  const edgeKeys = new Set<string>();
  for (const edge of edges) {
    const source = renamed.get(edge.source) ?? edge.source;
    const target = renamed.get(edge.target) ?? edge.target;
    if (source === target) {
      warnings.push({
        file: edge.attributes.source?.dataset ?? '',
        message: `relationship ${edge.key ?? ''} (${edge.attributes.kind}) joins ${edge.source} and ${edge.target}, which are one party (${source}); dropped`,
      });
      continue;
    }
    if (edge.key !== undefined) {
      if (edgeKeys.has(edge.key)) continue;
      edgeKeys.add(edge.key);
    }
    outEdges.push(source === edge.source && target === edge.target ? edge : { ...edge, source, target });
  }
  return { nodes: out, edges: outEdges, renamed, warnings };
}

/** A party as name matching sees it (an imported row, or a stored party read back for resolution). */
export interface NamedParty {
  key: string;
  kind: string;
  name: string;
  dataset?: string | undefined;
}

const named = (node: SnapshotNode): NamedParty => ({
  key: node.key,
  kind: node.attributes.kind,
  name: node.attributes.name,
  dataset: node.attributes.source?.dataset,
});

/** What two parties must share to be a likely match by name: kind and normalised name (places never match). */
function nameGroupKey(party: NamedParty): string | undefined {
  if (party.kind === 'SensitiveSite' || party.kind === 'Facility') return undefined;
  const name = normalizeName(party.name);
  return name.length < 4 ? undefined : `${party.kind}|${name}`;
}

/** One warning per group of parties from at least two datasets; at most `limit`, then one that counts the rest. */
function nameGroupWarnings(groups: Iterable<NamedParty[]>, limit: number): ImportIssue[] {
  const out: ImportIssue[] = [];
  let more = 0;
  for (const list of groups) {
    if (list.length < 2) continue;
    const datasets = new Set(list.map((n) => n.dataset ?? ''));
    if (datasets.size < 2) continue;
    if (out.length >= limit) {
      more += 1;
      continue;
    }
    out.push({
      file: list[0]!.dataset ?? '',
      message: `possible same party by name, not merged (no shared identifier): ${list
        .map((n) => `${n.key} "${n.name}" (${n.dataset ?? '?'})`)
        .join(', ')}`,
    });
  }
  if (more > 0) out.push({ file: '', message: `${more} more possible name matches not listed` });
  return out;
}

/** The parties grouped by kind and normalised name, each key once. */
function byNameGroup(parties: Iterable<NamedParty>): Map<string, NamedParty[]> {
  const groups = new Map<string, NamedParty[]>();
  for (const party of parties) {
    const k = nameGroupKey(party);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (!list) groups.set(k, [party]);
    else if (!list.some((n) => n.key === party.key)) list.push(party);
  }
  return groups;
}

/**
 * Likely matches by name alone among the parties of one import, for a person to confirm: parties of the same kind
 * whose normalised names are equal but that were not merged (they share no strong identifier) and come from
 * different datasets. At most `limit` warnings, then one that counts the rest.
 */
export function nameMatchWarnings(nodes: SnapshotNode[], limit = 200): ImportIssue[] {
  return nameGroupWarnings(byNameGroup(nodes.map(named)).values(), limit);
}

/**
 * Likely matches by name alone between the parties of an import and parties already stored, as `nameMatchWarnings`
 * finds them within an import: a group warns only when it holds parties of both, so two stored parties alike in name
 * are not reported again at every import, and the import's own pairs are left to `nameMatchWarnings`. Only stored
 * parties named like one of the import's are kept while reading; a stored key that is one of the import's, or that
 * came already, is skipped.
 */
export function storedNameMatchWarnings(
  nodes: SnapshotNode[],
  stored: Iterable<NamedParty>,
  limit = 200,
): ImportIssue[] {
  const groups = byNameGroup(nodes.map(named));
  const withStored = new Map<string, NamedParty[]>();
  for (const party of stored) {
    const k = nameGroupKey(party);
    const imported = k === undefined ? undefined : groups.get(k);
    if (!imported || imported.some((n) => n.key === party.key)) continue;
    const list = withStored.get(k!);
    if (!list) withStored.set(k!, [...imported, party]);
    else if (!list.some((n) => n.key === party.key)) list.push(party);
  }
  return nameGroupWarnings(withStored.values(), limit);
}
