/**
 * Micro benchmark of the look-through engine: generates a seeded random ownership graph of N entities and 2N OWNS
 * edges (heavy-tailed out-degree, chains of holding companies, some cross-holdings and closed cycles, ~1 percent
 * listed parties, a few governments with state bodies, facilities and sensitive sites) and times whole-graph
 * analyzeGraph and explainEntity (p50 over 100 facilities).
 *
 *   npx tsx tests/bench/engine.ts [--entities N] [--seed S] [--rule ofac|eu|uk] [--snapshot]
 *
 * --snapshot also times analyzeSnapshot (what `lookthrough analyze FILE` runs) on the same graph as a snapshot.
 *
 * For a million entities give Node more heap: NODE_OPTIONS=--max-old-space-size=8192.
 * Benchmarks are not tests: this prints figures, it asserts nothing.
 */
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { MultiDirectedGraph } from 'graphology';
import { analyzeGraph, analyzeSnapshot, explainEntity } from '../../src/domain/analysis/analyze.ts';
import { siteIndexFromGraph } from '../../src/domain/analysis/proximity.ts';
import type { SanctionsRegime } from '../../src/domain/analysis/types.ts';
import type { EntityAttributes, OwnershipGraph, SanctionAuthority, StakeAttributes } from '../../src/domain/model.ts';
import { toSnapshot } from '../../src/domain/snapshot.ts';

