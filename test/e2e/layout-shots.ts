/**
 * Screenshots of the designer's layout at laptop sizes (1280×800 and
 * 1440×900), for looking at: the bank flow with the dock, a call under way,
 * traffic with the heat overlay, a node in the Inspector, review mode.
 * `node --import tsx test/e2e/layout-shots.ts [outDir]` after a build
 * (the system's temporary folder by default).
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { settle, startDesigner } from './harness.ts';

const out = process.argv[2] ?? tmpdir();
const designer = await startDesigner();
try {
  for (const [width, height] of [
    [1280, 800],
    [1440, 900]
  ] as const) {
    const page = await designer.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`${designer.url}?flow=bank`);
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(out, `bank-${width}.png`) });

    const tab = page.getByRole('tab', { name: 'Simulator' });
    if ((await tab.count()) > 0) await tab.click();
    const simulator = page.getByRole('region', { name: 'Simulator' });
    await simulator.getByLabel('Call time').fill('2025-03-04T10:15');
    await simulator.getByRole('button', { name: 'Start call' }).click();
    for (const key of '1123') await simulator.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: key, exact: true }).click();
    await settle(page);
    await page.screenshot({ path: path.join(out, `call-${width}.png`) });

    const traffic = page.getByRole('tab', { name: 'Traffic' });
    if ((await traffic.count()) > 0) await traffic.click();
    const panel = page.getByRole('region', { name: 'Traffic' });
    await panel.getByRole('button', { name: 'Run traffic' }).click();
    await panel.getByLabel('Traffic heat on the canvas').check();
    await settle(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `traffic-${width}.png`) });

    // A node selected: the Inspector above the panels.
    await page.getByRole('group', { name: 'Menu Main menu' }).click();
    await settle(page);
    await page.screenshot({ path: path.join(out, `inspector-${width}.png`) });

    // Review mode: comments beside the simulator, no palette.
    await page.goto(`${designer.url}?flow=bank&review=1`);
    await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
    await settle(page);
    await page.getByRole('group', { name: 'Menu Main menu' }).click();
    await page.screenshot({ path: path.join(out, `review-${width}.png`) });
    await page.close();
  }
} finally {
  await designer.close();
}
