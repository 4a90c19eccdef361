/**
 * Long computations on the server's one thread without holding it: the whole-graph analysis is written in steps
 * (src/domain/analysis/steps.ts), and this runs them a slice at a time, letting the requests and I/O that queued
 * meanwhile go between slices.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Steps } from '../domain/analysis/steps.ts';

/** How long steps follow each other before queued work gets a turn of the event loop (ms). */
export const SLICE_MS = 20;

/** What a run in slices took: slices, and the longest one (ms). */
export interface SliceStats {
  slices: number;
  longestMs: number;
}

/**
 * Runs `steps` to their result, a turn of the event loop (setImmediate: after pending I/O) after each `sliceMs` of
 * them. A step is never cut: a slice ends after the step that passes `sliceMs`. With `stats`, records the slices.
 * With `signal`, stops between slices once it is aborted (the server is closing), ending the steps (their `finally`
 * blocks run) and rejecting with the signal's reason.
 */
export async function runInSlices<T>(
  steps: Steps<T>,
  sliceMs = SLICE_MS,
  stats?: SliceStats,
  signal?: AbortSignal,
): Promise<T> {
  let started = performance.now();
  for (;;) {
    const next = steps.next();
    const now = performance.now();
    if (next.done || now - started >= sliceMs) {
      if (stats) {
        stats.slices++;
        stats.longestMs = Math.max(stats.longestMs, now - started);
      }
      if (next.done) return next.value;
      await nextTurn();
      if (signal?.aborted) {
        steps.return(undefined as T);
        signal.throwIfAborted();
      }
      started = performance.now();
    }
  }
}
