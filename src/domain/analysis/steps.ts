/**
 * Long work done in steps. A whole-graph analysis of a million entities is many seconds of one thread; written as a
 * generator (`analyzeSnapshotSteps`) it does a bounded piece of work per `next()`: a phase, or about a thousand
 * entities of a loop. The domain has no clock, so it never decides when to pause: a caller drains the steps at once
 * (`runSteps`, what the CLI does) or lets other work run between them when its own clock says so (the server, so
 * that requests are answered while a ranking runs).
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * Entities (or edges) a loop of a whole-graph analysis handles between two steps: small enough that such a step
 * takes a few milliseconds, large enough that stepping costs nothing measurable. (Some pieces are one step however
 * large the graph: the sanctions evaluation, the index's compressed rows, a propagation's walk and order; at
 * 1,000,000 entities the longest took a few hundred milliseconds.)
 */
export const STEP_ITEMS = 1024;

/** Does every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
