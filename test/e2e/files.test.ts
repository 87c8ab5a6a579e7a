/**
 * Files in and out: a vendor file dropped on the page, every export format
 * as a download, a large flow opening where it can be read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFlow } from '../support/generate.ts';
import { fitView, settle, useDesigner } from './harness.ts';
import { corpusPath } from '../support/corpus.ts';
import { outcomesOf } from '../../src/core/model/outcomes.ts';

const CONNECT_FILE = corpusPath('amazon-connect', 'amazon-connect__amazon-connect-snippets__CreateCallbackFlow.json');

const { designer, openFlow } = useDesigner();

describe('import by dropping a file', () => {
  it('reads an Amazon Connect flow dropped on the page, and it can be saved as a flow', async () => {
    const page = await designer().newPage();
    await page.goto(designer().url);
    const text = readFileSync(CONNECT_FILE, 'utf8');
    const drop = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'callback.json', { type: 'application/json' }));
      return transfer;
    }, text);
    await page.dispatchEvent('main', 'drop', { dataTransfer: drop });
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Imported callback\.json \(amazon-connect\)/);
    await page.locator('[aria-roledescription="node"]').first().waitFor();
    const id = new URL(page.url()).searchParams.get('flow')!;
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => designer().flowIds()).toContain(id);
    expect(designer().readFlow(id)).toMatchObject({ version: 1, id });
  }, 60_000);

  it('ships a dropped Connect flow to Twilio Studio with its hours check wired, saying what the team must supply', async () => {
    const page = await designer().newPage();
    await page.goto(designer().url);
    const text = readFileSync(corpusPath('amazon-connect', 'amazon-connect__amazon-connect-salesforce-scv__Sample-Holiday-Check.json'), 'utf8');
    const drop = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'holiday.json', { type: 'application/json' }));
      return transfer;
    }, text);
    await page.dispatchEvent('main', 'drop', { dataTransfer: drop });
    await page.locator('[aria-roledescription="node"]').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Twilio Studio' }).click();
    const file = await download;
    const states = (JSON.parse(readFileSync((await file.path())!, 'utf8')) as { states: { type: string; transitions: { next?: string }[] }[] }).states;
    // The hours check is a Function and a split, and the split sends the caller somewhere on every answer.
    expect(states.some((s) => s.type === 'run-function')).toBe(true);
    // The original has error findings of its own, so the notice is an alert that says so.
    const status = page.getByRole('alert').filter({ hasText: 'Exported to Twilio Studio' });
    await expect.poll(() => status.innerText()).toMatch(/Verified: [1-9]\d* calls compared/);
    const supply = status.getByRole('listitem').filter({ hasText: 'Supply:' });
    await expect.poll(() => supply.count()).toBeGreaterThan(0);
    expect(await supply.first().innerText()).toMatch(/CheckHoursOfOperation step .* has no Studio widget: it is written as a Function/);
  }, 60_000);
});

describe('export', () => {
  it.each([
    ['Twilio Studio', 'twilio-studio.json', (t: string) => expect(JSON.parse(t).states[0].type).toBe('trigger')],
    ['XState machine (JSON)', 'xstate.json', (t: string) => expect(JSON.parse(t).initial).toBeTypeOf('string')],
    ['Mermaid diagram', 'mermaid.mmd', (t: string) => expect(t).toMatch(/^flowchart LR/m)]
  ])('downloads the flow for %s', async (label, suffix, check) => {
    const page = await openFlow('clinic');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: label }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`clinic.${suffix}`);
    check(readFileSync((await file.path())!, 'utf8'));
  }, 60_000);
});

describe('what an export says', () => {
  it('lists every note of the export, each with its node', async () => {
    const page = await openFlow('clinic');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Twilio Studio' }).click();
    await download;
    const status = page.getByRole('status').filter({ hasText: 'Exported to Twilio Studio' });
    const text = await status.innerText();
    const count = Number(/with (\d+) notes/.exec(text)?.[1]);
    expect(count).toBeGreaterThan(20);
    const list = status.getByRole('list', { name: `${count} items` });
    expect(await list.getByRole('listitem').count()).toBe(count);
    expect(await list.innerText()).toContain('Studio has no hours widget');
    expect(text).not.toContain('Warning');
    // The clinic's every call passes its hours check, which Studio leaves to a Function: its answer is given to both sides.
    expect(text).toMatch(/Verified: [1-9]\d* calls compared, 0 not compared/);
  }, 60_000);

  it('says how many calls of the design it compared on the export read back', async () => {
    const page = await openFlow('bank');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Twilio Studio' }).click();
    await download;
    const status = page.getByRole('status').filter({ hasText: 'Exported to Twilio Studio' });
    await expect.poll(() => status.innerText()).toMatch(/Verified: [1-9]\d* calls compared, \d+ not compared .*each ending as in the design; lint of the export adds nothing/);
  }, 60_000);

  it('holds back an export that would treat a caller differently, naming the call, until told to download it', async () => {
    const page = await openFlow('runaround');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Twilio Studio' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Export to Twilio Studio not downloaded' });
    await expect.poll(() => alert.innerText()).toMatch(/verification failed: the call that reaches node "moving-info" \(press 5\) ends as dropped at "moving-info" in the design, but as ended at "moving_info" in the export/);
    const download = page.waitForEvent('download');
    await alert.getByRole('button', { name: 'Download anyway' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('runaround.twilio-studio.json');
    const notice = page.getByRole('alert').filter({ hasText: 'Exported to Twilio Studio' });
    await expect.poll(() => notice.innerText()).toContain('Verification failed');
  }, 60_000);

  it('warns when the design has error findings, naming the count and the first', async () => {
    const page = await openFlow('runaround');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Mermaid diagram' }).click();
    await download;
    const alert = page.getByRole('alert').filter({ hasText: 'Exported to Mermaid diagram' });
    await expect.poll(() => alert.innerText()).toMatch(/Warning: the design has \d+ error findings, which the export ships to callers; the first: [a-z-]+ at "/);
  }, 60_000);
});

describe('export with an environment', () => {
  it('names the references Amazon Connect needs, and ships once they are filled in', async () => {
    const page = await openFlow('clinic');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Amazon Connect' }).click();
    const alert = page.getByRole('alert').first();
    await expect.poll(() => alert.innerText()).toContain('Export to Amazon Connect failed');
    expect(await alert.innerText()).toMatch(/no queue ARN for "[^"]+"/);

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Environment…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export environment' });
    const field = dialog.getByLabel('Environment (JSON)');
    // A reference that is not a string is refused where it is typed.
    await field.fill('{"front-desk": 42}');
    await dialog.getByRole('button', { name: 'Save environment' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('must be a string');
    // The names the flow needs are offered; each gets an ARN.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Environment…' }).click();
    // The map is by kind: the clinic's queue "billing" and mailbox "billing" are offered apart.
    const offered = JSON.parse(await field.inputValue()) as Record<string, Record<string, string>>;
    expect(Object.keys(offered)).toEqual(['queues', 'mailboxes', 'flows', 'functions', 'hours', 'settings']);
    expect(offered['queues']).toHaveProperty('billing', '');
    expect(offered['mailboxes']).toHaveProperty('billing', '');
    const env = Object.fromEntries(
      Object.entries(offered).map(([kind, names]) => [kind, Object.fromEntries(Object.keys(names).map((n) => [n, `arn:aws:connect:us-east-1:111122223333:instance/i/${kind}/${n}`]))])
    );
    await field.fill(JSON.stringify(env));
    await dialog.getByRole('button', { name: 'Save environment' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Amazon Connect' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('clinic.amazon-connect.json');
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { Version: string; Actions: { Parameters?: Record<string, unknown> }[] };
    expect(exported.Version).toBe('2019-10-30');
    const parameters = exported.Actions.map((a) => a.Parameters ?? {});
    expect(parameters.some((p) => p['QueueId'] === 'arn:aws:connect:us-east-1:111122223333:instance/i/queues/billing')).toBe(true);
    expect(parameters.some((p) => p['ContactFlowId'] === 'arn:aws:connect:us-east-1:111122223333:instance/i/mailboxes/billing')).toBe(true);
    expect(parameters.some((p) => p['QueueId'] === 'arn:aws:connect:us-east-1:111122223333:instance/i/mailboxes/billing')).toBe(false);
  }, 60_000);
});

describe('an environment kept from an earlier version', () => {
  it('refuses a flat map whose name is both a queue and a mailbox of the flow, and says where to correct it', async () => {
    const page = await openFlow('clinic');
    await page.evaluate(() => localStorage.setItem('zeroout:export-env', JSON.stringify({ billing: 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/billing' })));
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Amazon Connect' }).click();
    const alert = page.getByRole('alert').first();
    await expect.poll(() => alert.innerText()).toContain('The export environment does not fit this flow');
    expect(await alert.innerText()).toContain('"billing" names a queue (node "billing-queue") and a mailbox (node "billing-voicemail")');
    // The dialog shows the map as kept, with the same problem, so nothing typed before is lost.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Environment…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export environment' });
    expect(JSON.parse(await dialog.getByLabel('Environment (JSON)').inputValue())).toEqual({ billing: 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/billing' });
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('write the map by kind');
  }, 60_000);
});

describe('node geometry', () => {
  it('every node is drawn at the size worked out before drawing, and every edge starts at its handle', async () => {
    for (const id of ['bank', 'runaround']) {
      const page = await openFlow(id);
      for (const times of [false, true]) {
        if (times) await page.getByLabel('Seconds to a person').check();
        await settle(page);
        const found = (await page.evaluate(`(() => {
          const viewport = document.querySelector('.react-flow__viewport');
          const origin = viewport.getBoundingClientRect();
          const zoom = Number(/scale\\(([^)]+)\\)/.exec(viewport.style.transform)[1]);
          const nodes = [...document.querySelectorAll('.react-flow__node')].map((el) => {
            const card = el.querySelector('.node-card');
            return { id: el.dataset.id, wrapper: [el.offsetWidth, el.offsetHeight], card: [card.offsetWidth, card.offsetHeight] };
          });
          // Where each edge's path starts, and where its source handle is drawn, in flow coordinates.
          const edges = [...document.querySelectorAll('.react-flow__edge')].map((el) => {
            const id = el.dataset.id;
            const start = /^M\\s*([-\\d.]+)[ ,]([-\\d.]+)/.exec(el.querySelector('path').getAttribute('d'));
            const node = document.querySelector('.react-flow__node[data-id="' + CSS.escape(id.slice(0, id.indexOf('/'))) + '"]');
            const handle = node && node.querySelector('.react-flow__handle[data-handleid="' + CSS.escape(id.slice(id.indexOf('/'))) + '"]');
            if (!handle || !start) return null;
            const h = handle.getBoundingClientRect();
            return { id, path: [Number(start[1]), Number(start[2])], handle: [(h.x + h.width / 2 - origin.x) / zoom, (h.y + h.height / 2 - origin.y) / zoom] };
          }).filter(Boolean);
          return { nodes, edges };
        })()`)) as { nodes: { id: string; wrapper: number[]; card: number[] }[]; edges: { id: string; path: number[]; handle: number[] }[] };
        expect(found.nodes.length).toBeGreaterThan(5);
        for (const node of found.nodes) expect(node.card, `${id} ${node.id}`).toEqual(node.wrapper);
        expect(found.edges.length).toBeGreaterThan(5);
        for (const edge of found.edges) {
          expect(Math.abs(edge.path[0]! - edge.handle[0]!), `${id} ${edge.id} x`).toBeLessThan(6);
          expect(Math.abs(edge.path[1]! - edge.handle[1]!), `${id} ${edge.id} y`).toBeLessThan(1.5);
        }
      }
    }
  }, 60_000);
});

describe('a large flow', () => {
  /** A generated flow, written to the flows folder and opened as it opens (unfitted). */
  async function openGenerated(id: string, name: string, nodes = 400, seed = 3) {
    const flow = { ...generateFlow(nodes, seed), id, name };
    writeFileSync(path.join(designer().flowsDir, `${id}.ivr.json`), JSON.stringify(flow));
    return { flow, page: await openFlow(id, { fit: false }) };
  }

  it('opens on its start, at a zoom that can be read', async () => {
    const { flow, page } = await openGenerated('large', 'Large flow');
    const start = flow.nodes.find((n) => n.id === flow.start)!;
    const node = page.locator(`[data-id="${start.id}"]`);
    await node.waitFor();
    const box = (await node.boundingBox())!;
    const canvas = (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
    // In view, and drawn at least half size.
    expect(box.x).toBeGreaterThanOrEqual(canvas.x);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(box.width).toBeGreaterThan(230 * 0.5);
    // The smallest running text of a card (12 px) is at least 10 px on screen.
    const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    expect(12 * zoom).toBeGreaterThanOrEqual(10);

    // While the view is dragged, edges that span several screens are not drawn; they come back when it stops.
    await fitView(page);
    const long = page.locator('.react-flow__edge.edge-long').first();
    await long.waitFor({ state: 'attached' });
    // Drawn once the view has come to rest after fitting (its move ends a moment after the last frame).
    await expect.poll(() => long.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    await page.mouse.move(canvas.x + canvas.width - 40, canvas.y + 40);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width - 80, canvas.y + 60, { steps: 4 });
    await expect.poll(() => long.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    await page.mouse.up();
    await expect.poll(() => long.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
  }, 60_000);

  it('draws the long wires from cards screens away as one bundle, and each as an edge of its own once its card is near', async () => {
    const { flow, page } = await openGenerated('wires', 'Wires');
    await page.locator(`[data-id="${flow.start}"]`).waitFor();
    // Opened on the start: the wires into the shared queue from menus screens away are drawn, as one path.
    const bundle = page.locator('.wire-bundle path');
    await bundle.waitFor({ state: 'attached' });
    const curves = (await bundle.getAttribute('d'))!.match(/M/g)!.length;
    expect(curves).toBeGreaterThan(10);
    expect(await bundle.evaluate((el) => (el as SVGPathElement).getTotalLength())).toBeGreaterThan(10_000);
    // Fitted whole, every card is near the view: each wire is an edge of its own, to select or unwire.
    await fitView(page);
    await expect.poll(() => page.locator('.wire-bundle').count()).toBe(0);
    expect(await page.locator('.react-flow__edge.edge-long').count()).toBeGreaterThanOrEqual(curves);
  }, 60_000);

  it('starts each wire at its outcome and ends it at its card, where their handles are drawn, for cards that came into view as it panned', async () => {
    const { flow, page } = await openGenerated('handles', 'Handles');
    await page.locator(`[data-id="${flow.start}"]`).waitFor();
    // A drag on the empty top right of the canvas, to the left, brings the cards to the right into view.
    const canvas = (await page.getByRole('region', { name: 'Flow canvas' }).boundingBox())!;
    const before = new Set(await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id'))));
    await page.mouse.move(canvas.x + canvas.width - 30, canvas.y + 30);
    await page.mouse.down();
    await page.mouse.move(canvas.x + 60, canvas.y + 30, { steps: 20 });
    await page.mouse.up();
    await settle(page);
    const after = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
    expect(after.filter((id) => !before.has(id)).length).toBeGreaterThan(3);
    // Where each wire goes, by its id (its node's id and the outcome's pointer in the node).
    const targets: Record<string, string> = {};
    for (const node of flow.nodes) for (const o of outcomesOf(node)) if (o.target !== undefined) targets[`${node.id}${o.pointer}`] = o.target;
    // Each end of a wire in flow units, and where the handle it belongs to is drawn: a source handle's
    // right side, a card's input handle's left side, both at their middle (as React Flow joins them).
    // A string, so the test runner's transform leaves the function as written.
    const ends = (await page.evaluate(`((targets) => {
      const viewport = document.querySelector('.react-flow__viewport');
      const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
      const origin = viewport.getBoundingClientRect();
      const flow = (x, y) => [(x - origin.left) / zoom, (y - origin.top) / zoom];
      const sources = new Map();
      const inputs = new Map();
      for (const handle of document.querySelectorAll('.react-flow__handle')) {
        const r = handle.getBoundingClientRect();
        if (handle.classList.contains('source')) sources.set(handle.dataset.nodeid + handle.dataset.handleid, flow(r.right, r.top + r.height / 2));
        else inputs.set(handle.dataset.nodeid, flow(r.left, r.top + r.height / 2));
      }
      const found = [];
      for (const edge of document.querySelectorAll('.react-flow__edge')) {
        const numbers = edge.querySelector('.react-flow__edge-path').getAttribute('d').match(/-?[0-9.]+(?:e-?[0-9]+)?/g).map(Number);
        const start = numbers.slice(0, 2);
        const end = numbers.slice(-2);
        const source = sources.get(edge.dataset.id);
        if (source !== undefined) found.push({ edge: edge.dataset.id, end: 'start', miss: Math.hypot(start[0] - source[0], start[1] - source[1]) });
        const input = inputs.get(targets[edge.dataset.id]);
        if (input !== undefined) found.push({ edge: edge.dataset.id, end: 'end', miss: Math.hypot(end[0] - input[0], end[1] - input[1]) });
      }
      return found;
    })(${JSON.stringify(targets)})`)) as { edge: string; end: string; miss: number }[];
    expect(ends.filter((e) => e.end === 'start').length).toBeGreaterThan(20);
    expect(ends.filter((e) => e.end === 'end').length).toBeGreaterThan(20);
    for (const e of ends) expect(e.miss, `the ${e.end} of ${e.edge}`).toBeLessThan(0.5);
  }, 60_000);

  it('lists its first problems, shows more on request, and counts them all', async () => {
    const { page } = await openGenerated('many-problems', 'Many problems', 2500, 5);
    const panel = page.getByRole('region', { name: 'Problems' });
    const rows = panel.getByRole('listitem');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(200);
    // The heading counts every finding, the list shows the first 200.
    const counts = (await panel.locator('h2 .counts').innerText()).match(/\d+/g)!.map(Number);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(200);
    const more = panel.getByRole('button', { name: /^Show \d+ more problems/ });
    expect(await more.innerText()).toBe(`Show ${Math.min(200, total - 200)} more problems (${total - 200} not shown)`);
    await more.click();
    await expect.poll(() => rows.count()).toBe(Math.min(400, total));
    expect(await panel.getByRole('button', { name: /^Show \d+ more problems/ }).count()).toBe(total > 400 ? 1 : 0);
  }, 90_000);
});
