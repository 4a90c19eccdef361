/**
 * The writer of imports and snapshots: UNWIND batches of compact rows, CREATE for what cannot exist yet, MERGE on
 * stable ids for the rest, relationships addressed to their ends by element id. Shared by the import loader
 * (src/import/load.ts), which splits a large load into parts and runs them in transactions of their own, and by
 * `writeSnapshotRows` (seed, snapshot import), which writes one part in the caller's transaction.
 */
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import type { ManagedTransaction } from './database.ts';
import { loadCypher } from './queries.ts';
import { toPlain } from './serialize.ts';
import { edgeKey, toEntityImportRow, toListingRow, toRelationshipImportBatch } from './snapshot-mapping.ts';

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What one transaction writes: parties to create or to upsert, then relationships to create or to upsert. */
export interface WritePart {
  createNodes: SnapshotNode[];
  mergeNodes: SnapshotNode[];
  createEdges: SnapshotEdge[];
  mergeEdges: SnapshotEdge[];
}

const kindFile = (kind: string): string => kind.toLowerCase().replace('_', '-');

/**
 * Runs the statements one after another in the transaction without waiting for each result before sending the
 * next (the driver pipelines them on the connection), so that Node maps and packs a batch while the server
 * writes the previous one. At most two are in flight.
 */
async function pipelined(statements: Iterable<() => Promise<void>>): Promise<void> {
  let inFlight: Promise<void> | undefined;
  for (const start of statements) {
    const next = start();
    // Handled when awaited below; this only keeps an early failure from being reported as unhandled.
    next.catch(() => undefined);
    if (inFlight) await inFlight;
    inFlight = next;
  }
  await inFlight;
}

export interface RowsResult {
  records: { get(key: string): unknown }[];
}

/** Element ids of the entities among `keys` that are in the database, by `run` (a read of its own or a running write). */
export async function elementIdsOf(
  run: (keys: string[]) => Promise<RowsResult>,
  keys: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of chunks(keys, 50_000)) {
    const result = await run(batch);
    for (const [key, id] of (result.records[0]?.get('found') as [string, string][] | null) ?? []) found.set(key, id);
  }
  return found;
}

/**
 * One statement group's relationships (one kind, created or upserted) in the order of their held parties, by the
 * number in the element id (the party's place in the store), so that a party's holders are written one after
 * another. For imports and snapshots alike. Neo4j then spent about a tenth less CPU on the relationship phase than in
 * the generated graph's order or a shuffled one (100,000 entities, three alternated rounds each; docs/performance.md).
 * Left as they are when an element id has no such number (another store format).
 */
function byTarget(edges: SnapshotEdge[], end: (edge: SnapshotEdge, key: string) => string): SnapshotEdge[] {
  const keyed = edges.map((edge) => {
    const id = end(edge, edge.target);
    return { edge, at: Number(id.slice(id.lastIndexOf(':') + 1)) };
  });
  if (keyed.some((k) => !Number.isSafeInteger(k.at))) return edges;
  return keyed.sort((a, b) => a.at - b.at).map((k) => k.edge);
}

export interface WriteRowsOptions {
  /** Rows per UNWIND statement. */
  batchSize: number;
  /** Element ids of parties by key: filled by the node statements and lookups, shared by the parts of a load. */
  elementIds: Map<string, string>;
  /** Told of rows written (negative when a retried transaction starts over). */
  progress?: (n: number) => void;
  /** Write the listings of every party, replacing stored ones by none (a snapshot); else only of listed parties. */
  replaceListings?: boolean;
}

/**
 * Writes one part in its transaction: the parties first, which return their element ids into `elementIds`, then
 * the relationships, whose ends are found by element id (parties already in the database and not written here are
 * looked up in the same transaction). `elementIds` is shared by the parts of a load.
 */
export async function writeRows(tx: ManagedTransaction, part: WritePart, options: WriteRowsOptions): Promise<void> {
  const { batchSize, elementIds } = options;
  const progress = options.progress ?? (() => undefined);
  function* nodeStatements(): Generator<() => Promise<void>> {
    for (const [file, nodes] of [
      ['app/import-create-entities', part.createNodes],
      ['app/import-merge-entities', part.mergeNodes],
    ] as const) {
      for (const batch of chunks(nodes, batchSize)) {
        yield async () => {
          const result = await tx.run(loadCypher(file), { rows: batch.map(toEntityImportRow) });
          for (const [key, id] of result.records[0]?.get('written') as [string, string][]) elementIds.set(key, id);
          progress(batch.length);
        };
        const listed = (options.replaceListings ? batch : batch.filter((n) => n.attributes.sanctions?.length)).map(
          toListingRow,
        );
        if (listed.length) yield async () => void (await tx.run(loadCypher('app/merge-listings'), { rows: listed }));
      }
    }
  }
  await pipelined(nodeStatements());

  const ends = new Set<string>();
  for (const edge of [...part.createEdges, ...part.mergeEdges]) {
    if (!elementIds.has(edge.source)) ends.add(edge.source);
    if (!elementIds.has(edge.target)) ends.add(edge.target);
  }
  if (ends.size) {
    const found = await elementIdsOf((keys) => tx.run(loadCypher('app/import-existing-keys'), { keys }), [...ends]);
    for (const [key, id] of found) elementIds.set(key, id);
  }
  const end = (edge: SnapshotEdge, key: string): string => {
    const id = elementIds.get(key);
    if (id === undefined)
      throw new Error(`relationship ${edgeKey(edge)} names ${key}, which is neither in the data nor in the database`);
    return id;
  };

  function* edgeStatements(): Generator<() => Promise<void>> {
    for (const [verb, edges] of [
      ['create', part.createEdges],
      ['merge', part.mergeEdges],
    ] as const) {
      const byKind = new Map<string, SnapshotEdge[]>();
      // Appends in place: copying the list for every row made grouping quadratic in the batch size.
      for (const edge of edges) {
        const list = byKind.get(edge.attributes.kind);
        if (list) list.push(edge);
        else byKind.set(edge.attributes.kind, [edge]);
      }
      for (const [kind, kindEdges] of byKind) {
        for (const batch of chunks(byTarget(kindEdges, end), batchSize)) {
          yield async () => {
            const { rows, dataset, date } = toRelationshipImportBatch(batch, end);
            const result = await tx.run(loadCypher(`app/import-${verb}-${kindFile(kind)}`), { rows, dataset, date });
            const written = Number(toPlain(result.records[0]?.get('written')) ?? 0);
            if (written !== batch.length) {
              throw new Error(
                `${batch.length - written} of ${batch.length} relationships name a party that is missing from the database`,
              );
            }
            progress(batch.length);
          };
        }
      }
    }
  }
  await pipelined(edgeStatements());
  await tx.run(loadCypher('app/bump-data-version'));
}
