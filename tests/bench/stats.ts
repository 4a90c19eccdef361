/** Small helpers the benchmarks share: progress on standard error, percentiles, rounding, the load average. */
import { loadavg } from 'node:os';

export const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};
/** The p-th percentile of an ascending list (nearest rank). */
export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
/** The 1, 5 and 15 minute load averages, to print beside every figure. */
export const loads = (): number[] => loadavg().map((x) => round(x, 2));
