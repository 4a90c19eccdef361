/** The engine options the CLI takes (`analyze`, `flags`), validated; the CLI reads the clock, the engine never does. */
import { isIsoDate } from '../domain/analysis/dates.ts';
import { SANCTIONS_REGIMES, type AnalysisOptions, type SanctionsRegime } from '../domain/analysis/types.ts';
import { CliError } from './io.ts';

export interface AnalysisCliOptions {
  rule: string;
  asOf?: string;
  stateThreshold?: string;
  radiusKm?: string;
}

function parseNumber(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new CliError(`option ${option}: expected a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Validates the options; a bad value throws a CliError (exit code 2) that names the option and what was expected. */
export function parseAnalysisOptions(flags: AnalysisCliOptions): AnalysisOptions {
  const rule = flags.rule.toLowerCase();
  if (!(SANCTIONS_REGIMES as readonly string[]).includes(rule)) {
    throw new CliError(
      `option --rule: expected one of ${SANCTIONS_REGIMES.join(', ')}, got ${JSON.stringify(flags.rule)}`,
    );
  }
  const asOf = flags.asOf ?? today();
  if (!isIsoDate(asOf))
    throw new CliError(`option --as-of: expected a date written YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const options: AnalysisOptions = { rule: rule as SanctionsRegime, asOf };
  const stateThreshold = parseNumber('--state-threshold', flags.stateThreshold, 0, 100);
  const radiusKm = parseNumber('--radius-km', flags.radiusKm, 0, 20_000);
  if (stateThreshold !== undefined) options.stateThreshold = stateThreshold;
  if (radiusKm !== undefined) options.radiusKm = radiusKm;
  return options;
}
