/**
 * Export → Image: the canvas as a picture for people who do not open the
 * tool, as SVG (the core's drawing at the nodes' current positions) and as a
 * PNG of it at twice its size.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { centreOf, drag, pageErrors, settle, useDesigner } from './harness.ts';

const { designer, openFlow } = useDesigner();

/** Downloads the open flow from an item of the Export menu: its suggested name and its bytes. */
async function exportAs(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** The SVG read by the browser's own XML parser: whether it is well-formed, its size, and the texts of its node cards in order. */
async function readSvg(page: Page, text: string) {
  return page.evaluate((source) => {
    const document = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = document.documentElement;
    const cards = [...root.querySelectorAll('g.nodes > g')].map((card) => ({
      x: Number(card.querySelectorAll('rect')[1]?.getAttribute('x')),
      texts: [...card.querySelectorAll('text')].map((t) => t.textContent ?? '')
    }));
    return {
      wellFormed: document.querySelector('parsererror') === null && root.localName === 'svg',
      label: root.getAttribute('aria-label'),
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      cards
    };
  }, text);
}

/** A PNG's width and height from its IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const shows = (shown: string, name: string) => shown === name || (shown.endsWith('…') && name.startsWith(shown.slice(0, -1)));

describe('Export → Image', () => {
  it('downloads the bank flow as an SVG with every card titled, and as a PNG of it at twice its size', async () => {
    const page = await openFlow('bank');
    const names = (designer().readFlow('bank')['nodes'] as { name: string }[]).map((n) => n.name);

    const svg = await exportAs(page, 'Image (SVG)');
    expect(svg.name).toBe('bank.svg');
    const drawing = await readSvg(page, svg.bytes.toString('utf8'));
    expect(drawing.wellFormed).toBe(true);
    expect(drawing.label).toBe('Flow diagram: First Harbor Bank: customer line');
    expect(drawing.cards).toHaveLength(names.length);
    names.forEach((name, index) => expect(drawing.cards[index]!.texts.some((t) => shows(t, name)), name).toBe(true));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Exported a picture of the flow as SVG' }).count()).toBe(1);

    const png = await exportAs(page, 'Image (PNG)');
    expect(png.name).toBe('bank.png');
    expect(pngSize(png.bytes)).toEqual({ width: drawing.width * 2, height: drawing.height * 2 });
    expect(drawing.width).toBeGreaterThan(1000);
    // ZEROOUT_IMAGE_OUT=<file> keeps the picture, to look at.
    if (process.env['ZEROOUT_IMAGE_OUT'] !== undefined) writeFileSync(process.env['ZEROOUT_IMAGE_OUT'], png.bytes);
    // Drawn, not blank: a good share of its pixels are cards, text and lines rather than the background.
    const drawn = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let other = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] !== 0xf6 || data[i + 1] !== 0xf7 || data[i + 2] !== 0xf9) other++;
      return other / (data.length / 4);
    }, png.bytes.toString('base64'));
    expect(drawn).toBeGreaterThan(0.2);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Exported a picture of the flow as PNG' }).innerText()).toContain(`${drawing.width * 2} × ${drawing.height * 2} pixels`);
    expect(pageErrors(page)).toEqual([]);
  }, 90_000);

  it('draws the nodes where they stand on the canvas now', async () => {
    const page = await openFlow('clinic');
    const before = await readSvg(page, (await exportAs(page, 'Image (SVG)')).bytes.toString('utf8'));
    const node = page.locator('[aria-roledescription="node"]').first();
    const from = await centreOf(page, node);
    await drag(page, from, { x: from.x - 120, y: from.y + 60 });
    await settle(page);
    const after = await readSvg(page, (await exportAs(page, 'Image (SVG)')).bytes.toString('utf8'));
    expect(after.cards).toHaveLength(before.cards.length);
    expect(after.cards[0]!.x).toBeLessThan(before.cards[0]!.x);
    expect(after.cards.slice(1)).toEqual(before.cards.slice(1));
    expect(pageErrors(page)).toEqual([]);
  }, 90_000);
});
