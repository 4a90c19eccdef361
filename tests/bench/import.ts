/**
 * Import benchmark: the rate at which `lookthrough import` maps and writes into Neo4j.
 *
 *   npx tsx tests/bench/import.ts [--entities N] [--batch-size B] [--transaction-rows T] [--part-rows P] [--skip-sdn] [--keep]
 *
 * 1. The full OFAC SDN list (../shared/data/ofac): read + map, then load (resolution against the database
 *    included); loaded twice, the second time is the idempotent re-import. The list is mostly parties (14,965, with
 *    aliases, addresses and listings) for 6,368 relationships, so the rate over the whole load says little about
 *    writing relationships: the time after the parties' statements is printed too.
 * 2. A generated graph of N entities (src/generate/ownership-graph.ts; default 100,000; the issue's figure is
 *    1,000,000: give Node more heap, NODE_OPTIONS=--max-old-space-size=8192) with about 2N relationships, keys `bench-<run>-...`, written through the same
 *    loader (split into transactions of --part-rows rows, by default --transaction-rows). The generated data is
 *    deleted afterwards unless --keep. Prints the CPU time of Node and of the embedded Neo4j during the relationship
 *    phase, to tell which side the time goes to.
 * Uses the Neo4j that NEO4J_URI names, or the embedded one. Prints figures; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connectNeo4j } from '../../src/db/connect.ts';
import { applySchema } from '../../src/db/graph-repository.ts';
import { generateOwnershipGraph } from '../../src/generate/ownership-graph.ts';
import { loadImport } from '../../src/import/load.ts';
import { readImport } from '../../src/import/read.ts';
import type { ImportBatch } from '../../src/import/read.ts';
import { sharedData } from '../../src/import/shared-data.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

/** The shared generator's graph (src/generate/ownership-graph.ts) as an import batch, keyed `<prefix>-...`. */
function generate(n: number, prefix: string, date: string): ImportBatch {
  const g = generateOwnershipGraph({ entities: n, seed: 42, prefix: `${prefix}-`, dataset: prefix, date });
  return { nodes: [...g.nodes()], edges: [...g.edges()], dangling: [], errors: [], warnings: [] };
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
const nodeCpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const connection = await connectNeo4j({ log: (m) => console.error(m) });
const db = connection.db;
const batchSize = Number(arg('batch-size', '10000'));
const maxTransactionRows = Number(arg('transaction-rows', '25000'));
const partRows = process.argv.includes('--part-rows') ? { partRows: Number(arg('part-rows', '')) } : {};
const date = new Date().toISOString().slice(0, 10);
try {
  await applySchema(db);
  const info = await db.serverInfo();
  console.log(
    `Neo4j ${info.version} at ${connection.uri}; batch ${batchSize} rows, transactions of up to ${maxTransactionRows} rows`,
  );
  if (!flag('skip-sdn')) {
    for (const round of ['first', 'again']) {
      let t = performance.now();
      const batch = readImport([sharedData('ofac', 'sdn.csv')], 'sdn', { date });
      const readS = (performance.now() - t) / 1000;
      t = performance.now();
      // Progress as it came; the parties' statements are done when what is left is the relationships loaded (known
      // at the end: resolution may set some aside). What follows is their last listings, the relationships and the
      // commit. (A retried transaction reports its rows again, which this does not correct for.)
      const progress: { done: number; total: number; at: number }[] = [];
      const s = await loadImport(db, batch, {
        batchSize,
        maxTransactionRows,
        onProgress: (done, total) => progress.push({ done, total, at: performance.now() }),
      });
      const end = performance.now();
      const loadS = (end - t) / 1000;
      // A re-import that leaves every party as it is writes none: then the cut is at the start.
      const cut = progress.find(
        (p) => p.done >= p.total - s.relationships && (p.done > 0 || p.total === s.relationships),
      );
      const afterS = cut ? (end - cut.at) / 1000 : NaN;
      for (const e of s.errors) console.log(`load error: ${e.message}`);
      console.log(
        `SDN (${round}): read+map ${readS.toFixed(2)} s; load ${loadS.toFixed(2)} s for ${fmt(s.nodes)} nodes + ${fmt(s.relationships)} relationships ` +
          `= ${fmt((s.nodes + s.relationships) / loadS)} rows/s, ${fmt(s.relationships / loadS)} relationships/s (${s.transactions} transaction); ` +
          `after the parties (their last listings, the relationships, the commit) ${afterS.toFixed(2)} s = ${fmt(s.relationships / afterS)} relationships/s`,
      );
    }
  }
  const n = Number(arg('entities', '100000'));
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  let t = performance.now();
  const batch = generate(n, prefix, date);
  const genS = (performance.now() - t) / 1000;
  t = performance.now();
  let lastEdgesAt = 0;
  // CPU of the relationship phase, Node's and the embedded Neo4j's (when its pid is known), to see which side the
  // wall-clock time goes to.
  const neo4jPid = connection.embedded?.pid;
  const cpuAtEdges = { node: 0, neo4j: 0 as number | undefined };
  const s = await loadImport(db, batch, {
    batchSize,
    maxTransactionRows,
    ...partRows,
    resolveExisting: false,
    onProgress: (done, total) => {
      if (done >= batch.nodes.length && lastEdgesAt === 0) {
        lastEdgesAt = performance.now();
        cpuAtEdges.node = nodeCpuSeconds();
        cpuAtEdges.neo4j = neo4jPid ? processCpuSeconds(neo4jPid) : undefined;
      }
      if (done === total || done % 500_000 < batchSize) console.error(`  ${fmt(done)} / ${fmt(total)} rows`);
    },
  });
  const end = performance.now();
  const edgeNodeCpu = nodeCpuSeconds() - cpuAtEdges.node;
  const neo4jCpuNow = neo4jPid ? processCpuSeconds(neo4jPid) : undefined;
  const edgeNeo4jCpu =
    neo4jCpuNow !== undefined && cpuAtEdges.neo4j !== undefined ? neo4jCpuNow - cpuAtEdges.neo4j : undefined;
  for (const e of s.errors) console.log(`load error: ${e.message}`);
  const total = (end - t) / 1000;
  const nodeS = (lastEdgesAt - t) / 1000;
  const edgeS = (end - lastEdgesAt) / 1000;
  console.log(
    `generated ${fmt(n)} entities + ${fmt(batch.edges.length)} relationships (made in ${genS.toFixed(1)} s): load ${total.toFixed(1)} s in ${s.transactions} transactions; ` +
      `nodes ${fmt(s.nodes / nodeS)}/s, relationships ${fmt(s.relationships / edgeS)}/s, overall ${fmt((s.nodes + s.relationships) / total)} rows/s`,
  );
  console.log(
    `relationship phase: ${edgeS.toFixed(1)} s; CPU Node ${edgeNodeCpu.toFixed(1)} s, Neo4j ` +
      (edgeNeo4jCpu === undefined ? 'unknown (not the embedded one)' : `${edgeNeo4jCpu.toFixed(1)} s`),
  );
  if (!flag('keep')) {
    t = performance.now();
    await db
      .run(
        'MATCH (n:Entity) WHERE n.sourceDataset = $prefix CALL (n) { OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing) DETACH DELETE n, l } IN TRANSACTIONS OF 10000 ROWS',
        { prefix },
        { mode: 'WRITE' },
      )
      .catch(async () => {
        // CALL ... IN TRANSACTIONS needs an implicit transaction; fall back to batches.
        for (;;) {
          const rows = await db.run<{ n: number }>(
            'MATCH (n:Entity) WHERE n.sourceDataset = $prefix WITH n LIMIT 20000 OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing) DETACH DELETE n, l RETURN count(*) AS n',
            { prefix },
            { mode: 'WRITE' },
          );
          if (Number(rows[0]?.n ?? 0) === 0) break;
        }
      });
    console.log(`generated data deleted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
} finally {
  await connection.close();
}
