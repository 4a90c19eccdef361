/**
 * The scale benchmark (issue 7): for N = 10,000, 100,000 and 1,000,000 generated entities (`--quick` stops at
 * 100,000), each in a fresh database of its own Neo4j (embedded, port 7699, a temporary data folder; never the
 * shared one), it measures
 *
 * 1. import: the normal import path's loader (src/import/load.ts, as `lookthrough import` runs it) writing the
 *    generated graph (src/generate/ownership-graph.ts); relationships per second over the relationship phase;
 * 2. whole-graph flags: load from Neo4j (the server's analysis query) + the engine (analyzeSnapshot, as the server
 *    runs it), each reported;
 * 3. one facility's trace and explanation through the API (GET /api/entities/:id/analysis: the upstream cut, every
 *    upstream holder's effective share, the flags and the paths behind them; the server as `lookthrough serve` runs
 *    it, in a process of its own, over HTTP on loopback): p50/p95 over many facilities (100 unless `--samples`
 *    says), each followed by the naive query below for the same facility, as the server answers by default (the
 *    ranking's facilities prepared in the background first; the state of that is reported) and computed on request
 *    (a server with preparation turned off); the subgraph the app draws alone (GET /api/facilities/:id/graph); and
 *    both requested at once, as the app does when a facility is opened;
 * 4. on the same data, for the same facilities, the naive baseline an analyst would write: variable-length path
 *    enumeration `[:OWNS*..10]` summing products of shares, each query with a server-side timeout; a query that
 *    hits it counts at the timeout (a lower bound) and is reported in `naiveTimeouts`;
 * 5. three small imports into the database of that size (100 new parties each, every one holding 1% of a facility,
 *    through the same loader with resolution against the database, as an investigator adds a file), and
 *    resolution's read of every stored party alone: what grows with the database in an import of any size;
 * 6. in headless Chromium (the built web app and its real API): a hub with 1,000, 5,000 and 20,000 subsidiaries
 *    opened and expanded with "Show all": time from navigation to the first frame that shows every node, and
 *    frames per second while panning; a hub of 200 opened and expanded the same way first, untimed, carries the
 *    fresh server's first-time costs (printed, with its slowest API requests).
 *
 *   npm run bench -- [--quick] [--json FILE] [--sizes 10000,100000] [--samples 100] [--naive-timeout-ms 10000]
 *                    [--skip-browser] [--browser-only] [--browser-sizes 1000,5000,20000] [--seed 42] [--port 7699]
 *                    [--profile DIR] [--screenshots]
 *
 * `--profile DIR` builds the web app unminified and writes, per browser size, V8 CPU profiles of the page
 * (navigation to first frame, and panning) to DIR as `.cpuprofile` files, printing where the time went.
 * `--screenshots` keeps pictures of each browser size, before panning and zoomed in after it, in
 * test-results/screenshots/bench-N.png and bench-N-zoomed.png.
 *
 * Benchmarks are not tests: this prints figures and writes them to FILE; it asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type as osType } from 'node:os';
import { Agent, get as httpGet } from 'node:http';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { MultiBar, Presets } from 'cli-progress';
import type { SingleBar } from 'cli-progress';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { ensureEmbeddedNeo4j } from '../../src/db/embedded.ts';
import type { EmbeddedNeo4j } from '../../src/db/embedded.ts';
import { analysisSnapshot } from '../../src/db/explore-repository.ts';
import { applySchema } from '../../src/db/graph-repository.ts';
import { loadCypher } from '../../src/db/queries.ts';
import { analyzeSnapshot } from '../../src/domain/analysis/analyze.ts';
import type { AnalysisResult } from '../../src/domain/analysis/types.ts';
import type { OwnershipSnapshot } from '../../src/domain/snapshot.ts';
import { generateOwnershipGraph, mulberry32, type GeneratedGraph } from '../../src/generate/ownership-graph.ts';
import { loadImport } from '../../src/import/load.ts';
import type { ImportBatch } from '../../src/import/read.ts';
import { keepForRanking } from '../../src/server/analysis-service.ts';
import { buildServer, DEFAULT_WEB_DIR, PROJECT_ROOT } from '../../src/server/app.ts';
import { TraceProjection } from '../../src/server/trace-projection.ts';
import { launchBrowser, screenshotPath } from '../e2e/browser.ts';
import { startProfile, stopProfile } from './cpu-profile.ts';
import { partitionByComponent } from './partition.ts';
import { cpuTicks, loads, log, percentile, round, stealSince } from './stats.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

export interface BenchRun {
  entities: number;
  relationships: number;
  importRelsPerSec: number;
  /** The warm-up import's rate: a freshly started server's first import. */
  coldImportRelsPerSec: number;
  importNodesPerSec: number;
  importSeconds: number;
  flagsAllMs: number;
  /** The first GET /api/flags of a fresh server (load, engine, ranking; the projection follows in the background). */
  flagsApiMs: number;
  flagsLoadMs: number;
  flagsEngineMs: number;
  /**
   * The first ranking after the import (read + engine): Neo4j's first whole-graph read and this process's first
   * engine run, before either has compiled its code. flagsAllMs is a later one, as a running server ranks.
   */
  firstFlagsLoadMs: number;
  firstFlagsEngineMs: number;
  /** The trace projection built from the same read, after the ranking (in the background on a server). */
  projectionBuildMs: number;
  /** How long after the first GET /api/flags the server's projection was ready (the traces wait for it). */
  projectionReadyMs: number;
  /** CPU time of the engine (this process, all threads): what it costs on a machine that is not shared. */
  flagsEngineCpuMs: number;
  traceP50Ms: number;
  traceP95Ms: number;
  /** The explanation where no answer is prepared: computed on request (a server with preparation turned off). */
  traceComputedP50Ms: number;
  traceComputedP95Ms: number;
  /**
   * The longest wait (and the median) of a request that needs nothing but the server's thread (GET /api/queries),
   * asked every 25 ms while the default server ranks for the first time and lays out its projection: how long the
   * work that runs on the server's thread (the read's decoding, the engine, the projection) holds other requests.
   */
  waitDuringRankingMaxMs: number;
  waitDuringRankingP50Ms: number;
  /** The same while that server ranks under another rule from its projection (the engine alone, no read). */
  waitDuringEngineMaxMs: number;
  /** How long after the default server's first ranking its explanations were prepared (or the wait gave up). */
  preparedMs: number;
  /** /api/health's `preparedExplanations` then: state, count of the facilities, bytes. */
  preparedExplanations: Record<string, unknown>;
  traceOnlyP50Ms: number;
  traceOnlyP95Ms: number;
  /** The graph and the analysis requested together, as the app opens a facility. */
  appViewP50Ms: number;
  appViewP95Ms: number;
  naiveTraceP50Ms: number;
  naiveTraceP95Ms: number;
  naiveTimeouts: number;
  naiveTimeoutMs: number;
  ratioNaiveOverOurs: number;
  ratioNaiveOverAppView: number;
  ratioNaiveOverComputed: number;
  samples: number;
  meanUpstreamNodes: number;
  components: number;
  largestComponent: number;
  loadAverage: number[];
  /**
   * The share (%) of the machine's CPU time the hypervisor took (steal, from /proc/stat; NaN elsewhere) during the
   * measured import, the timed ranking and the whole size: on a shared host the same code gives other figures when
   * it is high.
   */
  stealImportPercent: number;
  stealFlagsPercent: number;
  stealPercent: number;
  /**
   * A small import into the database of this size (SMALL_IMPORT_PARTIES new parties, each holding a stake in a
   * facility, through the loader with resolution against the database): the median and each round in order, and
   * the part of it that grows with the database, the read of every entity that resolution matches the parties
   * against.
   */
  smallImportP50Ms: number;
  smallImportMs: number[];
  smallImportScanMs: number;
}

