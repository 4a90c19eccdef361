/**
 * `lookthrough analyze FILE [--rule ofac|eu|uk] [--as-of YYYY-MM-DD] [--state-threshold N] [--radius-km N]`:
 * reads a snapshot JSON file, validates it, runs the look-through engine and prints the analysis as JSON.
 * Bad input (unreadable file, malformed JSON, invalid snapshot, invalid option value) exits with code 2 and a
 * message on stderr that names the line, node, edge or option.
 */
import type { Command } from 'commander';
import { analyzeSnapshot } from '../../domain/analysis/analyze.ts';
import { isIsoDate } from '../../domain/analysis/dates.ts';
import { SANCTIONS_REGIMES } from '../../domain/analysis/types.ts';
import type { AnalysisOptions, SanctionsRegime } from '../../domain/analysis/types.ts';
import { validateSnapshot } from '../../domain/validate-snapshot.ts';
import { CliError, readJsonFile } from '../io.ts';

interface AnalyzeFlags {
  rule: string;
  asOf?: string;
  stateThreshold?: string;
  radiusKm?: string;
  pretty?: boolean;
}

function parseNumber(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new CliError(`option ${option}: expected a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Today's date (UTC) as YYYY-MM-DD: the CLI reads the clock, the engine never does. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function run(file: string, flags: AnalyzeFlags): void {
  const rule = flags.rule.toLowerCase();
  if (!(SANCTIONS_REGIMES as readonly string[]).includes(rule)) {
    throw new CliError(
      `option --rule: expected one of ${SANCTIONS_REGIMES.join(', ')}, got ${JSON.stringify(flags.rule)}`,
    );
  }
  const asOf = flags.asOf ?? today();
  if (!isIsoDate(asOf))
    throw new CliError(`option --as-of: expected a date written YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const stateThreshold = parseNumber('--state-threshold', flags.stateThreshold, 0, 100);
  const radiusKm = parseNumber('--radius-km', flags.radiusKm, 0, 20_000);

  const validation = validateSnapshot(readJsonFile(file));
  if (!validation.ok) {
    throw new CliError(`${file}: invalid snapshot:\n  ${validation.errors.join('\n  ')}`);
  }
  const options: AnalysisOptions = { rule: rule as SanctionsRegime, asOf };
  if (stateThreshold !== undefined) options.stateThreshold = stateThreshold;
  if (radiusKm !== undefined) options.radiusKm = radiusKm;
  // Straight from the validated snapshot: no graphology graph is needed to analyse a file.
  const result = analyzeSnapshot(validation.snapshot, options);
  process.stdout.write(`${JSON.stringify(result, null, flags.pretty ? 2 : undefined)}\n`);
}

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
