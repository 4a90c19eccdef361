/**
 * Writes an import batch into Neo4j: resolves its parties against the entities already there (by strong identifiers;
 * names only give warnings), sets aside relationships whose parties are nowhere (warnings), and writes them in UNWIND
 * batches (CREATE for what is new, MERGE on stable ids for the rest), so that importing twice changes nothing.
 *
 * All or nothing: everything is read, validated and mapped before the first write, and a batch of up to
 * `maxTransactionRows` nodes + relationships (default 25,000: the full SDN list fits) is written in ONE transaction: a
 * file loads whole or not at all. Transaction state is large in Neo4j: on an embedded server with a 1 GiB heap (70% of
 * it for transactions, `dbms.memory.transaction.total.max`; LOOKTHROUGH_NEO4J_HEAP sets the heap), one transaction of
 * the 100,000 parties of a generated graph went over that limit (and, with `db.tx_state.memory_allocation=OFF_HEAP`,
 * one of its 306,000 parties and relationships). So a larger batch is written in several transactions of that size (or
 * `partRows`), nodes first, then relationships, one at a time unless `concurrency` says more (Neo4j runs each
 * transaction on a thread of its own; on two cores one already keeps both busy). Every node part commits before the
 * first relationship part begins. If one of those fails, the load waits for any in flight beside it and undoes every
 * part that committed (before or beside the failed one): it deletes the parties it created (with their relationships
 * and listings) and the relationships it created that were not in the database before. It does not restore what it
 * rewrote on parties and relationships that were already there (properties, an added kind label, replaced listings):
 * that is the file's own data, and importing the file again writes it again. Should the undo itself fail (connection
 * lost), the summary says so, and running the same import again completes it without duplicating anything. A transient
 * failure (a deadlock between two in flight on a shared party) is retried by the managed transaction, which writes the
 * part again from the start.
 *
 * Speed (src/db/write-rows.ts): parties not in the database, and relationships between two of them, are written with
 * CREATE (much cheaper for the server than MERGE); the rest with MERGE on stable ids. The node statements return the
 * parties' element ids, and relationship statements find their ends by element id instead of a seek (and a lock) in the
 * id index; parties already in the database that the load does not write are looked up once. Rows travel as compact
 * lists: entities as a property map each (dates as driver Dates, one SET per row), relationships as positional values
 * with their shared provenance sent once per statement (see toRelationshipImportBatch). Element ids are used within the
 * load that obtained them; a party deleted by another writer meanwhile makes the relationship statement write fewer
 * rows than it was given, which fails the load.
 */
import { isDeepStrictEqual } from 'node:util';
import type { EntityAttributes } from '../domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import type { Database } from '../db/database.ts';
import { fetchEntities } from '../db/graph-repository.ts';
import { loadCypher } from '../db/queries.ts';
import { toPlain } from '../db/serialize.ts';
import { edgeKey, identifierFromString } from '../db/snapshot-mapping.ts';
import { chunks, elementIdsOf, writeRows } from '../db/write-rows.ts';
import type { WritePart } from '../db/write-rows.ts';
import type { ImportBatch } from './read.ts';
import { identifierMatchKey, isStrongIdentifier, resolveBatch, storedNameMatchWarnings } from './resolve.ts';
import type { ImportIssue } from './types.ts';

