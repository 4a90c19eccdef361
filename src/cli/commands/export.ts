/**
 * `lookthrough export (--facility ID | --query NAME [--params JSON] | --input SNAPSHOT.json)
 * --format gexf|graphml|json|csv|ftm|bods -o FILE [--as-of YYYY-MM-DD] [--rule ofac|eu|uk] [--no-analysis]`:
 * writes a subgraph for other tools, with the engine's flags and figures and a record of what it holds (query,
 * parameters, as-of date, time of export). `--facility` exports the upstream ownership subgraph of an entity;
 * `--query` runs a saved query (cypher/queries); `--input` re-exports a snapshot JSON file without a database.
 * CSV writes FILE.nodes.csv, FILE.edges.csv and FILE.meta.json (FILE without .csv); FtM writes FILE.meta.json
 * beside FILE.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { connectNeo4j } from '../../db/connect.ts';
import { upstreamSubgraph } from '../../db/graph-repository.ts';
import type { Database } from '../../db/database.ts';
import { InvalidQueryParameterError, loadSavedQueries, runSavedQuery } from '../../db/saved-queries.ts';
import { isIsoDate } from '../../domain/analysis/dates.ts';
import { SANCTIONS_REGIMES } from '../../domain/analysis/types.ts';
import type { SanctionsRegime } from '../../domain/analysis/types.ts';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import { validateSnapshot } from '../../domain/validate-snapshot.ts';
import { EXPORT_FORMATS } from '../../export/document.ts';
import type { ExportFormat } from '../../export/document.ts';
import { buildExportDocument, writeExport } from '../../export/index.ts';
import { CliError, parseJson, readJsonFile } from '../io.ts';

export interface ExportFlags {
  facility?: string;
  query?: string;
  params?: string;
  input?: string;
  format: string;
  output: string;
  asOf?: string;
  rule: string;
  analysis?: boolean;
  maxDepth?: string;
}

/** Runs an export as the command does; returns the paths written. */
export async function runExport(flags: ExportFlags, dbOverride?: Database): Promise<string[]> {
  const format = flags.format.toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(
      `option --format: expected one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(flags.format)}`,
    );
  }
  const sources = [flags.facility, flags.query, flags.input].filter((s) => s !== undefined);
  if (sources.length !== 1) throw new CliError('give exactly one of --facility ID, --query NAME or --input FILE');
  const asOf = flags.asOf ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(asOf))
    throw new CliError(`option --as-of: expected a date written YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const rule = flags.rule.toLowerCase();
  if (!(SANCTIONS_REGIMES as readonly string[]).includes(rule)) {
    throw new CliError(
      `option --rule: expected one of ${SANCTIONS_REGIMES.join(', ')}, got ${JSON.stringify(flags.rule)}`,
    );
  }
  let params: Record<string, unknown> = {};
  if (flags.params !== undefined) {
    const parsed = parseJson(flags.params, 'option --params');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new CliError('option --params: expected a JSON object');
    params = parsed as Record<string, unknown>;
  }

  let snapshot: OwnershipSnapshot;
  let query: string;
  if (flags.input !== undefined) {
    const checked = validateSnapshot(readJsonFile(flags.input));
    if (!checked.ok) throw new CliError(`${flags.input}: invalid snapshot:\n  ${checked.errors.join('\n  ')}`);
    snapshot = checked.snapshot;
    query = 'file';
    params = { file: flags.input };
  } else {
    const connection = dbOverride ? undefined : await connectNeo4j({ log: (m) => process.stderr.write(`${m}\n`) });
    const db = dbOverride ?? connection!.db;
    try {
      if (flags.facility !== undefined) {
        const maxDepth = flags.maxDepth !== undefined ? Number(flags.maxDepth) : undefined;
        const found = await upstreamSubgraph(
          db,
          flags.facility,
          maxDepth !== undefined && Number.isInteger(maxDepth) && maxDepth > 0 ? { maxDepth } : {},
        );
        if (!found) throw new CliError(`no entity with id ${JSON.stringify(flags.facility)}`);
        snapshot = found;
        query = 'facility';
        params = { id: flags.facility, ...(maxDepth !== undefined ? { maxDepth } : {}) };
      } else {
        const saved = loadSavedQueries().find((q) => q.name === flags.query);
        if (!saved) {
          throw new CliError(
            `no saved query named ${JSON.stringify(flags.query)}; there are: ${loadSavedQueries()
              .map((q) => q.name)
              .join(', ')}`,
          );
        }
        let result: Awaited<ReturnType<typeof runSavedQuery>>;
        try {
          result = await runSavedQuery(db, saved, params);
        } catch (error) {
          if (error instanceof InvalidQueryParameterError) throw new CliError(`option --params: ${error.message}`);
          throw error;
        }
        snapshot = { ...result.graph, attributes: { ...result.graph.attributes, truncated: result.truncated } };
        query = saved.name;
        params = result.params;
      }
    } finally {
      await connection?.close();
    }
  }
  const doc = buildExportDocument(snapshot, {
    query,
    params,
    asOf,
    exportedAt: new Date().toISOString(),
    ...(flags.analysis === false ? {} : { rule: rule as SanctionsRegime }),
  });
  const base = format === 'csv' ? flags.output.replace(/\.csv$/i, '') : flags.output;
  const written: string[] = [];
  for (const file of writeExport(doc, format as ExportFormat)) {
    const path = `${base}${file.suffix}`;
    writeFileSync(path, file.content);
    written.push(path);
  }
  return written;
}

export function register(program: Command): void {
  program
    .command('export')
    .description(
      'Export a subgraph to GEXF, GraphML, snapshot JSON, CSV, FollowTheMoney or BODS 0.4, with flags and provenance',
    )
    .option('--facility <id>', 'the upstream ownership subgraph of this facility (or any entity)')
    .option('--query <name>', 'a saved query from cypher/queries')
    .option('--params <json>', 'parameters of the saved query, a JSON object')
    .option('--input <file>', 'a snapshot JSON file instead of the database')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(', '))
    .requiredOption('-o, --output <file>', 'file to write')
    .option('--as-of <date>', 'date of the analysis, YYYY-MM-DD (default: today, UTC)')
    .option('--rule <rule>', `sanctions regime of the flags: ${SANCTIONS_REGIMES.join(', ')}`, 'ofac')
    .option('--no-analysis', 'leave the flags and figures out')
    .option('--max-depth <n>', 'facility: levels to climb at most (default 25)')
    .action(async (flags: ExportFlags) => {
      try {
        const written = await runExport(flags);
        process.stdout.write(`${JSON.stringify({ written })}\n`);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        process.stderr.write(`lookthrough export: ${error.message}\n`);
        process.exitCode = error.exitCode;
      }
    });
}