/** mulberry32: a small seeded PRNG (32-bit state), uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

/** Generates the benchmark graph. Counts: 25% people, 10% facilities, 0.5% sites, 20 governments, rest companies. */
function generateGraph(n: number, seed: number): { graph: OwnershipGraph; facilities: string[] } {
  const rnd = mulberry32(seed);
  const int = (k: number): number => Math.floor(rnd() * k);
  const graph: OwnershipGraph = new MultiDirectedGraph<EntityAttributes, StakeAttributes>({ allowSelfLoops: false });
  const states = 5;
  const bodies = 15;
  const people = Math.floor(n * 0.25);
  const facilities = Math.floor(n * 0.1);
  const sites = Math.max(10, Math.floor(n * 0.005));
  const companies = n - states - bodies - people - facilities - sites;
  const authorities: SanctionAuthority[] = ['OFAC', 'OFAC', 'OFAC', 'EU', 'UK', 'UN'];
  const listing = (): EntityAttributes['sanctions'] => {
    const year = 2014 + int(11);
    return [
      {
        authority: authorities[int(authorities.length)]!,
        program: 'BENCH',
        listed: `${year}-0${1 + int(9)}-1${int(10)}`,
      },
    ];
  };
  for (let i = 0; i < states; i++)
    graph.addNode(`g${i}`, { kind: 'Government', name: `State ${i}`, governmentType: 'state' });
  for (let i = 0; i < bodies; i++)
    graph.addNode(`b${i}`, { kind: 'Government', name: `State body ${i}`, governmentType: 'stateBody' });
  for (let i = 0; i < people; i++) {
    const a: EntityAttributes = { kind: 'Person', name: `Person ${i}` };
    if (rnd() < 0.01) a.sanctions = listing();
    graph.addNode(`p${i}`, a);
  }
  for (let i = 0; i < companies; i++) {
    const a: EntityAttributes = { kind: 'Company', name: `Company ${i}`, country: 'XX' };
    if (rnd() < 0.01) a.sanctions = listing();
    graph.addNode(`c${i}`, a);
  }
  // Facilities and sites in a 20 x 20 degree box, sites clustered near some facilities.
  const facilityKeys: string[] = [];
  const coords: [number, number][] = [];
  for (let i = 0; i < facilities; i++) {
    const lat = 30 + rnd() * 20;
    const lon = -110 + rnd() * 20;
    coords.push([lat, lon]);
    graph.addNode(`f${i}`, { kind: 'Facility', name: `Facility ${i}`, lat, lon, powerMw: 10 + int(200) });
    facilityKeys.push(`f${i}`);
  }
  const categories = ['military', 'datacenter', 'power'] as const;
  for (let i = 0; i < sites; i++) {
    let lat = 30 + rnd() * 20;
    let lon = -110 + rnd() * 20;
    if (rnd() < 0.5) {
      const [flat, flon] = coords[int(coords.length)]!;
      lat = flat + (rnd() - 0.5) * 0.04;
      lon = flon + (rnd() - 0.5) * 0.04;
    }
    graph.addNode(`s${i}`, { kind: 'SensitiveSite', name: `Site ${i}`, lat, lon, category: categories[int(3)]! });
  }
  let edgeId = 0;
  const addStake = (source: string, target: string, a: StakeAttributes): void => {
    graph.addEdgeWithKey(`e${edgeId++}`, source, target, a);
  };
  // State bodies: held 100% by a state (some by explicit control only).
  let ownsBodies = 0;
  for (let i = 0; i < bodies; i++) {
    if (i % 4 === 3) addStake(`g${i % states}`, `b${i}`, { kind: 'CONTROLS', basis: 'statute' });
    else {
      addStake(`g${i % states}`, `b${i}`, { kind: 'OWNS', percent: 100 });
      ownsBodies++;
    }
  }
  // 2N OWNS edges in all: distribute them over held entities (companies and facilities).
  const held = companies + facilities;
  const target = (j: number): string => (j < companies ? `c${j}` : `f${j - companies}`);
  const inCount = new Int32Array(held).fill(1);
  for (let k = held; k < 2 * n - ownsBodies; k++) inCount[int(held)]!++;
  const zipf = (k: number, alpha: number): number => Math.min(k - 1, Math.floor(k * Math.pow(rnd(), alpha)));
  for (let j = 0; j < held; j++) {
    const t = target(j);
    const isFacility = j >= companies;
    const count = inCount[j]!;
    // A third of the facilities have no recorded owner: their operator counts as owner.
    if (isFacility && rnd() < 0.33) {
      addStake(`c${int(companies)}`, t, { kind: 'OPERATES' });
    }
    const holders: string[] = [];
    for (let h = 0; h < count; h++) {
      const r = rnd();
      let holder: string;
      if (r < 0.15 && !isFacility) {
        // A parent company a little further in the ordering: chains of holding companies (a DAG)...
        const p = j + 1 + int(1000);
        holder = p < companies ? `c${p}` : `p${int(people)}`;
      } else if (r < 0.155 && !isFacility && j > 0) {
        // ... with a few back edges: cross-holdings and cycles.
        holder = `c${Math.max(0, j - 1 - int(50))}`;
      } else if (r < 0.25) {
        holder = `c${zipf(companies, 4)}`; // holding companies with heavy-tailed out-degree
      } else if (r < 0.265) {
        const g = int(states + bodies);
        holder = g < states ? `g${g}` : `b${g - states}`;
      } else {
        holder = `p${zipf(people, 2.5)}`; // people, heavy-tailed out-degree
      }
      if (holder === t) holder = `p${int(people)}`;
      holders.push(holder);
    }
    // Shares: random weights scaled to a total of 40..100 percent.
    const weights = holders.map(() => 0.2 + rnd());
    const total = 40 + rnd() * 60;
    const sum = weights.reduce((a, b) => a + b, 0);
    holders.forEach((holder, h) => {
      const percent = Math.round((weights[h]! / sum) * total * 100) / 100;
      const u = rnd();
      const a: StakeAttributes = { kind: 'OWNS', source: { dataset: 'bench', recordId: `r${edgeId}` } };
      if (u < 0.01) {
        a.percentMin = Math.max(0, Math.floor(percent / 5) * 5 - 5);
        a.percentMax = Math.min(100, a.percentMin + 15);
      } else if (u < 0.012) {
        // unknown share
      } else {
        a.percent = percent;
      }
      if (rnd() < 0.02) a.votingPercent = Math.min(100, percent * 2);
      addStake(holder, t, a);
    });
  }
  return { graph, facilities: facilityKeys };
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
