import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, shot, startHarness, waitForCanvas, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const listed = (page: Awaited<ReturnType<typeof openPage>>['page']) =>
  page.locator('.flag-list button').evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));

describe('flags view', () => {
  it(
    'ranks facilities by severity and filters by flag, regime, country and as-of date',
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await openPage(harness, '/?asOf=2025-01-01');
      await expect.poll(async () => (await listed(page)).length, { timeout: 30_000 }).toBeGreaterThan(12);
      expect((await listed(page))[0]).toBe('fac-cheyenne-1');
      await shot(page, 'flags-ranked');

      await page.locator('select[aria-label="Flag filter"]').selectOption('SANCTIONED_OWNERSHIP');
      // Wait for the filtered answer (Cheyenne has no sanctions flag), then check what it holds.
      await expect.poll(() => listed(page), { timeout: 30_000 }).not.toContain('fac-cheyenne-1');
      expect(await listed(page)).toEqual(expect.arrayContaining(['fac-bratsk-1', 'fac-ekibastuz-1', 'fac-usolye-1']));

      await page.locator('select[aria-label="Country filter"]').selectOption('KZ');
      await expect
        .poll(async () => (await listed(page)).every((k) => ['fac-ekibastuz-1', 'fac-pavlodar-1'].includes(k!)))
        .toBe(true);

      // Regime: the UK joint arrangement blocks Kuching only under the UK rule.
      await page.locator('select[aria-label="Country filter"]').selectOption('');
      await page.locator('select[aria-label=Regime]').selectOption('uk');
      await expect.poll(() => listed(page), { timeout: 30_000 }).toContain('fac-kuching-1');
      await page.locator('select[aria-label=Regime]').selectOption('ofac');
      await expect.poll(() => listed(page), { timeout: 30_000 }).not.toContain('fac-kuching-1');

      // As-of date: Rockdale is blocked from 2024-08-01 on.
      await page.locator('input[aria-label="As of"]').fill('2024-07-31');
      await expect.poll(() => listed(page), { timeout: 30_000 }).not.toContain('fac-rockdale-1');
      await page.locator('input[aria-label="As of"]').fill('2024-08-01');
      await expect.poll(() => listed(page), { timeout: 30_000 }).toContain('fac-rockdale-1');
      // Changing the date aborts the requests for the old one, some while their answers are read: no error shows.
      expect(await page.locator('.status .error').allTextContents()).toEqual([]);
      await shot(page, 'flags-filtered');

      // Clicking one opens its graph.
      await page.locator('.flag-list button[data-key="fac-rockdale-1"]').click();
      await waitForCanvas(page, 'co-lonestar-hash');
      expect(page.url()).toContain('facility=fac-rockdale-1');
      expect(page.url()).toContain('asOf=2024-08-01');
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
