/**
 * The rest of what a designer does by hand: delete, undo and redo, copy and
 * paste, duplicate; the flow list; the analysis overlays; speech, silence and
 * hang-up in a call.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageErrors, showPanel, useDesigner } from './harness.ts';

const { designer, openFlow } = useDesigner();

const nodeCount = (page: Page) => page.locator('[aria-roledescription="node"]').count();

describe('editing on the canvas', () => {
  it('deletes a node with the Delete key, and undo and redo bring it back and take it away', async () => {
    const page = await openFlow('clinic');
    const before = await nodeCount(page);
    const first = page.locator('[aria-roledescription="node"]').first();
    const label = (await first.getAttribute('aria-label'))!;
    await first.click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeCount(page)).toBe(before - 1);
    expect(await page.getByRole('group', { name: label, exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => nodeCount(page)).toBe(before);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => nodeCount(page)).toBe(before - 1);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => nodeCount(page)).toBe(before);
    await page.getByRole('group', { name: label, exact: true }).waitFor();
  }, 60_000);

  it('copies and pastes a node, and duplicates one, with fresh ids', async () => {
    const page = await openFlow('bank');
    const before = await nodeCount(page);
    await page.getByRole('group', { name: 'Prompt Goodbye' }).click();
    await page.keyboard.press('Control+C');
    await page.keyboard.press('Control+V');
    await expect.poll(() => nodeCount(page)).toBe(before + 1);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe('goodbye-2');
    await page.keyboard.press('Control+D');
    await expect.poll(() => nodeCount(page)).toBe(before + 2);
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe('goodbye-3');
    expect(await page.getByRole('group', { name: 'Prompt Goodbye' }).count()).toBe(3);
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(1);
  }, 60_000);

  it('renames a node id in the inspector, and its edges follow', async () => {
    const page = await openFlow('bank');
    await page.getByRole('group', { name: 'Queue Customer service' }).click();
    const id = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Node id');
    await id.fill('front-desk');
    await id.press('Enter');
    await expect.poll(() => page.getByRole('group', { name: /^0 from Main menu to Customer service$/ }).count()).toBe(1);
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect.poll(() => problems.innerText()).toContain('No problems');
  }, 60_000);
});

describe('the inspector', () => {
  it('says what is wrong with a field as it is typed, and the flow cannot be called until it is fixed', async () => {
    const page = await openFlow('bank');
    await page.getByRole('group', { name: 'Queue Customer service' }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const queue = inspector.getByLabel('Queue', { exact: true });
    const name = await queue.inputValue();
    await queue.fill('');
    await expect.poll(() => inspector.getByRole('alert').innerText()).toMatch(/at least 1|too small|empty/i);
    expect(await queue.getAttribute('aria-invalid')).toBe('true');
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect.poll(() => problems.innerText()).toContain('schema');
    await showPanel(page, 'Simulator');
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await expect.poll(() => simulator.innerText()).toContain('no schema problems');
    expect(await simulator.getByRole('button', { name: 'Start call' }).count()).toBe(0);
    await queue.fill(name);
    await simulator.getByRole('button', { name: 'Start call' }).waitFor();
    await showPanel(page, 'Problems');
    await expect.poll(() => problems.innerText()).toContain('No problems');
    expect(await inspector.getByRole('alert').count()).toBe(0);
  }, 60_000);
});

describe('the flow list', () => {
  it('duplicates and renames flows, saved in flows/', async () => {
    const page = await openFlow('utility-outage');
    await page.getByRole('button', { name: 'Duplicate' }).click();
    const duplicate = page.getByRole('dialog', { name: 'Duplicate flow' });
    expect(await duplicate.getByLabel('Name of the copy').inputValue()).toBe('Northfield Power: outages and billing (copy)');
    await duplicate.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe('utility-outage-copy');
    expect(designer().flowIds()).toContain('utility-outage-copy');
    await page.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename flow' });
    await rename.getByLabel('New name of the flow').fill('Storm line');
    await rename.getByLabel('New name of the flow').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe('storm-line');
    expect(designer().flowIds()).toContain('storm-line');
    expect(designer().flowIds()).not.toContain('utility-outage-copy');
    expect(designer().readFlow('storm-line')).toMatchObject({ id: 'storm-line', name: 'Storm line' });
    const picker = page.getByLabel('Open flow');
    await expect.poll(() => picker.locator('option:checked').innerText()).toBe('Storm line');
    await picker.selectOption('bank');
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
  }, 60_000);
});

describe('the analysis on the canvas', () => {
  it('draws trap loops in red, hatches nodes with no route to help, and shows seconds to a person', async () => {
    const page = await openFlow('runaround');
    await expect.poll(() => page.locator('.edge-trap').count()).toBeGreaterThan(0);
    expect(await page.locator('.node-card.no-route').count()).toBeGreaterThan(0);
    const bank = await openFlow('bank');
    expect(await bank.locator('.node-time').count()).toBe(0);
    await bank.getByLabel('Seconds to a person').check();
    await expect.poll(() => bank.getByRole('group', { name: 'Menu Main menu' }).innerText()).toMatch(/\d+ s to a person/);
  }, 60_000);
});

describe('test coverage', () => {
  it('shows the nodes no test call reaches, and generated test calls reach them and pass', async () => {
    const page = await openFlow('bank');
    await page.getByLabel('Test coverage').check();
    const missed = page.locator('.node-card.not-covered');
    await expect.poll(() => missed.count()).toBe(4);
    expect(await page.getByRole('group', { name: 'Queue Card security (24/7)' }).locator('.node-card.not-covered').count()).toBe(1);
    await showPanel(page, 'Simulator');
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await simulator.getByRole('button', { name: 'Generate test calls' }).click();
    await expect.poll(() => simulator.getByRole('status').first().innerText()).toBe('Added 4 test calls, one for each node no test call reached.');
    await expect.poll(() => missed.count()).toBe(0);
    await simulator.getByRole('button', { name: 'Run test calls' }).click();
    const results = simulator.getByRole('list', { name: 'Test call results' });
    await expect.poll(() => results.innerText()).toContain('Reaches Card security (24/7)');
    expect(await results.innerText()).not.toContain('Fail');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => (designer().readFlow('bank').tests as unknown[]).length).toBe(9);
  }, 60_000);
});

describe('key tones', () => {
  it('sounds each key press as its two DTMF frequencies', async () => {
    const page = await designer().newPage();
    await page.addInitScript(() => {
      // Counts the frequencies the page asks the audio system to play.
      const played: number[] = [];
      (window as unknown as { played: number[] }).played = played;
      class FakeContext {
        currentTime = 0;
        destination = {};
        createGain() {
          return { gain: { value: 1 }, connect() {} };
        }
        createOscillator() {
          const oscillator = { frequency: { value: 0 }, connect() {}, start() { played.push(oscillator.frequency.value); }, stop() {} };
          return oscillator;
        }
      }
      (window as unknown as { AudioContext: unknown }).AudioContext = FakeContext;
    });
    await page.goto(`${designer().url}?flow=bank`);
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    await showPanel(page, 'Simulator');
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await simulator.getByRole('button', { name: 'Start call' }).click();
    await simulator.getByRole('button', { name: '1', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { played: number[] }).played)).toEqual([697, 1209]);
  }, 60_000);
});

describe('a call that is not only keys', () => {
  it('answers speech, counts silence, and ends when the caller hangs up', async () => {
    const page = await openFlow('bank');
    await page.evaluate(() => {
      // Speech synthesis is what the browser does with it; the test counts what was asked.
      const spoken: string[] = [];
      (window as unknown as { spoken: string[] }).spoken = spoken;
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void spoken.push(u.text);
    });
    await showPanel(page, 'Simulator');
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await simulator.getByLabel('Speak prompts').check();
    await simulator.getByLabel('Call time').fill('2025-03-04T10:15');
    await simulator.getByRole('button', { name: 'Start call' }).click();
    await simulator.getByRole('button', { name: 'Stay silent' }).click();
    const transcript = simulator.getByRole('list', { name: 'Transcript' });
    await expect.poll(() => transcript.innerText()).toContain('(silence)');
    await simulator.getByLabel('Say…').fill('representative');
    await simulator.getByRole('button', { name: 'Say', exact: true }).click();
    await expect.poll(() => transcript.innerText()).toContain('said "representative"');
    const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    expect(spoken[0]).toContain('Thank you for calling First Harbor Bank');

    await simulator.getByRole('button', { name: 'Start call' }).click();
    await simulator.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => simulator.getByRole('status').innerText()).toMatch(/^The caller hung up/);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});
