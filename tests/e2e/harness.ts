/**
 * Shared setup of the browser tests: the real server in-process on port 0 over the test Neo4j with the
 * illustrative fixtures, one headless Chromium per test file, and helpers to read what the canvas shows through
 * the app's read-only `window.__lookthrough` hook.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { applySchema, importSnapshot } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import type { OwnershipSnapshot } from '../../src/domain/snapshot.ts';
import { buildServer, DEFAULT_WEB_DIR } from '../../src/server/app.ts';
import type { InspectedEdge, InspectedNode } from '../../src/web/graph/sigma-ref.ts';
import { testDatabase, uniqueId } from '../integration/helpers.ts';
import { launchBrowser, screenshotPath } from './browser.ts';

export { screenshotPath };

export interface Harness {
  db: Database;
  app: FastifyInstance;
  browser: Browser;
  baseUrl: string;
  port: number;
  /** Key prefix of data this test file created (deleted in close()). */
  prefix: string;
  close: () => Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const db = await testDatabase();
  await applySchema(db);
  await importSnapshot(db, readFixtures());
  const app = await buildServer({ db, webDir: DEFAULT_WEB_DIR });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  const prefix = uniqueId('e2e');
  const harness: Harness = {
    db,
    app,
    browser,
    baseUrl,
    port: Number(new URL(baseUrl).port),
    prefix,
    close: async () => {
      await browser.close().catch(() => undefined);
      await harness.app.close().catch(() => undefined);
      await deleteCreated(db, prefix).catch(() => undefined);
      await db.close();
    },
  };
  return harness;
}

/** Deletes only the entities this test file created (their keys start with its prefix). */
async function deleteCreated(db: Database, prefix: string): Promise<void> {
  for (;;) {
    const result = await db.write((tx) =>
      tx.run(
        'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix WITH n LIMIT 2000 DETACH DELETE n RETURN count(*) AS deleted',
        { prefix },
      ),
    );
    if (Number(result.records[0]?.get('deleted') ?? 0) === 0) break;
  }
}

/** A hub company owning `count` companies, all keyed under the harness prefix. Returns the hub's key. */
export async function createHub(harness: Harness, count: number, name = 'Hub Holdings'): Promise<string> {
  const hub = `${harness.prefix}-hub-${count}`;
  const snapshot: OwnershipSnapshot = {
    nodes: [
      { key: hub, attributes: { kind: 'Company', name: `${name} ${count}`, country: 'XX' } },
      ...Array.from({ length: count }, (_, i) => ({
        key: `${hub}-sub-${i}`,
        attributes: { kind: 'Company' as const, name: `Subsidiary ${i} of ${count}`, country: 'XX' },
      })),
    ],
    edges: Array.from({ length: count }, (_, i) => ({
      key: `own:${hub}->${hub}-sub-${i}`,
      source: hub,
      target: `${hub}-sub-${i}`,
      attributes: { kind: 'OWNS' as const, percent: 100, source: { dataset: 'e2e', recordId: `${i}` } },
    })),
  };
  await importSnapshot(harness.db, snapshot);
  return hub;
}

export interface OpenPage {
  page: Page;
  errors: string[];
}

export async function openPage(
  harness: Harness,
  path = '/',
  viewport = { width: 1600, height: 1000 },
): Promise<OpenPage> {
  const context = await harness.browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${harness.baseUrl}${path}`);
  return { page, errors };
}

export const canvasNodes = (page: Page): Promise<InspectedNode[]> =>
  page.evaluate(() => window.__lookthrough?.nodes() ?? []);
export const canvasEdges = (page: Page): Promise<InspectedEdge[]> =>
  page.evaluate(() => window.__lookthrough?.edges() ?? []);

export async function node(page: Page, key: string): Promise<InspectedNode> {
  const found = (await canvasNodes(page)).find((n) => n.key === key);
  if (!found) throw new Error(`${key} is not on the canvas`);
  return found;
}

/** Waits until the canvas shows the entity and no task is running. */
export async function waitForCanvas(page: Page, key: string, timeout = 30_000): Promise<void> {
  await expect
    .poll(async () => (await canvasNodes(page)).some((n) => n.key === key), { timeout, interval: 200 })
    .toBe(true);
  await expect.poll(() => page.locator('[data-testid=progress]').count(), { timeout }).toBe(0);
}

/** The canvas element's offset, to turn the hook's viewport coordinates into page coordinates. */
export async function canvasOffset(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('.graph-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  return { x: box.x, y: box.y };
}

export async function clickNode(page: Page, key: string, options: { double?: boolean } = {}): Promise<void> {
  const n = await node(page, key);
  const offset = await canvasOffset(page);
  if (options.double) await page.mouse.dblclick(offset.x + n.x, offset.y + n.y);
  else await page.mouse.click(offset.x + n.x, offset.y + n.y);
}

/**
 * Clicks a node until the explain panel shows it. The canvas may still be settling (camera or layout moving after
 * an expand, hide or undo), so a click aimed at where the node was can land beside it; aiming again at its
 * current position is what a person would do.
 */
export async function selectNode(page: Page, key: string, title: string, attempts = 10): Promise<void> {
  const heading = page.locator('[data-testid=explain-title]');
  for (let attempt = 1; ; attempt++) {
    await clickNode(page, key);
    const text = await heading.textContent({ timeout: 2_000 }).catch(() => null);
    if (text === title) return;
    if (attempt >= attempts)
      throw new Error(`clicking ${key} did not open its explain panel (saw ${JSON.stringify(text)})`);
    await page.waitForTimeout(300);
  }
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = screenshotPath(name);
  await page.screenshot({ path });
  return path;
}
