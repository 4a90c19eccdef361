/**
 * The embedded default Neo4j: Neo4j Community 5.26 run by neo4j/src/main/java/org/lookthrough/EmbeddedNeo4j.java,
 * so that the project works with nothing but Java 17+ (and, once, Maven) installed.
 *
 * - First start: Maven resolves Neo4j from Maven Central and compiles the launcher (neo4j/target/); later starts
 *   run `java` directly while neo4j/target/ is newer than the pom and the launcher source.
 * - Data, logs, the generated password and the state file live in `.neo4j/` (git-ignored) in the project root.
 * - A second start while one is running reuses it (`reused: true`); only the process that started it stops it.
 * - The launcher watches its standard input: when the Node process that started it ends, even by SIGKILL, the
 *   pipe closes and Neo4j shuts down cleanly, so no orphan keeps the port and the store lock.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { embeddedMemoryFromEnv, neo4jConfigFromEnv } from './config.ts';
import { EmbeddedNeo4jError } from './errors.ts';

export interface EmbeddedNeo4j {
  /** bolt://127.0.0.1:<port> */
  uri: string;
  user: string;
  password: string;
  /** True when another process had already started it: then `stop()` does nothing. */
  reused: boolean;
  pid: number;
  port: number;
  /** e.g. 5.26.30 */
  version: string;
  dataDir: string;
  /** Stops it (SIGTERM, then SIGKILL after 30 s) if this call started it; resolves once the process is gone. */
  stop(): Promise<void>;
}

export interface EmbeddedNeo4jOptions {
  /** Bolt port on 127.0.0.1; default NEO4J_BOLT_PORT or 7687. */
  port?: number;
  /** Home of the embedded Neo4j (data, logs, password, state); default `.neo4j` in the project root. */
  dataDir?: string;
  /** Progress messages ("Resolving Neo4j 5.26 ...", "Starting ..."); default: standard error. */
  log?: (message: string) => void;
  /** How long to wait for Bolt to answer; default 120 s. */
  startTimeoutMs?: number;
  /** JVM heap (-Xmx); default LOOKTHROUGH_NEO4J_HEAP or an eighth of the machine's memory, 1-4 GiB. */
  heap?: string;
  /** Neo4j page cache; default LOOKTHROUGH_NEO4J_PAGECACHE or an eighth of the machine's memory, 1-4 GiB. */
  pageCache?: string;
}

/** What `.neo4j/server.json` records about a running embedded Neo4j. */
export interface EmbeddedNeo4jState {
  pid: number;
  port: number;
  uri: string;
  user: string;
  version: string;
  dataDir: string;
  startedAt: string;
  /** The Node process that started it (and that it stops with). */
  ownerPid: number;
}

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NEO4J_BUILD_DIR = join(PROJECT_ROOT, 'neo4j');
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, '.neo4j');
export const EMBEDDED_USER = 'neo4j';

const LAUNCHER_CLASS = 'org.lookthrough.EmbeddedNeo4j';
const READY_MARKER = 'LOOKTHROUGH_NEO4J_READY';
const POM = join(NEO4J_BUILD_DIR, 'pom.xml');
const LAUNCHER_SOURCE = join(NEO4J_BUILD_DIR, 'src/main/java/org/lookthrough/EmbeddedNeo4j.java');
const TARGET = join(NEO4J_BUILD_DIR, 'target');
const CLASSES = join(TARGET, 'classes');
const LAUNCHER_CLASS_FILE = join(CLASSES, 'org/lookthrough/EmbeddedNeo4j.class');
const CLASSPATH_FILE = join(TARGET, 'classpath.txt');
const STOP_GRACE_MS = 30_000;

const JAVA_MISSING =
  'Java 17 or newer is needed to run the embedded Neo4j: install openjdk-17-jre-headless, or set NEO4J_URI to use another Neo4j';

