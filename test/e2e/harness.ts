/**
 * End-to-end tests: the local server on a copy of the example flows, and
 * Debian's Chromium driven by playwright-core, headless.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/server/server.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface Designer {
  readonly url: string;
  readonly flowsDir: string;
  readonly browser: Browser;
  newPage(context?: BrowserContext): Promise<Page>;
  readFlow(id: string): Record<string, unknown>;
  flowIds(): string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, quiet (no first-run, sync or update traffic); each launch gets a fresh user-data dir of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
}

export async function startDesigner(): Promise<Designer> {
  const work = mkdtempSync(path.join(tmpdir(), 'zeroout-e2e-'));
  const flowsDir = path.join(work, 'flows');
  cpSync(path.join(root, 'flows'), flowsDir, { recursive: true });
  const server: RunningServer = await startServer({ flowsDir, distDir: path.join(root, 'dist'), port: 0 });
  const browser = await launchChromium();
  const pages: Page[] = [];
  return {
    url: server.url,
    flowsDir,
    browser,
    async newPage(context) {
      const ctx = context ?? (await browser.newContext({ viewport: { width: 1500, height: 950 }, acceptDownloads: true }));
      const page = await ctx.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
      pages.push(page);
      (page as Page & { errors: string[] }).errors = errors;
      return page;
    },
    readFlow(id) {
      return JSON.parse(readFileSync(path.join(flowsDir, `${id}.ivr.json`), 'utf8')) as Record<string, unknown>;
    },
    flowIds() {
      return readdirSync(flowsDir).filter((f) => f.endsWith('.ivr.json')).map((f) => f.replace(/\.ivr\.json$/, '')).sort();
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(work, { recursive: true, force: true });
    }
  };
}

/**
 * A new page with a flow open (`?flow=<id>`), its nodes drawn and the view
 * settled, fitted whole (Fit View) so that every node is drawn: a flow too
 * large to read whole opens on its start, with the nodes out of view not drawn.
 */
export async function openFlow(designer: Designer, id: string, options: { fit?: boolean } = {}): Promise<Page> {
  const page = await designer.newPage();
  await page.goto(`${designer.url}?flow=${id}`);
  await page.locator('[aria-roledescription="node"]').first().waitFor();
  await settle(page);
  if (options.fit !== false) await fitView(page);
  return page;
}

/** Fits the whole flow in view with the canvas's Fit View button, and waits for the view to settle. */
export async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit View' }).click();
  await settle(page);
}

/**
 * A designer for the test file: started before its tests, closed after.
 * `designer()` is the running one; `openFlow(id)` opens one of its flows.
 */
export function useDesigner(): { designer(): Designer; openFlow(id: string, options?: { fit?: boolean }): Promise<Page> } {
  let running: Designer | undefined;
  beforeAll(async () => {
    running = await startDesigner();
  }, 60_000);
  afterAll(async () => {
    await running?.close();
  });
  const designer = (): Designer => {
    if (running === undefined) throw new Error('the designer is not running yet');
    return running;
  };
  return { designer, openFlow: (id, options) => openFlow(designer(), id, options) };
}

/**
 * Brings a panel of the side dock's tabs (Problems, Simulator, Traffic,
 * Changes, Comments) to the front: the others are hidden behind it.
 */
export async function showPanel(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** Uncaught errors the page threw, for asserting there were none. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

/** Drags from one element's centre to another's with real mouse moves. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  await page.mouse.up();
}

/** Waits until the canvas viewport has stopped moving (fit-to-view and centring animate). */
export async function settle(page: Page): Promise<void> {
  let last = '';
  let stable = 0;
  for (let i = 0; i < 60 && stable < 3; i++) {
    const now = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform).catch(() => '');
    stable = now === last ? stable + 1 : 0;
    last = now;
    await page.waitForTimeout(100);
  }
}

/** The centre of an element once it has stopped moving (layout and viewport animations done). */
export async function centreOf(page: Page, locator: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const box = await locator.boundingBox().catch(async (error: unknown) => {
      await page.screenshot({ path: path.join(tmpdir(), 'zeroout-e2e-failure.png') });
      throw error;
    });
    const now = JSON.stringify(box);
    if (box !== null && now === last) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    last = now;
    await page.waitForTimeout(120);
  }
  throw new Error('the element did not settle on the page');
}

/** Media types of the files a built designer holds. */
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** Serves `dir` as any static host does: its files, index.html for a folder, and a plain 404 for anything else (/api/flows too). */
export function staticServer(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    void (async () => {
      if (!file.startsWith(dir) || !(await stat(file).then((s) => s.isFile(), () => false))) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })));
}

/** A page of a fresh browser context, the errors it throws counted. */
export interface FreshPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
}

/**
 * The built designer (dist/) on a plain static host, for the test file: the
 * host and a browser started before its tests, closed after. `freshPage()`
 * opens a new context (its own, empty storage) at 1280×800; `prepare` runs on
 * the context first (an init script, say).
 */
export function useStaticHost(): { url(): string; freshPage(prepare?: (context: BrowserContext) => Promise<unknown>): Promise<FreshPage> } {
  let host: { url: string; server: Server } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    host = await staticServer(path.join(root, 'dist'));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.server.close(resolve));
  });
  return {
    url() {
      if (host === undefined) throw new Error('the static host is not running yet');
      return host.url;
    },
    async freshPage(prepare) {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      await prepare?.(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
      return { context, page, errors };
    }
  };
}
