import { readFileSync } from 'node:fs';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasNodes, node, openPage, shot, startHarness, waitForCanvas, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function downloads(
  page: Page,
  label: string,
  count = 1,
): Promise<{ name: string; text: string; bytes: Buffer }[]> {
  const got: Download[] = [];
  const listener = (download: Download) => got.push(download);
  page.on('download', listener);
  await page.locator(`.export button[data-export="${label}"]`).click();
  await expect.poll(() => got.length, { timeout: 20_000 }).toBe(count);
  page.off('download', listener);
  return Promise.all(
    got.map(async (d) => {
      const bytes = readFileSync(await d.path());
      return { name: d.suggestedFilename(), text: bytes.toString('utf8'), bytes };
    }),
  );
}

describe('export and shareable URLs', () => {
  it('exports what is on screen as PNG, SVG, GEXF, GraphML, JSON and CSV', async () => {
    const { page, errors } = await openPage(harness, '/?facility=fac-cheyenne-1&asOf=2025-01-01');
    await waitForCanvas(page, 'gov-kestria');
    await expect
      .poll(async () => (await node(page, 'fac-cheyenne-1')).ring1Size, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const onScreen = (await canvasNodes(page)).length;

    const [png] = await downloads(page, 'PNG');
    expect(png!.name).toBe('fac-cheyenne-1-ofac-2025-01-01.png');
    expect(png!.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png!.bytes.length).toBeGreaterThan(20_000);

    const [svg] = await downloads(page, 'SVG');
    expect(svg!.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg!.text).toContain('Kestria Strategic');
    expect(svg!.text.match(/data-key="/g)).toHaveLength(onScreen);
    expect(svg!.text).toContain('>70%</text>');

    const [gexf] = await downloads(page, 'GEXF');
    const graph = parseGexf(MultiDirectedGraph, gexf!.text);
    expect(graph.order).toBe(onScreen);
    expect(graph.hasNode('gov-kestria')).toBe(true);

    const [graphml] = await downloads(page, 'GraphML');
    expect(graphml!.text).toContain('<graphml');
    expect(graphml!.text.match(/<node /g)).toHaveLength(onScreen);

    const [json] = await downloads(page, 'JSON');
    const snapshot = JSON.parse(json!.text) as { nodes: unknown[]; edges: unknown[]; attributes: { asOf: string } };
    expect(snapshot.nodes).toHaveLength(onScreen);
    expect(snapshot.attributes.asOf).toBe('2025-01-01');

    const csv = await downloads(page, 'CSV', 2);
    const nodesCsv = csv.find((f) => f.name.endsWith('-nodes.csv'))!;
    const edgesCsv = csv.find((f) => f.name.endsWith('-edges.csv'))!;
    expect(nodesCsv.text.split('\r\n')[0]).toMatch(/^key,kind,name/);
    const line = edgesCsv.text
      .split('\r\n')
      .find((l) => l.startsWith('own:gov-kestria-strategic-fund->co-kestria-energy-group,'));
    expect(line).toMatch(/^[^,]+,gov-kestria-strategic-fund,co-kestria-energy-group,OWNS,.*\b70\b/);
    await shot(page, 'export-source');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('restores the view from a shared URL: facility, expansions, hidden, layout, regime and as-of date', async () => {
    const { page, errors } = await openPage(harness, '/?facility=fac-bratsk-1&asOf=2025-01-01');
    await waitForCanvas(page, 'co-taiga-mining-group');
    const offset = await page.locator('.graph-canvas').boundingBox();
    const hub = await node(page, 'co-taiga-mining-group');
    await page.mouse.dblclick(offset!.x + hub.x, offset!.y + hub.y);
    await waitForCanvas(page, 'fac-usolye-1');
    await page.locator('select[aria-label=Regime]').selectOption('eu');
    await page.locator('input[aria-label="As of"]').fill('2024-06-01');
    await page.locator('.segmented button[data-layout=force]').click();
    await expect.poll(() => page.locator('[data-testid=progress]').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=progress]').count(), { timeout: 30_000 }).toBe(0);
    const url = page.url();
    expect(url).toContain('expand=co-taiga-mining-group');
    expect(url).toContain('layout=force');
    expect(url).toContain('rule=eu');
    expect(url).toContain('asOf=2024-06-01');
    const keys = (await canvasNodes(page)).map((n) => n.key).sort();

    const shared = await openPage(harness, url.slice(harness.baseUrl.length));
    await waitForCanvas(shared.page, 'fac-usolye-1');
    expect((await canvasNodes(shared.page)).map((n) => n.key).sort()).toEqual(keys);
    expect(await shared.page.locator('select[aria-label=Regime]').inputValue()).toBe('eu');
    expect(await shared.page.locator('input[aria-label="As of"]').inputValue()).toBe('2024-06-01');
    expect(await shared.page.locator('.segmented button[aria-pressed=true]').getAttribute('data-layout')).toBe('force');
    await shot(shared.page, 'url-restored');
    expect(shared.errors).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
    await shared.page.context().close();
  });
});
