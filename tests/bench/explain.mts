/**
 * One entity's explanation as the server computes it (GET /api/entities/:id/analysis): a generated graph of N
 * entities (src/generate/ownership-graph.ts), held as the server's in-memory projection (TraceProjection), a sample
 * of facilities, and for each one explainEntity on the projection with the sites of its cut. Times explainEntity
 * alone (p50, p95, total CPU), and the projection's cut beside it.
 *
 *   npx tsx tests/bench/explain.mts [--entities 100000] [--seed 42] [--samples 200] [--rounds 5]
 *                                   [--dump FILE | --check FILE]
 *
 * `--dump FILE` writes a hash of each explanation (the sample x rules ofac, eu, uk x dates 2025-06-01 and
 * 2026-11-22); `--check FILE` compares with such a file, so that a faster engine can be shown to give the same
 * results. Profile it with `node --cpu-prof --import tsx tests/bench/explain.mts`.
 *
 * Benchmarks are not tests: this prints figures, it asserts nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { explainEntity } from '../../src/domain/analysis/analyze.ts';
import { siteIndexFromNodes } from '../../src/domain/analysis/proximity.ts';
import type { SiteIndex } from '../../src/domain/analysis/proximity.ts';
import type { SanctionsRegime } from '../../src/domain/analysis/types.ts';
import { generateSnapshot, mulberry32 } from '../../src/generate/ownership-graph.ts';
import { TraceProjection } from '../../src/server/trace-projection.ts';
import { loads, log, percentile, round } from './stats.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

const RULES: SanctionsRegime[] = ['ofac', 'eu', 'uk'];
const DATES = ['2025-06-01', '2026-11-22'];
/** The server's site radius for a trace (analysis-service.ts `explain`): 100 miles at least. */
const SITE_RADIUS_KM = 160.9344;

const n = Number(arg('entities', '100000'));
const seed = Number(arg('seed', '42'));
const samples = Number(arg('samples', '200'));
const rounds = Number(arg('rounds', '5'));

const t0 = performance.now();
const snapshot = generateSnapshot({ entities: n, seed });
const projection = await TraceProjection.build('bench', snapshot);
log(
  `graph of ${snapshot.nodes.length} nodes, ${snapshot.edges.length} edges and its projection in ${round((performance.now() - t0) / 1000, 2)} s`,
);

const facilities = snapshot.nodes.filter((node) => node.attributes.kind === 'Facility').map((node) => node.key);
const rnd = mulberry32(1);
const sample = Array.from({ length: samples }, () => facilities[Math.floor(rnd() * facilities.length)]!);

// The cut and its sites, as the server makes them before explainEntity.
const cutMs: number[] = [];
const sites = new Map<string, SiteIndex>();
let upstreamNodes = 0;
let upstreamEdges = 0;
for (const key of sample) {
  const t = performance.now();
  const cut = projection.upstream(key, { siteRadiusKm: SITE_RADIUS_KM })!;
  const index = siteIndexFromNodes(cut.nodes);
  cutMs.push(performance.now() - t);
  sites.set(key, index);
  upstreamNodes += cut.nodes.length;
  upstreamEdges += cut.edges.length;
}

const dumpFile = process.argv.includes('--dump') ? arg('dump', '') : '';
const checkFile = process.argv.includes('--check') ? arg('check', '') : '';
if (dumpFile !== '' || checkFile !== '') {
  const hashes: Record<string, string> = {};
  for (const rule of RULES)
    for (const asOf of DATES)
      for (const key of sample) {
        const analysis = explainEntity(projection, key, { rule, asOf, sites: sites.get(key)! });
        hashes[`${rule} ${asOf} ${key}`] = createHash('sha256').update(JSON.stringify(analysis)).digest('hex');
      }
  if (dumpFile !== '') {
    writeFileSync(dumpFile, JSON.stringify(hashes, null, 1));
    console.log(`wrote ${Object.keys(hashes).length} hashes to ${dumpFile}`);
  } else {
    const expected = JSON.parse(readFileSync(checkFile, 'utf8')) as Record<string, string>;
    const keys = new Set([...Object.keys(expected), ...Object.keys(hashes)]);
    const differ = [...keys].filter((k) => expected[k] !== hashes[k]);
    console.log(`checked ${keys.size} explanations against ${checkFile}: ${differ.length} differ`);
    for (const k of differ.slice(0, 10)) console.log(`  differs: ${k}`);
  }
}

// Warm-up, then rounds over the sample (ofac, 2026-11-22): the best round's p50 and p95, and the CPU of all rounds.
for (const key of sample.slice(0, 20))
  explainEntity(projection, key, { rule: 'ofac', asOf: DATES[1]!, sites: sites.get(key)! });
const p50s: number[] = [];
const p95s: number[] = [];
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
for (let r = 0; r < rounds; r++) {
  const times: number[] = [];
  for (const key of sample) {
    const t = performance.now();
    explainEntity(projection, key, { rule: 'ofac', asOf: DATES[1]!, sites: sites.get(key)! });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  p50s.push(percentile(times, 50));
  p95s.push(percentile(times, 95));
}
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - wall0;
cutMs.sort((a, b) => a - b);
console.log(
  `explainEntity on the projection, ${n} entities, ${samples} facilities (mean upstream ${round(upstreamNodes / samples)} nodes, ` +
    `${round(upstreamEdges / samples)} edges) x ${rounds} rounds: p50 ${p50s.map((x) => round(x, 3)).join(' ')} ms, ` +
    `p95 ${p95s.map((x) => round(x, 3)).join(' ')} ms; ${round(wall / (rounds * samples), 3)} ms wall and ` +
    `${round((cpu.user + cpu.system) / 1000 / (rounds * samples), 3)} ms CPU per call; ` +
    `cut + sites p50 ${round(percentile(cutMs, 50), 3)} ms; load ${loads().join(' ')}`,
);
