/**
 * Adding the next step where you are, at a laptop's 1280×800: a palette
 * click after a selected node places the new node beside it, in free space,
 * wired from its first free outcome; with nothing selected, in free space in
 * view; a wire let go in empty space offers the kinds and adds the chosen one
 * there, wired. Each undoes in one step. The keyboard moves nodes (recorded,
 * undoable, kept), and deleting a node brings it back with its wires in one
 * undo. Imported Connect flows are named by what their steps do.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { centreOf, drag, fitView, openFlow, pageErrors, settle, useDesigner } from './harness.ts';

const { designer } = useDesigner();

type Box = { x: number; y: number; width: number; height: number };

async function open(id: string): Promise<Page> {
  const page = await designer().newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${designer().url}?flow=${id}`);
  await page.locator('[aria-roledescription="node"]').first().waitFor();
  await settle(page);
  await fitView(page);
  return page;
}

const nodes = (page: Page) => page.locator('[aria-roledescription="node"]');

async function boxes(page: Page): Promise<Map<string, Box>> {
  const all = await nodes(page).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { label: el.getAttribute('aria-label') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    })
  );
  return new Map(all.map(({ label, ...box }) => [label, box]));
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function edge(page: Page, name: string | RegExp): Locator {
  return page.getByRole('group', { name });
}

async function undo(page: Page) {
  await page.getByRole('button', { name: 'Undo' }).click();
}

describe('adding the next step where you are', () => {
  it('puts a palette node after the selected one, beside it in free space, wired from its first free outcome; one undo takes both away', async () => {
    const page = await open('bank');
    const count = await nodes(page).count();
    const menu = page.getByRole('group', { name: 'Menu Main menu' });
    await menu.click();
    const menuBox = (await menu.boundingBox())!;
    // The main menu's keys are all wired: a new key is added for the new step.
    await page.getByRole('navigation', { name: 'Palette' }).getByRole('button', { name: 'Add Prompt' }).click();
    await expect.poll(() => nodes(page).count()).toBe(count + 1);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe('prompt');
    const added = page.getByRole('group', { name: 'Prompt prompt', exact: true });
    const box = (await added.boundingBox())!;
    expect(box.x).toBeGreaterThan(menuBox.x + menuBox.width);
    for (const [label, other] of await boxes(page)) if (label !== 'Prompt prompt') expect(overlap(box, other), `on top of ${label}`).toBe(false);
    await expect.poll(() => edge(page, /^4 from Main menu to prompt$/).count()).toBe(1);

    await undo(page);
    await expect.poll(() => nodes(page).count()).toBe(count);
    expect(await edge(page, /^4 from Main menu to prompt$/).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('with nothing selected, puts palette nodes in free space in view, each clear of the others', async () => {
    const page = await open('bank');
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    const palette = page.getByRole('navigation', { name: 'Palette' });
    for (const kind of ['Queue', 'Queue', 'Voicemail']) await palette.getByRole('button', { name: `Add ${kind}` }).click();
    await expect.poll(() => nodes(page).count()).toBe(21);
    const canvas = (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
    const all = await boxes(page);
    for (const label of ['Queue queue', 'Queue queue-2', 'Voicemail voicemail']) {
      const box = all.get(label)!;
      expect(box, label).toBeDefined();
      expect(box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height, `${label} in view`).toBe(true);
      for (const [other, b] of all) if (other !== label) expect(overlap(box, b), `${label} on top of ${other}`).toBe(false);
    }
  }, 60_000);

  it('offers the node kinds where a wire from an outcome is let go in empty space, and adds the chosen one there, wired', async () => {
    const page = await open('clinic');
    const before = await nodes(page).count();
    // An outcome handle that is not wired yet, or any outcome: dragging it out rewires it to the new node.
    const handle = page.locator('.react-flow__handle.source').first();
    const from = await centreOf(page, handle);
    const canvas = (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
    // Empty space: below every node in view.
    const all = [...(await boxes(page)).values()];
    const bottom = Math.max(...all.filter((b) => b.y < canvas.y + canvas.height).map((b) => b.y + b.height));
    const to = { x: from.x + 40, y: Math.min(canvas.y + canvas.height - 60, bottom + 60) };
    await drag(page, from, to);
    const menu = page.getByRole('menu', { name: /^Add a step after / });
    await menu.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => nodes(page).count()).toBe(before + 1);
    await expect.poll(() => page.getByRole('group', { name: 'Menu menu', exact: true }).count()).toBe(1);
    // One wire into the new menu from another node (its own retries loop back to it).
    const into = () => page.getByRole('group', { name: / to menu$/ }).evaluateAll((els) => els.filter((el) => !/ from menu to menu$/.test(el.getAttribute('aria-label') ?? '')).length);
    expect(await into()).toBe(1);
    const added = (await page.getByRole('group', { name: 'Menu menu', exact: true }).boundingBox())!;
    expect(Math.abs(added.x - to.x)).toBeLessThan(40);

    await undo(page);
    await expect.poll(() => nodes(page).count()).toBe(before);
    expect(await into()).toBe(0);

    // Escape closes the offer and adds nothing.
    await drag(page, from, to);
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await nodes(page).count()).toBe(before);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});

describe('the keyboard on the canvas', () => {
  it('outlines a focused node, and moves a selected node a grid step per arrow: recorded, undone in one step, kept after a reload', async () => {
    const page = await open('bank');
    const node = page.getByRole('group', { name: 'Prompt Goodbye' });
    await node.click();
    // Focus by keyboard: on to the next node and back.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await node.evaluate((el) => el === document.activeElement)).toBe(true);
    const outline = await node.locator('.node-card').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    const start = (await node.boundingBox())!;
    const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    // Three grid steps right and one down (the first step also lands the node on the grid).
    const moved = async () => ({ x: ((await node.boundingBox())!.x - start.x) / zoom, y: ((await node.boundingBox())!.y - start.y) / zoom });
    await expect.poll(async () => Math.abs((await moved()).x - 72) <= 12).toBe(true);
    expect(Math.abs((await moved()).y - 24)).toBeLessThanOrEqual(12);
    const after = await moved();
    await page.getByText('Unsaved changes', { exact: true }).waitFor();

    // One undo takes the whole keyboard move back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => Math.round((await moved()).x)).toBe(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(async () => Math.round((await moved()).x)).toBe(Math.round(after.x));

    // Kept after a reload: still unsaved, and the node where the keys put it, relative to its neighbour.
    const beside = page.getByRole('group', { name: 'Queue Customer service' });
    const gap = async () => ((await node.boundingBox())!.x - (await beside.boundingBox())!.x) / zoom;
    const before = await gap();
    await page.reload();
    await page.locator('[aria-roledescription="node"]').first().waitFor();
    await settle(page);
    await fitView(page);
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    const zoomNow = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    const gapNow = ((await node.boundingBox())!.x - (await beside.boundingBox())!.x) / zoomNow;
    expect(Math.abs(gapNow - before)).toBeLessThan(2);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('brings a deleted node back with the wires into it in one undo', async () => {
    const page = await open('bank');
    const wiresInto = () => page.getByRole('group', { name: / to Goodbye$/ }).count();
    const before = await wiresInto();
    expect(before).toBeGreaterThan(0);
    await page.getByRole('group', { name: 'Prompt Goodbye' }).click();
    await page.keyboard.press('Delete');
    await expect.poll(wiresInto).toBe(0);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.getByRole('group', { name: 'Prompt Goodbye' }).count()).toBe(1);
    await expect.poll(wiresInto).toBe(before);
  }, 60_000);
});

describe('imported flows, readable on arrival', () => {
  it('names the steps of an imported Connect flow by what they do, in the canvas and in Problems, and opens at a zoom that can be read', async () => {
    const page = await openFlow(designer(), 'bank');
    await page.setViewportSize({ width: 1280, height: 800 });
    const file = new URL('../corpus/amazon-connect/amazon-connect__amazon-connect-salesforce-scv__Sample-Holiday-Check.json', import.meta.url);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await (await chooser).setFiles({ name: 'holiday.json', mimeType: 'application/json', buffer: readFileSync(file) });
    await page.getByRole('group', { name: /^Prompt Play prompt: "Goodbye\."$/ }).waitFor();
    await settle(page);
    const titles = await page.locator('.node-title').allInnerTexts();
    expect(titles.length).toBeGreaterThan(3);
    for (const title of titles) expect(title).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const problems = await page.getByRole('region', { name: 'Problems' }).innerText();
    expect(problems).toContain('Play prompt: "Goodbye."');
    expect(problems).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    // The smallest running text of a card (12 px) is at least 10 px on screen.
    const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    expect(12 * zoom).toBeGreaterThanOrEqual(10);
  }, 60_000);
});
