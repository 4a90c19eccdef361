/**
 * Server benchmark with autocannon, on loopback only, against a Neo4j of its own (embedded, port 7697, a temporary
 * data folder, loaded with the fixtures): never the shared one.
 *
 * 1. Throughput: requests per second and p50/p99 latency of a facility trace (GET /api/facilities/fac-cheyenne-1/graph)
 *    and of a saved query (POST /api/queries/ultimate-owners/run) at 1, 16 and 64 concurrent clients.
 * 2. Fault: a load run of the facility trace during which this Neo4j is stopped and started again: how many requests
 *    failed, and how fast service came back once Neo4j answered again (the driver reconnects by itself).
 *
 *   npx tsx tests/bench/server.ts [--duration 10] [--after-restart 20] [--port 7697] [--skip-restart]
 *
 * The fault run loads for 10 s, stops Neo4j, starts it again, and keeps loading `--after-restart` seconds more.
 *
 * Benchmarks are not tests: this prints figures, it asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { ensureEmbeddedNeo4j } from '../../src/db/embedded.ts';
import type { EmbeddedNeo4j } from '../../src/db/embedded.ts';
import { applySchema, importSnapshot } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import { buildServer } from '../../src/server/app.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? (process.argv[i + 1] ?? fallback) : fallback;
}

const duration = Number(arg('duration', '10'));
const afterRestart = Number(arg('after-restart', '20'));
const boltPort = Number(arg('port', '7697'));
const skipRestart = process.argv.includes('--skip-restart');
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Target {
  name: string;
  path: string;
  method: 'GET' | 'POST';
  body?: string;
}

const TARGETS: Target[] = [
  { name: 'facility trace', path: '/api/facilities/fac-cheyenne-1/graph', method: 'GET' },
  {
    name: 'saved query ultimate-owners',
    path: '/api/queries/ultimate-owners/run',
    method: 'POST',
    body: JSON.stringify({ params: {} }),
  },
];

function load(
  url: string,
  target: Target,
  connections: number,
  seconds: number,
  onResponse?: (status: number, at: number) => void,
  onError?: (at: number) => void,
  control?: { stop?: () => void },
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}${target.path}`,
        method: target.method,
        connections,
        duration: seconds,
        timeout: 30,
        headers: { 'content-type': 'application/json' },
        ...(target.body === undefined ? {} : { body: target.body }),
      },
      (error: unknown, result) =>
        error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(result),
    );
    if (onResponse) instance.on('response', (_client, status) => onResponse(status, Date.now()));
    if (onError) instance.on('reqError', () => onError(Date.now()));
    if (control) control.stop = () => instance.stop();
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lookthrough-bench-'));
  let neo4j: EmbeddedNeo4j | undefined;
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  try {
    log(`Starting a benchmark Neo4j on 127.0.0.1:${boltPort} (data in ${dataDir})...`);
    neo4j = await ensureEmbeddedNeo4j({ port: boltPort, dataDir, log });
    if (neo4j.reused) throw new Error(`A Neo4j already runs on ${dataDir}; the benchmark needs its own`);
    db = openDatabase({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
    await db.verify();
    await applySchema(db);
    await importSnapshot(db, readFixtures());
    app = await buildServer({ db });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    log(`Server at ${url}; warming up...`);
    for (const target of TARGETS) await load(url, target, 4, 2);

    console.log(`\n## Throughput (${duration} s per run, loopback, Neo4j ${neo4j.version}, fixtures)\n`);
    console.log('| request | clients | req/s | p50 ms | p99 ms | non-2xx | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const target of TARGETS) {
      for (const connections of [1, 16, 64]) {
        const r = await load(url, target, connections, duration);
        console.log(
          `| ${target.name} | ${connections} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} | ${r.errors + r.timeouts} |`,
        );
      }
    }

    if (!skipRestart) {
      const target = TARGETS[0] as Target;
      const outcomes: { at: number; ok: boolean; status: number }[] = [];
      const started = Date.now();
      const control: { stop?: () => void } = {};
      // Runs until `afterRestart` seconds after Neo4j answers again (at most 10 minutes).
      const run = load(
        url,
        target,
        16,
        600,
        (status, at) => outcomes.push({ at, ok: status >= 200 && status < 300, status }),
        (at) => outcomes.push({ at, ok: false, status: 0 }),
        control,
      );
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      log('Stopping the benchmark Neo4j in the middle of the load run...');
      const stopAt = Date.now();
      await neo4j.stop();
      const stoppedAt = Date.now();
      log('Starting it again...');
      neo4j = await ensureEmbeddedNeo4j({ port: boltPort, dataDir, log });
      const readyAt = Date.now();
      log(`Neo4j answers again; load continues for ${afterRestart} s...`);
      await new Promise((resolve) => setTimeout(resolve, afterRestart * 1000));
      control.stop?.();
      const result = await run;
      const failed = outcomes.filter((o) => !o.ok);
      const firstOkAfterReady = outcomes.find((o) => o.ok && o.at >= readyAt);
      const lastFailure = failed.at(-1);
      const statuses = new Map<number, number>();
      for (const o of failed) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      const s = (ms: number) => (ms / 1000).toFixed(1);
      const total = s(Date.now() - started);
      console.log(`\n## Neo4j restarted during a ${total} s load run (facility trace, 16 clients)\n`);
      console.log(`| measure | value |`);
      console.log(`| --- | ---: |`);
      console.log(`| requests answered | ${outcomes.length} |`);
      console.log(`| failed (non-2xx or connection error) | ${failed.length} |`);
      console.log(
        `| failures by status | ${[...statuses].map(([status, n]) => `${status === 0 ? 'conn' : status}: ${n}`).join(', ') || 'none'} |`,
      );
      console.log(`| Neo4j stop took | ${s(stoppedAt - stopAt)} s |`);
      console.log(`| Neo4j down (stop begun to Bolt answering again) | ${s(readyAt - stopAt)} s |`);
      console.log(
        `| first 2xx after Neo4j answered again | ${firstOkAfterReady ? `${s(firstOkAfterReady.at - readyAt)} s` : 'never'} |`,
      );
      const lastFailureText = !lastFailure
        ? 'no failure at all'
        : lastFailure.at >= readyAt
          ? `${s(lastFailure.at - readyAt)} s after`
          : `none after (the last was ${s(readyAt - lastFailure.at)} s before)`;
      console.log(`| failures once Neo4j answered again | ${lastFailureText} |`);
      const during = outcomes.filter((o) => o.at >= stopAt && o.at < readyAt);
      console.log(
        `| answers while Neo4j was down: 2xx / failed | ${during.filter((o) => o.ok).length} / ${during.filter((o) => !o.ok).length} |`,
      );
      const firstFailure = failed[0];
      if (firstFailure) console.log(`| first failure after the stop began | ${s(firstFailure.at - stopAt)} s |`);
      console.log(
        `| whole run: req/s, p50 ms, p99 ms | ${result.requests.average.toFixed(0)}, ${result.latency.p50}, ${result.latency.p99} |`,
      );
      console.log(`| run started → Neo4j stop | ${s(stopAt - started)} s |`);
    }
  } finally {
    await app?.close();
    await db?.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
