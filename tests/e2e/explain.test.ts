import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canvasEdges,
  canvasNodes,
  clickNode,
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

describe('explain panel', () => {
  it('shows attributes, flags with rule and figure, and highlights a chosen path with its arithmetic', async () => {
    const { page, errors } = await openPage(harness, '/?facility=fac-cheyenne-1&asOf=2025-01-01');
    await waitForCanvas(page, 'gov-kestria');
    await clickNode(page, 'fac-cheyenne-1');
    const panel = page.locator('aside.explain');
    await expect.poll(() => panel.locator('[data-flag=STATE_OWNERSHIP]').count(), { timeout: 20_000 }).toBe(1);
    const text = await panel.textContent();
    expect(text).toContain('Cheyenne, Wyoming');
    expect(text).toContain('No sanctions listing recorded');
    expect(text).toContain('31 CFR 800.244');
    const ownership = panel.locator('[data-flag=STATE_OWNERSHIP]');
    expect(await ownership.locator('[data-testid=figure-arithmetic]').textContent()).toBe('50.4% ≥ 25%');
    expect(await panel.locator('[data-flag=NEAR_SENSITIVE_SITE] [data-testid=figure-arithmetic]').textContent()).toBe(
      '0.999 km ≤ 1.609 km',
    );

    // Choosing the path: the arithmetic, each edge with its source, and the path highlighted on the canvas.
    await ownership.locator('button.path').first().click();
    expect(await ownership.locator('button.path').first().textContent()).toContain(
      '70% × 80% × 100% × 90% × 100% = 50.4%',
    );
    expect(await ownership.locator('.path-edges').textContent()).toContain(
      'lookthrough-illustrative · record own:gov-kestria-strategic-fund->co-kestria-energy-group · 2024-12-31',
    );
    await expect
      .poll(
        async () =>
          (await canvasEdges(page)).find((e) => e.key === 'own:co-kestria-energy-group->co-kestria-energy-overseas')
            ?.color,
      )
      .toBe('#1f2933');
    const edges = await canvasEdges(page);
    expect(edges.find((e) => e.key === 'ctl:gov-kestria->gov-kestria-assets-commission')?.color).toBe('#eef0f2');
    const dimmed = (await canvasNodes(page)).filter((n) => n.color === '#e4e7eb').map((n) => n.key);
    expect(dimmed).toContain('per-dale-whitcomb');
    expect(dimmed).not.toContain('gov-kestria-strategic-fund');
    // Provenance of each edge of the selected node.
    expect(await panel.locator('.provenance-list').textContent()).toContain(
      'record ops:co-prairie-digital->fac-cheyenne-1',
    );
    await shot(page, 'explain-path');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('adds up stakes that count under the UK joint-arrangement rule: 30% + 25% = 55% > 50%', async () => {
    const { page, errors } = await openPage(
      harness,
      '/?facility=fac-kuching-1&rule=uk&asOf=2025-01-01&select=co-kuching-data',
    );
    await waitForCanvas(page, 'co-kuching-data');
    const block = page.locator('aside.explain [data-flag=SANCTIONED_OWNERSHIP]');
    await expect.poll(() => block.count(), { timeout: 20_000 }).toBe(1);
    expect(await block.locator('[data-testid=figure-arithmetic]').textContent()).toBe('30% + 25% = 55% > 50%');
    expect(await page.locator('aside.explain').textContent()).toContain('UK');
    await block.locator('button.path').first().click();
    await shot(page, 'explain-aggregation');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
