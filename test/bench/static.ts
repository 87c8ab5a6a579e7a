/**
 * The designer as a static page (dist/ from a plain static host, flows in
 * the browser): time until a generated 1,000-node flow, uploaded into the
 * browser's store, is drawn and analysed (three loads: their median and range).
 */
import path from 'node:path';
import { build } from 'vite';
import { generateFlow } from '../support/generate.ts';
import { launchChromium, root, staticServer } from '../e2e/harness.ts';
import type { Benchmark, Figure } from './measure.ts';
import { timedLoads } from './page.ts';

const NODES = 1000;

const staticDesigner: Benchmark = {
  name: 'static',
  async run(): Promise<Figure[]> {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'error' });
    const host = await staticServer(path.join(root, 'dist'));
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      page.setDefaultTimeout(30_000);
      // A first visit: the examples are seeded and the bank flow opens.
      await page.goto(host.url);
      await page.getByRole('group', { name: 'Menu Main menu' }).waitFor();
      // The generated flow goes into this browser's store as a person uploads one.
      const flow = { ...generateFlow(NODES, 7), id: 'bench-1000', name: 'Bench 1000' };
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Flows', exact: true }).click();
      await page.getByRole('button', { name: 'Upload…', exact: true }).click();
      await (await chooser).setFiles({ name: 'bench-1000.ivr.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(flow)) });
      await page.getByRole('combobox', { name: 'Open flow' }).locator('option', { hasText: 'Bench 1000' }).first().waitFor({ state: 'attached' });

      const loads = await timedLoads(page, `${host.url}?flow=bench-1000`);
      return [{ name: `static designer interactive ${NODES} nodes`, value: loads, unit: 'ms' }];
    } finally {
      await browser.close();
      await new Promise((resolve) => host.server.close(resolve));
    }
  }
};

export default staticDesigner;
