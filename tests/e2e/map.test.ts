import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canvasNodes,
  clickNode,
  node,
  openPage,
  selectNode,
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

describe('map view', () => {
  it('places facilities and sites by their coordinates, with proximity circles, and opens a facility', async () => {
    const { page, errors } = await openPage(harness, '/?layout=map&asOf=2025-01-01');
    await waitForCanvas(page, 'site-fe-warren');
    await waitForCanvas(page, 'fac-cheyenne-1');
    const cheyenne = await node(page, 'fac-cheyenne-1');
    const bratsk = await node(page, 'fac-bratsk-1');
    const hernandarias = await node(page, 'fac-hernandarias-1');
    expect(cheyenne.x).toBeLessThan(bratsk.x); // west of Siberia
    expect(hernandarias.y).toBeGreaterThan(cheyenne.y); // south is lower on screen
    expect((await canvasNodes(page)).some((n) => n.kind === 'SensitiveSite')).toBe(true);
    await expect
      .poll(async () => (await node(page, 'fac-cheyenne-1')).ring1Size, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await shot(page, 'map-world');

    // Zoom in on Cheyenne: the 1-mile circle around F E Warren AFB contains the facility.
    const offset = await page.locator('.graph-canvas').boundingBox();
    for (let i = 0; i < 40; i++) {
      const current = await node(page, 'site-fe-warren');
      await page.mouse.move(offset!.x + current.x, offset!.y + current.y);
      await page.mouse.wheel(0, -600);
      await page.waitForTimeout(160);
      const facility = await node(page, 'fac-cheyenne-1');
      // Far enough in that the site and Cheyenne 1 are apart, and so are Cheyenne 1 and Cheyenne 2 (about a
      // kilometre apart, drawn one over the other until then: a click would pick whichever is on top).
      const other = await node(page, 'fac-cheyenne-2');
      if (
        Math.hypot(current.x - facility.x, current.y - facility.y) > 60 &&
        Math.hypot(other.x - facility.x, other.y - facility.y) > 40
      )
        break;
    }
    await page.waitForTimeout(400);
    const zoomedSite = await node(page, 'site-fe-warren');
    const zoomedFacility = await node(page, 'fac-cheyenne-1');
    expect(Math.hypot(zoomedSite.x - zoomedFacility.x, zoomedSite.y - zoomedFacility.y)).toBeGreaterThan(20);
    // Overlay pixels: the circle is drawn around the site.
    const painted = await page.evaluate(({ x, y }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.sigma-lookthrough-overlay')!;
      const ctx = canvas.getContext('2d')!;
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const data = ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
      return data[3]!;
    }, zoomedSite);
    expect(painted).toBeGreaterThan(0);
    await shot(page, 'map-proximity');

    // Select the facility first (a click that opens its panel really landed on it; a selected node is drawn on top
    // of the site beside it), then double-click it where it is now.
    await selectNode(page, 'fac-cheyenne-1', 'Prairie Digital Cheyenne Site 1');
    await clickNode(page, 'fac-cheyenne-1', { double: true });
    await waitForCanvas(page, 'gov-kestria');
    expect(page.url()).not.toContain('layout=map');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
