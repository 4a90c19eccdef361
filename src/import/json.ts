/**
 * Snapshot JSON (graphology's serialized graph, what `lookthrough export --format json` writes and `lookthrough
 * analyze` reads), checked with src/domain/validate-snapshot.ts. Nodes and edges without provenance get the
 * dataset (--source or the file name), their key as record id and the import date.
 */
import { readFileSync } from 'node:fs';
import type { EntityAttributes } from '../domain/model.ts';
import { validateSnapshot } from '../domain/validate-snapshot.ts';
import { baseName, emptyResult } from './types.ts';
import type { ImportResult, ReaderOptions } from './types.ts';

export function readSnapshotJson(file: string, options: ReaderOptions): ImportResult {
  const result = emptyResult();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    result.errors.push({ file, message: `malformed JSON: ${(error as Error).message}` });
    return result;
  }
  const checked = validateSnapshot(data);
  if (!checked.ok) {
    for (const message of checked.errors) {
      const at = /^((?:nodes|edges)\[\d+\])(?: \(key "[^"]*"\))?: ([^:]+): (.*)$/.exec(message);
      result.errors.push(at ? { file, path: `$.${at[1]}.${at[2]}`, message } : { file, message });
    }
    return result;
  }
  const dataset = options.source ?? baseName(file);
  for (const node of checked.snapshot.nodes) {
    // The analysis a Lookthrough JSON export carries is derived: the engine recomputes it.
    delete (node.attributes as EntityAttributes & { analysis?: unknown }).analysis;
    node.attributes.source ??= { dataset, recordId: node.key, date: options.date };
    result.nodes.push(node);
  }
  for (const edge of checked.snapshot.edges) {
    edge.attributes.source ??= {
      dataset,
      ...(edge.key !== undefined ? { recordId: edge.key } : {}),
      date: options.date,
    };
    result.edges.push(edge);
  }
  return result;
}
