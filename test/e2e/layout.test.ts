/**
 * The designer on a laptop screen (1280×800): the canvas keeps at least half
 * the window; the side dock and the Inspector resize by pointer and by
 * keyboard, collapse and reopen, and are remembered after a reload; the
 * panels share the dock as tabs; a call's transcript stays readable; the
 * minimap keeps off the nodes; the palette's icons, the heat legend and the
 * histogram's axes are drawn.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { drag, fitView, pageErrors, settle, showPanel, useDesigner } from './harness.ts';

const { designer } = useDesigner();

type Box = { x: number; y: number; width: number; height: number };

/** A page of its own browser context (its own localStorage) at a window size, with a flow open. */
async function openAt(width: number, height: number, flow = 'bank'): Promise<Page> {
  const context = await designer().browser.newContext({ viewport: { width, height } });
  const page = await designer().newPage(context);
  await page.goto(`${designer().url}?flow=${flow}`);
  await page.locator('[aria-roledescription="node"]').first().waitFor();
  await settle(page);
  await fitView(page);
  return page;
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.locator('[aria-roledescription="node"]').first().waitFor();
  await settle(page);
}

const canvasBox = async (page: Page) => (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
const area = (box: Box) => box.width * box.height;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const valueOf = async (page: Page, name: string) => Number(await page.getByRole('separator', { name }).getAttribute('aria-valuenow'));

describe('the canvas on a laptop screen', () => {
  it('keeps at least half of a 1280×800 window with the side dock open, and of a 1440×900 one', async () => {
    for (const [width, height] of [
      [1280, 800],
      [1440, 900]
    ] as const) {
      const page = await openAt(width, height);
      // The dock is open: the Inspector and the tabbed panels are shown beside the canvas.
      await page.getByRole('complementary', { name: 'Inspector' }).waitFor();
      await page.getByRole('tablist', { name: 'Panels' }).waitFor();
      expect(area(await canvasBox(page)) / (width * height)).toBeGreaterThanOrEqual(0.5);
      // Widened as far as it goes, the dock still leaves the canvas half the window.
      const separator = page.getByRole('separator', { name: 'Resize side dock' });
      await separator.focus();
      await page.keyboard.press('End');
      await expect.poll(async () => area(await canvasBox(page)) / (width * height)).toBeGreaterThanOrEqual(0.5);
      expect(await valueOf(page, 'Resize side dock')).toBe(Number(await separator.getAttribute('aria-valuemax')));
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  }, 60_000);

  it('resizes the side dock by dragging its separator and with the arrow keys, and remembers it after a reload', async () => {
    const page = await openAt(1280, 800);
    const separator = page.getByRole('separator', { name: 'Resize side dock' });
    const dockWidth = async () => (await page.getByRole('tablist', { name: 'Panels' }).evaluate((el) => el.closest('.side-dock')!.getBoundingClientRect().width));
    const before = await valueOf(page, 'Resize side dock');
    expect(Math.abs((await dockWidth()) - before)).toBeLessThanOrEqual(1);
    const canvasBefore = (await canvasBox(page)).width;

    // Dragged 60 px to the right, the dock is 60 px narrower and the canvas 60 px wider; then 24 px back.
    const box = (await separator.boundingBox())!;
    const grip = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await drag(page, grip, { x: grip.x + 60, y: grip.y });
    await expect.poll(() => valueOf(page, 'Resize side dock')).toBe(before - 60);
    expect(Math.abs((await dockWidth()) - (before - 60))).toBeLessThanOrEqual(1);
    expect(Math.abs((await canvasBox(page)).width - (canvasBefore + 60))).toBeLessThanOrEqual(1);
    await drag(page, { x: grip.x + 60, y: grip.y }, { x: grip.x + 36, y: grip.y });
    await expect.poll(() => valueOf(page, 'Resize side dock')).toBe(before - 36);

    // Two presses of the left arrow move the separator left: 16 px wider each; the right arrow, narrower.
    await separator.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await valueOf(page, 'Resize side dock')).toBe(before - 4);
    await page.keyboard.press('ArrowRight');
    expect(await valueOf(page, 'Resize side dock')).toBe(before - 20);
    // With Shift, ten times as far, up to the widest the dock may be.
    await page.keyboard.press('Shift+ArrowLeft');
    const max = Number(await separator.getAttribute('aria-valuemax'));
    expect(await valueOf(page, 'Resize side dock')).toBe(Math.min(max, before + 140));
    await page.keyboard.press('ArrowRight');
    const kept = await valueOf(page, 'Resize side dock');

    // The Inspector's share of the dock, once a node is selected: keyboard and pointer.
    await page.getByRole('group', { name: 'Menu Main menu' }).click();
    const split = page.getByRole('separator', { name: 'Resize Inspector' });
    await split.waitFor();
    const share = await valueOf(page, 'Resize Inspector');
    const inspectorHeight = async () => (await page.getByRole('complementary', { name: 'Inspector' }).evaluate((el) => el.closest('.dock-pane')!.getBoundingClientRect().height));
    const heightBefore = await inspectorHeight();
    await split.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await valueOf(page, 'Resize Inspector')).toBe(share + 4);
    expect(await inspectorHeight()).toBeGreaterThan(heightBefore);
    const splitBox = (await split.boundingBox())!;
    const splitGrip = { x: splitBox.x + splitBox.width / 2, y: splitBox.y + splitBox.height / 2 };
    await drag(page, splitGrip, { x: splitGrip.x, y: splitGrip.y - 120 });
    await expect.poll(() => valueOf(page, 'Resize Inspector')).toBeLessThan(share);
    const keptShare = await valueOf(page, 'Resize Inspector');

    await reload(page);
    expect(await valueOf(page, 'Resize side dock')).toBe(kept);
    expect(Math.abs((await dockWidth()) - kept)).toBeLessThanOrEqual(1);
    await page.getByRole('group', { name: 'Menu Main menu' }).click();
    await page.getByRole('separator', { name: 'Resize Inspector' }).waitFor();
    expect(await valueOf(page, 'Resize Inspector')).toBe(keptShare);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('collapses and reopens the Inspector, the panels, the side dock, the palette and the minimap, and remembers it', async () => {
    const page = await openAt(1280, 800);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const problems = page.getByRole('region', { name: 'Problems' });

    await page.getByRole('button', { name: 'Collapse Inspector' }).click();
    await expect.poll(() => inspector.count()).toBe(0);
    await page.getByRole('button', { name: 'Expand Inspector' }).click();
    await inspector.waitFor();

    await page.getByRole('button', { name: 'Collapse panels' }).click();
    await expect.poll(() => problems.count()).toBe(0);
    // The Inspector takes the room the panels gave up.
    await page.getByRole('button', { name: 'Expand panels' }).click();
    await problems.waitFor();

    // The whole dock folds into a rail; the canvas takes the room.
    const narrow = (await canvasBox(page)).width;
    await page.getByRole('button', { name: 'Collapse side dock' }).click();
    await expect.poll(() => inspector.count()).toBe(0);
    await expect.poll(async () => (await canvasBox(page)).width).toBeGreaterThan(narrow + 250);
    // Reopened on the panel asked for.
    await page.getByRole('button', { name: 'Open Simulator' }).click();
    await page.getByRole('region', { name: 'Simulator' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Simulator' }).getAttribute('aria-selected')).toBe('true');
    await inspector.waitFor();

    // The palette folds to its icons: each still an "Add …" button.
    const addMenu = page.getByRole('button', { name: 'Add Menu' });
    const wide = (await addMenu.boundingBox())!.width;
    await page.getByRole('button', { name: 'Collapse palette' }).click();
    await expect.poll(async () => (await addMenu.boundingBox())!.width).toBeLessThan(wide / 2);
    // The minimap hides.
    await page.getByRole('button', { name: 'Hide minimap' }).click();
    await expect.poll(() => page.locator('.react-flow__minimap').count()).toBe(0);

    await reload(page);
    expect(await page.getByRole('button', { name: 'Expand palette' }).count()).toBe(1);
    expect((await addMenu.boundingBox())!.width).toBeLessThan(wide / 2);
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Simulator' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('button', { name: 'Expand palette' }).click();
    await page.getByRole('button', { name: 'Show minimap' }).click();
    await page.locator('.react-flow__minimap').waitFor();
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('shows Problems, Simulator and Traffic as tabs of one dock, and Changes while comparing', async () => {
    const page = await openAt(1280, 800);
    const tabs = page.getByRole('tablist', { name: 'Panels' });
    expect(await tabs.getByRole('tab').allInnerTexts()).toEqual(['Problems', 'Simulator', 'Traffic']);
    const region = (name: string) => page.getByRole('region', { name });
    await region('Problems').waitFor();
    expect(await region('Simulator').count()).toBe(0);

    await page.getByRole('tab', { name: 'Simulator' }).click();
    await region('Simulator').waitFor();
    expect(await region('Problems').count()).toBe(0);
    expect(await page.getByRole('tabpanel', { name: 'Simulator' }).count()).toBe(1);
    // Arrow keys move along the tabs.
    await page.keyboard.press('ArrowRight');
    await region('Traffic').waitFor();
    expect(await page.getByRole('tab', { name: 'Traffic' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Traffic');
    await page.keyboard.press('Home');
    await region('Problems').waitFor();

    // A call goes on behind another tab.
    await showPanel(page, 'Simulator');
    await region('Simulator').getByRole('button', { name: 'Start call' }).click();
    const transcript = page.getByRole('list', { name: 'Transcript' });
    await expect.poll(() => transcript.innerText()).toContain('Thank you for calling');
    await showPanel(page, 'Traffic');
    await showPanel(page, 'Simulator');
    expect(await transcript.innerText()).toContain('Thank you for calling');

    // Comparing brings a Changes tab to the front; ending it takes it away.
    await page.getByRole('group', { name: 'Prompt Goodbye' }).click();
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: 'Compare with…' }).click();
    await page.getByRole('dialog', { name: 'Compare with' }).getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('complementary', { name: 'Changes' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Changes' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('button', { name: 'End comparison' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Changes' }).count()).toBe(0);
    await region('Simulator').waitFor();
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});

describe('a call on a laptop screen', () => {
  /** Every line of the transcript: its width, and whether a word of it is drawn across two lines. */
  const lines = (page: Page) =>
    page.getByRole('list', { name: 'Transcript' }).evaluate((list) =>
      [...list.querySelectorAll('li')].map((li) => {
        const text = li.querySelector('.text')!;
        const node = text.firstChild!;
        const broken: string[] = [];
        for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rows = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (rows.size > 1) broken.push(match[0]);
        }
        const style = getComputedStyle(text);
        return { width: li.getBoundingClientRect().width, broken, wordBreak: style.wordBreak, overflowWrap: style.overflowWrap, text: node.textContent };
      })
    );

  it('keeps the transcript lines at least 280 px wide, no word broken, even with the dock at its narrowest', async () => {
    const page = await openAt(1280, 800);
    await showPanel(page, 'Simulator');
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await simulator.getByLabel('Call time').fill('2025-03-04T10:15');
    await simulator.getByRole('button', { name: 'Start call' }).click();
    for (const key of '1123') await simulator.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: key, exact: true }).click();
    await expect.poll(async () => (await lines(page)).length).toBeGreaterThan(4);
    // With a call running, at the default width and at the narrowest the dock goes.
    for (const width of ['default', 'narrowest']) {
      if (width === 'narrowest') {
        await page.getByRole('separator', { name: 'Resize side dock' }).focus();
        await page.keyboard.press('Home');
      }
      const drawn = await lines(page);
      for (const line of drawn) {
        expect(line.width, `${width}: ${line.text}`).toBeGreaterThanOrEqual(280);
        expect(line.broken, `${width}: ${line.text}`).toEqual([]);
        expect(line.wordBreak).toBe('normal');
        expect(['normal', 'break-word']).toContain(line.overflowWrap);
      }
      expect(drawn.some((l) => l.text?.startsWith('Thank you for calling First Harbor Bank.'))).toBe(true);
      expect(drawn.some((l) => l.text === 'pressed 1')).toBe(true);
    }
    // The canvas still has half the window with the call running.
    expect(area(await canvasBox(page)) / (1280 * 800)).toBeGreaterThanOrEqual(0.5);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});

describe('what the canvas draws', () => {
  it('keeps the minimap and the zoom buttons off every node of the bank example', async () => {
    for (const [width, height] of [
      [1280, 800],
      [1440, 900],
      [1500, 950]
    ] as const) {
      const page = await openAt(width, height);
      const minimap = (await page.locator('.react-flow__minimap').boundingBox())!;
      const controls = (await page.locator('.react-flow__controls').boundingBox())!;
      const nodes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => ({ id: el.getAttribute('data-id'), ...el.getBoundingClientRect().toJSON() }) as { id: string; x: number; y: number; width: number; height: number }));
      expect(nodes.length).toBeGreaterThan(10);
      for (const node of nodes) {
        expect(overlaps(node, minimap), `${width}: ${node.id} under the minimap`).toBe(false);
        expect(overlaps(node, controls), `${width}: ${node.id} under the zoom buttons`).toBe(false);
      }
      // Fit View keeps them off too.
      await page.getByRole('button', { name: 'Fit View' }).click();
      await settle(page);
      for (const node of await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Box))) {
        expect(overlaps(node, minimap)).toBe(false);
      }
      await page.context().close();
    }
  }, 90_000);

  it('draws every palette icon, and ends prompt excerpts on their second line', async () => {
    const page = await openAt(1280, 800);
    const icons = await page
      .getByRole('navigation', { name: 'Palette' })
      .getByRole('button')
      .evaluateAll((buttons) =>
        buttons.map((b) => {
          const svg = b.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          const shape = svg?.querySelector('path, circle, rect') as SVGGraphicsElement | null;
          const drawn = shape?.getBBox();
          return { name: b.getAttribute('aria-label'), width: box?.width ?? 0, height: box?.height ?? 0, drawn: (drawn?.width ?? 0) + (drawn?.height ?? 0) };
        })
      );
    expect(icons.map((i) => i.name)).toEqual(expect.arrayContaining(['Add Branch', 'Add Sub-flow', 'Add Menu', 'Add Hang up']));
    for (const icon of icons) {
      expect(icon.width, icon.name!).toBeGreaterThan(10);
      expect(icon.height, icon.name!).toBeGreaterThan(10);
      expect(icon.drawn, icon.name!).toBeGreaterThan(4);
    }
    // An excerpt is two whole lines, clipped at its content box: no part of a third line shows.
    const excerpts = await page.locator('.node-excerpt').evaluateAll((els) =>
      els.map((el) => {
        const style = getComputedStyle(el);
        return { clamp: style.webkitLineClamp, height: el.clientHeight, line: parseFloat(style.lineHeight), padding: parseFloat(style.paddingBottom) + parseFloat(style.paddingTop), overflow: el.scrollHeight > el.clientHeight };
      })
    );
    expect(excerpts.some((e) => e.overflow)).toBe(true);
    for (const e of excerpts) {
      expect(e.clamp).toBe('2');
      expect(e.padding).toBe(0);
      expect(e.height).toBe(2 * e.line);
    }
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('gives the heat overlay a legend under the canvas and the histogram named axes', async () => {
    const page = await openAt(1280, 800);
    await showPanel(page, 'Traffic');
    const traffic = page.getByRole('region', { name: 'Traffic' });
    await traffic.getByLabel('Calls').fill('3000');
    await traffic.getByRole('button', { name: 'Run traffic' }).click();
    await expect.poll(() => traffic.getByRole('progressbar', { name: 'Simulated calls' }).getAttribute('aria-valuenow')).toBe('100');
    const histogram = traffic.getByRole('figure', { name: /^Time to a person/ });
    await histogram.waitFor();
    const y = histogram.getByRole('group', { name: 'Vertical axis: calls per bin' });
    const x = histogram.getByRole('group', { name: 'Horizontal axis: seconds to a person' });
    expect(await y.innerText()).toContain('Calls');
    expect(await x.innerText()).toMatch(/^0 s\s+Seconds to a person\s+\d+ s$/);
    expect(await histogram.getByRole('img', { name: /Time to a person, in bins of \d+ seconds/ }).count()).toBe(1);
    // The axes sit where axes go: the calls to the left of the bars, the seconds below them.
    const bars = (await histogram.locator('.histogram').boundingBox())!;
    expect((await y.boundingBox())!.x + (await y.boundingBox())!.width).toBeLessThanOrEqual(bars.x + 1);
    expect((await x.boundingBox())!.y).toBeGreaterThanOrEqual(bars.y + bars.height - 1);

    expect(await page.getByRole('figure', { name: 'Traffic heat' }).count()).toBe(0);
    await traffic.getByLabel('Traffic heat on the canvas').check();
    const legend = page.getByRole('figure', { name: 'Traffic heat' });
    await legend.waitFor();
    expect(await legend.innerText()).toContain('100% of calls pass through the node');
    expect(await legend.innerText()).toContain('hang up there');
    // Under the canvas's pane, not over its nodes.
    const pane = (await page.locator('.react-flow').boundingBox())!;
    expect((await legend.boundingBox())!.y).toBeGreaterThanOrEqual(pane.y + pane.height - 1);
    await traffic.getByLabel('Traffic heat on the canvas').uncheck();
    await expect.poll(() => legend.count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});
