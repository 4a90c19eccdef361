/**
 * `lookthrough analyze FILE [--rule ofac|eu|uk] [--as-of YYYY-MM-DD] [--state-threshold N] [--radius-km N]`:
 * reads a snapshot JSON file, validates it, runs the look-through engine and prints the analysis as JSON.
 * Bad input (unreadable file, malformed JSON, invalid snapshot, invalid option value) exits with code 2 and a
 * message on stderr that names the line, node, edge or option.
 */
import type { Command } from 'commander';
import { analyzeSnapshot } from '../../domain/analysis/analyze.ts';
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
  const result = analyzeSnapshot(validation.snapshot, options);
  process.stdout.write(`${JSON.stringify(result, null, flags.pretty ? 2 : undefined)}\n`);
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
