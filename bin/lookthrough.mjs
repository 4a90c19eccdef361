#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx lookthrough ...` works from a checkout without a build step.
// A larger young generation (--max-semi-space-size, MiB) suits batch work over big graphs: the engine and the
// importers make many short-lived objects, and with V8's default (16 MiB) most of them are copied by the
// scavenger; at a million entities this cut the CPU time of whole-graph analysis by about a fifth.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const loader = pathToFileURL(require.resolve('tsx')).href;
const v8Flags = process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) ? [] : ['--max-semi-space-size=64'];
const child = spawn(
  process.execPath,
  [...v8Flags, ...process.execArgv, '--import', loader, join(root, 'src/cli/main.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
// A signal sent to this launcher (Ctrl+C, `kill`, a process manager stopping `npx lookthrough serve`) goes to the
// CLI, which shuts down cleanly (the server finishes requests in flight, an embedded Neo4j it started stops).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
