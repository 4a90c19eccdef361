import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, openPage, shot, startHarness, waitForCanvas, type Harness } from './harness.ts';

let harness: Harness;
let hub: string;
beforeAll(async () => {
  harness = await startHarness();
  hub = await createHub(harness, 1500, 'Detail Hub');
}, 240_000);
afterAll(async () => {
  await harness?.close();
}, 240_000);

describe('level of detail', () => {
  it('draws a large picture with less detail, and labels again once zoomed in', { timeout: 180_000 }, async () => {
    const { page, errors } = await openPage(harness, `/?facility=${hub}&select=${hub}`);
    await waitForCanvas(page, hub);
    const panel = page.locator('aside.explain');
    await panel.getByRole('button', { name: 'Expand' }).click();
    await panel.getByRole('button', { name: 'Show all 1500' }).click();
    await expect
      .poll(() => page.evaluate(() => window.__lookthrough?.order() ?? 0), { timeout: 60_000, interval: 250 })
      .toBe(1501);
    await expect.poll(() => page.locator('[data-testid=progress]').count(), { timeout: 60_000 }).toBe(0);
    // The status bar says that the picture is drawn with less detail; nothing is left out.
    await expect.poll(() => page.getByText('large picture:').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText('1501 entities, 1500 relationships').count()).toBe(1);
    const edges = await page.evaluate(() => window.__lookthrough?.edges() ?? []);
    expect(edges.every((e) => e.type === 'arrow')).toBe(true);
    // Labels framed whole; zoomed in, labels of the nodes now in view (they hide while the camera moves, and
    // come back once it settles).
    const labels = () => page.evaluate(() => window.__lookthrough?.labels() ?? []);
    await expect.poll(async () => (await labels()).length).toBeGreaterThan(0);
    const framed = new Set(await labels());
    const box = (await page.locator('.graph-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(150);
    }
    await page.mouse.move(box.x + 5, box.y + 5);
    await expect
      .poll(async () => (await labels()).filter((key) => !framed.has(key)).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await shot(page, 'level-of-detail-zoomed');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
