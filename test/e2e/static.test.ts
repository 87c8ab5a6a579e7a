/**
 * The designer as a static site: dist/ served by a plain static file server
 * (written here, with node:http; no Zero Out server behind it). Flows live in
 * the browser: the first visit shows the bank example; a saved edit survives
 * a reload; flows go out as files and come back in, never over another.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../support/corpus.ts';
import { fitView, root, settle, useStaticHost } from './harness.ts';

/** A new browser (its own, empty storage) and a page in it, with the errors the page throws: `freshPage()`. */
const { url, freshPage } = useStaticHost();

const flowPicker = (page: Page) => page.getByRole('combobox', { name: 'Open flow' });
const notice = (page: Page) => page.getByRole('status').first();

/** Opens the Flows menu and clicks one of its buttons. */
async function fromFlowsMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Flows', exact: true }).click();
  await page.getByRole('button', { name, exact: true }).click();
}

async function downloaded(page: Page, name: string): Promise<{ file: string; text: string }> {
  const download = page.waitForEvent('download');
  await fromFlowsMenu(page, name);
  const file = await download;
  return { file: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

async function upload(page: Page, text: string, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await fromFlowsMenu(page, 'Upload…');
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('the designer on a static host', () => {
  it('opens the bank example on a first visit, and says the flows live in this browser only', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(url());
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    expect(await flowPicker(page).inputValue()).toBe('bank');
    expect(new URL(page.url()).searchParams.get('flow')).toBe('bank');
    // Every example is there, bundled into the build.
    expect(await flowPicker(page).locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['First Harbor Bank: customer line', 'Maple Street Clinic: main line']));
    const place = page.getByText('In this browser only', { exact: true });
    await place.waitFor();
    expect(await place.getAttribute('title')).toMatch(/No Zero Out server is behind this page/);
    await expect.poll(() => notice(page).innerText()).toMatch(/^Your flows are kept in this browser only \(no Zero Out server is behind this page\)\. Flows → Download all keeps a copy\./);
    await settle(page);
    await page.screenshot({ path: path.join(root, 'test-results', 'static-first-visit.png') });

    // The flow calls as it does with the server: a simulated call reaches the menu.
    await page.getByRole('tab', { name: 'Simulator', exact: true }).click();
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await simulator.getByRole('button', { name: 'Start call' }).click();
    await expect.poll(() => simulator.getByRole('list', { name: 'Transcript' }).innerText()).toContain('Thank you for calling First Harbor Bank.');

    // Said once: the next visit opens without it.
    await page.reload();
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    await page.getByText('In this browser only', { exact: true }).waitFor();
    expect(await page.getByText(/kept in this browser only/).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps flows in this browser where the folder API is missing (Firefox, Safari), and offers no folder', async () => {
    const { context, page, errors } = await freshPage();
    await context.addInitScript(() => {
      delete (window as unknown as Record<string, unknown>)['showDirectoryPicker'];
    });
    await page.goto(url());
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    await page.getByText('In this browser only', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Flows', exact: true }).click();
    for (const name of ['Download flow', 'Download all', 'Upload…']) await page.getByRole('button', { name, exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Open folder…', exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('runs traffic in its worker, imports a vendor file and exports one, with no server behind it', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(`${url()}?flow=bank`);
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    // Traffic: the simulation worker loads from the static host.
    await page.getByRole('tab', { name: 'Traffic', exact: true }).click();
    const traffic = page.getByRole('region', { name: 'Traffic' });
    await traffic.getByRole('button', { name: 'Run traffic' }).click();
    await expect.poll(() => traffic.getByRole('progressbar', { name: 'Simulated calls' }).getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(() => traffic.getByRole('list', { name: 'Outcomes' }).innerText()).toMatch(/\d+\.\d% reached a person/);
    // Export: the writers load with the first export.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Mermaid diagram' }).click();
    expect((await download).suggestedFilename()).toMatch(/^bank\..*\.mmd$/);
    // Import: the readers load with the first import.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await (await chooser).setFiles(corpusPath('twilio-studio', 'mbarry-owl__OrderLookupIVR__OrderLookupIVR-flow.json'));
    await expect.poll(() => notice(page).innerText()).toMatch(/Imported .* \(twilio-studio\)/);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps a saved edit over a reload, and carries flows out as files and back in under new ids', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(`${url()}?flow=bank`);
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    await fitView(page);
    const nodes = page.locator('[aria-roledescription="node"]');
    const before = await nodes.count();

    // Draw, save, reload: the node is there, saved.
    await page.getByRole('button', { name: 'Add Voicemail' }).click();
    await expect.poll(() => nodes.count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => notice(page).innerText()).toContain('Saved bank.ivr.json in this browser.');
    await page.reload();
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    await fitView(page);
    await expect.poll(() => nodes.count()).toBe(before + 1);
    expect(await page.getByText('All changes saved', { exact: true }).count()).toBe(1);

    // Download flow: the open flow's file, with the node.
    const one = await downloaded(page, 'Download flow');
    expect(one.file).toBe('bank.ivr.json');
    const flow = JSON.parse(one.text) as { id: string; nodes: { kind: string }[] };
    expect(flow.id).toBe('bank');
    expect(flow.nodes).toHaveLength(before + 1);

    // Uploaded back, it takes a new id rather than overwrite bank, and opens.
    await upload(page, one.text, 'bank.ivr.json');
    await expect.poll(() => flowPicker(page).inputValue()).toBe('bank-2');
    await expect.poll(() => notice(page).innerText()).toMatch(/Uploaded flow "bank-2" from bank\.ivr\.json into this browser\. Ids already taken were not overwritten: uploaded "bank" as "bank-2"\./);
    await fitView(page);
    await expect.poll(() => nodes.count()).toBe(before + 1);
    expect(await flowPicker(page).locator('option:checked').innerText()).toBe('First Harbor Bank: customer line (uploaded)');

    // Download all: every flow of this browser in one file, bank with the saved node.
    const all = await downloaded(page, 'Download all');
    expect(all.file).toBe('zero-out-flows.json');
    const bundle = JSON.parse(all.text) as { zeroOutFlows: number; flows: { id: string; text: string }[] };
    expect(bundle.zeroOutFlows).toBe(1);
    expect(bundle.flows.map((f) => f.id)).toEqual(['airline', 'bank', 'bank-2', 'clinic', 'runaround', 'utility-outage']);
    expect((JSON.parse(bundle.flows[1]!.text) as { nodes: unknown[] }).nodes).toHaveLength(before + 1);

    // The bundle uploaded whole: six more flows, none overwritten.
    await upload(page, all.text, 'zero-out-flows.json');
    await expect.poll(() => notice(page).innerText()).toMatch(/^Uploaded 6 flows \(airline-2, bank-3, bank-2-2, clinic-2, runaround-2, utility-outage-2\) from zero-out-flows\.json/);
    expect(await flowPicker(page).locator('option').count()).toBe(1 + 12);

    // A file that is no flow is refused, saying where.
    await upload(page, '{"zeroOutFlows": 1, "flows": [{"id": "x"}]}', 'broken.json');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Not uploaded: broken.json at /flows/0/text: expected the flow file\'s text, a string');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('refuses a save from a stale tab, and keeps that version beside the other', async () => {
    const { context, page: a, errors } = await freshPage();
    await a.goto(`${url()}?flow=clinic`);
    await a.getByRole('group', { name: /^Menu / }).first().waitFor();
    const b = await context.newPage();
    await b.goto(`${url()}?flow=clinic`);
    await b.getByRole('group', { name: /^Menu / }).first().waitFor();

    await a.getByRole('button', { name: 'Add Voicemail' }).click();
    await a.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => notice(a).innerText()).toContain('Saved clinic.ivr.json in this browser.');

    await b.getByRole('button', { name: 'Add Prompt' }).click();
    await b.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => b.getByRole('alert').first().innerText()).toMatch(/^Conflict: clinic\.ivr\.json in this browser was saved elsewhere since you opened it\. Your version is saved as clinic-conflict-[0-9a-z]+\.ivr\.json in this browser/);
    await expect.poll(() => flowPicker(b).inputValue()).toMatch(/^clinic-conflict-/);
    // Both are kept: a's save in clinic, b's beside it.
    await b.reload();
    await b.getByRole('group', { name: /^Menu / }).first().waitFor();
    expect((await flowPicker(b).locator('option').allInnerTexts()).filter((t) => t.startsWith('Maple Street Clinic'))).toEqual(['Maple Street Clinic: main line', 'Maple Street Clinic: main line (my version)']);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps review comments in this browser, resolved and reopened across a reload', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(`${url()}?flow=bank&review=1`);
    const menu = page.getByRole('group', { name: 'Menu Main menu' });
    await menu.waitFor();
    await settle(page);
    await menu.click();
    const comments = page.getByRole('complementary', { name: 'Comments' });
    await expect.poll(() => comments.getByRole('heading').first().textContent()).toBe('Comments on Main menu');
    await comments.getByLabel('Your name').fill('Dana');
    await comments.getByLabel('Comment', { exact: true }).fill('Say "representative" before the options.');
    await comments.getByRole('button', { name: 'Add comment' }).click();
    const comment = comments.getByRole('article', { name: 'Comment by Dana' });
    await comment.waitFor();
    await expect.poll(() => menu.getByLabel('1 open comment').count()).toBe(1);
    await comment.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => comment.innerText()).toContain('Resolved by Dana');

    await page.reload();
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    const kept = page.getByRole('complementary', { name: 'Comments' }).getByRole('article', { name: 'Comment by Dana' });
    await expect.poll(() => kept.innerText()).toContain('Resolved by Dana');
    await kept.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Menu Main menu' }).getByLabel('1 open comment').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
