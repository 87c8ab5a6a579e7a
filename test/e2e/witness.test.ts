/**
 * A finding's witness call: Replay plays the call that shows it in the
 * simulator, step by step, with the route on the canvas and the ending said
 * plainly, and can be paused and taken a step at a time; Save as test call
 * keeps it among the flow's test calls as a request for a fix (a test that
 * fails until the flow is fixed), as an undoable edit; a finding no call can
 * show says why.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageErrors, showPanel, useDesigner } from './harness.ts';

const { openFlow } = useDesigner();

/** The Problems panel's row of a finding: its rule id and its message. */
function findingRow(page: Page, rule: string, message: RegExp) {
  return page
    .getByRole('region', { name: 'Problems' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: new RegExp(rule) }) })
    .filter({ hasText: message });
}

describe('witness calls in the Problems panel', () => {
  it('replays the call that shows a dead end, with the route and where the caller is dropped', async () => {
    const page = await openFlow('runaround');
    await showPanel(page, 'Problems');
    const row = findingRow(page, 'dead-end', /"moving-info"/);
    expect(await row.count()).toBe(1);
    // Only the findings a call can show have the buttons: a missing agent option does not.
    expect(await findingRow(page, 'no-agent-option', /./).first().getByRole('button', { name: 'Replay' }).count()).toBe(0);

    await row.getByRole('button', { name: 'Replay', exact: true }).click();
    // The Simulator comes to the front and plays the call a step at a time.
    await expect.poll(() => page.getByRole('tab', { name: 'Simulator' }).getAttribute('aria-selected')).toBe('true');
    const simulator = page.getByRole('region', { name: 'Simulator' });
    const replay = simulator.getByRole('status').filter({ hasText: /^Replay/ });
    await expect.poll(() => replay.innerText()).toMatch(/^Replaying “dead-end: moving-info on next”: step 1 of 1|^Replayed “dead-end: moving-info on next”\.$/);
    const transcript = simulator.getByRole('list', { name: 'Transcript' });
    await expect.poll(() => replay.innerText()).toBe('Replayed “dead-end: moving-info on next”.');
    const lines = await transcript.innerText();
    expect(lines).toContain('pressed 5');
    await expect.poll(() => simulator.getByRole('status').filter({ hasText: /^The call/ }).innerText()).toMatch(/^The call dropped at “Moving”.*The caller was left with nobody\.$/s);
    // The route is drawn on the canvas, and the call ends at the node that drops it.
    await expect.poll(() => page.locator('.edge-route').count()).toBeGreaterThan(0);
    expect(await page.getByRole('group', { name: 'Menu Main menu' }).locator('.node-card').getAttribute('class')).toContain('is-visited');
    expect(await page.getByRole('group', { name: 'Prompt Moving' }).locator('.node-card').getAttribute('class')).toContain('is-current');
    expect(await simulator.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1', exact: true }).isDisabled()).toBe(true);
    // A replayed call is not offered for saving from the simulator: the finding's row saves it.
    expect(await simulator.getByRole('button', { name: 'Save as test call' }).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('applies the witness call’s environment: a lookup that fails', async () => {
    const page = await openFlow('runaround');
    await showPanel(page, 'Problems');
    await findingRow(page, 'dead-end', /"payment-lookup"/).getByRole('button', { name: 'Replay', exact: true }).click();
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await expect.poll(() => simulator.getByRole('status').filter({ hasText: /^Replay/ }).innerText(), { timeout: 10_000 }).toMatch(/^Replayed /);
    await expect.poll(() => simulator.getByRole('status').filter({ hasText: /^The call/ }).innerText()).toMatch(/^The call dropped at “[^”]+”: “failure” leads nowhere/);
    // The account number the call enters, a step of twelve keys, reads as one line.
    const transcript = await simulator.getByRole('list', { name: 'Transcript' }).innerText();
    expect(transcript).toContain('pressed 111111111111');
    expect(transcript).toContain('The lookup failed.');
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('pauses a replay and takes it on a step at a time', async () => {
    const page = await openFlow('runaround');
    await showPanel(page, 'Problems');
    await findingRow(page, 'unbounded-retry', /"main-menu".*no input|silence/i).first().getByRole('button', { name: 'Replay', exact: true }).click();
    const simulator = page.getByRole('region', { name: 'Simulator' });
    const controls = simulator.getByRole('group', { name: 'Replay' });
    await controls.getByRole('button', { name: 'Pause' }).click();
    const replay = simulator.getByRole('status').filter({ hasText: /^Replay/ });
    await expect.poll(() => replay.innerText()).toMatch(/^Replay of “unbounded-retry: main-menu on noInput” paused before step [12] of 3 \(silence\)$/);
    const before = Number(/step (\d)/.exec(await replay.innerText())![1]);
    // Paused, it stays where it is.
    await page.waitForTimeout(1200);
    expect(await replay.innerText()).toContain(`paused before step ${before} of 3`);
    await controls.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => replay.innerText()).toContain(`paused before step ${before + 1} of 3`);
    await controls.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => replay.innerText()).toMatch(/^Replayed “unbounded-retry: main-menu on noInput”: after its last step the call waits at “Main menu”\.$/);
    expect(await simulator.getByRole('group', { name: 'Replay' }).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('saves a request for a fix: a test call that fails until the flow is fixed, as an edit that undoes', async () => {
    const page = await openFlow('runaround');
    await showPanel(page, 'Problems');
    const row = findingRow(page, 'dead-end', /"moving-info"/);
    await row.getByRole('button', { name: 'Save as test call', exact: true }).click();
    await expect.poll(() => row.getByRole('status').innerText()).toBe('Saved as test call “Fix dead-end: moving-info on next”. It fails until the flow is fixed.');
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(1);

    // It is one of the flow's test calls now, and it fails: the call is still dropped there.
    await showPanel(page, 'Simulator');
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await expect.poll(() => simulator.getByRole('heading', { name: /Test calls/ }).innerText()).toBe('Test calls (6)');
    await simulator.getByRole('button', { name: 'Run test calls' }).click();
    const results = simulator.getByRole('list', { name: 'Test call results' });
    await expect.poll(() => results.innerText()).toMatch(/Fail Fix dead-end: moving-info on next[\s\S]*not to end with "dropped" and end at "moving-info"/);

    // The designer wires the moving message on: the request now passes.
    await page.getByRole('group', { name: 'Prompt Moving' }).click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Next', { exact: true }).selectOption('main-menu');
    await simulator.getByRole('button', { name: 'Run test calls' }).click();
    await expect.poll(() => results.innerText()).toContain('Pass Fix dead-end: moving-info on next');
    await page.getByRole('button', { name: 'Undo' }).click();

    // Saved again, it takes a name of its own; one Undo takes the second one back.
    await showPanel(page, 'Problems');
    await findingRow(page, 'dead-end', /"moving-info"/).getByRole('button', { name: 'Save as test call', exact: true }).click();
    await expect.poll(() => findingRow(page, 'dead-end', /"moving-info"/).getByRole('status').innerText()).toMatch(/^Saved as test call “Fix dead-end: moving-info on next \(2\)”/);
    await page.getByRole('button', { name: 'Undo' }).click();
    await showPanel(page, 'Simulator');
    await expect.poll(() => simulator.getByRole('heading', { name: /Test calls/ }).innerText()).toBe('Test calls (6)');
    // The row no longer says the undone call was saved.
    await showPanel(page, 'Problems');
    await expect.poll(() => findingRow(page, 'dead-end', /"moving-info"/).getByRole('status').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('says why a finding has no call to replay', async () => {
    const page = await openFlow('runaround');
    await showPanel(page, 'Problems');
    const row = findingRow(page, 'unannounced-wait', /./);
    await row.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => row.getByRole('status').innerText()).toBe('Nothing to replay. No call reaches "retention-queue" from the start "welcome".');
    // Nothing was replayed: the Problems panel stays in front.
    expect(await page.getByRole('tab', { name: 'Problems' }).getAttribute('aria-selected')).toBe('true');
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});
