import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { applySchema, importSnapshot } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import { buildServer, DEFAULT_WEB_DIR } from '../../src/server/app.ts';
import { testDatabase } from '../integration/helpers.ts';
import { launchBrowser, screenshotPath } from './browser.ts';

let db: Database;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  db = await testDatabase();
  await applySchema(db);
  await importSnapshot(db, readFixtures());
  app = await buildServer({ db, webDir: DEFAULT_WEB_DIR });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.close();
});

describe('walking skeleton in real Chromium', () => {
  it('lists facilities ranked by flags and draws the chosen facility’s ownership graph with sigma', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(baseUrl);
    const item = page.locator('.flag-list button[data-key="fac-cheyenne-1"]');
    await item.waitFor();
    expect(await page.locator('.flag-list button').count()).toBeGreaterThanOrEqual(12);
    await item.click();
    await expect.poll(() => page.locator('[role=status]').textContent(), { timeout: 15_000 }).toMatch(/\d+ entities/);
    expect(page.url()).toContain('facility=fac-cheyenne-1');
    // sigma draws on WebGL canvases inside the container; the graph it holds is the facility's chain.
    expect(await page.locator('.graph-canvas canvas').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath('skeleton-trace'), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});
