import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_COLORS } from '../../src/web/graph/appearance.ts';
import {
  canvasEdges,
  canvasNodes,
  clickNode,
  node,
  openPage,
  shot,
  startHarness,
  waitForCanvas,
  type Harness,
} from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Label boxes as drawn: centred under the node, 12 px lines of at most 26 characters. */
async function labelOverlaps(page: Page): Promise<string[]> {
  const nodes = await canvasNodes(page);
  const boxes = nodes.map((n) => {
    const lines = n.label.length <= 26 ? [n.label] : [n.label.slice(0, 26), n.label.slice(26)];
    const width = Math.max(...lines.map((l) => l.length)) * 6.9;
    return {
      key: n.key,
      x0: n.x - width / 2,
      x1: n.x + width / 2,
      y0: n.y + n.size + 2,
      y1: n.y + n.size + 4 + lines.length * 14,
    };
  });
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) overlaps.push(`${a.key} / ${b.key}`);
    }
  return overlaps;
}

describe('trace view', () => {
  it('draws fac-cheyenne-1’s six-level chain top-down, labelled, ringed, with distinct parallel edges', async () => {
    const { page, errors } = await openPage(harness, '/?asOf=2025-01-01');
    await page.locator('.flag-list button[data-key="fac-cheyenne-1"]').click();
    await waitForCanvas(page, 'gov-kestria');
    await expect
      .poll(async () => (await node(page, 'fac-cheyenne-1')).ring1Size, { timeout: 20_000 })
      .toBeGreaterThan(0);

    // Owners above what they own, for every ownership and control edge of the chain.
    const nodes = await canvasNodes(page);
    const y = new Map(nodes.map((n) => [n.key, n.y]));
    const edges = await canvasEdges(page);
    for (const edge of edges.filter((e) => e.kind === 'OWNS' || e.kind === 'CONTROLS' || e.kind === 'OPERATES'))
      expect(y.get(edge.source)!, `${edge.source} above ${edge.target}`).toBeLessThan(y.get(edge.target)!);
    const chain = [
      'gov-kestria',
      'gov-kestria-strategic-fund',
      'co-kestria-energy-group',
      'co-kestria-energy-overseas',
      'co-lotus-bay-holdings',
      'co-prairie-digital',
      'fac-cheyenne-1',
    ];
    for (let i = 1; i < chain.length; i++) expect(y.get(chain[i - 1]!)!).toBeLessThan(y.get(chain[i]!)!);

    // Edges labelled with percentages; OWNS and OPERATES between one pair drawn as two arcs.
    expect(edges.find((e) => e.key === 'own:gov-kestria-strategic-fund->co-kestria-energy-group')?.label).toBe('70%');
    const parallel = edges.filter((e) => e.source === 'co-prairie-digital' && e.target === 'fac-cheyenne-1');
    expect(parallel.map((e) => e.kind).sort(), JSON.stringify(parallel)).toEqual(['OPERATES', 'OWNS']);
    expect(parallel.every((e) => e.type === 'curved')).toBe(true);

    // Flagged nodes ringed in their flag colour; the legend names kinds and flags.
    const facility = await node(page, 'fac-cheyenne-1');
    expect(facility.flags).toEqual(expect.arrayContaining(['STATE_CONTROL', 'NEAR_SENSITIVE_SITE']));
    expect(facility.ring1).toBe(FLAG_COLORS.STATE_CONTROL);
    expect((await node(page, 'per-dale-whitcomb')).ring1Size).toBe(0);
    await expect.poll(() => page.locator('.legend').textContent()).toContain('Near a sensitive site');
    expect(await page.locator('.legend').textContent()).toContain('Government / state body');

    // Legible: every node's label is drawn, and no two of them overlap at the initial framing.
    expect(await labelOverlaps(page)).toEqual([]);
    const drawn = await page.evaluate(() => window.__lookthrough?.labels() ?? []);
    expect(drawn.sort()).toEqual(nodes.map((n) => n.key).sort());
    await shot(page, 'trace-cheyenne');

    // With the explain panel open: the picture the README shows.
    await clickNode(page, 'fac-cheyenne-1');
    await expect
      .poll(() => page.locator('[data-testid=explain-title]').textContent())
      .toBe('Prairie Digital Cheyenne Site 1');
    await expect.poll(() => page.locator('.explanation').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const readme = await shot(page, 'trace-cheyenne-explain');
    mkdirSync(join(import.meta.dirname, '..', '..', 'docs'), { recursive: true });
    copyFileSync(readme, join(import.meta.dirname, '..', '..', 'docs', 'screenshot.png'));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lays out the Taiga group without overlapping labels', async () => {
    // Bratsk's chain plus everything the group's holding companies hold: the whole Taiga group on one canvas.
    const { page, errors } = await openPage(
      harness,
      '/?facility=fac-bratsk-1&expand=co-taiga-mining-group,co-taiga-holdings&asOf=2025-01-01',
    );
    await waitForCanvas(page, 'fac-usolye-1');
    await waitForCanvas(page, 'fac-bratsk-1');
    const nodes = await canvasNodes(page);
    expect(nodes.length).toBeGreaterThan(9);
    expect(await labelOverlaps(page)).toEqual([]);
    await shot(page, 'trace-taiga');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('switches to ForceAtlas2 in its worker with progress shown, and stops', async () => {
    const { page, errors } = await openPage(harness, '/?facility=fac-cheyenne-1&asOf=2025-01-01');
    await waitForCanvas(page, 'gov-kestria');
    const before = await node(page, 'gov-kestria');
    await page.locator('.segmented button[data-layout=force]').click();
    await expect
      .poll(() => page.locator('[data-testid=progress]').textContent(), { timeout: 5000 })
      .toContain('Force layout');
    await expect.poll(() => page.locator('[data-testid=progress]').count(), { timeout: 20_000 }).toBe(0);
    const after = await node(page, 'gov-kestria');
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(1);
    expect(page.url()).toContain('layout=force');
    await shot(page, 'trace-force');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
