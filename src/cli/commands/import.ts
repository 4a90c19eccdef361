/**
 * `lookthrough import FILE... --format ftm|bods|sdn|sites|csv|json [--dry-run] [--source NAME]
 * [--category military|datacenter|power] [--date YYYY-MM-DD]`: reads, validates and maps every file, then (unless
 * --dry-run) loads them into Neo4j all or nothing. Prints
 * `{"nodes":N,"relationships":N,"errors":[{"file","line" or "path","message"}],"warnings":[...]}`; exit code 0
 * without errors, 2 with. A progress bar goes to standard error when it is a terminal.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { connectNeo4j } from '../../db/connect.ts';
import { applySchema } from '../../db/graph-repository.ts';
import { SITE_CATEGORIES } from '../../domain/model.ts';
import type { SiteCategory } from '../../domain/model.ts';
import { loadImport } from '../../import/load.ts';
import { readImport } from '../../import/read.ts';
import { IMPORT_FORMATS, isoDate } from '../../import/types.ts';
import type { ImportFormat, ImportIssue } from '../../import/types.ts';
import { CliError, EXIT_INPUT } from '../io.ts';

interface ImportFlags {
  format: string;
  dryRun?: boolean;
  source?: string;
  category?: string;
  date?: string;
  batchSize?: string;
  transactionRows?: string;
  pretty?: boolean;
}

export interface ImportReport {
  nodes: number;
  relationships: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  [key: string]: unknown;
}

function positive(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`option ${option}: expected a whole number above 0, got ${JSON.stringify(value)}`);
  return n;
}

/** Runs an import as the command does and returns its report (used by the command and by tests). */
export async function runImport(files: string[], flags: ImportFlags): Promise<ImportReport> {
  const format = flags.format.toLowerCase();
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(
      `option --format: expected one of ${IMPORT_FORMATS.join(', ')}, got ${JSON.stringify(flags.format)}`,
    );
  }
  if (flags.category !== undefined && !(SITE_CATEGORIES as readonly string[]).includes(flags.category)) {
    throw new CliError(
      `option --category: expected one of ${SITE_CATEGORIES.join(', ')}, got ${JSON.stringify(flags.category)}`,
    );
  }
  const date = flags.date ?? new Date().toISOString().slice(0, 10);
  if (isoDate(date) !== date)
    throw new CliError(`option --date: expected a date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const batchSize = positive('--batch-size', flags.batchSize);
  const maxTransactionRows = positive('--transaction-rows', flags.transactionRows);
  const tty = process.stderr.isTTY === true;
  const reading =
    tty && files.length > 1
      ? new SingleBar({ format: 'reading {bar} {value}/{total} files' }, Presets.shades_classic)
      : undefined;
  reading?.start(files.length, 0);
  const batch = readImport(
    files,
    format as ImportFormat,
    {
      date,
      ...(flags.source !== undefined ? { source: flags.source } : {}),
      ...(flags.category !== undefined ? { category: flags.category as SiteCategory } : {}),
    },
    (_, i) => reading?.update(i),
  );
  reading?.update(files.length);
  reading?.stop();
  if (flags.dryRun || batch.errors.length) {
    return {
      nodes: batch.nodes.length,
      relationships: batch.edges.length,
      errors: batch.errors,
      warnings: batch.warnings,
      ...(flags.dryRun ? { dryRun: true } : { loaded: false }),
    };
  }
  const connection = await connectNeo4j({ log: (message) => process.stderr.write(`${message}\n`) });
  const bar = tty
    ? new SingleBar({ format: 'writing {bar} {value}/{total} rows | {eta_formatted} left' }, Presets.shades_classic)
    : undefined;
  try {
    await applySchema(connection.db);
    const summary = await loadImport(connection.db, batch, {
      ...(batchSize ? { batchSize } : {}),
      ...(maxTransactionRows ? { maxTransactionRows } : {}),
      onProgress: (done, total) => {
        if (!bar) return;
        if (done === 0) bar.start(total, 0);
        else bar.update(done);
      },
    });
    bar?.stop();
    return { ...summary, loaded: summary.errors.length === 0 };
  } finally {
    bar?.stop();
    await connection.close();
  }
}

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'Import FollowTheMoney, BODS 0.4, OFAC SDN CSV, sites (CSV/GeoJSON), generic CSV or snapshot JSON into Neo4j',
    )
    .argument('<files...>', 'files to import (for sdn: sdn.csv; add.csv and alt.csv are read from beside it)')
    .requiredOption('--format <format>', `one of ${IMPORT_FORMATS.join(', ')}`)
    .option('--dry-run', 'validate and map only; no database')
    .option(
      '--source <name>',
      'dataset name written into provenance (default: per format, e.g. ofac-sdn, or the file name)',
    )
    .option('--category <category>', `sites: ${SITE_CATEGORIES.join(', ')}`)
    .option('--date <date>', 'import date written into provenance, YYYY-MM-DD (default: today, UTC)')
    .option('--batch-size <rows>', 'rows per UNWIND statement (default 10000)')
    .option('--transaction-rows <rows>', 'rows per transaction above which a load is split (default 25000)')
    .option('--pretty', 'indent the JSON output')
    .action(async (files: string[], flags: ImportFlags) => {
      try {
        const report = await runImport(files, flags);
        process.stdout.write(`${JSON.stringify(report, null, flags.pretty ? 2 : undefined)}\n`);
        process.exitCode = report.errors.length ? EXIT_INPUT : 0;
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        process.stderr.write(`lookthrough import: ${error.message}\n`);
        process.exitCode = error.exitCode;
      }
    });
}