/** Starts the embedded Neo4j, or reuses the one already running on the same data folder. */
export async function ensureEmbeddedNeo4j(options: EmbeddedNeo4jOptions = {}): Promise<EmbeddedNeo4j> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const port = options.port ?? neo4jConfigFromEnv().boltPort;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  // Read before anything starts, so that a bad LOOKTHROUGH_NEO4J_HEAP or _PAGECACHE fails with its own message.
  const memory = embeddedMemoryFromEnv();
  const heap = options.heap ?? memory.heap;
  const pageCache = options.pageCache ?? memory.pageCache;
  mkdirSync(join(dataDir, 'logs'), { recursive: true });

  return withLock(join(dataDir, 'start.lock'), timeoutMs, 'starting the embedded Neo4j', async () => {
    const running = await runningOrGone(dataDir, Math.min(timeoutMs, 30_000));
    if (running) {
      if (running.state.port !== port) log(`The embedded Neo4j is already running on port ${running.state.port}.`);
      return running;
    }

    const java = await findJava();
    await buildLauncher(log);
    if (await isPortInUse(port)) {
      throw new EmbeddedNeo4jError(
        'port-in-use',
        `Port ${port} is in use by another program: stop it, set NEO4J_BOLT_PORT, or set NEO4J_URI`,
      );
    }
    const password = readOrCreatePassword(dataDir);
    log(
      `Starting the embedded Neo4j on bolt://127.0.0.1:${port} (data in ${dataDir}; heap ${heap}, page cache ${pageCache})...`,
    );
    const started = await startLauncher({
      java,
      dataDir,
      port,
      password,
      heap,
      pageCache,
      timeoutMs,
    });
    const state: EmbeddedNeo4jState = {
      pid: started.child.pid ?? 0,
      port,
      uri: `bolt://127.0.0.1:${port}`,
      user: EMBEDDED_USER,
      version: started.version,
      dataDir,
      startedAt: new Date().toISOString(),
      ownerPid: process.pid,
    };
    writeFileSync(stateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`);
    return ownedInstance(state, password, started.exited);
  });
}

/** The embedded Neo4j running on `dataDir`, if any (from its state file, checked against the live process). */
export async function embeddedNeo4jStatus(
  options: { dataDir?: string } = {},
): Promise<{ running: true; state: EmbeddedNeo4jState } | { running: false }> {
  const instance = await runningInstance(resolve(options.dataDir ?? DEFAULT_DATA_DIR));
  return instance ? { running: true, state: instance.state } : { running: false };
}

/** Stops the embedded Neo4j running on `dataDir`, whoever started it. Resolves false if none was running. */
export async function stopEmbeddedNeo4j(options: { dataDir?: string } = {}): Promise<boolean> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const state = readState(dataDir);
  if (!state || !isOurLauncher(state.pid)) return false;
  await terminate(state.pid, undefined);
  removeStateIfOwnedBy(dataDir, state.pid);
  return true;
}

/**
 * Resolves Neo4j with Maven and compiles the launcher, unless neo4j/target/ is up to date. Exported for
 * `lookthrough neo4j start --build-only` style uses and tests; `ensureEmbeddedNeo4j` calls it.
 */
export async function buildLauncher(log: (message: string) => void = () => {}): Promise<void> {
  if (launcherIsBuilt()) return;
  mkdirSync(TARGET, { recursive: true });
  await withLock(join(TARGET, 'build.lock'), 15 * 60_000, 'building the embedded Neo4j', async () => {
    if (launcherIsBuilt()) return;
    log(
      dependenciesResolved()
        ? 'Compiling the embedded Neo4j launcher...'
        : 'Resolving Neo4j 5.26 from Maven Central (first run only)...',
    );
    const args = ['-B', '-q', '-ntp', '-Dstyle.color=never', '-f', POM, 'compile'];
    const result = await runProcess('mvn', args, 15 * 60_000);
    if (result.error === 'ENOENT') {
      throw new EmbeddedNeo4jError(
        'maven-missing',
        'Maven is needed once to download Neo4j 5.26 for the embedded database: install Maven (apt-get install maven), or set NEO4J_URI to use another Neo4j',
      );
    }
    if (/No compiler is provided|release version \d+ not supported|invalid target release/.test(result.output)) {
      throw new EmbeddedNeo4jError(
        'build-failed',
        'Compiling the embedded Neo4j launcher needs a Java 17+ JDK, not only a JRE: install openjdk-17-jdk-headless, or set NEO4J_URI to use another Neo4j',
        { details: tail(result.output, 30) },
      );
    }
    if (result.code !== 0 || !launcherIsBuilt()) {
      throw new EmbeddedNeo4jError(
        'build-failed',
        `Maven could not resolve Neo4j 5.26 (mvn ${args.join(' ')} exited with ${result.code ?? result.error}): check access to Maven Central, or set NEO4J_URI to use another Neo4j`,
        { details: tail(result.output, 30) },
      );
    }
  });
}

function dependenciesResolved(): boolean {
  try {
    const entries = readClasspath();
    return mtime(CLASSPATH_FILE) >= mtime(POM) && entries.length > 0 && entries.every((entry) => existsSync(entry));
  } catch {
    return false;
  }
}

/** True when neo4j/target/ holds a launcher compiled from the current source and a classpath whose jars exist. */
export function launcherIsBuilt(): boolean {
  try {
    if (mtime(LAUNCHER_CLASS_FILE) < mtime(LAUNCHER_SOURCE)) return false;
    return dependenciesResolved();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------

interface Started {
  child: ChildProcess;
  exited: Promise<number | null>;
  version: string;
}

async function startLauncher(options: {
  java: string;
  dataDir: string;
  port: number;
  password: string;
  heap: string;
  pageCache: string;
  timeoutMs: number;
}): Promise<Started> {
  const logPath = join(options.dataDir, 'logs', 'launcher.log');
  const logFd = openSync(logPath, 'w');
  const jvmArgs = [
    `-Xmx${options.heap}`,
    '-Xms128m',
    // The throughput collector: on two cores G1's concurrent work (refinement, marking) took as much CPU as the
    // import's own writing threads; the parallel collector spent about a third of G1's CPU for the same 100,000-entity
    // load (2.2 s against 6-7 s). It stops the world to collect, which costs a local explorer less than the CPU.
    '-XX:+UseParallelGC',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:-OmitStackTraceInFastThrow',
    // What Neo4j's own neo4j.conf passes on Java 17 (direct buffers and Netty).
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
  ];
  const classpath = [CLASSES, ...readClasspath()].join(':');
  const args = [
    ...jvmArgs,
    '-cp',
    classpath,
    LAUNCHER_CLASS,
    `--home=${options.dataDir}`,
    `--port=${options.port}`,
    `--pagecache=${options.pageCache}`,
    '--exit-on-stdin-close',
  ];
  let child: ChildProcess;
  try {
    child = spawn(options.java, args, {
      cwd: options.dataDir,
      // Its own process group: Ctrl+C in a terminal reaches only Node, which then stops Neo4j in order.
      detached: true,
      stdio: ['pipe', logFd, logFd],
      // The password travels in the environment, not in argv (which any local user can read with ps).
      env: { ...process.env, LOOKTHROUGH_NEO4J_PASSWORD: options.password },
    });
  } finally {
    closeSync(logFd);
  }
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit(code ?? (signal ? 128 : null)));
    child.once('error', () => resolveExit(null));
  });
  // Neither the child nor its stdin pipe keeps this process alive; the pipe closes when this process ends.
  child.unref();
  child.stdin?.on('error', () => {});
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();

  const deadline = Date.now() + options.timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw launchFailure(options, logPath, exitCode);
    const ready = readReadyLine(logPath);
    if (ready && (await boltAnswers(`bolt://127.0.0.1:${options.port}`, options.password))) {
      return { child, exited, version: ready.version };
    }
    if (Date.now() > deadline) {
      await terminate(child.pid ?? 0, exited);
      throw new EmbeddedNeo4jError(
        'start-timeout',
        `The embedded Neo4j did not answer on port ${options.port} within ${Math.round(options.timeoutMs / 1000)} s: see ${logPath} and ${join(options.dataDir, 'logs/debug.log')}`,
        { details: tail(readText(logPath), 30) },
      );
    }
    await sleep(ready ? 500 : 200);
  }
}

