/**
 * `zeroout graph --format svg`: the designer's canvas as a picture, on
 * standard output or in a file, laid out when the flow has no positions.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elements, parseXml, textOf, type XmlElement } from '../core/export/xml.ts';
import { cleanup, deadEndFlow, goodFlow, run, tempDir, writeFiles } from './helpers.ts';

const FLOWS = path.join(import.meta.dirname, '../../flows');

let dir: string;
beforeAll(() => {
  dir = tempDir();
  cpSync(FLOWS, path.join(dir, 'flows'), { recursive: true });
  writeFiles(dir, { 'good.ivr.json': goodFlow(), 'dead-end.ivr.json': deadEndFlow() });
});
afterAll(cleanup);

/** The cards of a drawing: each one's frame (x, y, width, height) and texts. */
function cardsOf(svg: string) {
  const root = parseXml(svg);
  const nodes = root.children.find((c): c is XmlElement => typeof c !== 'string' && c.attributes.get('class') === 'nodes')!;
  return nodes.children
    .filter((c): c is XmlElement => typeof c !== 'string')
    .map((card) => {
      const frame = elements(card).find((e) => e.name === 'rect' && e.attributes.get('fill') !== '#000')!.attributes;
      return {
        x: Number(frame.get('x')),
        y: Number(frame.get('y')),
        width: Number(frame.get('width')),
        height: Number(frame.get('height')),
        texts: elements(card).filter((e) => e.name === 'text').map(textOf),
        fill: frame.get('fill')
      };
    });
}

describe('zeroout graph --format svg', () => {
  it('prints the bank flow as an SVG picture with every node and outcome named', async () => {
    const result = await run(['graph', 'flows/bank.ivr.json', '--format', 'svg'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const root = parseXml(result.stdout);
    expect(root.attributes.get('aria-label')).toBe('Flow diagram: First Harbor Bank: customer line');
    const flow = JSON.parse(readFileSync(path.join(FLOWS, 'bank.ivr.json'), 'utf8')) as { nodes: { name: string; position: { x: number; y: number } }[] };
    const cards = cardsOf(result.stdout);
    expect(cards).toHaveLength(flow.nodes.length);
    flow.nodes.forEach((node, index) => {
      const title = cards[index]!.texts.find((t) => t === node.name || (t.endsWith('…') && node.name.startsWith(t.slice(0, -1))));
      expect(title, node.name).toBeDefined();
      expect(cards[index]).toMatchObject(node.position);
    });
    const all = elements(root).filter((e) => e.name === 'text').map(textOf);
    for (const key of ['1', '2', '3', '0', 'noInput', 'invalid', 'maxRetries', 'success', 'failure', 'open', 'closed', 'overflow']) expect(all).toContain(key);
  });

  it('writes the picture to a file with -o, whole, and says so when it cannot', async () => {
    const result = await run(['graph', 'flows/bank.ivr.json', '--format', 'svg', '-o', 'bank.svg'], dir);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    parseXml(readFileSync(path.join(dir, 'bank.svg'), 'utf8'));
    const mermaid = await run(['graph', 'flows/bank.ivr.json', '-o', 'bank.mmd'], dir);
    expect(mermaid.code).toBe(0);
    expect(readFileSync(path.join(dir, 'bank.mmd'), 'utf8')).toMatch(/^flowchart LR\n/);
    const failed = await run(['graph', 'flows/bank.ivr.json', '--format', 'svg', '-o', 'no/such/folder/bank.svg'], dir);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/^no\/such\/folder\/bank\.svg: cannot write the file: /);
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });

  it('lays out a flow without positions as the designer lays out an import: left to right, no card on another', async () => {
    const result = await run(['graph', 'good.ivr.json', '--format', 'svg'], dir);
    expect(result.code).toBe(0);
    const cards = cardsOf(result.stdout);
    expect(cards).toHaveLength(4);
    for (const [i, a] of cards.entries()) {
      for (const b of cards.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.texts.join('/')} and ${b.texts.join('/')}`).toBe(true);
      }
    }
    // The start is leftmost, and what it leads to stands to its right.
    expect(cards[0]!.x).toBeLessThan(Math.min(...cards.slice(1).map((c) => c.x)));
  });

  it('marks the lint findings on the cards', async () => {
    const result = await run(['graph', 'dead-end.ivr.json', '--format', 'svg'], dir);
    expect(result.code).toBe(0);
    const cards = cardsOf(result.stdout);
    expect(cards[1]!.fill).toBe('#c62828');
    expect(cards[0]!.fill).toBe('#9aa3b2');
  });

  it('escapes hostile names, ids and prompts', async () => {
    writeFiles(dir, {
      'hostile.ivr.json': {
        version: 1,
        id: 'hostile',
        name: 'Evil <script>alert(1)</script> & "co"',
        start: '<b>x',
        nodes: [
          { id: '<b>x', kind: 'prompt', name: "A 'quoted' & <i>name</i>", prompt: 'Press ]]> & <now>\u0007', next: 'q&q', position: { x: 0, y: 0 } },
          { id: 'q&q', kind: 'queue', queue: '<queue>', position: { x: 300, y: 0 } }
        ]
      }
    });
    const result = await run(['graph', 'hostile.ivr.json', '--format', 'svg'], dir);
    expect(result.code).toBe(0);
    const root = parseXml(result.stdout);
    expect(elements(root).map((e) => e.name)).not.toContain('script');
    expect(root.attributes.get('aria-label')).toBe('Flow diagram: Evil <script>alert(1)</script> & "co"');
    const cards = cardsOf(result.stdout);
    expect(cards[0]!.texts).toContain("A 'quoted' & <i>name</i>");
    expect(cards[0]!.texts.join(' ')).toContain('Press ]]> & <now>');
    expect(cards[1]!.texts).toContain('Queue: <queue>');
  });

  it('still refuses a format it does not know', async () => {
    const result = await run(['graph', 'good.ivr.json', '--format', 'png'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/argument 'png' is invalid/);
  });
});
