/**
 * A V8 CPU profile of a page through the Chrome DevTools Protocol (the Profiler domain), for `npm run bench --
 * --profile DIR`: the raw `.cpuprofile` (open it in Chromium's DevTools) and a summary of where the time went.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface FunctionTime {
  name: string;
  selfMs: number;
  totalMs: number;
}

/** Self and total (inclusive, each function counted once per stack) milliseconds per function, most first. */
export function summarizeProfile(profile: CpuProfile): FunctionTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nameOf = (n: ProfileNode) => {
    const file = n.callFrame.url.split('/').pop() ?? '';
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  const out = new Map<string, FunctionTime>();
  const entry = (name: string) => {
    let e = out.get(name);
    if (!e) out.set(name, (e = { name, selfMs: 0, totalMs: 0 }));
    return e;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    let id: number | undefined = samples[i];
    const seen = new Set<string>();
    const leaf = byId.get(id!);
    if (leaf) entry(nameOf(leaf)).selfMs += ms;
    while (id !== undefined) {
      const node = byId.get(id);
      if (!node) break;
      const name = nameOf(node);
      if (!seen.has(name)) {
        seen.add(name);
        entry(name).totalMs += ms;
      }
      id = parent.get(id);
    }
  }
  return [...out.values()].sort((a, b) => b.selfMs - a.selfMs);
}

export async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return cdp;
}

/** Stops the profile, writes FILE.cpuprofile and returns a printable summary (top self and total times). */
export async function stopProfile(cdp: CDPSession, file: string, top = 25): Promise<string> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach().catch(() => undefined);
  writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
  const rows = summarizeProfile(profile);
  const fmt = (r: FunctionTime) => `${r.selfMs.toFixed(0).padStart(8)} ${r.totalMs.toFixed(0).padStart(8)}  ${r.name}`;
  const byTotal = [...rows].sort((a, b) => b.totalMs - a.totalMs);
  return [
    `${file}: self ms, total ms, function (by self time)`,
    ...rows.slice(0, top).map(fmt),
    `${file}: by total time`,
    ...byTotal.slice(0, top).map(fmt),
  ].join('\n');
}
