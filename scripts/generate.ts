/**
 * `npm run generate -- --entities N --seed S [-o FILE] [--prefix P] [--date YYYY-MM-DD]`: writes a reproducible
 * synthetic ownership graph (src/generate/ownership-graph.ts) as snapshot JSON, to FILE or standard output. The
 * JSON is streamed node by node, so a million entities never become one string. Import it with
 * `npx lookthrough import FILE --format json`.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { generateOwnershipGraph } from '../src/generate/ownership-graph.ts';
import type { GeneratedGraph } from '../src/generate/ownership-graph.ts';

function arg(names: string[]): string | undefined {
  for (const name of names) {
    const i = process.argv.indexOf(name);
    if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  }
  return undefined;
}

/** Writes the graph as snapshot JSON to `out`, respecting back-pressure. */
export async function writeSnapshotJson(graph: GeneratedGraph, out: Writable): Promise<void> {
  let buffer = '';
  const flush = async (force = false): Promise<void> => {
    if (buffer.length < 1 << 20 && !force) return;
    const ok = out.write(buffer);
    buffer = '';
    if (!ok) await once(out, 'drain');
  };
  const meta = {
    title: `Generated ownership graph: ${graph.counts.entities} entities, seed ${graph.options.seed}`,
    generator: { ...graph.options, counts: graph.counts, deepFacility: graph.deepFacility, hub: graph.hub },
  };
  buffer += `{"attributes":${JSON.stringify(meta)},"options":{"type":"directed","multi":true,"allowSelfLoops":false},\n"nodes":[\n`;
  let first = true;
  for (const node of graph.nodes()) {
    buffer += `${first ? '' : ',\n'}${JSON.stringify(node)}`;
    first = false;
    await flush();
  }
  buffer += '\n],\n"edges":[\n';
  first = true;
  for (const edge of graph.edges()) {
    buffer += `${first ? '' : ',\n'}${JSON.stringify(edge)}`;
    first = false;
    await flush();
  }
  buffer += '\n]}\n';
  await flush(true);
}

async function main(): Promise<void> {
  const entities = Number(arg(['--entities', '-n']) ?? '10000');
  const seed = Number(arg(['--seed', '-s']) ?? '42');
  const file = arg(['-o', '--output']);
  const prefix = arg(['--prefix']);
  const date = arg(['--date']);
  if (!Number.isInteger(entities) || entities < 200) throw new Error('--entities: a whole number of at least 200');
  if (!Number.isInteger(seed)) throw new Error('--seed: a whole number');
  const graph = generateOwnershipGraph({
    entities,
    seed,
    ...(prefix !== undefined ? { prefix } : {}),
    ...(date !== undefined ? { date } : {}),
  });
  const out = file ? createWriteStream(file) : process.stdout;
  await writeSnapshotJson(graph, out);
  if (file) {
    out.end();
    await once(out, 'finish');
    process.stderr.write(`${file}: ${JSON.stringify(graph.counts)}\n`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''))) {
  main().catch((error: unknown) => {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
