import os from 'node:os';
import path from 'node:path';
/**
 * A designer builds a three-option menu from an empty flow by drag and
 * click, sees it lint clean, breaks it, and follows the finding to the node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lintFlow } from '../../src/core/analysis/engine.ts';
import { loadFlow } from '../../src/core/model/load.ts';
import { centreOf, drag, pageErrors, settle, startDesigner, type Designer } from './harness.ts';

let designer: Designer;
let page: Page;

beforeAll(async () => {
  designer = await startDesigner();
  page = await designer.newPage();
}, 60_000);

afterAll(async () => {
  await designer?.close();
});

const node = (name: string) => page.getByRole('group', { name });
const outHandle = (outcome: string, of: string) => page.getByLabel(`Outcome ${outcome} of ${of}`, { exact: true });
const inHandle = (of: string) => page.getByLabel(`Into ${of}`, { exact: true });

async function wire(outcome: string, from: string, to: string): Promise<void> {
  await settle(page);
  await drag(page, await centreOf(page, outHandle(outcome, from)), await centreOf(page, inHandle(to)));
  try {
    await expect.poll(() => page.getByRole('group', { name: new RegExp(`^${outcome} from ${from} to ${to}$`) }).count()).toBe(1);
  } catch (e) {
    await page.screenshot({ path: path.join(os.tmpdir(), 'e2e-wire-fail.png') });
    throw e;
  }
}

describe('building a menu', () => {
  it('builds a three-option menu from an empty flow, lint clean', async () => {
    await page.goto(designer.url);
    await page.getByRole('button', { name: 'New flow' }).click();
    const ask = page.getByRole('dialog', { name: 'New flow' });
    await ask.getByLabel('Name of the new flow').fill('Billing line');
    await ask.getByRole('button', { name: 'OK' }).click();
    const canvas = page.getByRole('region', { name: 'Flow canvas' });
    await expect.poll(() => page.getByRole('region', { name: 'Problems' }).innerText()).toContain('no nodes yet');

    // Drag a menu from the palette onto the canvas.
    const box = (await canvas.boundingBox())!;
    await page.getByRole('button', { name: 'Add Menu' }).dragTo(canvas, { targetPosition: { x: 180, y: box.height / 2 - 60 } });
    await node('Menu menu').waitFor();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe('menu');

    // Prompt and three options, in the inspector.
    await inspector.getByLabel('Prompt', { exact: true }).fill('For sales, press 1. For billing, press 2. To speak with an agent, press 0.');
    for (let i = 0; i < 3; i++) await inspector.getByRole('button', { name: 'Add option' }).click();
    await inspector.getByLabel('Option 3 key').selectOption('0');
    await outHandle('0', 'menu').waitFor();

    // Three queues and a voicemail for when they overflow, added by click with nothing selected (so
    // wired by hand below), then laid out.
    const deselect = () => page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    for (let i = 0; i < 3; i++) {
      await deselect();
      await page.getByRole('button', { name: 'Add Queue' }).click();
    }
    await deselect();
    await page.getByRole('button', { name: 'Add Voicemail' }).click();
    await page.getByRole('button', { name: 'Auto-layout' }).click();

    await wire('1', 'menu', 'queue');
    await wire('2', 'menu', 'queue-2');
    await wire('0', 'menu', 'queue-3');
    await wire('maxRetries', 'menu', 'queue-3');
    for (const queue of ['queue', 'queue-2', 'queue-3']) await wire('overflow', queue, 'voicemail');

    const problems = page.getByRole('region', { name: 'Problems' });
    await expect.poll(() => problems.innerText()).toContain('No problems');

    // Saved, it is a flow file the command line lints clean too.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => designer.flowIds()).toContain('billing-line');
    const saved = loadFlow(designer.readFlow('billing-line'), 'billing-line.ivr.json');
    expect(saved.ok).toBe(true);
    if (saved.ok) {
      expect(lintFlow(saved.flow).findings).toEqual([]);
      expect(saved.flow.nodes.find((n) => n.id === 'menu')).toMatchObject({
        kind: 'menu',
        options: [
          { key: '1', next: 'queue' },
          { key: '2', next: 'queue-2' },
          { key: '0', next: 'queue-3' }
        ],
        onMaxRetries: 'queue-3'
      });
    }
    expect(pageErrors(page)).toEqual([]);
  }, 90_000);

  it('a broken menu shows the finding, and picking it selects and centres the node', async () => {
    // Select the voicemail, then break the menu: key 2 no longer goes anywhere.
    await node('Voicemail voicemail').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe('voicemail');
    await node('Menu menu').click();
    await inspector.getByLabel('Option 2 next').selectOption('');

    const problems = page.getByRole('region', { name: 'Problems' });
    const finding = problems.getByRole('button', { name: /dead-end/ });
    await expect.poll(() => finding.count()).toBe(1);
    await expect.poll(() => finding.innerText()).toContain('"2"');
    await expect.poll(() => node('Menu menu').locator('.badge-error').innerText()).toBe('1');

    // Pick another node, then the finding: the menu is selected again.
    await node('Voicemail voicemail').click();
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe('voicemail');
    await finding.click();
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe('menu');
    await expect.poll(() => node('Menu menu').getAttribute('class')).toContain('selected');
    // Centred: the node's middle is near the canvas's middle.
    const canvas = (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
    await page.waitForTimeout(400);
    const menu = (await node('Menu menu').boundingBox())!;
    expect(Math.abs(menu.x + menu.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(40);
    expect(Math.abs(menu.y + menu.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(40);
  }, 60_000);
});
