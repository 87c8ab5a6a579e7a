/**
 * The designer in Chromium on a generated 1,000-node flow: time until the
 * flow is drawn and analysed, the analysis after one edit (the designer's
 * `zeroout:analyse` user-timing entries), frame times while panning, the
 * main thread's work in each frame of a pan and the frames it drops (from a
 * performance trace, frames.ts), and the size of the JavaScript the first
 * page load needs; then the load and the pan of a 10,000-node flow.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { generateFlow } from '../support/generate.ts';
import { root, startDesigner } from '../e2e/harness.ts';
import { panCosts } from './frames.ts';
import { timedLoads } from './page.ts';
import { sampleOf, type Benchmark, type Figure } from './measure.ts';

const NODES = 1000;
const LARGE = 10_000;

/** Gzip size of the scripts index.html loads at once (lazy chunks such as ELK not counted). */
function initialScriptKb(): number {
  const dist = path.join(root, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  return scripts.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dist, file))).length, 0) / 1024;
}

const designer: Benchmark = {
  name: 'designer',
  async run(): Promise<Figure[]> {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'error' });
    const app = await startDesigner();
    try {
      const flow = { ...generateFlow(NODES, 7), id: 'bench-1000', name: 'Bench 1000' };
      mkdirSync(app.flowsDir, { recursive: true });
      writeFileSync(path.join(app.flowsDir, 'bench-1000.ivr.json'), JSON.stringify(flow));

      // Interactive: the page loads, the flow is read, drawn and analysed (three loads: their median and range).
      const page = await app.newPage();
      const loads = await timedLoads(page, `${app.url}?flow=bench-1000`);

      // Edits (renaming a node in the inspector), each followed by its analysis.
      // Click a node well inside the canvas.
      const canvasBox = (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
      const target = await page.evaluate((c) => {
        for (const el of document.querySelectorAll('.react-flow__node')) {
          const r = el.getBoundingClientRect();
          const x = r.x + r.width / 2;
          const y = r.y + r.height / 2;
          if (x > c.x + 40 && x < c.x + c.width - 260 && y > c.y + 40 && y < c.y + c.height - 40) return { x, y };
        }
        return null;
      }, canvasBox);
      if (target === null) throw new Error('no node is in view');
      await page.mouse.click(target.x, target.y);
      const name = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Name', { exact: true });
      await page.evaluate(() => performance.clearMeasures('zeroout:analyse'));
      for (let i = 0; i < 9; i++) await name.fill(`Renamed ${i}`);
      await page.waitForTimeout(300);
      const analyses = await page.evaluate(() => performance.getEntriesByName('zeroout:analyse').map((e) => e.duration));

      // Add a wired node: with a node selected, a palette click adds the next step beside it, wired; timed
      // in the page from the click to the frame that shows the new node (five in a row, each after the last).
      const adds: number[] = [];
      for (let i = 0; i < 5; i++) {
        // A string, so the test runner's transform leaves the function as written.
        // Done when the Inspector shows the new node (it is selected once added, wherever it went).
        const ms = (await page.evaluate(`new Promise((resolve, reject) => {
          const nodeId = () => [...document.querySelectorAll('label')].find((l) => l.textContent === 'Node id')?.control?.value;
          const before = nodeId();
          const button = document.querySelector('nav[aria-label="Palette"] button[aria-label="Add Prompt"]');
          const started = performance.now();
          button.click();
          const check = () => {
            if (nodeId() !== before) requestAnimationFrame(() => resolve(performance.now() - started));
            else if (performance.now() - started > 10000) reject(new Error('no node was added'));
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        })`)) as number;
        adds.push(ms);
      }

      // Pan: drag the empty pane for a second and time the frames.
      const box = (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
      // A string, so the test runner's transform leaves the function as written.
      await page.evaluate(`(() => {
        window.frames_ = [];
        window.stop_ = false;
        let last = performance.now();
        const tick = (now) => {
          window.frames_.push(now - last);
          last = now;
          if (!window.stop_) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      })()`);
      await page.mouse.move(box.x + box.width - 30, box.y + 30);
      await page.mouse.down();
      for (let i = 0; i < 60; i++) await page.mouse.move(box.x + box.width - 30 - i * 8, box.y + 30 + i * 4);
      await page.mouse.up();
      const frames = await page.evaluate(() => {
        const w = window as unknown as { frames_: number[]; stop_: boolean };
        w.stop_ = true;
        return w.frames_.slice(2);
      });
      frames.sort((a, b) => a - b);
      const p95 = frames[Math.min(frames.length - 1, Math.floor(frames.length * 0.95))] ?? Number.NaN;

      // What a pan costs each frame, traced, on a page of its own (the one above, with its unsaved edits, is closed first).
      await page.close();
      const panPage = await app.newPage();
      await timedLoads(panPage, `${app.url}?flow=bench-1000`, 1);
      const pan = await panCosts(app.browser, panPage);
      await panPage.close();

      // The same for a 10,000-node flow.
      writeFileSync(path.join(app.flowsDir, 'bench-10000.ivr.json'), JSON.stringify({ ...generateFlow(LARGE, 7), id: 'bench-10000', name: 'Bench 10000' }));
      const largePage = await app.newPage();
      const largeLoads = await timedLoads(largePage, `${app.url}?flow=bench-10000`);
      const largePan = await panCosts(app.browser, largePage);

      return [
        { name: `designer interactive ${NODES} nodes`, value: loads, unit: 'ms' },
        { name: `designer analysis after an edit ${NODES} nodes`, value: sampleOf(analyses), unit: 'ms' },
        { name: 'designer add wired node', value: sampleOf(adds), unit: 'ms' },
        { name: `designer pan frame p95 ${NODES} nodes`, value: p95, unit: 'ms' },
        { name: `designer pan work per frame p95 ${NODES} nodes`, value: pan.work, unit: 'ms' },
        { name: `designer pan dropped frames ${NODES} nodes`, value: pan.dropped, unit: '%' },
        { name: `designer interactive ${LARGE} nodes`, value: largeLoads, unit: 'ms' },
        { name: `designer pan work per frame p95 ${LARGE} nodes`, value: largePan.work, unit: 'ms' },
        { name: `designer pan dropped frames ${LARGE} nodes`, value: largePan.dropped, unit: '%' },
        { name: 'designer initial JS', value: initialScriptKb(), unit: 'KB gzip' }
      ];
    } finally {
      await app.close();
    }
  }
};

export default designer;