export interface BrowserRun {
  nodes: number;
  firstFrameMs: number;
  fps: number;
}

/** A fresh Neo4j for one size: its own temporary data folder, deleted afterwards. */
async function freshNeo4j(port: number): Promise<{ neo4j: EmbeddedNeo4j; db: Database; dispose: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lookthrough-scale-'));
  const neo4j = await ensureEmbeddedNeo4j({ port, dataDir, heap: '3g', pageCache: '2g', log, startTimeoutMs: 300_000 });
  if (neo4j.reused) throw new Error(`A Neo4j already runs on ${dataDir}; the benchmark needs its own`);
  const db = openDatabase({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
  await db.verify();
  await applySchema(db);
  return {
    neo4j,
    db,
    dispose: async () => {
      await db.close().catch(() => undefined);
      await neo4j.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The benchmark's HTTP client: Node's http module over kept-alive connections (as a browser keeps its connection to
 * the server), the body read whole and parsed as JSON, all of it timed. Node's fetch (undici) costs about 0.45 ms
 * more per request on this machine (1.42 against 0.97 ms p50 for a prepared answer at 100,000): that is the client's
 * work, not the server's, and more than a third of such an answer.
 */
const keepAlive = new Agent({ keepAlive: true });

function timeGet(url: string): Promise<{ ms: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    httpGet(url, { agent: keepAlive }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        try {
          const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const ms = performance.now() - t;
          const status = response.statusCode ?? 0;
          if (status >= 400) reject(new Error(`${url}: ${status} ${JSON.stringify(body).slice(0, 300)}`));
          else resolve({ ms, body });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    }).on('error', reject);
  });
}

interface Health {
  projection?: { state?: string };
  preparedExplanations?: { state?: string } & Record<string, unknown>;
}

const graphUrl = (url: string, id: string) => `${url}/api/facilities/${encodeURIComponent(id)}/graph`;
const analysisUrl = (url: string, id: string) =>
  `${url}/api/entities/${encodeURIComponent(id)}/analysis?asOf=2025-06-01`;

/** A running `lookthrough serve`: its address, and how to stop it. */
interface ServerProcess {
  url: string;
  close: () => Promise<void>;
}

/**
 * The server as `lookthrough serve` runs it, in a process of its own (the CLI launcher with its V8 settings, its own
 * heap) on the benchmark's Neo4j, on a free loopback port; `env` adds settings (LOOKTHROUGH_...). The benchmark is
 * then only its client, as a browser is: its own heap (the generated graph, the import's rows) does not weigh on the
 * server's collections.
 */
async function startServer(neo4j: EmbeddedNeo4j, env: Record<string, string> = {}): Promise<ServerProcess> {
  // Without the ranking at start: the benchmark times the first ranking as a request asks for it.
  const serve = ['serve', '--port', '0', '--no-seed', '--no-rank-at-start'];
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/lookthrough.mjs'), ...serve], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lookthrough serve did not start in 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const started = /Lookthrough is running at (http:\/\/\S+)/.exec(output);
      if (started) {
        clearTimeout(timer);
        resolve(started[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lookthrough serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Asks `url` every 25 ms while `work` runs (one request at a time); how long the answers took, sorted. A request
 * that needs nothing but the server's thread shows how long other work holds it.
 */
async function waitsDuring(url: string, work: Promise<unknown>): Promise<number[]> {
  let done = false;
  void work.finally(() => (done = true)).catch(() => undefined);
  const waits: number[] = [];
  while (!done) {
    waits.push((await timeGet(url)).ms);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return waits.sort((a, b) => a - b);
}

/** Polls /api/health every 100 ms while `busy` says so (at most `limitMs`); how long that took. */
async function waitWhile(url: string, busy: (health: Health) => boolean, limitMs: number): Promise<number> {
  const from = performance.now();
  while (performance.now() - from < limitMs) {
    if (!busy((await timeGet(`${url}/api/health`)).body as Health)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Math.round(performance.now() - from);
}

const NAIVE = `MATCH p=(f:Facility {id:$id})<-[:OWNS*..10]-(o)
RETURN o.id AS owner, sum(reduce(s=1.0, r IN relationships(p) | s*r.percent/100)) AS share`;

async function naiveTrace(db: Database, id: string, timeoutMs: number): Promise<{ ms: number; timedOut: boolean }> {
  const t = performance.now();
  try {
    await db.run(NAIVE, { id }, { mode: 'READ', timeoutMs });
    return { ms: performance.now() - t, timedOut: false };
  } catch (error) {
    const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : '';
    if (/time limit|timed ?out|TransactionTimedOut|Terminated/i.test(text)) return { ms: timeoutMs, timedOut: true };
    throw error;
  }
}

interface Progress {
  bar: SingleBar | undefined;
  stage: (name: string, total?: number) => void;
  tick: (value: number) => void;
  stop: () => void;
}

function progress(): Progress {
  if (process.stderr.isTTY !== true)
    return { bar: undefined, stage: (name) => log(name), tick: () => {}, stop: () => {} };
  const multi = new MultiBar(
    { format: '{stage} {bar} {value}/{total} | {duration_formatted}', clearOnComplete: false, hideCursor: true },
    Presets.shades_classic,
  );
  let bar: SingleBar | undefined;
  return {
    get bar() {
      return bar;
    },
    stage(name, total = 1) {
      bar?.update(bar.getTotal());
      bar?.stop();
      bar = multi.create(total, 0, { stage: name.padEnd(44) });
    },
    tick(value) {
      bar?.update(value);
    },
    stop() {
      bar?.update(bar.getTotal());
      multi.stop();
    },
  };
}

/**
 * Facilities traced (ours and naive) before the measured ones, on each server: the first hundred requests of a
 * fresh process run 20-40% slower than later ones (Node compiling the HTTP client and server paths, Neo4j its
 * plans), and a server in use is past them. The naive query gets the same warm-up on each server's turn.
 */
const WARM_UP_TRACES = 100;

/**
 * How long the default server is given to prepare its facilities' explanations before traces are timed. At 1,000,000
 * entities the budget stops it long before every facility is prepared; past this wait the traces are timed anyway
 * (most answers then computed on request, some while preparation still runs), and the state says so.
 */
const PREPARE_WAIT_MS = 600_000;

/** A generated graph as the import loader takes it. */
function importBatchOf(graph: GeneratedGraph): ImportBatch {
  return { nodes: [...graph.nodes()], edges: [...graph.edges()], dangling: [], errors: [], warnings: [] };
}

/** The options of the whole-graph flags timed (the server's default ranking). */
const FLAGS_OPTIONS = { rule: 'ofac' as const, asOf: '2025-06-01' };

/**
 * Whole-graph rankings before the timed one (the first of them reported): Neo4j's Bolt worker needed 4–5 s of
 * CPU for its first read of 100,000 entities, 2 s for the second and 1.5 s from the third on (its JIT compiling
 * the read path; measured from /proc on a fresh server after the import, and again after a restart on the same
 * data).
 */
const WARM_UP_RANKINGS = 2;

/**
 * Entities of the warm-up import (at most the measured size). A fresh Neo4j's JIT compiler (C2) keeps compiling the
 * write path for longer than a small import: from /proc on a fresh server, it used 12.5 s of CPU during an import of
 * 20,000 entities, then 18.8 s during the 100,000 after it, and 4.0 s during the next 100,000, which wrote
 * relationships a fifth faster (23,264 against 19,488/s). So the warm-up is as large as a 100,000 import: the
 * measured import is a server's that has imported before, and at 100,000 the warm-up's own rate (reported beside
 * it) is a fresh server's first import of the same size.
 */
const WARM_UP_ENTITIES = 100_000;

const SMALL_IMPORT_PARTIES = 100;
const SMALL_IMPORT_ROUNDS = 3;

/**
 * Imports SMALL_IMPORT_ROUNDS files' worth of new parties (SMALL_IMPORT_PARTIES each, every one holding 1% of one of
 * the facilities) through `lookthrough import`'s loader, resolution against the database included, and times each;
 * then, apart, the read of every entity that resolution makes (`import-known-entities.cypher`).
 */
async function smallImports(
  db: Database,
  facilities: string[],
  tick: (done: number) => void,
): Promise<{ ms: number[]; scanMs: number }> {
  const ms: number[] = [];
  for (let round = 0; round < SMALL_IMPORT_ROUNDS; round++) {
    const dataset = `small-${round}`;
    const batch: ImportBatch = { nodes: [], edges: [], dangling: [], errors: [], warnings: [] };
    for (let i = 0; i < SMALL_IMPORT_PARTIES; i++) {
      const key = `${dataset}-${i}`;
      batch.nodes.push({
        key,
        attributes: { kind: 'Company', name: `Small Holder ${round}-${i}`, source: { dataset } },
      });
      batch.edges.push({
        key: `${key}-owns`,
        source: key,
        target: facilities[i % facilities.length]!,
        attributes: { kind: 'OWNS', percent: 1, source: { dataset } },
      });
    }
    const started = performance.now();
    const summary = await loadImport(db, batch);
    ms.push(performance.now() - started);
    if (summary.errors.length) throw new Error(`small import failed: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    tick(round + 1);
  }
  const started = performance.now();
  await db.read((tx) => tx.run(loadCypher('app/import-known-entities')));
  return { ms, scanMs: Math.round(performance.now() - started) };
}

/**
 * Imports a generated graph with keys of its own (`warm-...`) into a fresh server, then deletes it: its write path
 * is compiled by then. Returns the warm-up's own relationships per second.
 */
async function warmUpImport(db: Database, entities: number, seed: number): Promise<number> {
  const batch = importBatchOf(
    generateOwnershipGraph({ entities, seed, prefix: 'warm-', dataset: 'warm-up', date: '2025-01-01' }),
  );
  let edgesFrom = 0;
  const summary = await loadImport(db, batch, {
    onProgress: (done) => {
      if (done >= batch.nodes.length && edgesFrom === 0) edgesFrom = performance.now();
    },
  });
  const rate = Math.round(summary.relationships / ((performance.now() - edgesFrom) / 1000));
  if (summary.errors.length) throw new Error(`warm-up import failed: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  for (;;) {
    const rows = await db.run<{ n: number }>(
      `MATCH (n:Entity {sourceDataset: 'warm-up'}) WITH n LIMIT 10000
       OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing) DETACH DELETE n, l RETURN count(*) AS n`,
      {},
      { mode: 'WRITE' },
    );
    if (Number(rows[0]?.n ?? 0) === 0) break;
  }
  return rate;
}

async function benchSize(n: number, seed: number, samples: number, naiveTimeoutMs: number, port: number, p: Progress) {
  p.stage(`${n.toLocaleString('en-US')}: starting a fresh Neo4j`);
  const sizeTicks = cpuTicks();
  const { neo4j, db, dispose } = await freshNeo4j(port);
  let server: ServerProcess | undefined;
  try {
    p.stage(`${n.toLocaleString('en-US')}: generating`);
    const generated = generateOwnershipGraph({ entities: n, seed, date: '2025-01-01' });
    const batch = importBatchOf(generated);
    const relationships = batch.edges.length;

    // 0. A fresh Neo4j compiles its write path (the JIT) during its first import: a smaller graph of other keys is
    // imported and deleted first, so that the measured import is what a running server does. Its own rate, a
    // fresh server's, is reported too.
    p.stage(`${n.toLocaleString('en-US')}: warm-up import`);
    const warmUpEntities = Math.min(n, WARM_UP_ENTITIES);
    const warmUp = await warmUpImport(db, warmUpEntities, seed + 1);
    log(`  ${n}: warm-up import of ${warmUpEntities} entities on the fresh server: ${warmUp} relationships/s`);

    // 1. Import through the loader of `lookthrough import` (resolution against the database included).
    p.stage(`${n.toLocaleString('en-US')}: import`, n + relationships);
    const importTicks = cpuTicks();
    const t0 = performance.now();
    let edgesFrom = 0;
    const summary = await loadImport(db, batch, {
      onProgress: (done) => {
        if (done >= batch.nodes.length && edgesFrom === 0) edgesFrom = performance.now();
        p.tick(done);
      },
    });
    const t1 = performance.now();
    if (summary.errors.length) throw new Error(`import failed: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    batch.nodes = [];
    batch.edges = [];
    const importSeconds = (t1 - t0) / 1000;
    const importRelsPerSec = summary.relationships / ((t1 - edgesFrom) / 1000);
    const importNodesPerSec = summary.nodes / ((edgesFrom - t0) / 1000);
    const stealImportPercent = stealSince(importTicks);
    log(
      `  ${n}: import ${importSeconds.toFixed(1)} s (${summary.transactions} transactions): ${Math.round(importNodesPerSec)} nodes/s, ${Math.round(importRelsPerSec)} relationships/s; steal ${stealImportPercent}%`,
    );

    // 2. Whole-graph flags: what the server's /api/flags computes (load + engine), and the engine alone. What the
    // server's AnalysisService runs for a ranking: the whole graph read as lists, then the engine straight over them,
    // keeping facilities and flagged entities. The first ranking after the import is also Neo4j's first whole-graph
    // read (its JIT compiles the read path meanwhile: a read costs its Bolt worker about three times the CPU of a
    // later one) and this process's first engine run: it is reported apart, as a server's first ranking. The timed
    // one comes after WARM_UP_RANKINGS, as a running server ranks again after an import.
    p.stage(`${n.toLocaleString('en-US')}: whole-graph flags`, WARM_UP_RANKINGS + 1);
    const ranking = async (): Promise<{
      snapshot: OwnershipSnapshot | null;
      flagCounts: AnalysisResult['flagCounts'];
      loadMs: number;
      engineMs: number;
      engineCpuMs: number;
    }> => {
      const t0 = performance.now();
      const snapshot = await analysisSnapshot(db);
      const t1 = performance.now();
      const cpu0 = process.cpuUsage();
      const result = analyzeSnapshot(snapshot, FLAGS_OPTIONS, keepForRanking);
      const cpu = process.cpuUsage(cpu0);
      const engineMs = performance.now() - t1;
      // Only the counts are kept: the analyses of every facility and flagged entity are not held through the run.
      const flagCounts = result.flagCounts;
      return { snapshot, flagCounts, loadMs: t1 - t0, engineMs, engineCpuMs: (cpu.user + cpu.system) / 1000 };
    };
    const rankings: { loadMs: number; engineMs: number }[] = [];
    for (let i = 0; i < WARM_UP_RANKINGS; i++) {
      const { loadMs, engineMs } = await ranking();
      rankings.push({ loadMs: Math.round(loadMs), engineMs: Math.round(engineMs) });
      p.tick(i + 1);
    }
    const flagsTicks = cpuTicks();
    const timed = await ranking();
    const stealFlagsPercent = stealSince(flagsTicks);
    p.tick(WARM_UP_RANKINGS + 1);
    const { flagCounts, loadMs: flagsLoadMs, engineMs: flagsEngineMs, engineCpuMs: flagsEngineCpuMs } = timed;
    // The trace projection, built from the same read afterwards (in the background on a server): timed apart.
    const t4 = performance.now();
    await TraceProjection.build('bench', timed.snapshot!);
    const projectionBuildMs = Math.round(performance.now() - t4);
    // Weakly connected components (README: partitioning past one machine), outside the timed part.
    const parts = partitionByComponent(timed.snapshot!);
    const components = parts.length;
    const largestComponent = parts[0]?.nodes.length ?? 0;
    parts.length = 0;
    // Not held through the rest of the run (at 1,000,000 entities it is more than a gigabyte).
    timed.snapshot = null;
    log(
      `  ${n}: flags: load ${Math.round(flagsLoadMs)} ms + engine ${Math.round(flagsEngineMs)} ms (the rankings before it: ${rankings.map((r) => `${r.loadMs} + ${r.engineMs}`).join(', ')}); ${JSON.stringify(flagCounts)}; steal ${stealFlagsPercent}%; then the trace projection built in ${projectionBuildMs} ms`,
    );

    // 3. Trace and explanation through the API, and 4. the naive baseline, on the same facilities. Two servers one
    // after the other on the same data: the first with no prepared explanations (every answer computed on request),
    // then one as it runs by default, which prepares the ranking's facilities in the background.
    const rnd = mulberry32(seed + 1);
    const picks = new Set<string>([generated.deepFacility]);
    while (picks.size < Math.min(samples, generated.facilities.length))
      picks.add(generated.facilities[Math.floor(rnd() * generated.facilities.length)]!);
    const ids = [...picks];
    const warmUpIds = generated.facilities.filter((f) => !picks.has(f)).slice(0, WARM_UP_TRACES);
    const label = n.toLocaleString('en-US');
    // Warm-up on other facilities than the measured ones, each server in its turn (this compiles the code paths, in
    // Node and in Neo4j, as on a server that has been answering for a while).
    const warmUpTraces = async (url: string) => {
      for (const id of warmUpIds) {
        await timeGet(graphUrl(url, id));
        await timeGet(analysisUrl(url, id));
        await naiveTrace(db, id, naiveTimeoutMs);
      }
    };
    const onRequest = await startServer(neo4j, { LOOKTHROUGH_PREPARED_EXPLANATIONS_MB: '0' });
    server = onRequest;
    // The server's own first /api/flags (load, engine, ranking). The in-memory projection that serves traces is
    // built from the same read afterwards, in the background: the traces below wait until /api/health says it is
    // ready, so that they are timed as a running server answers them (the wait is reported).
    p.stage(`${label}: GET /api/flags (server)`);
    const flagsApiMs = (await timeGet(`${onRequest.url}/api/flags?asOf=2025-06-01&rule=ofac`)).ms;
    log(`  ${n}: GET /api/flags on a fresh server: ${Math.round(flagsApiMs)} ms`);
    const projectionReadyMs = await waitWhile(onRequest.url, (h) => h.projection?.state === 'building', 600_000);
    log(`  ${n}: trace projection ready ${projectionReadyMs} ms after that answer`);
    await warmUpTraces(onRequest.url);
    p.stage(`${label}: trace + explanation computed on request (API)`, ids.length);
    const traceOnly: number[] = [];
    const computed: number[] = [];
    let upstream = 0;
    for (const [i, id] of ids.entries()) {
      const trace = await timeGet(graphUrl(onRequest.url, id));
      traceOnly.push(trace.ms);
      upstream += (trace.body as OwnershipSnapshot).nodes.length;
      computed.push((await timeGet(analysisUrl(onRequest.url, id))).ms);
      p.tick(i + 1);
    }
    await onRequest.close();

    // The default server: the same first ranking, then its facilities' explanations prepared in the background (up
    // to the budget, and for at most PREPARE_WAIT_MS here); the traces are timed once that is over.
    p.stage(`${label}: explanations prepared in the background`);
    const byDefault = await startServer(neo4j);
    server = byDefault;
    const ranked = timeGet(`${byDefault.url}/api/flags?asOf=2025-06-01&rule=ofac`).then(() =>
      waitWhile(byDefault.url, (h) => h.projection?.state === 'building', 600_000),
    );
    const waitsRanking = await waitsDuring(`${byDefault.url}/api/queries`, ranked);
    await ranked;
    log(
      `  ${n}: GET /api/queries while the first ranking and the projection ran: longest ${Math.round(waitsRanking.at(-1) ?? 0)} ms, median ${round(percentile(waitsRanking, 50))} ms (${waitsRanking.length} requests)`,
    );
    const preparedMs = await waitWhile(
      byDefault.url,
      (h) => h.projection?.state === 'building' || ['none', 'preparing'].includes(h.preparedExplanations?.state ?? ''),
      PREPARE_WAIT_MS,
    );
    const prepared = (await timeGet(`${byDefault.url}/api/health`)).body as Health;
    log(
      `  ${n}: explanations prepared ${preparedMs} ms after the ranking: ${JSON.stringify(prepared.preparedExplanations)}`,
    );
    await warmUpTraces(byDefault.url);
    // Ours and the naive query take turns facility by facility, so that whatever else the machine does at a moment
    // weighs on both alike.
    p.stage(`${label}: trace + explanation (API) and the naive [:OWNS*..10] baseline, in turn`, ids.length);
    const ours: number[] = [];
    const appView: number[] = [];
    const naive: number[] = [];
    let timeouts = 0;
    for (const [i, id] of ids.entries()) {
      ours.push((await timeGet(analysisUrl(byDefault.url, id))).ms);
      const r = await naiveTrace(db, id, naiveTimeoutMs);
      naive.push(r.ms);
      if (r.timedOut) timeouts++;
      // What the app asks for when a facility is opened: the subgraph to draw and the explanation, at once.
      const started = performance.now();
      await Promise.all([timeGet(graphUrl(byDefault.url, id)), timeGet(analysisUrl(byDefault.url, id))]);
      appView.push(performance.now() - started);
      p.tick(i + 1);
    }
    // The engine alone, under another rule, from the projection (no read).
    const waitsEngine = await waitsDuring(
      `${byDefault.url}/api/queries`,
      timeGet(`${byDefault.url}/api/flags?asOf=2025-06-01&rule=eu`),
    );
    log(`  ${n}: GET /api/queries while ranking under another rule: longest ${Math.round(waitsEngine.at(-1) ?? 0)} ms`);
    await byDefault.close();
    server = undefined;

    // 5. A small import into the database of this size, as an investigator adds a file to it.
    p.stage(`${label}: small imports (${SMALL_IMPORT_PARTIES} parties each)`, SMALL_IMPORT_ROUNDS);
    const small = await smallImports(db, ids, (i) => p.tick(i));
    log(`  ${n}: small imports ${small.ms.map(Math.round).join(', ')} ms; the scan of every entity ${small.scanMs} ms`);
    for (const list of [ours, computed, traceOnly, appView, naive]) list.sort((a, b) => a - b);
    const run: BenchRun = {
      entities: n,
      relationships,
      importRelsPerSec: Math.round(importRelsPerSec),
      coldImportRelsPerSec: warmUp,
      importNodesPerSec: Math.round(importNodesPerSec),
      importSeconds: round(importSeconds),
      flagsAllMs: Math.round(flagsLoadMs + flagsEngineMs),
      flagsApiMs: Math.round(flagsApiMs),
      flagsLoadMs: Math.round(flagsLoadMs),
      flagsEngineMs: Math.round(flagsEngineMs),
      firstFlagsLoadMs: rankings[0]?.loadMs ?? NaN,
      firstFlagsEngineMs: rankings[0]?.engineMs ?? NaN,
      projectionBuildMs,
      projectionReadyMs,
      flagsEngineCpuMs: Math.round(flagsEngineCpuMs),
      traceP50Ms: round(percentile(ours, 50)),
      traceP95Ms: round(percentile(ours, 95)),
      traceComputedP50Ms: round(percentile(computed, 50)),
      traceComputedP95Ms: round(percentile(computed, 95)),
      waitDuringRankingMaxMs: round(waitsRanking.at(-1) ?? 0),
      waitDuringRankingP50Ms: round(percentile(waitsRanking, 50)),
      waitDuringEngineMaxMs: round(waitsEngine.at(-1) ?? 0),
      preparedMs,
      preparedExplanations: prepared.preparedExplanations ?? {},
      traceOnlyP50Ms: round(percentile(traceOnly, 50)),
      traceOnlyP95Ms: round(percentile(traceOnly, 95)),
      appViewP50Ms: round(percentile(appView, 50)),
      appViewP95Ms: round(percentile(appView, 95)),
      naiveTraceP50Ms: round(percentile(naive, 50)),
      naiveTraceP95Ms: round(percentile(naive, 95)),
      naiveTimeouts: timeouts,
      naiveTimeoutMs,
      ratioNaiveOverOurs: round(percentile(naive, 50) / percentile(ours, 50), 2),
      ratioNaiveOverAppView: round(percentile(naive, 50) / percentile(appView, 50), 2),
      ratioNaiveOverComputed: round(percentile(naive, 50) / percentile(computed, 50), 2),
      samples: ids.length,
      meanUpstreamNodes: round(upstream / ids.length),
      components,
      largestComponent,
      loadAverage: loads(),
      stealImportPercent,
      stealFlagsPercent,
      stealPercent: stealSince(sizeTicks),
      smallImportP50Ms: Math.round(
        percentile(
          [...small.ms].sort((a, b) => a - b),
          50,
        ),
      ),
      smallImportMs: small.ms.map(Math.round),
      smallImportScanMs: small.scanMs,
    };
    log(`  ${n}: ${JSON.stringify(run)}`);
    return run;
  } finally {
    await server?.close();
    await dispose();
  }
}

/** Builds the web app into a temporary folder (others may rebuild dist/web while this runs). */
async function buildWeb(minify: boolean): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'lookthrough-bench-web-'));
  const args = ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  if (!minify) args.push('--minify', 'false');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
  return outDir;
}

/** A hub opened and expanded untimed before the measured ones (more than two pages of neighbours: "Show all"). */
const WARM_UP_HUB = 200;

async function benchBrowser(
  port: number,
  sizes: number[],
  p: Progress,
  profileDir: string | undefined,
  screenshots: boolean,
): Promise<BrowserRun[]> {
  p.stage('browser: building the web app');
  let webDir: string;
  try {
    webDir = await buildWeb(!profileDir);
  } catch (error) {
    log(`  browser: build failed (${(error as Error).message}); using ${DEFAULT_WEB_DIR}`);
    webDir = DEFAULT_WEB_DIR;
  }
  if (!existsSync(join(webDir, 'index.html'))) throw new Error(`no built web app in ${webDir}`);
  p.stage('browser: fresh Neo4j with hubs');
  const { db, dispose } = await freshNeo4j(port);
  let app: FastifyInstance | undefined;
  const browser = await launchBrowser();
  const out: BrowserRun[] = [];
  try {
    // One hub company per size holding that many companies, loaded through the import loader.
    const nodes: ImportBatch['nodes'] = [];
    const edges: ImportBatch['edges'] = [];
    for (const size of [WARM_UP_HUB, ...sizes]) {
      nodes.push({ key: `hub-${size}`, attributes: { kind: 'Company', name: `Hub Holdings ${size}`, country: 'CY' } });
      for (let i = 0; i < size; i++) {
        nodes.push({ key: `hub-${size}-${i}`, attributes: { kind: 'Company', name: `Subsidiary ${i} of ${size}` } });
        edges.push({
          key: `hub-${size}-e${i}`,
          source: `hub-${size}`,
          target: `hub-${size}-${i}`,
          attributes: { kind: 'OWNS', percent: 10 + (i % 90) },
        });
      }
    }
    const summary = await loadImport(db, { nodes, edges, dangling: [], errors: [], warnings: [] });
    if (summary.errors.length) throw new Error(`hub import failed: ${JSON.stringify(summary.errors)}`);
    app = await buildServer({ db, webDir });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    // From navigation to the first frame that shows the hub and every subsidiary: page load, app start, the hub's
    // trace, Expand, Show all fetching the neighbours and drawing them once.
    const openAndExpand = async (page: Page, size: number): Promise<number> => {
      const hub = `hub-${size}`;
      const t0 = Date.now();
      await page.goto(`${url}/?facility=${hub}&select=${hub}`);
      await page.waitForFunction((key) => window.__lookthrough?.nodes().some((n) => n.key === key), hub, {
        timeout: 300_000,
      });
      await page.locator('aside.explain').getByRole('button', { name: 'Expand' }).click();
      const showAll = page.locator('aside.explain').getByRole('button', { name: `Show all ${size}` });
      await showAll.waitFor({ timeout: 60_000 });
      await showAll.click();
      // First frame that shows every node: the hook reports them and one more animation frame has been drawn.
      await page.waitForFunction((count) => (window.__lookthrough?.order() ?? 0) >= count, size + 1, {
        timeout: 600_000,
        polling: 50,
      });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      return Date.now() - t0;
    };
    // The app opened once, untimed, until its ranking has arrived, and a small hub expanded the same way: the
    // browser's and the server's start (the first whole-graph read and ranking, the first trace and neighbour
    // queries Neo4j plans and compiles) are then behind every size alike, instead of inside the first one's figure.
    {
      p.stage(`browser: warming up (a hub of ${WARM_UP_HUB})`);
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      const ranked = page.waitForResponse((r) => /\/api\/flags\?rule=/.test(r.url()) && r.ok(), { timeout: 300_000 });
      await page.goto(url);
      await ranked;
      // The expansion in a page of its own, so that the first page's later requests (its ring lists, one after
      // another) are not counted as the expansion's.
      const expanding = await context.newPage();
      await page.close();
      const requests: { path: string; ms: number; at: number }[] = [];
      const pageStart = Date.now();
      expanding.on('requestfinished', (request) => {
        const address = new URL(request.url());
        if (!address.pathname.startsWith('/api/')) return;
        const timing = request.timing();
        requests.push({
          path: `${address.pathname}${address.search}`,
          ms: Math.round(timing.responseEnd),
          at: Math.round(timing.startTime - pageStart),
        });
      });
      const ms = await openAndExpand(expanding, WARM_UP_HUB);
      const slowest = requests.sort((a, b) => b.ms - a.ms).slice(0, 4);
      log(
        `  browser: a fresh server's first expansion (a hub of ${WARM_UP_HUB}, untimed): ${ms} ms; its slowest API ` +
          `requests: ${slowest.map((r) => `${r.path} ${r.ms} ms (sent at +${r.at} ms)`).join(', ')}`,
      );
      await context.close();
    }
    for (const size of sizes) {
      p.stage(`browser: ${size.toLocaleString('en-US')} nodes`);
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      let cdp = profileDir ? await startProfile(page) : undefined;
      const firstFrameMs = await openAndExpand(page, size);
      if (cdp) log(await stopProfile(cdp, join(profileDir!, `first-frame-${size}`)));
      await page
        .locator('[data-testid=progress]')
        .waitFor({ state: 'detached', timeout: 120_000 })
        .catch(() => {});
      await page.waitForTimeout(500);
      if (screenshots) await page.screenshot({ path: screenshotPath(`bench-${size}`) });
      // Pan: drag across the canvas for about 3 s while counting animation frames.
      const box = await page.locator('.graph-canvas').boundingBox();
      if (!box) throw new Error('no canvas');
      // A string, not a function: tsx's name helpers (__name) do not exist in the page.
      await page.evaluate(
        '(() => { window.__frames = 0; window.__counting = true; const tick = () => { window.__frames++; if (window.__counting) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()',
      );
      cdp = profileDir ? await startProfile(page) : undefined;
      const t1 = Date.now();
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 0; i < 90; i++) {
        const a = (i / 90) * Math.PI * 2;
        await page.mouse.move(cx + Math.cos(a) * 250, cy + Math.sin(a) * 150);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
      const frames = Number(await page.evaluate('(() => { window.__counting = false; return window.__frames; })()'));
      const fps = frames / ((Date.now() - t1) / 1000);
      if (screenshots) {
        // Zoomed in on the middle of the picture, where the level of detail brings edge labels back.
        await page.mouse.move(cx, cy - box.height * 0.15);
        for (let i = 0; i < 5; i++) {
          await page.mouse.wheel(0, -400);
          await page.waitForTimeout(150);
        }
        // Until the frame after the zoom has drawn labels (a large picture hides them while the camera moves).
        await page.mouse.move(box.x + 5, box.y + 5);
        await page
          .waitForFunction(() => (window.__lookthrough?.labels().length ?? 0) > 0, undefined, { timeout: 60_000 })
          .catch(() => log(`  browser ${size}: no labels drawn 60 s after zooming in`));
        await page.waitForTimeout(1000);
        await page.screenshot({ path: screenshotPath(`bench-${size}-zoomed`) });
      }
      if (cdp) log(await stopProfile(cdp, join(profileDir!, `pan-${size}`)));
      out.push({ nodes: size, firstFrameMs, fps: round(fps) });
      log(`  browser ${size}: first frame ${firstFrameMs} ms, ${fps.toFixed(1)} fps while panning`);
      await context.close();
    }
  } finally {
    await browser.close().catch(() => undefined);
    await app?.close();
    await dispose();
    if (webDir !== DEFAULT_WEB_DIR) rmSync(webDir, { recursive: true, force: true });
  }
  return out;
}

function table(runs: BenchRun[], browser: BrowserRun[]): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toLocaleString('en-US') : String(x));
  const lines = [
    '| entities | relationships | import rel/s (fresh server) | flags all ms (load + engine; the first ranking after the import) | trace+explain p50 / p95 ms | computed on request p50 / p95 ms | prepared | graph p50 ms | graph+explain p50 ms | naive p50 / p95 ms (timeouts) | naive / ours (/ computed, / graph+explain) | longest wait ms (first ranking / engine) | small import p50 ms (scan) | load avg (steal %: import, flags, all) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of runs) {
    lines.push(
      `| ${f(r.entities)} | ${f(r.relationships)} | ${f(r.importRelsPerSec)} (${f(r.coldImportRelsPerSec)}) | ${f(r.flagsAllMs)} (${f(r.flagsLoadMs)} + ${f(r.flagsEngineMs)}; ${f(r.firstFlagsLoadMs)} + ${f(r.firstFlagsEngineMs)}) | ${r.traceP50Ms} / ${r.traceP95Ms} | ${r.traceComputedP50Ms} / ${r.traceComputedP95Ms} | ${Number(r.preparedExplanations.prepared ?? 0)} of ${Number(r.preparedExplanations.facilities ?? NaN)} (${String(r.preparedExplanations.state)}) | ${r.traceOnlyP50Ms} | ${r.appViewP50Ms} | ${f(r.naiveTraceP50Ms)} / ${f(r.naiveTraceP95Ms)} (${r.naiveTimeouts}/${r.samples} at ${r.naiveTimeoutMs} ms) | ${r.ratioNaiveOverOurs}× (${r.ratioNaiveOverComputed}×, ${r.ratioNaiveOverAppView}×) | ${f(r.waitDuringRankingMaxMs)} / ${f(r.waitDuringEngineMaxMs)} | ${f(r.smallImportP50Ms)} (${f(r.smallImportScanMs)}) | ${r.loadAverage[0]} (${r.stealImportPercent}, ${r.stealFlagsPercent}, ${r.stealPercent}) |`,
    );
  }
  if (browser.length) {
    lines.push('', '| nodes on the canvas | first frame ms | fps while panning |', '| ---: | ---: | ---: |');
    for (const b of browser) lines.push(`| ${f(b.nodes)} | ${f(b.firstFrameMs)} | ${b.fps} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const quick = flag('quick');
  const sizes = (arg('sizes') ?? (quick ? '10000,100000' : '10000,100000,1000000')).split(',').map(Number);
  const seed = Number(arg('seed') ?? '42');
  const samples = Number(arg('samples') ?? '100');
  const naiveTimeoutMs = Number(arg('naive-timeout-ms') ?? '10000');
  const port = Number(arg('port') ?? '7699');
  const jsonFile = arg('json');
  const profileDir = arg('profile');
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const browserSizes = (arg('browser-sizes') ?? '1000,5000,20000').split(',').map(Number);
  if (port === 7687) throw new Error('port 7687 is the shared Neo4j; the benchmark runs its own');

  const cpuList = cpus();
  const machine: Record<string, unknown> = {
    cpus: cpuList.length,
    model: cpuList[0]?.model ?? 'unknown',
    memGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    neo4j: '',
    os: `${osType()} ${release()}`,
    loadAverageAtStart: loads(),
  };
  const output: { machine: Record<string, unknown>; runs: BenchRun[]; browser: BrowserRun[] } = {
    machine,
    runs: [],
    browser: [],
  };
  const save = () => {
    if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(output, null, 2)}\n`);
  };
  const p = progress();
  try {
    // The Neo4j version, from a first fresh instance (also warms the launcher build).
    {
      const { neo4j, dispose } = await freshNeo4j(port);
      machine.neo4j = neo4j.version;
      await dispose();
    }
    if (!flag('browser-only')) {
      for (const n of sizes) {
        output.runs.push(await benchSize(n, seed, samples, naiveTimeoutMs, port, p));
        save();
      }
    }
    if (!flag('skip-browser')) {
      try {
        output.browser = await benchBrowser(port, browserSizes, p, profileDir, flag('screenshots'));
      } catch (error) {
        log(`browser benchmark failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    machine.loadAverageAtEnd = loads();
    save();
  } finally {
    p.stop();
    keepAlive.destroy();
  }
  console.log(
    `\nMachine: ${String(machine.cpus)} × ${String(machine.model)}, ${String(machine.memGiB)} GiB, Node ${process.version}, Neo4j ${String(machine.neo4j)}, ${String(machine.os)}; load average at start ${JSON.stringify(machine.loadAverageAtStart)}, at end ${JSON.stringify(machine.loadAverageAtEnd)}\n`,
  );
  console.log(table(output.runs, output.browser));
  if (jsonFile) console.log(`\nwritten to ${jsonFile}`);
}

// A million entities as objects need more than Node's default heap: run again with a larger one (and the larger
// young generation that bin/lookthrough.mjs gives the CLI).
if (getHeapStatistics().heap_size_limit < 6 * 2 ** 30 && process.env.LOOKTHROUGH_BENCH_CHILD !== '1') {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      LOOKTHROUGH_BENCH_CHILD: '1',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=10240 --max-semi-space-size=64`.trim(),
    },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