export interface LoadOptions {
  /** Rows per UNWIND statement (default 10,000). */
  batchSize?: number;
  /** Rows per transaction above which a load is split (default 25,000); see the module comment. */
  maxTransactionRows?: number;
  /**
   * Rows per transaction once a load is split (default and at most `maxTransactionRows`). Neo4j keeps a
   * transaction's state on its heap until the commit, where it outlives young collections and is promoted (on the
   * 1 GiB embedded heap, a 100,000-entity load saw 10 to 13 full collections of a 60 MB live set); smaller parts
   * leave less of it. Parts of 10,000 against 25,000 measured no clear difference on a machine loaded by other work
   * (load average 4 to 8): `tests/bench/import.ts --part-rows` compares them.
   */
  partRows?: number;
  /**
   * Transactions of a load in several in flight at once (default 1). Neo4j runs each on a thread of its own, but on
   * two cores one transaction already keeps both busy (its thread, and Node, the JIT compiler and the garbage
   * collector): two in flight measured no faster at 100,000 and 300,000 entities and cost Neo4j more CPU. More may
   * pay on a server with more cores. Node parts all commit before the first relationship part begins.
   */
  concurrency?: number;
  /** Told of progress: rows written so far of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Look up existing parties by identifier and name (default true). Off only for a load into an empty database. */
  resolveExisting?: boolean;
}

export interface LoadSummary {
  nodes: number;
  relationships: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Parties of the files that turned out to be entities already in the database. */
  matchedExisting: number;
  /** Parties whose stored attributes already equal the imported ones: not written again. */
  unchanged: number;
  transactions: number;
  seconds: number;
}

interface KnownEntity {
  key: string;
  kind: string;
  name: string;
  identifiers: string[];
  dataset: string | undefined;
}

async function knownEntities(db: Database): Promise<KnownEntity[]> {
  const result = await db.read((tx) => tx.run(loadCypher('app/import-known-entities')), { action: 'import-resolve' });
  return result.records.map((r) => {
    const [key, kind, name, identifiers, dataset] = r.get('row') as unknown[];
    return {
      key: String(key),
      kind: typeof kind === 'string' ? kind : '',
      name: typeof name === 'string' ? name : '',
      identifiers: Array.isArray(identifiers) ? identifiers.map(String) : [],
      dataset: typeof dataset === 'string' ? dataset : undefined,
    };
  });
}

async function fetchAttributes(db: Database, keys: string[]): Promise<Map<string, EntityAttributes>> {
  const out = new Map<string, EntityAttributes>();
  for (const ids of chunks(keys, 10_000)) {
    const nodes = await db.read((tx) => fetchEntities(tx, ids), { action: 'import-resolve' });
    for (const node of nodes) out.set(node.key, node.attributes);
  }
  return out;
}

/** Keys that a relationship may use for a party of another file: `ftm-X` is the party with identifier `ftm:X`. */
function identifierOfKey(key: string): string | undefined {
  const m = /^(ftm|bods|ofac)-(.+)$/.exec(key);
  return m ? `${m[1]}:${m[2]}` : undefined;
}

/** Attributes with absent values dropped and listings in one order (the database keeps no order), for comparison. */
function canonical(a: EntityAttributes): unknown {
  const sanctions = a.sanctions
    ? [...a.sanctions].sort((x, y) => `${x.authority}|${x.program}`.localeCompare(`${y.authority}|${y.program}`))
    : undefined;
  return JSON.parse(JSON.stringify({ ...a, sanctions })) as unknown;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The keys among `keys` of entities in the database, with their element ids. */
async function existingKeys(db: Database, keys: string[]): Promise<Map<string, string>> {
  return elementIdsOf(
    (batch) =>
      db.read((tx) => tx.run(loadCypher('app/import-existing-keys'), { keys: batch }), { action: 'import-resolve' }),
    keys,
  );
}

/** Relationship ids among `ids` that are in the database (any type). */
async function existingRelationshipIds(db: Database, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of chunks(ids, 10_000)) {
    const result = await db.read((tx) => tx.run(loadCypher('app/import-relationships-by-id'), { ids: batch }), {
      action: 'import-resolve',
    });
    for (const r of result.records) found.add(String(r.get('found')));
  }
  return found;
}

/** Keys that occur more than once: such rows keep the upsert, which lets the last one win as before. */
function repeated(keys: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return twice;
}

/**
 * Deletes what the committed transactions of a failed multi-transaction load created: the parties (with their
 * relationships and listings) and the relationships that were not in the database before. Returns the counts.
 */
