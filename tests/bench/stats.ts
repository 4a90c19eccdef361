/**
 * Small helpers the benchmarks share: progress on standard error, percentiles, rounding, the load average and the
 * CPU time the hypervisor took.
 */
import { readFileSync } from 'node:fs';
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

/** The machine's CPU time in ticks from /proc/stat (Linux): all of it, and what the hypervisor took (steal). */
export interface CpuTicks {
  total: number;
  steal: number;
}

export function cpuTicks(): CpuTicks | undefined {
  try {
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user and nice).
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((x) => !Number.isFinite(x))) return undefined;
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7]! };
  } catch {
    return undefined;
  }
}

/**
 * The share (%) of the machine's CPU time that the hypervisor took since `from` (steal: a virtual machine's cores
 * running another guest's work), NaN where unknown. On a shared host it explains figures that move between runs of
 * the same code.
 */
export function stealSince(from: CpuTicks | undefined): number {
  const now = cpuTicks();
  if (!from || !now || now.total <= from.total) return NaN;
  return round((100 * (now.steal - from.steal)) / (now.total - from.total));
}
