/**
 * Timing of one facility's trace and of the whole-graph load, against the database that is already loaded (the
 * embedded one on NEO4J_BOLT_PORT, or NEO4J_URI): unlike run.ts it imports nothing, so before/after figures of a
 * change can be taken on the same data.
 *
 *   NEO4J_BOLT_PORT=7701 npx tsx tests/bench/trace.ts [--samples 30] [--seed 1] [--skip-flags] [--skip-api]
 *                                                    [--dump FILE | --check FILE]
 *
 * Measures, over the same sample of facilities: `upstreamSubgraph` called directly; the API's trace
 * (GET /api/facilities/:id/graph) and trace + explanation (GET /api/entities/:id/analysis), server in-process on
 * loopback, once from Neo4j (projection off) and once from the in-memory projection (built by GET /api/flags);
 * the naive `[:OWNS*..10]` query of run.ts; and `analysisSnapshot` + `analyzeSnapshot` as the server's /api/flags runs them.
 * `--dump FILE` writes what each of them returned; `--check FILE` compares with such a file and lists differences,
 * so that a faster query can be shown to return the same results as the one it replaces.
 *
 * Benchmarks are not tests: this prints figures, it asserts nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { connectNeo4j } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { analysisSnapshot } from '../../src/db/explore-repository.ts';
import { listFacilities, upstreamSubgraph } from '../../src/db/graph-repository.ts';
import { analyzeSnapshot } from '../../src/domain/analysis/analyze.ts';
import type { OwnershipSnapshot } from '../../src/domain/snapshot.ts';
import { mulberry32 } from '../../src/generate/ownership-graph.ts';
import { keepForRanking } from '../../src/server/analysis-service.ts';
import { buildServer } from '../../src/server/app.ts';
import { loads, log, percentile, round } from './stats.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const stats = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) };
};

const NAIVE = `MATCH p=(f:Facility {id:$id})<-[:OWNS*..10]-(o)
RETURN o.id AS owner, sum(reduce(s=1.0, r IN relationships(p) | s*r.percent/100)) AS share`;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** The whole-graph snapshot in a canonical order (the engine does not depend on the order of rows). */
function canonical(snapshot: OwnershipSnapshot): OwnershipSnapshot {
  return {
    ...snapshot,
    nodes: [...snapshot.nodes].sort((a, b) => a.key.localeCompare(b.key)),
    edges: [...snapshot.edges].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '')),
  };
}

interface Dump {
  upstream: Record<string, unknown>;
  analysis: Record<string, unknown>;
  whole?: unknown;
}

