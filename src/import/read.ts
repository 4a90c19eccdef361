/**
 * Reads import files of one format into one batch: every file mapped (nothing written), parties resolved among
 * the files by strong identifiers, relationships checked against the parties of the batch.
 */
import { existsSync } from 'node:fs';
import type { SnapshotEdge } from '../domain/snapshot.ts';
import { readBods } from './bods.ts';
import { readGenericCsv } from './csv.ts';
import { readFtm } from './ftm.ts';
import { readSnapshotJson } from './json.ts';
import { nameMatchWarnings, resolveBatch } from './resolve.ts';
import { isSdnCompanion, readSdn } from './sdn.ts';
import { readSites } from './sites.ts';
import { emptyResult, mergeResults } from './types.ts';
import type { ImportFormat, ImportIssue, ImportResult, ReaderOptions } from './types.ts';

export function readFile(file: string, format: ImportFormat, options: ReaderOptions): ImportResult {
  switch (format) {
    case 'ftm':
      return readFtm(file, options);
    case 'bods':
      return readBods(file, options);
    case 'sdn':
      return readSdn(file, options);
    case 'sites':
      return readSites(file, options);
    case 'csv':
      return readGenericCsv(file, options);
    case 'json':
      return readSnapshotJson(file, options);
  }
}

/** The batch of an import before it meets the database. */
export interface ImportBatch extends ImportResult {
  /** Relationships whose ends are not (both) in the files: they load only if the database holds the parties. */
  dangling: SnapshotEdge[];
}

/**
 * Reads and maps all files. A relationship to a party in none of the files is set aside in `dangling` with a
 * warning (the load looks its parties up in the database). `onFile` is told of each file as it is read.
 */
export function readImport(
  files: string[],
  format: ImportFormat,
  options: ReaderOptions,
  onFile?: (file: string, index: number) => void,
): ImportBatch {
  const all = emptyResult();
  files.forEach((file, index) => {
    onFile?.(file, index);
    if (!existsSync(file)) {
      all.errors.push({ file, message: 'no such file' });
      return;
    }
    // add.csv and alt.csv are read with the sdn.csv beside them.
    if (format === 'sdn' && isSdnCompanion(file)) {
      if (!files.some((f) => /sdn\.csv$/i.test(f)))
        all.errors.push({ file, message: 'give sdn.csv; add.csv and alt.csv are read from beside it' });
      return;
    }
    try {
      mergeResults(all, readFile(file, format, options));
    } catch (error) {
      all.errors.push({ file, message: (error as Error).message });
    }
  });
  // Problems in file order, then line order (readers report column checks and record checks in separate passes).
  all.errors.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const resolved = resolveBatch(all.nodes, all.edges);
  const keys = new Set(resolved.nodes.map((n) => n.key));
  const edges: SnapshotEdge[] = [];
  const dangling: SnapshotEdge[] = [];
  const warnings: ImportIssue[] = [...all.warnings, ...resolved.warnings];
  for (const edge of resolved.edges) {
    if (keys.has(edge.source) && keys.has(edge.target)) edges.push(edge);
    else dangling.push(edge);
  }
  for (const edge of dangling.slice(0, 200)) {
    const missing = [edge.source, edge.target].filter((k) => !keys.has(k));
    warnings.push({
      file: edge.attributes.source?.dataset ?? '',
      message: `relationship ${edge.key ?? ''} (${edge.attributes.kind}) names ${missing.join(' and ')}, in none of the files: it loads only if the database holds ${missing.length > 1 ? 'them' : 'it'}`,
    });
  }
  if (dangling.length > 200)
    warnings.push({ file: '', message: `${dangling.length - 200} more relationships to parties in none of the files` });
  warnings.push(...nameMatchWarnings(resolved.nodes));
  return { nodes: resolved.nodes, edges, dangling, errors: all.errors, warnings };
}