function launchFailure(options: { dataDir: string; port: number }, logPath: string, code: number | null): Error {
  const output = readText(logPath);
  const details = tail(output, 30);
  if (/Address already in use|PortBindException/i.test(output)) {
    return new EmbeddedNeo4jError(
      'port-in-use',
      `Port ${options.port} is in use by another program: stop it, set NEO4J_BOLT_PORT, or set NEO4J_URI`,
      { details },
    );
  }
  if (/FileLockException|Lock file has been locked|unable to (get|acquire) lock/i.test(output)) {
    return new EmbeddedNeo4jError(
      'start-failed',
      `Another Neo4j process holds the data folder ${options.dataDir}: stop it (lookthrough neo4j stop), or pass another data folder`,
      { details },
    );
  }
  if (/UnsupportedClassVersionError/.test(output)) {
    return new EmbeddedNeo4jError('java-missing', JAVA_MISSING, { details });
  }
  const last = tail(output, 1).trim();
  return new EmbeddedNeo4jError(
    'start-failed',
    `The embedded Neo4j exited during start-up (code ${code ?? 'unknown'}${last ? `: ${last}` : ''}): see ${logPath}`,
    { details },
  );
}

function ownedInstance(state: EmbeddedNeo4jState, password: string, exited: Promise<number | null>): EmbeddedNeo4j {
  let stopping: Promise<void> | undefined;
  return {
    uri: state.uri,
    user: state.user,
    password,
    reused: false,
    pid: state.pid,
    port: state.port,
    version: state.version,
    dataDir: state.dataDir,
    stop() {
      stopping ??= (async () => {
        await terminate(state.pid, exited);
        removeStateIfOwnedBy(state.dataDir, state.pid);
      })();
      return stopping;
    },
  };
}