async function undoCreated(
  db: Database,
  nodeKeys: string[],
  edges: [string, string][],
  batchSize: number,
): Promise<{ nodes: number; relationships: number }> {
  let relationships = 0;
  let nodes = 0;
  // Relationships first: a relationship between a new party and an existing one goes with the party anyway.
  for (const batch of chunks(edges, batchSize)) {
    const result = await db.write((tx) => tx.run(loadCypher('app/import-undo-relationships'), { rows: batch }), {
      action: 'import-undo',
    });
    relationships += Number(toPlain(result.records[0]?.get('deleted')) ?? 0);
  }
  for (const batch of chunks(nodeKeys, batchSize)) {
    const result = await db.write((tx) => tx.run(loadCypher('app/import-undo-entities'), { keys: batch }), {
      action: 'import-undo',
    });
    nodes += Number(toPlain(result.records[0]?.get('deleted')) ?? 0);
  }
  if (nodes || relationships) await db.write((tx) => tx.run(loadCypher('app/bump-data-version')));
  return { nodes, relationships };
}

/**
 * Lookthrough's own FtM and BODS exports write relationship keys as record ids, which their importers prefix
 * (`ftm-KEY`, `bods-KEY-0`): when KEY is a relationship already in the database, the edge keeps KEY, so that an
 * exported subgraph imports back onto itself instead of doubling its stakes.
 */
async function keepRelationshipKeys(db: Database, edges: SnapshotEdge[]): Promise<SnapshotEdge[]> {
  const original = new Map<string, string>();
  for (const e of edges) {
    const m = e.key ? (/^ftm-(.+)$/.exec(e.key) ?? /^bods-(.+)-0$/.exec(e.key)) : null;
    if (m) original.set(e.key!, m[1]!);
  }
  if (original.size === 0) return edges;
  const found = await existingRelationshipIds(db, [...new Set(original.values())]);
  return edges.map((e) => {
    const k = e.key ? original.get(e.key) : undefined;
    return k && found.has(k) ? { ...e, key: k } : e;
  });
}

