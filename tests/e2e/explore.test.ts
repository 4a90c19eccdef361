import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canvasNodes,
  clickNode,
  createHub,
  node,
  openPage,
  shot,
  startHarness,
  selectNode,
  waitForCanvas,
  type Harness,
} from './harness.ts';

let harness: Harness;
let hub: string;
beforeAll(async () => {
  harness = await startHarness();
  hub = await createHub(harness, 130, 'Explore Hub');
});
afterAll(async () => {
  await harness?.close();
});

const count = async (page: Parameters<typeof canvasNodes>[0]) => (await canvasNodes(page)).length;

describe('explore', () => {
  it('expands on double-click, collapses, hides, pins and undoes with Ctrl+Z', { timeout: 180_000 }, async () => {
    const { page, errors } = await openPage(harness, '/?facility=fac-bratsk-1&asOf=2025-01-01');
    await waitForCanvas(page, 'co-taiga-mining-group');
    const before = await count(page);
    await clickNode(page, 'co-taiga-mining-group', { double: true });
    await waitForCanvas(page, 'fac-usolye-1');
    const expanded = await count(page);
    expect(expanded).toBeGreaterThan(before);
    expect(page.url()).toContain('expand=co-taiga-mining-group');
    await shot(page, 'explore-expanded');

    await clickNode(page, 'co-taiga-mining-group');
    const panel = page.locator('aside.explain');
    await panel.getByRole('button', { name: 'Collapse' }).click();
    await expect.poll(() => count(page)).toBe(before);

    await page.keyboard.press('Control+z');
    await expect.poll(() => count(page)).toBe(expanded);

    await selectNode(page, 'fac-usolye-1', 'Taiga Usolye Mining Centre');
    await panel.getByRole('button', { name: 'Hide' }).click();
    await expect.poll(async () => (await canvasNodes(page)).some((n) => n.key === 'fac-usolye-1')).toBe(false);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await canvasNodes(page)).some((n) => n.key === 'fac-usolye-1')).toBe(true);

    await selectNode(page, 'co-taiga-holdings', 'Taiga Hash Holdings Ltd');
    await panel.getByRole('button', { name: 'Pin' }).click();
    await expect.poll(async () => (await node(page, 'co-taiga-holdings')).fixed).toBe(true);
    expect(page.url()).toContain('pin=co-taiga-holdings');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await node(page, 'co-taiga-holdings')).fixed).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('caps a node with hundreds of neighbours, with "show more" and "show all"', { timeout: 180_000 }, async () => {
    const { page, errors } = await openPage(harness, `/?facility=${hub}`);
    await waitForCanvas(page, hub);
    await clickNode(page, hub, { double: true });
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(51);
    expect((await node(page, hub)).more).toBe(80);
    await clickNode(page, hub);
    const panel = page.locator('aside.explain');
    expect(await panel.locator('[data-testid=expansion-count]').textContent()).toBe('50 of 130 neighbours loaded');
    await shot(page, 'explore-capped');
    await panel.getByRole('button', { name: 'Show 50 more' }).click();
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(101);
    await panel.getByRole('button', { name: 'Show 30 more' }).click();
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(131);
    expect(await panel.locator('[data-testid=expansion-count]').textContent()).toBe('130 of 130 neighbours loaded');
    expect((await node(page, hub)).more).toBeUndefined();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