/** The instance named by the state file if its process is our launcher and Bolt answers; cleans a stale file. */
async function runningInstance(dataDir: string): Promise<(EmbeddedNeo4j & { state: EmbeddedNeo4jState }) | undefined> {
  const state = readState(dataDir);
  if (!state) return undefined;
  if (!isOurLauncher(state.pid)) {
    removeStateIfOwnedBy(dataDir, state.pid);
    return undefined;
  }
  const password = readPassword(dataDir) ?? '';
  if (!(await boltAnswers(state.uri, password))) return undefined;
  return {
    uri: state.uri,
    user: state.user,
    password,
    reused: true,
    pid: state.pid,
    port: state.port,
    version: state.version,
    dataDir,
    state,
    stop: () => Promise.resolve(),
  };
}

/**
 * The running instance to reuse, or undefined once none is left. A launcher that is alive but does not answer
 * (stopping, or left behind by a crashed start) gets `waitMs` to either answer or go away.
 */
async function runningOrGone(
  dataDir: string,
  waitMs: number,
): Promise<(EmbeddedNeo4j & { state: EmbeddedNeo4jState }) | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const running = await runningInstance(dataDir);
    if (running) return running;
    const state = readState(dataDir);
    if (!state || !isOurLauncher(state.pid)) return undefined;
    if (Date.now() > deadline) {
      throw new EmbeddedNeo4jError(
        'start-failed',
        `The embedded Neo4j (pid ${state.pid}) is running but does not answer on ${state.uri}: stop it with \`lookthrough neo4j stop\`, then try again`,
      );
    }
    await sleep(500);
  }
}

/** SIGTERM, wait, SIGKILL after the grace period. `exited` is the child's exit promise when this process owns it. */
async function terminate(pid: number, exited: Promise<unknown> | undefined): Promise<void> {
  if (pid <= 0 || !signal(pid, 'SIGTERM')) return;
  const gone = exited ?? waitUntilGone(pid, STOP_GRACE_MS + 10_000);
  if (!(await settlesWithin(gone, STOP_GRACE_MS))) {
    signal(pid, 'SIGKILL');
    await settlesWithin(gone, 5_000);
  }
}

/** Whether `promise` settles within `ms`; leaves no timer behind to keep the process alive. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolveTimer) => {
    timer = setTimeout(() => resolveTimer(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On Linux, checks the command line too, so that a recycled pid is not mistaken for our Neo4j. */
function isOurLauncher(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(LAUNCHER_CLASS);
  } catch {
    return process.platform !== 'linux';
  }
}

