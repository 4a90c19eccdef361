import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, shot, startHarness, waitForCanvas, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('search', () => {
  it('suggests as you type despite a typo, moves with the arrows and opens with Enter', async () => {
    const { page, errors } = await openPage(harness, '/?asOf=2025-01-01');
    await page.locator('.flag-list button').first().waitFor();
    // `/` focuses the search box from anywhere.
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search');
    await page.keyboard.type('Prairie Digitl', { delay: 30 });
    const options = page.locator('[role=option]');
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const keys = await options.evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));
    expect(keys).toContain('co-prairie-digital');
    await shot(page, 'search-suggestions');

    // Arrows move the active suggestion; Enter opens it.
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    const first = await options.nth(0).getAttribute('data-key');
    await page.keyboard.press('Enter');
    await waitForCanvas(page, first!);
    expect(page.url()).toContain(`facility=${first}`);
    await expect.poll(() => page.locator('[data-testid=explain-title]').count()).toBe(1);

    // Esc closes suggestions in the box, and clears the selection on the canvas.
    await page.keyboard.press('/');
    await page.keyboard.type('kestria');
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    expect(await options.count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=explain-title]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('finds an entity by an identifier', async () => {
    const { page } = await openPage(harness, '/');
    await page.locator('input[aria-label=Search]').fill('LTIL001745479420IL85');
    await expect
      .poll(() => page.locator('[role=option]').first().getAttribute('data-key'), { timeout: 15_000 })
      .toBe('co-kestria-energy-group');
    await page.context().close();
  });
});
