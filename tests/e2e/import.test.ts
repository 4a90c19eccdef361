import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../src/import/shared-data.ts';
import { openPage, shot, startHarness, waitForCanvas, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A generic CSV pair: an OFAC-listed company owning a mining facility outright. Keys under the harness prefix. */
function files(p: string, badRow = false) {
  const nodes =
    'key,kind,name,sanctions,lat,lon\n' +
    `${p}-own,Company,Quillfeather Holdings ${p},OFAC|RUSSIA-EO14024|2022-04-20,,\n` +
    `${p}-mine,Facility,Quillfeather Mine ${p},,61.5,34.2\n` +
    (badRow ? `${p}-x,Compny,Misspelt Kind ${p},,,\n` : '');
  const edges = `key,source,target,kind,percent\n${p}-o1,${p}-own,${p}-mine,OWNS,100\n`;
  return [
    { name: 'upload.nodes.csv', mimeType: 'text/csv', buffer: Buffer.from(nodes) },
    { name: 'upload.edges.csv', mimeType: 'text/csv', buffer: Buffer.from(edges) },
  ];
}

async function entities(prefix: string): Promise<number> {
  const rows = await harness.db.run<{ n: number }>(
    'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n',
    { prefix },
  );
  return Number(rows[0]?.n ?? 0);
}

describe('import by upload', () => {
  it('validates, reports a bad row, imports, refreshes the flags and finds the new entity by search', async () => {
    const p = harness.prefix;
    const { page, errors } = await openPage(harness, '/?asOf=2025-01-01');
    await page.locator('.flag-list button').first().waitFor();
    expect(await page.locator(`.flag-list button[data-key="${p}-mine"]`).count()).toBe(0);

    await page.locator('[data-action=open-import]').click();
    const dialog = page.getByRole('dialog', { name: 'Import data' });
    await dialog.waitFor();

    // A file with one bad row: the error names the file and the line; nothing is written.
    await dialog.locator('input[type=file]').setInputFiles(files(p, true));
    // Both names end in .nodes.csv / .edges.csv: the generic CSV format is chosen for the user.
    expect(await dialog.getByLabel('Format').inputValue()).toBe('csv');
    await dialog.locator('[data-action=import]').click();
    const summary = dialog.locator('.import-summary');
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/Not loaded: 1 error/);
    expect(await dialog.locator('[data-testid=import-errors] li').allTextContents()).toEqual([
      expect.stringMatching(/^upload\.nodes\.csv, line 4kind: expected one of/) as string,
    ]);
    await shot(page, 'import-error');
    expect(await entities(p)).toBe(0);

    // The corrected files: a dry run first, then the import.
    await dialog.locator('input[type=file]').setInputFiles(files(p));
    await dialog.locator('[data-action=validate]').click();
    await expect
      .poll(() => summary.textContent(), { timeout: 30_000 })
      .toBe('Valid: 2 nodes and 1 relationship would be imported. Nothing was written.');
    expect(await entities(p)).toBe(0);
    await dialog.locator('[data-action=import]').click();
    await expect
      .poll(() => summary.textContent(), { timeout: 30_000 })
      .toMatch(/^Imported 2 nodes and 1 relationship\./);
    expect(await entities(p)).toBe(2);

    // The flags list was fetched again: the new facility is there, sanctioned through its owner.
    const flagged = page.locator(`.flag-list button[data-key="${p}-mine"]`);
    await flagged.waitFor({ timeout: 30_000 });
    expect(await flagged.locator('.badge').allTextContents()).toContain('Sanctioned (owned)');
    await shot(page, 'import-done');

    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.locator('input[aria-label=Search]').fill('Quillfeather Holdings');
    const option = page.locator(`[role=option][data-key="${p}-own"]`);
    await option.waitFor({ timeout: 15_000 });
    await option.dispatchEvent('mousedown');
    await waitForCanvas(page, `${p}-own`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('dry-runs the real SDN list with its companions and caps the warnings it shows, saying how many more', async () => {
    const { page, errors } = await openPage(harness, '/');
    await page.locator('[data-action=open-import]').click();
    const dialog = page.getByRole('dialog', { name: 'Import data' });
    await dialog
      .locator('input[type=file]')
      .setInputFiles([sharedData('ofac', 'sdn.csv'), sharedData('ofac', 'add.csv'), sharedData('ofac', 'alt.csv')]);
    expect(await dialog.getByLabel('Format').inputValue()).toBe('sdn');
    await dialog.locator('[data-action=validate]').click();
    await expect
      .poll(() => dialog.locator('.import-summary').textContent(), { timeout: 60_000 })
      .toBe('Valid: 14,965 nodes and 6,368 relationships would be imported. Nothing was written.');
    const heading = await dialog.locator('h3', { hasText: 'Warnings' }).textContent();
    const total = Number(/\((\d+)\)/.exec(heading ?? '')?.[1]);
    const shown = await dialog.locator('[data-testid=import-warnings] li').count();
    expect(shown).toBe(20);
    expect(total).toBeGreaterThan(shown);
    expect(await dialog.locator('[data-testid=import-warnings-more]').textContent()).toContain(
      `and ${total - shown} more warnings, not shown here`,
    );
    // The companions were read and are named as uploaded.
    const places = await dialog.locator('[data-testid=import-warnings] .place').allTextContents();
    expect(places).toEqual(expect.arrayContaining(['add.csv', 'alt.csv']));
    await dialog.locator('[data-testid=import-warnings-more]').scrollIntoViewIfNeeded();
    await shot(page, 'import-sdn-dry-run');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