async function boltAnswers(uri: string, password: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(EMBEDDED_USER, password), {
    connectionTimeout: 3_000,
    maxConnectionPoolSize: 1,
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolvePort(error.code === 'EADDRINUSE' || error.code === 'EACCES'),
    );
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolvePort(false)));
  });
}

async function findJava(): Promise<string> {
  const home = process.env.JAVA_HOME;
  const java = home && existsSync(join(home, 'bin', 'java')) ? join(home, 'bin', 'java') : 'java';
  const result = await runProcess(java, ['-version'], 30_000);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.output);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (result.error !== undefined || major < 17) {
    throw new EmbeddedNeo4jError('java-missing', JAVA_MISSING, { details: result.output.trim() || undefined });
  }
  return java;
}

function readReadyLine(logPath: string): { version: string } | undefined {
  const text = readText(logPath);
  if (!text.includes(READY_MARKER)) return undefined;
  return { version: /LOOKTHROUGH_NEO4J_READY version=(\S+)/.exec(text)?.[1] ?? 'unknown' };
}

function readOrCreatePassword(dataDir: string): string {
  const existing = readPassword(dataDir);
  if (existing) return existing;
  const password = randomBytes(18).toString('base64url');
  writeFileSync(join(dataDir, 'password'), `${password}\n`, { mode: 0o600 });
  return password;
}

function readPassword(dataDir: string): string | undefined {
  const text = readText(join(dataDir, 'password')).trim();
  return text || undefined;
}

function stateFile(dataDir: string): string {
  return join(dataDir, 'server.json');
}

function readState(dataDir: string): EmbeddedNeo4jState | undefined {
  try {
    const state = JSON.parse(readFileSync(stateFile(dataDir), 'utf8')) as Partial<EmbeddedNeo4jState>;
    if (typeof state.pid !== 'number' || typeof state.port !== 'number' || typeof state.uri !== 'string')
      return undefined;
    return {
      pid: state.pid,
      port: state.port,
      uri: state.uri,
      user: state.user ?? EMBEDDED_USER,
      version: state.version ?? 'unknown',
      dataDir,
      startedAt: state.startedAt ?? '',
      ownerPid: state.ownerPid ?? 0,
    };
  } catch {
    return undefined;
  }
}

function removeStateIfOwnedBy(dataDir: string, pid: number): void {
  if (readState(dataDir)?.pid !== pid) return;
  try {
    unlinkSync(stateFile(dataDir));
  } catch {
    // Already gone.
  }
}

/**
 * A lock file holding the owner's pid, so that two processes do not start two Neo4j (or run Maven twice) at once.
 * A lock whose owner is dead is taken over.
 */
async function withLock<T>(path: string, timeoutMs: number, what: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readText(path).trim());
    if (owner && (owner === process.pid || isAlive(owner))) {
      if (Date.now() > deadline) {
        throw new EmbeddedNeo4jError(
          'start-timeout',
          `Another process (pid ${owner}) has been ${what} for too long: wait for it or stop it, then try again`,
        );
      }
      await sleep(250);
      continue;
    }
    // The owner is dead, or the file was caught between its creation and its write: look again, then take over.
    await sleep(100);
    if (Number(readText(path).trim()) !== owner) continue;
    try {
      unlinkSync(path);
    } catch {
      // Someone else took it over first.
    }
  }
  try {
    return await work();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Nothing to release.
    }
  }
}

interface ProcessResult {
  code: number | null;
  output: string;
  error?: string;
}

function runProcess(command: string, args: string[], timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolveRun) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!error) {
        resolveRun({ code: 0, output });
        return;
      }
      const code = typeof error.code === 'number' ? error.code : null;
      const failure = typeof error.code === 'string' ? error.code : undefined;
      resolveRun(failure === undefined ? { code, output } : { code, output, error: failure });
    });
  });
}

function readClasspath(): string[] {
  return readFileSync(CLASSPATH_FILE, 'utf8')
    .trim()
    .split(':')
    .filter((entry) => entry.length > 0);
}

function mtime(path: string): number {
  return statSync(path).mtimeMs;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
