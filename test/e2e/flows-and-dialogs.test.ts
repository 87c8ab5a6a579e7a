/**
 * The designer on a laptop screen (1280×800), as a CX designer uses it: every
 * import and export note listed in Problems, a call that ends with its flow,
 * unsaved flows that stay in the list until saved or discarded, in-page
 * dialogs for names and confirmations, and the keyboard shortcuts in Help.
 * Screenshots of the dialogs and of Problems with notes go to the system's
 * temporary folder (zeroout-*.png) to be looked at.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../support/corpus.ts';
import { fitView, pageErrors, settle, useDesigner } from './harness.ts';

const CALLBACK_FILE = corpusPath('amazon-connect', 'amazon-connect__amazon-connect-snippets__CreateCallbackFlow.json');
const HOLIDAY_FILE = corpusPath('amazon-connect', 'amazon-connect__amazon-connect-salesforce-scv__Sample-Holiday-Check.json');

const { designer } = useDesigner();

/** A page the size of a laptop screen, on the designer (a flow open when named), that counts the browser's prompts, confirms and alerts. */
async function laptop(flow?: string): Promise<Page & { browserDialogs: number }> {
  const context = await designer().browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = (await designer().newPage(context)) as Page & { browserDialogs: number };
  page.browserDialogs = 0;
  page.on('dialog', (dialog) => {
    // Leaving with unsaved changes asks (beforeunload), and a reload goes ahead; no other question is the browser's.
    if (dialog.type() === 'beforeunload') return void dialog.accept();
    page.browserDialogs++;
    void dialog.dismiss();
  });
  await page.goto(flow === undefined ? designer().url : `${designer().url}?flow=${flow}`);
  if (flow !== undefined) {
    await page.locator('[aria-roledescription="node"]').first().waitFor();
    await settle(page);
    await fitView(page);
  }
  return page;
}

/** Brings a panel to the front when the panels are tabs (a laptop screen has room for one at a time). */
async function showPanel(page: Page, name: string): Promise<Locator> {
  const tab = page.getByRole('tab', { name: new RegExp(`^${name}`) });
  if ((await tab.count()) > 0) await tab.click();
  return page.getByRole('region', { name });
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(tmpdir(), `zeroout-${name}.png`) });

/** Imports a file with the Import button, as a person picks it. */
async function importFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles(file);
  await page.locator('[aria-roledescription="node"]').first().waitFor();
  await settle(page);
  await fitView(page);
}

/** "1 note", "2 notes", "0 errors": how a count must read. */
const counted = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The Problems heading's counts, checked against the rows listed. */
async function expectCountsMatchRows(problems: Locator): Promise<void> {
  const rows = problems.getByRole('listitem');
  const labels = await rows.locator('.severity').allInnerTexts();
  const n = (label: string) => labels.filter((l) => l === label).length;
  expect(await problems.locator('.counts').innerText()).toBe(`${counted(n('Error'), 'error')}, ${counted(n('Warning'), 'warning')}, ${counted(n('Note'), 'note')}`);
}

const flowPicker = (page: Page) => page.getByLabel('Open flow');
const optionTexts = (page: Page) => flowPicker(page).locator('option').allInnerTexts();

