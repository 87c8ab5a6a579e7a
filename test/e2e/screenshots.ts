/**
 * The README's pictures of the designer: `npm run screenshots` (after a build)
 * writes docs/designer.png, docs/simulator.png and docs/compare.png from the
 * example flows.
 */
import path from 'node:path';
import { fitView, root, settle, showPanel, startDesigner } from './harness.ts';

const designer = await startDesigner();
try {
  const page = await designer.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${designer.url}?flow=runaround`);
  await page.getByRole('group', { name: /^Menu / }).first().waitFor();
  await settle(page);
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await settle(page);
  await page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /trap-loop/ }).click();
  await settle(page);
  await page.screenshot({ path: path.join(root, 'docs/designer.png') });

  await page.goto(`${designer.url}?flow=bank`);
  await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
  await settle(page);
  await showPanel(page, 'Simulator');
  const simulator = page.getByRole('region', { name: 'Simulator' });
  await simulator.getByLabel('Call time').fill('2025-03-04T10:15');
  await simulator.getByRole('button', { name: 'Start call' }).click();
  await simulator.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1', exact: true }).click();
  for (const key of '12345678#0') await simulator.getByRole('button', { name: key, exact: true }).click();
  await page.getByLabel('Seconds to a person').check();
  await settle(page);
  await page.screenshot({ path: path.join(root, 'docs/simulator.png') });

  // An unsaved change compared with the saved file: the after-hours menu removed, its prompt rewired.
  await page.goto(`${designer.url}?flow=bank`);
  await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
  await settle(page);
  await fitView(page);
  await page.getByRole('group', { name: 'Menu Loans after hours', exact: true }).click();
  await page.keyboard.press('Delete');
  await page.getByRole('group', { name: 'Prompt Loans closed', exact: true }).click();
  await page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: /^Prompt/ }).first().fill('Our loan specialists are available Monday through Friday from 8 AM to 6 PM. Please call back then.');
  await page.getByRole('button', { name: 'Compare with…' }).click();
  await page.getByRole('dialog', { name: 'Compare with' }).getByRole('button', { name: 'Compare', exact: true }).click();
  const changes = page.getByRole('complementary', { name: 'Changes' });
  await changes.getByRole('button', { name: 'Next change' }).click();
  await settle(page);
  await page.screenshot({ path: path.join(root, 'docs/compare.png') });
} finally {
  await designer.close();
}
