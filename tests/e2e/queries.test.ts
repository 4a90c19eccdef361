import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasNodes, openPage, shot, startHarness, waitForCanvas, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('saved queries and Cypher', () => {
  it('lists saved queries, fills their typed params, shows results as graph and table', async () => {
    const { page, errors } = await openPage(harness, '/?asOf=2025-01-01');
    const item = page.locator('.query-list button[data-query="ultimate-owners"]');
    await item.waitFor({ timeout: 20_000 });
    expect(await page.locator('.query-list').textContent()).toContain('Ultimate owners of a facility');
    await item.click();
    const form = page.locator('form.query-form');
    expect(await form.locator('input[name=asOf]').getAttribute('type')).toBe('date');
    await form.locator('input[name=facilityId]').fill('fac-cheyenne-1');
    await form.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.locator('.results tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('.results').textContent()).toContain('Ultimate owners of a facility');
    await expect.poll(async () => (await canvasNodes(page)).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await shot(page, 'queries-saved');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs ad-hoc read-only Cypher from the highlighted editor and opens its graph on the canvas', async () => {
    const { page, errors } = await openPage(harness, '/');
    const editor = page.locator('textarea[aria-label="Cypher query"]');
    await editor.fill(
      "MATCH (o:Entity)-[r:OWNS]->(c:Company {id: 'co-prairie-digital'})\nRETURN o.name AS owner, r.percent AS percent, o, r, c",
    );
    // Syntax highlighting: keywords, labels and strings get their own classes.
    expect(await page.locator('.cypher-highlight .tok-keyword').first().textContent()).toBe('MATCH');
    expect(await page.locator('.cypher-highlight .tok-label').allTextContents()).toEqual(
      expect.arrayContaining([':Entity', ':OWNS', ':Company']),
    );
    expect(await page.locator('.cypher-highlight .tok-string').first().textContent()).toBe("'co-prairie-digital'");
    await page.locator('button[data-action=run-cypher]').click();
    await waitForCanvas(page, 'co-prairie-digital');
    expect(await page.locator('.results thead').textContent()).toContain('owner');
    expect(await page.locator('.results tbody').textContent()).toContain('Lotus Bay Holdings Ltd');
    await shot(page, 'queries-cypher');

    // Writes are refused with the server's reason.
    await editor.fill("CREATE (n:Entity {id: 'nope'}) RETURN n");
    await editor.press('Control+Enter');
    await expect
      .poll(() => page.locator('[role=status] .error').textContent(), { timeout: 20_000 })
      .toMatch(/read-only|not allowed|refuse|write/i);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('saves a new query through POST /api/queries', async () => {
    const { page } = await openPage(harness, '/');
    const saved: unknown[] = [];
    // The server does not offer saving yet; this checks the request the app sends (see the report on issue 6).
    await page.route('**/api/queries', async (route) => {
      if (route.request().method() === 'POST') {
        saved.push(route.request().postDataJSON());
        await route.fulfill({ status: 201, json: { name: 'owners-of' } });
      } else await route.continue();
    });
    await page.locator('textarea[aria-label="Cypher query"]').fill('MATCH (o)-[r:OWNS]->(c {id: $id}) RETURN o, r, c');
    await page.locator('button[data-action=save-query]').click();
    await page.locator('input[aria-label="Query name"]').fill('owners-of');
    await page.locator('input[aria-label="Query description"]').fill('Direct owners of an entity');
    await page.locator('form.save-form').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => saved.length).toBe(1);
    expect(saved[0]).toEqual({
      name: 'owners-of',
      description: 'Direct owners of an entity',
      query: 'MATCH (o)-[r:OWNS]->(c {id: $id}) RETURN o, r, c',
      params: [{ name: 'id', type: 'string' }],
    });
    await expect.poll(() => page.locator('.queries-panel [role=status]').textContent()).toContain('Saved “owners-of”');
    await page.context().close();
  });
});
