/**
 * The designer as a static site working on a folder of the user's disk (the
 * File System Access API). The folder is granted by replacing the browser's
 * directory picker with one that answers a folder of the Origin Private File
 * System: a real FileSystemDirectoryHandle, which the test reads and writes
 * behind the page's back as an editor or git would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fitView, root, settle, useStaticHost } from './harness.ts';

/** The folder the picker answers: a sub-folder of the Origin Private File System. */
const FOLDER = 'team-flows';

const { url, freshPage: newPage } = useStaticHost();

/** A new browser whose directory picker answers the folder FOLDER, and a page in it, counting the errors the page throws. */
const freshPage = () =>
  newPage((context) =>
    context.addInitScript((folder: string) => {
      (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
    }, FOLDER)
  );

/** Writes files into the folder, behind the page's back. */
function writeFiles(page: Page, files: Record<string, string>): Promise<void> {
  return page.evaluate(
    async ({ folder, files }) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
      for (const [name, text] of Object.entries(files)) {
        const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
        await writable.write(text);
        await writable.close();
      }
    },
    { folder: FOLDER, files }
  );
}

/** Every file in the folder, by name, with its text. */
function folderFiles(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async (folder) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
    const files: Record<string, string> = {};
    for await (const entry of (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
      if (entry.kind === 'file') files[entry.name] = await (await (entry as FileSystemFileHandle).getFile()).text();
    }
    return files;
  }, FOLDER);
}

const flowPicker = (page: Page) => page.getByRole('combobox', { name: 'Open flow' });
const notice = (page: Page) => page.getByRole('status').first();
const alert = (page: Page) => page.getByRole('alert').first();
const nodeCount = (text: string | undefined) => (JSON.parse(text ?? '{}') as { nodes?: unknown[] }).nodes?.length;

/** Opens the Flows menu and clicks one of its buttons. */
async function fromFlowsMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Flows', exact: true }).click();
  await page.getByRole('button', { name, exact: true }).click();
}

describe('a folder opened on a static host', () => {
  it('lists, saves, keeps a change made on disk, and takes comments, in the folder; and offers it again on the next visit', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(url());
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    await page.getByText('In this browser only', { exact: true }).waitFor();
    await writeFiles(page, {
      'clinic.ivr.json': readFileSync(path.join(root, 'flows', 'clinic.ivr.json'), 'utf8'),
      'runaround.ivr.json': readFileSync(path.join(root, 'flows', 'runaround.ivr.json'), 'utf8'),
      'broken.ivr.json': '{ "id": "broken", ',
      'notes.txt': 'not a flow'
    });

    // Open folder…: the folder's flows, and only those, the broken one said to be unreadable.
    await fromFlowsMenu(page, 'Open folder…');
    const place = page.getByText(`In the folder ${FOLDER}`, { exact: true });
    await place.waitFor();
    expect(await place.getAttribute('title')).toContain(`"${FOLDER}" on your disk`);
    await expect.poll(() => flowPicker(page).locator('option').allInnerTexts()).toEqual(['Choose a flow…', 'broken (unreadable)', 'Maple Street Clinic: main line', 'Metro Cable: support line (bad example)']);
    // The address's flow was this browser's, not the folder's.
    expect(new URL(page.url()).searchParams.get('flow')).toBeNull();

    // Draw, save: the file on disk has the node.
    await flowPicker(page).selectOption('clinic');
    await page.getByRole('group', { name: /^Menu / }).first().waitFor();
    await fitView(page);
    const nodes = page.locator('[aria-roledescription="node"]');
    const before = await nodes.count();
    await page.getByRole('button', { name: 'Add Voicemail' }).click();
    await expect.poll(() => nodes.count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => notice(page).innerText()).toContain(`Saved clinic.ivr.json in ${FOLDER}.`);
    expect(nodeCount((await folderFiles(page))['clinic.ivr.json'])).toBe(before + 1);

    // The next visit offers the folder again; reopened, the flow is there with the node.
    await page.reload();
    const reopen = page.getByRole('button', { name: `Reopen folder ${FOLDER}` });
    await reopen.waitFor();
    await page.screenshot({ path: path.join(root, 'test-results', 'folder-reopen.png') });
    await reopen.click();
    await page.getByRole('group', { name: /^Menu / }).first().waitFor();
    await page.getByText(`In the folder ${FOLDER}`, { exact: true }).waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(root, 'test-results', 'folder-open.png') });
    expect(await flowPicker(page).inputValue()).toBe('clinic');
    await fitView(page);
    await expect.poll(() => nodes.count()).toBe(before + 1);
    expect(await page.getByText('All changes saved', { exact: true }).count()).toBe(1);

    // Changed on disk while open: Save never overwrites it, and keeps this version beside it.
    const onDisk = JSON.parse((await folderFiles(page))['clinic.ivr.json']!) as Record<string, unknown>;
    const changed = `${JSON.stringify({ ...onDisk, name: 'Clinic, changed in an editor' }, null, 2)}\n`;
    await writeFiles(page, { 'clinic.ivr.json': changed });
    await page.getByRole('button', { name: 'Add Prompt' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => alert(page).innerText()).toMatch(new RegExp(`^Conflict: clinic\\.ivr\\.json in ${FOLDER} was saved elsewhere since you opened it\\. Your version is saved as clinic-conflict-[0-9a-z]+\\.ivr\\.json in ${FOLDER}`));
    await expect.poll(() => flowPicker(page).inputValue()).toMatch(/^clinic-conflict-[0-9a-z]+$/);
    const afterConflict = await folderFiles(page);
    expect(afterConflict['clinic.ivr.json']).toBe(changed);
    const copies = Object.keys(afterConflict).filter((name) => /^clinic-conflict-[0-9a-z]+\.ivr\.json$/.test(name));
    expect(copies).toHaveLength(1);
    const copy = JSON.parse(afterConflict[copies[0]!]!) as { id: string; name: string; nodes: unknown[] };
    expect(copy.id).toBe(copies[0]!.replace(/\.ivr\.json$/, ''));
    expect(copy.name).toBe('Maple Street Clinic: main line (my version)');
    expect(copy.nodes).toHaveLength(before + 2);

    // A comment in review mode lands in <id>.review.json beside the flow.
    await flowPicker(page).selectOption('clinic');
    await expect.poll(() => flowPicker(page).inputValue()).toBe('clinic');
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    const menu = page.getByRole('group', { name: /^Menu / }).first();
    await settle(page);
    await menu.click();
    const comments = page.getByRole('complementary', { name: 'Comments' });
    await comments.getByLabel('Your name').fill('Dana');
    await comments.getByLabel('Comment', { exact: true }).fill('Say the opening hours first.');
    await comments.getByRole('button', { name: 'Add comment' }).click();
    await comments.getByRole('article', { name: 'Comment by Dana' }).waitFor();
    const review = JSON.parse((await folderFiles(page))['clinic.review.json'] ?? '{}') as { flow?: string; comments?: { author: string; text: string }[] };
    expect(review.flow).toBe('clinic');
    expect(review.comments?.map((c) => [c.author, c.text])).toEqual([['Dana', 'Say the opening hours first.']]);
    await page.getByRole('button', { name: 'Back to editing' }).click();

    // Use this browser: back to the flows kept here, and the next visit no longer offers the folder.
    await fromFlowsMenu(page, 'Use this browser');
    await page.getByText('In this browser only', { exact: true }).waitFor();
    await page.reload();
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    expect(await page.getByRole('button', { name: `Reopen folder ${FOLDER}` }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