describe('every note listed', () => {
  it('lists an import\'s notes and an export\'s in Problems, each picking its node, and spells the counts right', async () => {
    const page = await laptop();
    await importFile(page, CALLBACK_FILE);
    // One note, said as one.
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/with \d+ nodes and 1 import note \(listed in Problems\)\./);
    const problems = await showPanel(page, 'Problems');
    const notes = problems.getByRole('button', { name: /import-note/ });
    await expect.poll(() => notes.count()).toBe(1);
    expect(await notes.innerText()).toContain('legacy console export');
    await expectCountsMatchRows(problems);
    expect(await problems.locator('.counts').innerText()).toMatch(/, 1 note$/);

    // A flow whose note names a node: picking the note selects the node and shows it in the inspector.
    await importFile(page, HOLIDAY_FILE);
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('and 2 import notes (listed in Problems)');
    await expect.poll(() => notes.count()).toBe(2);
    const hours = notes.filter({ hasText: 'hours of operation' });
    // The note starts with its node as the canvas names it (a Connect UUID is named by what the step does).
    const named = (await hours.locator('.problem-node').innerText()).replace(/:\s*$/, '');
    expect(named).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const start = named.replace(/…$/, '');
    await hours.click();
    await expect.poll(async () => (await page.locator('.node-card.is-selected .node-title').innerText()).startsWith(start)).toBe(true);
    const selected = page.locator('.node-card.is-selected');
    await expect.poll(() => selected.count()).toBe(1);
    expect(await selected.innerText()).toContain(start);
    await expectCountsMatchRows(problems);

    // An export's notes join them, as many as its notice counts.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Twilio Studio' }).click();
    await download;
    const notice = page.locator('.notice').filter({ hasText: 'Exported to Twilio Studio' });
    const exported = Number(/with (\d+) notes?/.exec(await notice.innerText())?.[1]);
    expect(exported).toBeGreaterThan(0);
    await expect.poll(() => problems.getByRole('button', { name: /export-note/ }).count()).toBe(exported);
    await expectCountsMatchRows(problems);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await problems.getByRole('button', { name: /import-note/ }).first().scrollIntoViewIfNeeded();
    await shot(page, 'problems-notes');
    expect(page.browserDialogs).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});

describe('the simulator belongs to the flow', () => {
  it('ends the call and clears its transcript when another flow is opened, or review mode', async () => {
    const page = await laptop('bank');
    const simulator = await showPanel(page, 'Simulator');
    const transcript = simulator.getByRole('list', { name: 'Transcript' });
    await simulator.getByLabel('Call time').fill('2025-03-04T10:15');
    await simulator.getByRole('button', { name: 'Start call' }).click();
    await expect.poll(() => transcript.innerText()).toContain('Thank you for calling First Harbor Bank.');
    await simulator.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1', exact: true }).click();
    await expect.poll(() => page.locator('.node-card.is-current').count()).toBe(1);

    await flowPicker(page).selectOption({ label: 'Maple Street Clinic: main line' });
    await page.getByRole('group', { name: /^Menu / }).first().waitFor();
    await expect.poll(() => transcript.count()).toBe(0);
    expect(await simulator.getByRole('group', { name: 'Keypad' }).count()).toBe(0);
    expect(await page.locator('.node-card.is-current, .node-card.is-visited').count()).toBe(0);
    expect(await simulator.innerText()).not.toContain('First Harbor');

    // A call on the clinic, then review mode: the reviewer starts with no call.
    await simulator.getByRole('button', { name: 'Start call' }).click();
    await expect.poll(() => transcript.count()).toBe(1);
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByText('Review mode: read-only').waitFor();
    await showPanel(page, 'Simulator');
    await expect.poll(() => transcript.count()).toBe(0);
    expect(await page.locator('.node-card.is-current').count()).toBe(0);
    await simulator.getByRole('button', { name: 'Start call' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});

describe('no draft is lost from sight', () => {
  it('keeps a new flow and an imported one in the list, marked unsaved, until one is saved and the other discarded', async () => {
    const page = await laptop('bank');
    await page.getByRole('button', { name: 'New flow' }).click();
    const ask = page.getByRole('dialog', { name: 'New flow' });
    await ask.getByLabel('Name of the new flow').fill('Claims line');
    await ask.getByLabel('Name of the new flow').press('Enter');
    await expect.poll(() => flowPicker(page).locator('option:checked').innerText()).toBe('Claims line (unsaved)');
    await page.getByRole('button', { name: 'Add Prompt' }).click();
    await page.locator('[aria-roledescription="node"]').first().waitFor();

    // Opening another flow leaves it in the list, marked unsaved.
    await flowPicker(page).selectOption({ label: 'First Harbor Bank: customer line' });
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    expect(await optionTexts(page)).toContain('Claims line (unsaved)');
    await importFile(page, CALLBACK_FILE);
    const imported = (await flowPicker(page).locator('option:checked').innerText()).replace(/ \(unsaved\)$/, '');
    await flowPicker(page).selectOption({ label: 'Maple Street Clinic: main line' });
    await page.getByRole('group', { name: /^Menu / }).first().waitFor();
    expect(await optionTexts(page)).toEqual(expect.arrayContaining(['Claims line (unsaved)', `${imported} (unsaved)`]));

    // Still listed after a reload, and opened again with its node.
    await page.reload();
    await page.getByRole('group', { name: /^Menu / }).first().waitFor();
    await expect.poll(() => optionTexts(page)).toEqual(expect.arrayContaining(['Claims line (unsaved)', `${imported} (unsaved)`]));
    await flowPicker(page).selectOption({ label: 'Claims line (unsaved)' });
    await expect.poll(() => page.locator('[aria-roledescription="node"]').count()).toBe(1);
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(1);

    // Discarding asks first; cancelled, nothing is lost.
    await page.getByRole('button', { name: 'Discard' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Discard this flow?' });
    expect(await confirm.innerText()).toContain('"Claims line" has never been saved');
    await shot(page, 'discard-dialog');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await optionTexts(page)).toContain('Claims line (unsaved)');
    await page.getByRole('button', { name: 'Discard' }).click();
    await confirm.getByRole('button', { name: 'Discard flow' }).click();
    await expect.poll(() => optionTexts(page)).not.toContain('Claims line (unsaved)');
    await page.getByText('Open a flow from the list, or start a new one.').waitFor();

    // The imported flow, saved, is listed as saved.
    await flowPicker(page).selectOption({ label: `${imported} (unsaved)` });
    await page.locator('[aria-roledescription="node"]').first().waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/^Saved flows\//);
    await expect.poll(() => optionTexts(page)).toContain(imported);
    expect((await optionTexts(page)).filter((t) => t.endsWith('(unsaved)'))).toEqual([]);
    await page.reload();
    await page.locator('[aria-roledescription="node"]').first().waitFor();
    expect((await optionTexts(page)).filter((t) => t.endsWith('(unsaved)'))).toEqual([]);
    expect(page.browserDialogs).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('discards a saved flow\'s unsaved changes only when confirmed, and Undo brings them back', async () => {
    const page = await laptop('clinic');
    const first = page.locator('[aria-roledescription="node"]').first();
    const label = (await first.getAttribute('aria-label'))!;
    await first.click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByRole('group', { name: label, exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('alertdialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('group', { name: label, exact: true }).waitFor();
    expect(await page.getByText('All changes saved').count()).toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('group', { name: label, exact: true }).count()).toBe(0);
  }, 60_000);

  it('keeps an edit made just before a reload', async () => {
    const page = await laptop('utility-outage');
    const first = (designer().readFlow('utility-outage').nodes as { id: string; name?: string }[])[0]!;
    await page.getByRole('group', { name: new RegExp(` ${first.name ?? first.id}$`) }).first().click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Name', { exact: true }).fill('Edited just before');
    // No pause: the reload follows the edit at once.
    await page.reload();
    await page.getByRole('group', { name: / Edited just before$/ }).waitFor();
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(1);
    expect((designer().readFlow('utility-outage').nodes as { name?: string }[])[0]!.name).toBe(first.name);
  }, 60_000);
});

describe('in-page dialogs', () => {
  it('ask for a name in the page: focus moves in and back, Escape cancels, Enter answers', async () => {
    const page = await laptop('airline');
    const newFlow = page.getByRole('button', { name: 'New flow' });
    await newFlow.click();
    const ask = page.getByRole('dialog', { name: 'New flow' });
    const field = ask.getByLabel('Name of the new flow');
    // Focus is in the name, all of it selected, so typing replaces it.
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'new-flow-dialog');
    await page.keyboard.type('Never made');
    expect(await field.inputValue()).toBe('Never made');
    await page.keyboard.press('Escape');
    await expect.poll(() => ask.count()).toBe(0);
    await expect.poll(() => newFlow.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await optionTexts(page)).not.toContain('Never made (unsaved)');
    expect(await page.getByRole('group', { name: /^Menu / }).count()).toBeGreaterThan(0);

    // An empty name cannot be given.
    await newFlow.click();
    await field.fill('  ');
    expect(await ask.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await field.press('Enter');
    expect(await ask.count()).toBe(1);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => newFlow.evaluate((el) => el === document.activeElement)).toBe(true);

    // Rename: the name as it is, replaced by typing, Enter to answer.
    const rename = page.getByRole('button', { name: 'Rename' });
    await rename.click();
    const renaming = page.getByRole('dialog', { name: 'Rename flow' });
    expect(await renaming.getByLabel('New name of the flow').inputValue()).toBe('Skyward Air: reservations and flight information');
    await page.keyboard.type('Skyward reservations');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe('skyward-reservations');
    expect(designer().readFlow('skyward-reservations')).toMatchObject({ name: 'Skyward reservations' });

    // Duplicate: the copy's name asked, with what it does.
    await page.getByRole('button', { name: 'Duplicate' }).click();
    const duplicate = page.getByRole('dialog', { name: 'Duplicate flow' });
    expect(await duplicate.getByRole('paragraph').innerText()).toContain('saved to flows/');
    await page.keyboard.type('Skyward, Spanish line');
    await shot(page, 'duplicate-dialog');
    await duplicate.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => designer().flowIds()).toContain('skyward-spanish-line');
    await expect.poll(() => flowPicker(page).locator('option:checked').innerText()).toBe('Skyward, Spanish line');
    expect(page.browserDialogs).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('leave the canvas alone while open: Delete in a dialog deletes no node', async () => {
    const page = await laptop('bank');
    const before = await page.locator('[aria-roledescription="node"]').count();
    await page.getByRole('group', { name: 'Prompt Goodbye' }).click();
    await page.getByRole('button', { name: 'Rename' }).click();
    const ask = page.getByRole('dialog', { name: 'Rename flow' });
    await ask.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+A');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('[aria-roledescription="node"]').count()).toBe(before);
    expect(await page.locator('.node-card.is-selected').count()).toBe(1);
  }, 60_000);
});

describe('keyboard and help', () => {
  it('opens Help with ? or the Help button, listing the shortcuts, and closes with Escape', async () => {
    const page = await laptop('bank');
    await page.getByRole('group', { name: 'Menu Main menu' }).click();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const row = (name: string) => help.getByRole('row', { name });
    expect(await row('Save the flow').innerText()).toMatch(/Ctrl\s*\+\s*S/);
    expect(await row('Undo').innerText()).toMatch(/Ctrl\s*\+\s*Z/);
    expect(await row('Redo').innerText()).toMatch(/Ctrl\s*\+\s*Shift\s*\+\s*Z\s+or\s+Ctrl\s*\+\s*Y/);
    for (const action of ['Copy the selected nodes', 'Paste the copied nodes', 'Duplicate the selected nodes', 'Select every node', 'Delete the selection', 'This help']) {
      expect(await row(action).count(), action).toBe(1);
    }
    await shot(page, 'help-dialog');
    // Shortcuts do nothing behind it.
    const before = await page.locator('[aria-roledescription="node"]').count();
    await page.keyboard.press('Control+D');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(await page.locator('[aria-roledescription="node"]').count()).toBe(before);

    // The Help button opens it too, and focus comes back to it.
    const button = page.getByRole('button', { name: 'Help' });
    await button.click();
    await help.waitFor();
    await help.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(() => button.evaluate((el) => el === document.activeElement)).toBe(true);

    // ? typed in a field is a question mark, not help.
    await page.getByRole('group', { name: 'Menu Main menu' }).click();
    const name = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Name', { exact: true });
    await name.fill('Main menu');
    await name.press('?');
    expect(await name.inputValue()).toBe('Main menu?');
    expect(await help.count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});