async function main(): Promise<void> {
  const samples = Number(arg('samples') ?? 30);
  const seed = Number(arg('seed') ?? 1);
  const dumpFile = arg('dump');
  const checkFile = arg('check');
  const connection = await connectNeo4j();
  const db: Database = connection.db;
  const dump: Dump = { upstream: {}, analysis: {} };
  const figures: Record<string, unknown> = {};
  try {
    const facilities = (await listFacilities(db)).map((f) => f.key).sort();
    const rnd = mulberry32(seed);
    const picks = new Set<string>();
    while (picks.size < Math.min(samples, facilities.length))
      picks.add(facilities[Math.floor(rnd() * facilities.length)]!);
    const ids = [...picks];
    log(`${facilities.length} facilities; ${ids.length} sampled; load average ${loads().join(' ')}`);

    for (const id of ids.slice(0, 3)) await upstreamSubgraph(db, id); // warm-up
    const direct: number[] = [];
    let nodes = 0;
    let edges = 0;
    for (const id of ids) {
      const { ms, value } = await timed(() => upstreamSubgraph(db, id));
      direct.push(ms);
      nodes += value?.nodes.length ?? 0;
      edges += value?.edges.length ?? 0;
      dump.upstream[id] = value;
    }
    figures.upstreamSubgraphMs = stats(direct);
    figures.meanUpstreamNodes = round(nodes / ids.length);
    figures.meanUpstreamEdges = round(edges / ids.length);
    log(`upstreamSubgraph: ${JSON.stringify(figures.upstreamSubgraphMs)}; load average ${loads().join(' ')}`);

    if (!flag('skip-api')) {
      // Neo4j path: the server with its projection turned off; in-memory path: a server whose projection was
      // built by GET /api/flags (the whole-graph load it shares with the engine).
      for (const path of ['neo4j', 'memory'] as const) {
        process.env.LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS = path === 'neo4j' ? '0' : '';
        const app = await buildServer({ db });
        try {
          const url = await app.listen({ host: '127.0.0.1', port: 0 });
          if (path === 'memory') {
            const flags = await timed(() => getJson(`${url}/api/flags?asOf=2025-06-01`));
            figures.apiFlagsMs = Math.round(flags.ms);
            log(`GET /api/flags (load + engine, builds the projection): ${Math.round(flags.ms)} ms`);
          }
          const analysisUrl = (id: string) => `${url}/api/entities/${encodeURIComponent(id)}/analysis?asOf=2025-06-01`;
          for (const id of ids.slice(0, 3)) await getJson(analysisUrl(id)); // warm-up
          const trace: number[] = [];
          const explain: number[] = [];
          for (const id of ids) {
            trace.push((await timed(() => getJson(`${url}/api/facilities/${encodeURIComponent(id)}/graph`))).ms);
            const { ms, value } = await timed(() => getJson(analysisUrl(id)));
            explain.push(ms);
            if (path === 'neo4j') dump.analysis[id] = value;
            else if (!isDeepStrictEqual(value, dump.analysis[id])) log(`${id}: the two paths answer differently`);
          }
          figures[`${path}ApiTraceMs`] = stats(trace);
          figures[`${path}ApiTraceExplainMs`] = stats(explain);
          log(
            `${path}: API trace ${JSON.stringify(stats(trace))}, trace + explanation ${JSON.stringify(stats(explain))}`,
          );
        } finally {
          await app.close();
        }
      }
    }

    const naive: number[] = [];
    for (const id of ids.slice(0, 3)) await db.run(NAIVE, { id }, { mode: 'READ' });
    for (const id of ids) naive.push((await timed(() => db.run(NAIVE, { id }, { mode: 'READ' }))).ms);
    figures.naiveMs = stats(naive);
    log(`naive: ${JSON.stringify(figures.naiveMs)}; load average ${loads().join(' ')}`);

    if (!flag('skip-flags')) {
      const load = await timed(() => analysisSnapshot(db));
      const t = performance.now();
      const cpu0 = process.cpuUsage();
      const result = analyzeSnapshot(load.value, { rule: 'ofac', asOf: '2025-06-01' }, keepForRanking);
      const cpu = process.cpuUsage(cpu0);
      const loadMs = Math.round(load.ms);
      const engineMs = Math.round(performance.now() - t);
      figures.flagsLoadMs = loadMs;
      figures.flagsEngineMs = engineMs;
      figures.flagsEngineCpuMs = Math.round((cpu.user + cpu.system) / 1000);
      figures.wholeGraph = { nodes: load.value.nodes.length, edges: load.value.edges.length };
      log(`flags: load ${loadMs} ms + engine ${engineMs} ms; ${JSON.stringify(result.flagCounts)}`);
      dump.whole = canonical(load.value);
    }
    figures.loadAverage = loads();
    console.log(JSON.stringify(figures));

    if (dumpFile) writeFileSync(dumpFile, JSON.stringify(dump));
    if (checkFile) {
      const before = JSON.parse(readFileSync(checkFile, 'utf8')) as Dump;
      const differences: string[] = [];
      for (const part of ['upstream', 'analysis'] as const) {
        for (const id of Object.keys(before[part])) {
          if (!(id in dump[part])) continue;
          // The analysis response's subgraph and figures; durations and clock times are not part of it.
          if (!isDeepStrictEqual(JSON.parse(JSON.stringify(dump[part][id])), before[part][id]))
            differences.push(`${part} ${id}`);
        }
      }
      if (before.whole !== undefined && dump.whole !== undefined)
        if (!isDeepStrictEqual(JSON.parse(JSON.stringify(dump.whole)), before.whole)) differences.push('whole graph');
      log(differences.length === 0 ? `same results as ${checkFile}` : `DIFFERENT: ${differences.join(', ')}`);
    }
  } finally {
    await connection.close();
  }
}

await main();
