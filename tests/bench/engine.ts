/**
 * Micro benchmark of the look-through engine: generates a seeded ownership graph of N entities and about 2N edges
 * with the shared generator (src/generate/ownership-graph.ts: heavy-tailed holdings, chains of holding companies,
 * cross-holdings and cycles, ~1 percent listed parties, governments with state-owned groups, facilities and
 * sensitive sites) and times whole-graph
 * analyzeGraph (results collected), analyzeGraphEach (results streamed) and explainEntity (p50 over 100 facilities).
 *
 *   npx tsx tests/bench/engine.ts [--entities N] [--seed S] [--rule ofac|eu|uk] [--snapshot]
 *
 * --snapshot also times analyzeSnapshot (what `lookthrough analyze FILE` runs) on the same graph as a snapshot.
 *
 * For a million entities give Node more heap and a larger young generation (as bin/lookthrough.mjs does):
 *   NODE_OPTIONS='--max-old-space-size=14000 --max-semi-space-size=64'
 * Benchmarks are not tests: this prints figures, it asserts nothing.
 */
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { MultiDirectedGraph } from 'graphology';
import { analyzeGraph, analyzeGraphEach, analyzeSnapshot, explainEntity } from '../../src/domain/analysis/analyze.ts';
import { siteIndexFromGraph } from '../../src/domain/analysis/proximity.ts';
import type { SanctionsRegime } from '../../src/domain/analysis/types.ts';
import type { EntityAttributes, OwnershipGraph, StakeAttributes } from '../../src/domain/model.ts';
import { toSnapshot } from '../../src/domain/snapshot.ts';
import { generateOwnershipGraph, mulberry32 } from '../../src/generate/ownership-graph.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

/** The shared generator's graph (src/generate/ownership-graph.ts) as a graphology graph. */
function generateGraph(n: number, seed: number): { graph: OwnershipGraph; facilities: string[] } {
  const generated = generateOwnershipGraph({ entities: n, seed });
  const graph: OwnershipGraph = new MultiDirectedGraph<EntityAttributes, StakeAttributes>({ allowSelfLoops: false });
  for (const node of generated.nodes()) graph.addNode(node.key, node.attributes);
  for (const edge of generated.edges()) graph.addEdgeWithKey(edge.key!, edge.source, edge.target, edge.attributes);
  return { graph, facilities: generated.facilities };
}

/** Sums garbage-collection pauses (ms) by kind while a function runs. */
async function withGc<T>(
  fn: () => T,
): Promise<{ value: T; ms: number; cpuMs: number; gcMajor: number; gcMinor: number }> {
  let gcMajor = 0;
  let gcMinor = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      // kind 1 = minor (scavenge); 2, 4, 8 = major / incremental / weak callbacks.
      if (kind === 1) gcMinor += entry.duration;
      else gcMajor += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = fn();
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000, gcMajor, gcMinor };
}

async function main(): Promise<void> {
  const n = Number(arg('entities', '100000'));
  const seed = Number(arg('seed', '42'));
  const rule = arg('rule', 'ofac') as SanctionsRegime;
  const asOf = '2026-01-01';
  const t0 = performance.now();
  const { graph, facilities } = generateGraph(n, seed);
  const build = performance.now() - t0;
  console.log(`graph: ${graph.order} nodes, ${graph.size} edges (generated in ${(build / 1000).toFixed(2)} s)`);
  console.log(
    `load average: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );

  for (const entities of ['all', 'notable'] as const) {
    const run = await withGc(() => analyzeGraph(graph, { rule, asOf, entities }));
    console.log(
      `analyzeGraph (${rule}, whole graph, entities: ${entities}): ${(run.ms / 1000).toFixed(2)} s wall, ` +
        `${(run.cpuMs / 1000).toFixed(2)} s CPU (all threads) ` +
        `(GC pauses: major ${(run.gcMajor / 1000).toFixed(2)} s, minor ${(run.gcMinor / 1000).toFixed(2)} s); ` +
        `${Object.keys(run.value.entities).length} entities reported`,
    );
    if (entities === 'all') console.log(`  flags: ${JSON.stringify(run.value.flagCounts)}`);
  }

  {
    // What `lookthrough flags`, the server and `lookthrough analyze` run: every analysis handed over and dropped.
    let flagged = 0;
    const run = await withGc(() =>
      analyzeGraphEach(graph, { rule, asOf }, (analysis) => {
        if (analysis.flags.length > 0) flagged++;
      }),
    );
    console.log(
      `analyzeGraphEach (${rule}, whole graph, streamed): ${(run.ms / 1000).toFixed(2)} s wall, ` +
        `${(run.cpuMs / 1000).toFixed(2)} s CPU (all threads) ` +
        `(GC pauses: major ${(run.gcMajor / 1000).toFixed(2)} s, minor ${(run.gcMinor / 1000).toFixed(2)} s); ` +
        `${run.value.reported} entities analysed, ${flagged} flagged`,
    );
  }

  if (process.argv.includes('--snapshot')) {
    const snapshot = toSnapshot(graph);
    const run = await withGc(() => analyzeSnapshot(snapshot, { rule, asOf }));
    console.log(
      `analyzeSnapshot (${rule}): ${(run.ms / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU ` +
        `(GC pauses: major ${(run.gcMajor / 1000).toFixed(2)} s, minor ${(run.gcMinor / 1000).toFixed(2)} s)`,
    );
  }

  const sites = siteIndexFromGraph(graph);
  const rnd = mulberry32(seed + 1);
  for (let i = 0; i < 5; i++) explainEntity(graph, facilities[i]!, { rule, asOf, sites }); // warm-up
  const times: number[] = [];
  let upstream = 0;
  for (let i = 0; i < 100; i++) {
    const key = facilities[Math.floor(rnd() * facilities.length)]!;
    const t1 = performance.now();
    const analysis = explainEntity(graph, key, { rule, asOf, sites });
    times.push(performance.now() - t1);
    upstream += Object.keys(analysis.effectiveOwners).length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `explainEntity (100 facilities): p50 ${times[49]!.toFixed(2)} ms, p90 ${times[89]!.toFixed(2)} ms, max ${times[99]!.toFixed(2)} ms; mean upstream owners ${(upstream / 100).toFixed(1)}`,
  );
  const mem = process.memoryUsage();
  console.log(`heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB`);
}

await main();
