/** The analysis service's settings as `serve` reads them from the environment before it starts anything. */
import { describe, expect, it } from 'vitest';
import {
  analysisSettingsFromEnv,
  DEFAULT_PROJECTION_MAX_RELATIONSHIPS,
  DEFAULT_TRACE_FRESHNESS_MS,
  DEFAULT_WHOLE_GRAPH_TIMEOUT_MS,
} from './analysis-service.ts';
import { DEFAULT_PREPARED_BUDGET_MB } from './prepared-explanations.ts';

describe('analysisSettingsFromEnv', () => {
  it('gives the defaults, and the values set', () => {
    expect(analysisSettingsFromEnv({})).toEqual({
      maxProjectionRelationships: DEFAULT_PROJECTION_MAX_RELATIONSHIPS,
      traceFreshnessMs: DEFAULT_TRACE_FRESHNESS_MS,
      preparedBudgetBytes: DEFAULT_PREPARED_BUDGET_MB * 1024 * 1024,
      wholeGraphTimeoutMs: DEFAULT_WHOLE_GRAPH_TIMEOUT_MS,
    });
    expect(
      analysisSettingsFromEnv({
        LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS: '0',
        LOOKTHROUGH_TRACE_FRESHNESS_MS: '250',
        LOOKTHROUGH_PREPARED_EXPLANATIONS_MB: '32',
        LOOKTHROUGH_WHOLE_GRAPH_TIMEOUT_MS: '120000',
      }),
    ).toEqual({
      maxProjectionRelationships: 0,
      traceFreshnessMs: 250,
      preparedBudgetBytes: 32 * 1024 * 1024,
      wholeGraphTimeoutMs: 120_000,
    });
  });

  it('names the variable of a bad value', () => {
    expect(() => analysisSettingsFromEnv({ LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS: '1e99x' })).toThrow(
      /LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS must be a whole number.*"1e99x"/,
    );
    expect(() => analysisSettingsFromEnv({ LOOKTHROUGH_TRACE_FRESHNESS_MS: '-1' })).toThrow(
      /LOOKTHROUGH_TRACE_FRESHNESS_MS must be a whole number of milliseconds, not "-1"/,
    );
    expect(() => analysisSettingsFromEnv({ LOOKTHROUGH_PREPARED_EXPLANATIONS_MB: '1.5' })).toThrow(
      /LOOKTHROUGH_PREPARED_EXPLANATIONS_MB must be a whole number of megabytes.*"1.5"/,
    );
    expect(() => analysisSettingsFromEnv({ LOOKTHROUGH_WHOLE_GRAPH_TIMEOUT_MS: '0' })).toThrow(
      /LOOKTHROUGH_WHOLE_GRAPH_TIMEOUT_MS must be a positive whole number of milliseconds, not "0"/,
    );
  });
});
