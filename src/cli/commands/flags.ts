import type { Command } from 'commander';
import { connectNeo4j } from '../../db/connect.ts';
import { analysisSnapshot } from '../../db/explore-repository.ts';
import { writeFlags } from '../../db/graph-repository.ts';
import { analyzeGraph } from '../../domain/analysis/analyze.ts';
import { fromSnapshot } from '../../domain/snapshot.ts';
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
        const result = analyzeGraph(fromSnapshot(snapshot), options);
        const analysedMs = performance.now() - started - loadedMs;
        const computedAt = new Date().toISOString();
        const flagged = Object.values(result.entities).filter((e) => e.flags.length > 0);
        let written: number | undefined;
        if (raw.write) written = await writeFlags(connection.db, result, computedAt);
        const entities = Object.fromEntries(
          flagged.map((e) => [
            e.key,
            {
              name: e.name,
              kind: e.kind,
              flags: e.flags,
              sanctionedPercent: e.sanctionedPercent,
              statePercent: e.statePercent,
            },
          ]),
        );
        console.log(
          JSON.stringify(
            {
              rule: result.rule,
              asOf: result.asOf,
              computedAt,
              entitiesAnalysed: Object.keys(result.entities).length,
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
