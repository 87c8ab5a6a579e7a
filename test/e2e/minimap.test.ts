/**
 * The minimap: every node in small and the part in view outlined; a click
 * on it centres the view there, a drag pans, the wheel zooms. Its nodes are
 * a picture of their own, untouched while the view pans.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fitView, pageErrors, settle, useDesigner } from './harness.ts';

const { openFlow } = useDesigner();

/** The view's translation and zoom, as React Flow applies them. */
async function view(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const match = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(transform);
  if (match === null) throw new Error(`no transform in ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
}

describe('the minimap', () => {
  it('shows every node, outlines the view, and centres the view where it is clicked', async () => {
    const page = await openFlow('bank');
    await fitView(page);
    const minimap = page.getByRole('img', { name: 'Minimap' });
    const box = (await minimap.boundingBox())!;
    // Every node is in the picture: the middle of each card, carried over to the minimap by the outline of the view, is painted in a node's colour.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const frame = (await page.locator('.minimap-window').boundingBox())!;
    const cards = await page.locator('[aria-roledescription="node"]').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      })
    );
    expect(cards.length).toBeGreaterThan(10);
    const spots = cards.map((c) => ({ x: frame.x + ((c.x - pane.x) * frame.width) / pane.width - box.x, y: frame.y + ((c.y - pane.y) * frame.height) / pane.height - box.y }));
    const painted = await page.locator('.minimap-nodes').evaluate((canvas, points) => {
      const c = canvas as HTMLCanvasElement;
      const context = c.getContext('2d')!;
      const ratio = c.width / c.getBoundingClientRect().width;
      return points.map((p) => [...context.getImageData(Math.floor(p.x * ratio), Math.floor(p.y * ratio), 1, 1).data].join(','));
    }, spots);
    // #d9dde5, or the accent of a selected node.
    for (const colour of painted) expect(['217,221,229,255', '38,100,216,255']).toContain(colour);
    // And the space between them is not.
    const empty = await page.locator('.minimap-nodes').evaluate((canvas) => {
      const c = canvas as HTMLCanvasElement;
      return [...c.getContext('2d')!.getImageData(0, 0, 1, 1).data].join(',');
    });
    expect(empty).toBe('0,0,0,0');

    // Zoomed in, the outline is smaller than the picture.
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await settle(page);
    const outline = (await page.locator('.minimap-window').boundingBox())!;
    expect(outline.width).toBeLessThan(box.width * 0.8);

    // A click near the picture's right edge brings that end of the flow into view.
    const before = await view(page);
    await page.mouse.click(box.x + box.width - 12, box.y + box.height / 2);
    await settle(page);
    const after = await view(page);
    expect(after.zoom).toBeCloseTo(before.zoom, 3);
    expect(after.x).toBeLessThan(before.x - 50);
    const moved = (await page.locator('.minimap-window').boundingBox())!;
    expect(moved.x + moved.width / 2).toBeGreaterThan(outline.x + outline.width / 2);

    // A drag across it pans; the wheel over it zooms.
    await page.mouse.move(box.x + box.width - 12, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 12, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await settle(page);
    expect((await view(page)).x).toBeGreaterThan(after.x + 50);
    const zoomBefore = (await view(page)).zoom;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 400);
    await settle(page);
    expect((await view(page)).zoom).toBeLessThan(zoomBefore);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('keeps its picture of the nodes as it is while the view pans', async () => {
    const page = await openFlow('bank');
    await fitView(page);
    const picture = async () => page.locator('.minimap-nodes').evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());
    const drawn = await picture();
    const canvas = (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width - 30, canvas.y + 30);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width - 330, canvas.y + 180, { steps: 10 });
    await page.mouse.up();
    await settle(page);
    expect(await picture()).toBe(drawn);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});
