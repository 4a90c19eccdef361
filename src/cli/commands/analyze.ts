/**
 * `lookthrough analyze FILE [--rule ofac|eu|uk] [--as-of YYYY-MM-DD] [--state-threshold N] [--radius-km N]`:
 * reads a snapshot JSON file, validates it, runs the look-through engine and prints the analysis as JSON.
 * Bad input (unreadable file, malformed JSON, invalid snapshot, invalid option value) exits with code 2 and a
 * message on stderr that names the line, node, edge or option.
 */
import type { Command } from 'commander';
import { analyzeSnapshot, analyzeSnapshotEach, resolveAnalysisOptions } from '../../domain/analysis/analyze.ts';
import { SANCTIONS_REGIMES } from '../../domain/analysis/types.ts';
import { validateSnapshot } from '../../domain/validate-snapshot.ts';
import type { AnalysisCliOptions } from '../analysis-options.ts';
import { parseAnalysisOptions } from '../analysis-options.ts';
import { CliError, readJsonFile } from '../io.ts';

interface AnalyzeFlags extends AnalysisCliOptions {
  pretty?: boolean;
}

function run(file: string, flags: AnalyzeFlags): void {
  const options = parseAnalysisOptions(flags);
  const validation = validateSnapshot(readJsonFile(file));
  if (!validation.ok) {
    throw new CliError(`${file}: invalid snapshot:\n  ${validation.errors.join('\n  ')}`);
  }
  // Straight from the validated snapshot: no graphology graph is needed to analyse a file.
  if (flags.pretty) {
    const result = analyzeSnapshot(validation.snapshot, options);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  // Compact output is streamed: each entity is written as soon as it is analysed, so the result of a
  // million-entity file is never held in memory at once. Same document as JSON.stringify of analyzeSnapshot's.
  const { rule, asOf, stateThreshold, radiusKm } = resolveAnalysisOptions(options);
  let buffer = `${JSON.stringify({ rule, asOf, stateThreshold, radiusKm }).slice(0, -1)},"entities":{`;
  let separator = '';
  const summary = analyzeSnapshotEach(validation.snapshot, options, (analysis) => {
    buffer += `${separator}${JSON.stringify(analysis.key)}:${JSON.stringify(analysis)}`;
    separator = ',';
    if (buffer.length >= 1 << 20) {
      process.stdout.write(buffer);
      buffer = '';
    }
  });
  process.stdout.write(`${buffer}},"flagCounts":${JSON.stringify(summary.flagCounts)}}\n`);
}

/** Registers `lookthrough analyze`. */
export function register(program: Command): void {
  program
    .command('analyze')
    .description('Analyse a snapshot JSON file: sanctions ownership, control, state ownership, proximity; prints JSON')
    .argument('<file>', 'snapshot JSON (graphology serialized graph)')
    .option('--rule <rule>', `sanctions regime: ${SANCTIONS_REGIMES.join(', ')}`, 'ofac')
    .option('--as-of <date>', 'evaluate listings and stakes on this date, YYYY-MM-DD (default: today, UTC)')
    .option('--state-threshold <percent>', 'effective state ownership that sets STATE_OWNERSHIP (default 25)')
    .option('--radius-km <km>', 'distance to a sensitive site that sets NEAR_SENSITIVE_SITE (default 1.609344)')
    .option('--pretty', 'indent the JSON output')
    .action((file: string, flags: AnalyzeFlags) => {
      try {
        run(file, flags);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        process.stderr.write(`lookthrough analyze: ${error.message}\n`);
        process.exitCode = error.exitCode;
      }
    });
}
