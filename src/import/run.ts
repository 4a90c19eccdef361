/**
 * One import, as both the CLI (`lookthrough import`) and the server (`POST /api/import`) run it: options checked,
 * every file read, validated and mapped (readImport), then, unless it is a dry run or a file has errors, the batch
 * loaded into Neo4j all or nothing (loadImport). The report is the same JSON in both places.
 */
import { applySchema } from '../db/graph-repository.ts';
import type { Database } from '../db/database.ts';
import { SITE_CATEGORIES } from '../domain/model.ts';
import type { SiteCategory } from '../domain/model.ts';
import { loadImport } from './load.ts';
import { readImport } from './read.ts';
import { IMPORT_FORMATS, isoDate } from './types.ts';
import type { ImportFormat, ImportIssue } from './types.ts';

/** What an import is asked to do, as given (strings are checked by `checkImportOptions`). */
export interface ImportRequest {
  format: string;
  dryRun?: boolean;
  source?: string;
  category?: string;
  /** Import date written into provenance, YYYY-MM-DD (default: today, UTC). */
  date?: string;
  /** Rows per UNWIND statement. */
  batchSize?: number;
  /** Rows per transaction above which a load is split. */
  maxTransactionRows?: number;
}

export interface ImportReport {
  nodes: number;
  relationships: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  [key: string]: unknown;
}

/** A bad import option: `option` names it (`format`, `category`, `date`), the message says what was expected. */
export class ImportOptionError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportOptionError';
  }
}

export interface CheckedImportOptions {
  format: ImportFormat;
  date: string;
  source?: string;
  category?: SiteCategory;
}

/** Checks the format, category and date of an import; throws ImportOptionError naming the first bad one. */
export function checkImportOptions(request: ImportRequest, today: string): CheckedImportOptions {
  const format = request.format.toLowerCase();
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new ImportOptionError(
      'format',
      `expected one of ${IMPORT_FORMATS.join(', ')}, got ${JSON.stringify(request.format)}`,
    );
  if (request.category !== undefined && !(SITE_CATEGORIES as readonly string[]).includes(request.category))
    throw new ImportOptionError(
      'category',
      `expected one of ${SITE_CATEGORIES.join(', ')}, got ${JSON.stringify(request.category)}`,
    );
  const date = request.date ?? today;
  if (isoDate(date) !== date)
    throw new ImportOptionError('date', `expected a date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return {
    format: format as ImportFormat,
    date,
    ...(request.source !== undefined ? { source: request.source } : {}),
    ...(request.category !== undefined ? { category: request.category as SiteCategory } : {}),
  };
}

/** The database an import writes into, opened only when there is something to write. */
export interface ImportTarget {
  open: () => Promise<{ db: Database; close: () => Promise<void> }>;
}

export interface ImportHooks {
  /** Told of each file as it is read. */
  onFile?: (file: string, index: number) => void;
  /** Told of progress of the load: rows written so far of the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Reads `files` and, unless it is a dry run or a file has errors, loads them; returns the report. */
export async function runImportFiles(
  files: string[],
  request: ImportRequest,
  target: ImportTarget,
  hooks: ImportHooks = {},
): Promise<ImportReport> {
  const options = checkImportOptions(request, new Date().toISOString().slice(0, 10));
  const { format, ...readerOptions } = options;
  const batch = readImport(files, format, readerOptions, hooks.onFile);
  if (request.dryRun || batch.errors.length) {
    return {
      nodes: batch.nodes.length,
      relationships: batch.edges.length,
      errors: batch.errors,
      warnings: batch.warnings,
      ...(request.dryRun ? { dryRun: true } : { loaded: false }),
    };
  }
  const { db, close } = await target.open();
  try {
    await applySchema(db);
    const summary = await loadImport(db, batch, {
      ...(request.batchSize ? { batchSize: request.batchSize } : {}),
      ...(request.maxTransactionRows ? { maxTransactionRows: request.maxTransactionRows } : {}),
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    });
    return { ...summary, loaded: summary.errors.length === 0 };
  } finally {
    await close();
  }
}
