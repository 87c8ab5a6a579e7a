/**
 * A reviewer calls a flow through the keypad; a designer saves and reloads,
 * imports a real Twilio Studio flow and exports it to Amazon Connect; two
 * tabs edit one flow and lose nothing; markup in a prompt stays text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { simulate } from '../../src/core/simulate/traffic.ts';
import { exampleFlow } from '../support/build.ts';
import { pageErrors, showPanel, useDesigner } from './harness.ts';
import { corpusPath } from '../support/corpus.ts';

const TWILIO_FILE = corpusPath('twilio-studio', 'twilio-professional-services__flex-project-template__voice-flow.json');

const { designer, openFlow } = useDesigner();

const inspectorOf = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

describe('a simulated call', () => {
  it('reaches a person through the keypad, with the transcript as the caller hears it', async () => {
    const page = await openFlow('bank');
    await showPanel(page, 'Simulator');
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await simulator.getByLabel('Call time').fill('2025-03-04T10:15');
    await simulator.getByRole('button', { name: 'Start call' }).click();
    const transcript = simulator.getByRole('list', { name: 'Transcript' });
    await expect.poll(() => transcript.innerText()).toContain('Thank you for calling First Harbor Bank.');
    // The call waits at the main menu, highlighted on the canvas.
    await expect.poll(() => page.getByRole('group', { name: 'Menu Main menu' }).locator('.node-card').getAttribute('class')).toContain('is-current');
    await simulator.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '0', exact: true }).click();
    await expect.poll(() => simulator.getByRole('status').innerText()).toMatch(/^Reached a person at “Customer service” after \d+ s/);
    const lines = await transcript.innerText();
    expect(lines).toContain('pressed 0');
    expect(lines).toMatch(/0:\d\d/);
    // The keypad is done with; the route is drawn on the canvas.
    expect(await simulator.getByRole('button', { name: '1', exact: true }).isDisabled()).toBe(true);
    await expect.poll(() => page.locator('.edge-route').count()).toBeGreaterThan(0);

    // Kept as a test call of the flow, which then passes.
    await simulator.getByLabel('Test call name').fill('Zero at the main menu');
    await simulator.getByRole('button', { name: 'Save as test call' }).click();
    await expect.poll(() => simulator.getByRole('heading', { name: /Test calls/ }).innerText()).toBe('Test calls (6)');
    await simulator.getByRole('button', { name: 'Run test calls' }).click();
    const results = simulator.getByRole('list', { name: 'Test call results' });
    await expect.poll(() => results.innerText()).toContain('Pass Zero at the main menu');
    expect(await results.innerText()).not.toContain('Fail');
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});

describe('simulated traffic', () => {
  it('runs calls in a worker with progress, shows the shares and a histogram, and heats the canvas', async () => {
    const page = await openFlow('bank');
    await showPanel(page, 'Traffic');
    const traffic = page.getByRole('region', { name: 'Traffic' });
    await traffic.getByLabel('Calls').fill('20000');
    await traffic.getByLabel('Seed').fill('7');
    await traffic.getByRole('button', { name: 'Run traffic' }).click();
    const bar = traffic.getByRole('progressbar', { name: 'Simulated calls' });
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('100');
    const shares = traffic.getByRole('list', { name: 'Outcomes' });
    await expect.poll(() => shares.innerText()).toMatch(/\d+\.\d% reached a person/);
    // The same seed gives what the command line gives.
    const cli = simulate(exampleFlow('bank'), 20000, { seed: 7 });
    expect(await shares.innerText()).toContain(`${(cli.outcomes.person * 100).toFixed(1)}% reached a person`);
    const bars = traffic.getByRole('img', { name: /Time to a person, in bins of \d+ seconds/ }).locator('.bar');
    expect(await bars.count()).toBeGreaterThan(3);
    // The CX scorecard, pillar by pillar, with what each rating rests on.
    const card = traffic.getByRole('table', { name: 'CX scorecard' });
    await expect.poll(() => card.getByRole('row').count()).toBe(6);
    expect(await card.getByRole('row', { name: /^integrity good / }).count()).toBe(1);
    expect(await card.getByRole('row', { name: /^resolution / }).innerText()).toContain('of callers got help');
    await traffic.getByLabel('Traffic heat on the canvas').check();
    const menu = page.getByRole('group', { name: 'Menu Main menu' }).locator('.node-card');
    await expect.poll(() => menu.getAttribute('data-traffic')).toBe('1.000');
    expect(Number(await page.getByRole('group', { name: 'Queue Card security (24/7)' }).locator('.node-card').getAttribute('data-traffic'))).toBeLessThan(0.5);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});

describe('saving', () => {
  it('a saved change is there after a reload, in the file and on the canvas', async () => {
    const page = await openFlow('clinic');
    const before = designer().readFlow('clinic');
    const first = (before.nodes as { id: string; name?: string }[])[0]!;
    await page.getByRole('group', { name: new RegExp(` ${first.name ?? first.id}$`) }).first().click();
    await inspectorOf(page).getByLabel('Name', { exact: true }).fill('Greeting, revised');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Saved flows/clinic.ivr.json');
    const after = designer().readFlow('clinic');
    expect((after.nodes as { name?: string }[])[0]!.name).toBe('Greeting, revised');
    // Nothing else changed in the file.
    expect({ ...after, nodes: (after.nodes as object[]).slice(1) }).toEqual({ ...before, nodes: (before.nodes as object[]).slice(1) });

    await page.reload();
    await page.getByRole('group', { name: / Greeting, revised$/ }).waitFor();
    expect(await page.getByText('All changes saved').count()).toBe(1);
  }, 60_000);

  it('an unsaved edit survives a reload', async () => {
    const page = await openFlow('utility-outage');
    const first = (designer().readFlow('utility-outage').nodes as { id: string; name?: string }[])[0]!;
    await page.getByRole('group', { name: new RegExp(` ${first.name ?? first.id}$`) }).first().click();
    await inspectorOf(page).getByLabel('Name', { exact: true }).fill('Not saved yet');
    await page.waitForTimeout(400);
    await page.reload();
    await page.getByRole('group', { name: / Not saved yet$/ }).waitFor();
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(1);
    // The file itself is untouched.
    expect((designer().readFlow('utility-outage').nodes as { name?: string }[])[0]!.name).toBe(first.name);
  }, 60_000);

  it('two tabs editing one flow lose nothing: the stale save is kept beside the newer one', async () => {
    const a = await openFlow('airline');
    const b = await openFlow('airline');
    const first = (designer().readFlow('airline').nodes as { id: string; name?: string }[])[0]!;
    const rename = async (page: Page, name: string) => {
      await page.getByRole('group', { name: new RegExp(` ${first.name ?? first.id}$`) }).first().click();
      await inspectorOf(page).getByLabel('Name', { exact: true }).fill(name);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
    };
    await rename(a, 'Saved in tab A');
    await expect.poll(() => a.getByRole('status').first().innerText()).toContain('Saved flows/airline.ivr.json');
    await rename(b, 'Saved in tab B');
    const conflict = b.getByRole('alert').filter({ hasText: 'Conflict' });
    await expect.poll(() => conflict.innerText()).toMatch(/saved elsewhere/);
    // Tab A's save stands; tab B's is its own file.
    expect((designer().readFlow('airline').nodes as { name?: string }[])[0]!.name).toBe('Saved in tab A');
    const copies = designer().flowIds().filter((id) => id.startsWith('airline-conflict-'));
    expect(copies).toHaveLength(1);
    expect((designer().readFlow(copies[0]!).nodes as { name?: string }[])[0]!.name).toBe('Saved in tab B');
    expect(await conflict.innerText()).toContain(`flows/${copies[0]}.ivr.json`);
  }, 60_000);
});

describe('vendor files', () => {
  it('imports a Twilio Studio flow, shows its problems, and exports it to Amazon Connect', async () => {
    const page = await designer().newPage();
    await page.goto(designer().url);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await (await chooser).setFiles(TWILIO_FILE);
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Imported .* \(twilio-studio\)/);
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect.poll(() => problems.innerText()).toContain('dead-end');
    expect(await problems.innerText()).toContain('failedToEnqueue');
    await page.getByRole('group', { name: 'Queue SendCallToAgent' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Amazon Connect' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { Version: string; StartAction: string; Actions: { Identifier: string; Type: string }[] };
    expect(exported.Version).toBe('2019-10-30');
    expect(exported.Actions.some((a) => a.Identifier === exported.StartAction)).toBe(true);
    expect(exported.Actions.some((a) => a.Type === 'TransferContactToQueue')).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('a file that is no flow gives an error naming it, and the open flow stays', async () => {
    const page = await openFlow('bank');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await (await chooser).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('notes.json could not be imported');
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
  }, 60_000);
});

describe('prompts are text', () => {
  it('markup typed into a prompt is shown as text and never runs', async () => {
    const page = await openFlow('bank');
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.getByRole('group', { name: 'Prompt Welcome' }).click();
    await inspectorOf(page).getByLabel('Prompt (en-US)').fill('<img src=x onerror=alert(1)>');
    const node = page.getByRole('group', { name: 'Prompt Welcome' });
    await expect.poll(() => node.innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('.react-flow img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
  }, 60_000);
});
