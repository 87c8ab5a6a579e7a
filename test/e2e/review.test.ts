/**
 * Review: the report's Mermaid diagram as Mermaid itself reads it, comparing
 * two versions of a flow on the canvas, and review mode with comments.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { marked, type Tokens } from 'marked';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup } from '../cli/helpers.ts';
import { bankReport, changedBank } from '../support/report.ts';
import { centreOf, drag, pageErrors, root, settle, showPanel, useDesigner } from './harness.ts';

const { designer, openFlow } = useDesigner();

afterAll(cleanup);

describe('the report for a pull request', () => {
  it('holds a Mermaid diagram that Mermaid parses', async () => {
    const markdown = await bankReport();
    const blocks = marked.lexer(markdown).filter((t): t is Tokens.Code => t.type === 'code' && t.lang === 'mermaid');
    expect(blocks).toHaveLength(1);
    const page = await designer().newPage();
    await page.setContent('<!doctype html><title>Mermaid</title>');
    await page.addScriptTag({ path: path.join(root, 'node_modules/mermaid/dist/mermaid.min.js') });
    const parse = (text: string) =>
      page.evaluate(async (source) => {
        const mermaid = (globalThis as unknown as { mermaid: { initialize(o: object): void; parse(t: string): Promise<{ diagramType: string }> } }).mermaid;
        mermaid.initialize({ startOnLoad: false });
        try {
          return (await mermaid.parse(source)).diagramType;
        } catch (error) {
          return `error: ${String(error)}`;
        }
      }, text);
    expect(await parse(blocks[0]!.text)).toBe('flowchart-v2');
    // The check can fail: a broken diagram is refused.
    expect(await parse(blocks[0]!.text.replace('-->|', '-->|"'))).toMatch(/^error: /);
    await page.close();
  });
});

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

describe('Compare with…', () => {
  it('marks what an unsaved edit changed against the saved version, and steps through the changes', async () => {
    const page = await openFlow('bank');
    // The designer deletes the after-hours menu, then compares with the saved file.
    await node(page, 'Menu Loans after hours').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => node(page, 'Menu Loans after hours').count()).toBe(0);
    await page.getByRole('button', { name: 'Compare with…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare with' });
    await expect.poll(() => dialog.getByLabel('Version to compare with').locator('option:checked').innerText()).toBe('The saved version of this flow');
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();

    const changes = page.getByRole('complementary', { name: 'Changes' });
    await changes.waitFor();
    expect(await changes.getByRole('status').innerText()).toMatch(/nodes: 1 changed, 1 removed/);
    // The removed menu is back as a ghost, and the prompt that led to it is marked changed.
    const ghost = node(page, 'Menu Loans after hours, removed');
    await ghost.waitFor();
    expect(await ghost.textContent()).toContain('Removed');
    expect(await node(page, 'Prompt Loans closed, changed').textContent()).toContain('Changed');
    // The routes that are gone are drawn, dashed, from where they left.
    expect(await page.locator('.react-flow__edge.edge-gone').count()).toBeGreaterThan(0);
    expect(await page.getByRole('group', { name: /^next was from loans-closed to removed loans-closed-menu$/ }).count()).toBe(1);

    const list = changes.getByRole('list', { name: 'Changed nodes' });
    expect(await list.getByRole('button').allInnerTexts()).toEqual([
      expect.stringMatching(/^Changed loans-closed \(prompt\): next/),
      expect.stringMatching(/^Removed loans-closed-menu \(menu\) removed/)
    ]);
    await changes.getByRole('button', { name: 'Next change' }).click();
    await expect.poll(() => list.getByRole('button').first().getAttribute('aria-current')).toBe('true');
    await changes.getByRole('button', { name: 'Next change' }).click();
    await expect.poll(() => list.getByRole('button').nth(1).getAttribute('aria-current')).toBe('true');
    // The ghost is selected and brought into view.
    await settle(page);
    await expect.poll(() => ghost.locator('.node-card').getAttribute('class')).toContain('is-selected');
    const box = await ghost.boundingBox();
    const pane = await page.getByRole('region', { name: 'Flow canvas' }).boundingBox();
    expect(box!.x).toBeGreaterThan(pane!.x);
    expect(box!.x + box!.width).toBeLessThan(pane!.x + pane!.width);
    // The analysis: removing the menu fixed nothing and took no route to a person away.
    expect(await changes.getByRole('region', { name: 'Effect on the analysis' }).innerText()).toMatch(/Time to a person: \d+ s → \d+ s/);

    await changes.getByRole('button', { name: 'End comparison' }).click();
    await expect.poll(() => ghost.count()).toBe(0);
    await page.getByRole('complementary', { name: 'Inspector' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('compares with a file: what the file has that the flow lacks shows as removed', async () => {
    const page = await openFlow('bank');
    const file = path.join(tmpdir(), 'bank-with-mortgages.json');
    writeFileSync(file, JSON.stringify(changedBank()));
    await page.getByRole('button', { name: 'Compare with…' }).click();
    await page.getByRole('dialog', { name: 'Compare with' }).getByLabel('File to compare with').setInputFiles(file);
    const changes = page.getByRole('complementary', { name: 'Changes' });
    await expect.poll(() => changes.getByRole('heading').first().textContent()).toBe('Changes since bank-with-mortgages.json');
    // Checked while the whole flow is in view: the ghost, centred below, may put the menu out of it (and undrawn).
    await expect.poll(() => node(page, 'Menu Main menu, changed').count()).toBe(1);
    // The removed queue has no place on this canvas: picking it in the list brings its ghost into view.
    await changes.getByRole('button', { name: /^Removed mortgage-queue \(queue\) removed/ }).click();
    await node(page, 'Queue Mortgage advisers, removed').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('Compare with… a commit', () => {
  it('lists the flow\'s committed versions when its folder is in git, and compares with one', async () => {
    const dir = designer().flowsDir;
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=dana@example.com', '-c', 'user.name=Dana', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', 'clinic.ivr.json');
    git('commit', '-qm', 'Clinic as reviewed');
    const page = await openFlow('clinic');
    // The designer removes the billing mailbox and saves.
    await node(page, 'Voicemail Billing mailbox').click();
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Saved flows/clinic.ivr.json');
    await page.getByRole('button', { name: 'Compare with…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare with' });
    const versions = dialog.getByLabel('Version to compare with');
    await expect.poll(() => versions.locator('optgroup[label="Committed versions"] option').allInnerTexts()).toEqual([expect.stringMatching(/^[0-9a-f]{7,} Clinic as reviewed \(Dana, \d{4}-\d{2}-\d{2}\)$/)]);
    await versions.selectOption({ label: await versions.locator('optgroup[label="Committed versions"] option').innerText() });
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
    const changes = page.getByRole('complementary', { name: 'Changes' });
    await expect.poll(() => changes.getByRole('heading').first().textContent()).toMatch(/^Changes since commit [0-9a-f]{7,}$/);
    await node(page, 'Voicemail Billing mailbox, removed').waitFor();
    expect(await changes.getByRole('list', { name: 'Changed nodes' }).getByRole('button').allInnerTexts()).toContainEqual(expect.stringMatching(/^Removed billing-voicemail/));
    // Against the saved file, which the save just wrote, there is nothing to see.
    await changes.getByRole('button', { name: 'End comparison' }).click();
    await page.getByRole('button', { name: 'Compare with…' }).click();
    await page.getByRole('dialog', { name: 'Compare with' }).getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => page.getByRole('complementary', { name: 'Changes' }).getByRole('status').innerText()).toBe('No change a caller would notice.');
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('review mode', () => {
  it('shows the flow read-only, and keeps comments pinned to nodes in flows/<id>.review.json', async () => {
    const page = await designer().newPage();
    await page.goto(`${designer().url}?flow=bank&review=1`);
    const menu = node(page, 'Menu Main menu');
    await menu.waitFor();
    await settle(page);
    // Read-only: no palette, no save, and a node cannot be dragged away.
    expect(await page.getByRole('navigation', { name: 'Palette' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    expect(await page.getByText('Review mode: read-only').count()).toBe(1);
    // Dragging a node moves the view at most, never the node within the flow.
    const placed = () => menu.evaluate((el) => (el as HTMLElement).style.transform);
    const before = await placed();
    const from = await centreOf(page, menu);
    await drag(page, from, { x: from.x + 60, y: from.y + 40 });
    await settle(page);
    expect(await placed()).toBe(before);
    expect((designer().readFlow('bank')['nodes'] as { id: string; position: unknown }[]).find((n) => n.id === 'main-menu')!.position).toEqual(
      (JSON.parse(readFileSync(path.join(root, 'flows/bank.ivr.json'), 'utf8')) as { nodes: { id: string; position: unknown }[] }).nodes.find((n) => n.id === 'main-menu')!.position
    );

    // A comment on the menu.
    await menu.click();
    const comments = page.getByRole('complementary', { name: 'Comments' });
    await expect.poll(() => comments.getByRole('heading').first().textContent()).toBe('Comments on Main menu');
    await comments.getByLabel('Your name').fill('Dana');
    await comments.getByLabel('Comment', { exact: true }).fill('Say "representative" before the options: most callers want a person.');
    await comments.getByRole('button', { name: 'Add comment' }).click();
    const comment = comments.getByRole('article', { name: 'Comment by Dana' });
    await comment.waitFor();
    expect(await comment.innerText()).toContain('most callers want a person');
    await expect.poll(() => menu.getByLabel('1 open comment').count()).toBe(1);
    const file = path.join(designer().flowsDir, 'bank.review.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { flow: string; comments: { node: string; author: string; resolved: boolean }[] };
    expect(stored.flow).toBe('bank');
    expect(stored.comments).toEqual([expect.objectContaining({ node: 'main-menu', author: 'Dana', resolved: false })]);

    // Resolved, it stays, marked resolved, and the node's badge goes.
    await comment.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => comment.innerText()).toContain('Resolved by Dana');
    await expect.poll(() => menu.getByLabel('1 open comment').count()).toBe(0);
    expect((JSON.parse(readFileSync(file, 'utf8')) as typeof stored).comments[0]!.resolved).toBe(true);

    // Another reviewer opening the flow sees it; the simulator still takes calls, but saves no test call.
    const other = await designer().newPage();
    await other.goto(`${designer().url}?flow=bank&review=1`);
    // The flow is drawn first (on a busy machine that takes longer than a poll waits), then its comments load.
    await node(other, 'Menu Main menu').waitFor();
    const all = other.getByRole('complementary', { name: 'Comments' });
    await expect.poll(() => all.getByRole('article', { name: 'Comment by Dana' }).count()).toBe(1);
    expect(await all.getByRole('heading').first().textContent()).toBe('Comments on this flow');
    await showPanel(other, 'Simulator');
    const simulator = other.getByRole('region', { name: 'Simulator' });
    await simulator.getByRole('button', { name: 'Start call' }).click();
    await simulator.getByRole('button', { name: '0', exact: true }).click();
    await expect.poll(() => simulator.innerText()).toMatch(/person/i);
    expect(await simulator.getByRole('button', { name: 'Save as test call' }).count()).toBe(0);
    expect(await simulator.getByRole('button', { name: 'Generate test calls' }).count()).toBe(0);
    expect(existsSync(path.join(designer().flowsDir, 'bank.review.json'))).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(other)).toEqual([]);
  });

  it('keeps the comments with a flow when it is renamed', async () => {
    const dir = designer().flowsDir;
    writeFileSync(
      path.join(dir, 'airline.review.json'),
      `${JSON.stringify({ version: 1, flow: 'airline', comments: [{ id: 'c-1', node: 'welcome', author: 'Lee', text: 'Shorter greeting, please.', created: '2026-12-01T09:00:00.000Z', resolved: false }] }, null, 2)}\n`
    );
    const page = await openFlow('airline');
    await page.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename flow' });
    await rename.getByLabel('New name of the flow').fill('Skyways line');
    await rename.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe('skyways-line');
    expect(existsSync(path.join(dir, 'airline.review.json'))).toBe(false);
    await page.getByRole('button', { name: 'Review' }).click();
    const comments = page.getByRole('complementary', { name: 'Comments' });
    await expect.poll(() => comments.getByRole('article', { name: 'Comment by Lee' }).innerText()).toContain('Shorter greeting, please.');
    expect((JSON.parse(readFileSync(path.join(dir, 'skyways-line.review.json'), 'utf8')) as { flow: string }).flow).toBe('skyways-line');
    expect(pageErrors(page)).toEqual([]);
  });
});