/** Resolves `batch` against the database and writes it. Does nothing (and says so) when the batch has errors. */
export async function loadImport(db: Database, batch: ImportBatch, options: LoadOptions = {}): Promise<LoadSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 10_000;
  const maxRows = options.maxTransactionRows ?? 25_000;
  const splitRows = Math.min(maxRows, options.partRows ?? maxRows);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const warnings = batch.warnings.filter((w) => !/in none of the files/.test(w.message));
  const summary: LoadSummary = {
    nodes: 0,
    relationships: 0,
    errors: [...batch.errors],
    warnings,
    matchedExisting: 0,
    unchanged: 0,
    transactions: 0,
    seconds: 0,
  };
  if (batch.errors.length) {
    summary.seconds = (Date.now() - started) / 1000;
    return summary;
  }

  let nodes = batch.nodes;
  let edges = [...batch.edges, ...batch.dangling];
  let stored = new Map<string, EntityAttributes>();
  let inDatabase: Set<string> | undefined;
  if (options.resolveExisting !== false) {
    const known = await knownEntities(db);
    const byIdentifier = new Map<string, string>();
    const knownKeys = new Set<string>();
    inDatabase = knownKeys;
    for (const k of known) {
      knownKeys.add(k.key);
      for (const s of k.identifiers) {
        const id = identifierFromString(s);
        if (isStrongIdentifier(id)) byIdentifier.set(identifierMatchKey(id), k.key);
      }
    }
    // Parties of the batch that are already in the database, by key or by a strong identifier.
    const hits = new Map<string, string>();
    for (const node of nodes) {
      if (knownKeys.has(node.key)) hits.set(`key:${node.key}`, node.key);
      for (const id of node.attributes.identifiers ?? []) {
        if (!isStrongIdentifier(id)) continue;
        // An FtM or BODS id that is the key of a party in the database is that party: Lookthrough's own FtM and
        // BODS exports write keys as ids, so an exported subgraph imports back onto itself.
        const key =
          byIdentifier.get(identifierMatchKey(id)) ??
          ((id.scheme === 'ftm' || id.scheme === 'bods') && knownKeys.has(id.value) ? id.value : undefined);
        if (key) hits.set(identifierMatchKey(id), key);
      }
    }
    const attributes = await fetchAttributes(db, [...new Set(hits.values())]);
    stored = attributes;
    const existing = new Map<string, { key: string; attributes: EntityAttributes }>();
    for (const [match, key] of hits) {
      const a = attributes.get(key);
      if (a) existing.set(match, { key, attributes: a });
    }
    const resolved = resolveBatch(nodes, edges, existing);
    nodes = resolved.nodes;
    edges = resolved.edges;
    summary.warnings.push(...resolved.warnings);
    summary.matchedExisting = new Set([...existing.values()].map((e) => e.key)).size;

    // Relationships to parties in none of the files: the database must hold them (by key or record identifier).
    const batchKeys = new Set(nodes.map((n) => n.key));
    const endpoint = (key: string): string | undefined => {
      if (batchKeys.has(key) || knownKeys.has(key)) return key;
      const id = identifierOfKey(key);
      return id ? byIdentifier.get(identifierMatchKey(identifierFromString(id))) : undefined;
    };
    const kept: SnapshotEdge[] = [];
    for (const edge of edges) {
      const source = endpoint(edge.source);
      const target = endpoint(edge.target);
      if (source && target && source !== target) {
        kept.push(source === edge.source && target === edge.target ? edge : { ...edge, source, target });
        continue;
      }
      const missing = [source ? undefined : edge.source, target ? undefined : edge.target].filter(Boolean);
      summary.warnings.push({
        file: edge.attributes.source?.dataset ?? '',
        message: `relationship ${edge.key ?? ''} (${edge.attributes.kind}) names ${missing.join(' and ')}, in neither the files nor the database; not loaded`,
      });
    }
    edges = await keepRelationshipKeys(db, kept);
    const unmatched = nodes.filter((n) => !knownKeys.has(n.key));
    summary.warnings.push(...storedNameMatchWarnings(unmatched, known));
  } else {
    const keys = new Set(nodes.map((n) => n.key));
    edges = edges.filter((e) => keys.has(e.source) && keys.has(e.target));
  }

  // A party whose stored attributes already are what the import would write is left alone (a re-import of the same
  // file on the same day writes no node again).
  const allNodes = nodes.length;
  nodes = nodes.filter((n) => {
    const before = stored.get(n.key);
    return !(before && isDeepStrictEqual(canonical(before), canonical(n.attributes)));
  });
  summary.unchanged = allNodes - nodes.length;
  const total = nodes.length + edges.length;
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    options.onProgress?.(done, total);
  };
  options.onProgress?.(0, total);

  // Parties not in the database are created, and so are relationships between two of them (no relationship can
  // join parties that did not exist): CREATE costs the server far less than MERGE. Everything else is upserted.
  inDatabase ??= new Set(
    (
      await existingKeys(
        db,
        nodes.map((n) => n.key),
      )
    ).keys(),
  );
  const twiceNodes = repeated(nodes.map((n) => n.key));
  const isNew = (n: SnapshotNode): boolean => !inDatabase.has(n.key) && !twiceNodes.has(n.key);
  const newKeys = new Set(nodes.filter(isNew).map((n) => n.key));
  const twiceEdges = repeated(edges.map((e) => `${e.attributes.kind}|${edgeKey(e)}`));
  const isNewEdge = (e: SnapshotEdge): boolean =>
    newKeys.has(e.source) && newKeys.has(e.target) && !twiceEdges.has(`${e.attributes.kind}|${edgeKey(e)}`);
  const part = (partNodes: SnapshotNode[], partEdges: SnapshotEdge[]): WritePart => ({
    createNodes: partNodes.filter(isNew),
    mergeNodes: partNodes.filter((n) => !isNew(n)),
    createEdges: partEdges.filter(isNewEdge),
    mergeEdges: partEdges.filter((e) => !isNewEdge(e)),
  });
  // Once a load takes several transactions, each phase has at least as many as run at once.
  const partRows = (n: number): number => Math.max(1, Math.min(splitRows, Math.ceil(n / concurrency)));
  const nodeParts = chunks(nodes, partRows(nodes.length)).map((p) => part(p, []));
  const edgeParts = chunks(edges, partRows(edges.length)).map((p) => part([], p));
  // One transaction when it fits; otherwise the node parts, then (they need both ends) the relationship parts.
  const phases: WritePart[][] = total <= maxRows ? [[part(nodes, edges)]] : [nodeParts, edgeParts];
  const parts = phases.flat();
  // A load in several transactions undoes what it created if a later one fails: which upserted relationships
  // are new is known only by asking.
  const before =
    parts.length > 1
      ? await existingRelationshipIds(db, [...new Set(parts.flatMap((p) => p.mergeEdges.map(edgeKey)))])
      : new Set<string>();
  const elementIds = new Map<string, string>();
  const committed: WritePart[] = [];
  let failure: { index: number; error: unknown } | undefined;
  const writePart = async (p: WritePart): Promise<void> => {
    let reported = 0;
    await db.write(
      (tx) => {
        // A retried attempt (a transient error, e.g. a deadlock) writes the part again from the start.
        progress(-reported);
        reported = 0;
        return writeRows(tx, p, {
          batchSize,
          elementIds,
          progress: (n) => {
            reported += n;
            progress(n);
          },
        });
      },
      { action: 'import' },
      { timeoutMs: 3_600_000 },
    );
    committed.push(p);
  };
  for (const phase of phases) {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!failure && next < phase.length) {
        const p = phase[next++]!;
        try {
          await writePart(p);
        } catch (error) {
          failure ??= { index: parts.indexOf(p), error };
        }
      }
    };
    // Every worker finishes the part it has begun, so `committed` holds all that committed when one fails.
    await Promise.all(Array.from({ length: Math.min(concurrency, phase.length) }, worker));
    if (failure) break;
  }
  summary.transactions = committed.length;

  if (failure) {
    const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
    const memory = /memory/i.test(reason) ? '; lower --transaction-rows' : '';
    let message = `the database refused the load, nothing was written: ${reason}${memory}`;
    if (committed.length > 0) {
      const head = `the database refused transaction ${failure.index + 1} of ${parts.length}: ${reason}${memory}`;
      const createdNodes = committed.flatMap((p) => p.createNodes.map((n) => n.key));
      const createdEdges = committed.flatMap((p) =>
        [...p.createEdges, ...p.mergeEdges.filter((e) => !before.has(edgeKey(e)))].map((e): [string, string] => [
          e.attributes.kind,
          edgeKey(e),
        ]),
      );
      try {
        const undone = await undoCreated(db, createdNodes, createdEdges, batchSize);
        message =
          `${head}; the ${committed.length} that committed were undone: the ${fmt(undone.nodes)} parties and ` +
          `${fmt(undone.relationships)} relationships this import had created were deleted (properties it had ` +
          `rewritten on parties and relationships already in the database were not restored; importing the file ` +
          `again rewrites them)`;
      } catch (undoError) {
        const why = undoError instanceof Error ? undoError.message : String(undoError);
        message = `${head}; undoing the ${committed.length} that committed failed too (${why}): run the same import again to complete it (it is idempotent)`;
      }
    }
    summary.errors.push({ file: '', message });
    summary.seconds = (Date.now() - started) / 1000;
    return summary;
  }
  summary.nodes = nodes.length + summary.unchanged;
  summary.relationships = edges.length;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
