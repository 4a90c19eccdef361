import type { Command } from 'commander';
import { connectNeo4j } from '../../db/connect.ts';
import { analysisSnapshot } from '../../db/explore-repository.ts';
import { flagRow, writeFlags, type FlagRow } from '../../db/graph-repository.ts';
import { analyzeSnapshotEach } from '../../domain/analysis/analyze.ts';
import { parseAnalysisOptions, type AnalysisCliOptions } from '../analysis-options.ts';
import { CliError } from '../io.ts';

export function register(program: Command): void {
  program
    .command('flags')
    .description('run the look-through engine over the whole database and print the flagged entities as JSON')
    .option('--rule <rule>', 'sanctions regime: ofac, eu or uk', 'ofac')
    .option('--as-of <date>', 'evaluate listings and stakes at this date (YYYY-MM-DD; default today)')
    .option('--state-threshold <percent>', 'effective state ownership that sets STATE_OWNERSHIP (default 25)')
    .option('--radius-km <km>', 'distance to a sensitive site that sets NEAR_SENSITIVE_SITE (default 1.609344)')
    .option('--write', 'store flags and figures on the nodes, with the time of computation')
    .action(async (raw: AnalysisCliOptions & { write?: boolean }) => {
      let options;
      try {
        options = parseAnalysisOptions(raw);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        process.stderr.write(`lookthrough flags: ${error.message}\n`);
        process.exitCode = error.exitCode;
        return;
      }
      const connection = await connectNeo4j({ log: (message) => console.error(message) });
      try {
        const started = performance.now();
        const snapshot = await analysisSnapshot(connection.db);
        const loadedMs = performance.now() - started;
        // Streamed: only the flagged entities' summaries and the figures to store are kept.
        const rows: FlagRow[] = [];
        const entities: Record<string, unknown> = {};
        const result = analyzeSnapshotEach(snapshot, options, (e) => {
          if (raw.write) rows.push(flagRow(e));
          if (e.flags.length > 0) {
            entities[e.key] = {
              name: e.name,
              kind: e.kind,
              flags: e.flags,
              sanctionedPercent: e.sanctionedPercent,
              statePercent: e.statePercent,
            };
          }
        });
        const analysedMs = performance.now() - started - loadedMs;
        const computedAt = new Date().toISOString();
        let written: number | undefined;
        if (raw.write)
          written = await writeFlags(connection.db, { rule: result.rule, asOf: result.asOf, rows }, computedAt);
        console.log(
          JSON.stringify(
            {
              rule: result.rule,
              asOf: result.asOf,
              computedAt,
              entitiesAnalysed: result.reported,
              relationships: snapshot.edges.length,
              loadMs: Math.round(loadedMs),
              analysisMs: Math.round(analysedMs),
              flagCounts: result.flagCounts,
              ...(written === undefined ? {} : { written }),
              entities,
            },
            null,
            2,
          ),
        );
      } finally {
        await connection.close();
      }
    });
}
