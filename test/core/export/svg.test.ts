import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/index.ts';
import { svgCardSizes, svgImage, toSvg } from '../../../src/core/export/index.ts';
import { cleanText, fitText, wrapText } from '../../../src/core/export/svgText.ts';
import { displayName } from '../../../src/core/model/display.ts';
import { loadFlowText, outcomesOfDraft, type Flow } from '../../../src/core/model/index.ts';
import { cardHeight } from '../../../src/ui/canvas/geometry.ts';
import { PALETTE } from '../../../src/ui/model/edit.ts';
import { generateFlow } from '../../support/generate.ts';
import { arbitraryFlow, hostileFlow, tinyFlow } from './fixtures.ts';
import { elements, parseXml, textOf, type XmlElement } from './xml.ts';

const FLOWS = path.join(import.meta.dirname, '../../../flows');

function example(id: string): Flow {
  const loaded = loadFlowText(readFileSync(path.join(FLOWS, `${id}.ivr.json`), 'utf8'), `${id}.ivr.json`);
  if (!loaded.ok) throw new Error(`${id} does not load`);
  return loaded.flow;
}

/** The drawing read back: its root, each card's texts in flow order, the edges and the edge labels. */
function read(svg: string) {
  const root = parseXml(svg);
  const group = (name: string): XmlElement => root.children.find((c): c is XmlElement => typeof c !== 'string' && c.attributes.get('class') === name)!;
  const texts = (element: XmlElement) => elements(element).filter((e) => e.name === 'text');
  const cards = group('nodes').children.filter((c): c is XmlElement => typeof c !== 'string');
  return {
    root,
    cards: cards.map((card) => ({
      texts: texts(card).map(textOf),
      title: textOf(texts(card).find((t) => t.attributes.get('font-size') === '14')!),
      badges: elements(card).filter((e) => e.name === 'rect' && e.attributes.get('height') === '16' && ['#c62828', '#b26a00'].includes(e.attributes.get('fill')!)).length,
      border: elements(card).find((e) => e.name === 'rect' && e.attributes.get('fill') !== '#000')!.attributes.get('fill')
    })),
    edges: elements(group('edges')).filter((e) => e.name === 'path'),
    edgeLabels: texts(group('edge-labels')).map(textOf)
  };
}

/** A text as a card shows it: whole, or a start of it with an ellipsis. */
function shows(shown: string, text: string): boolean {
  const clean = cleanText(text);
  return shown === clean || (shown.endsWith('…') && clean.startsWith(shown.slice(0, -1)));
}

const label = (name: string) => (name.startsWith('say:') ? `“${name.slice(4)}”` : name);

describe('toSvg', () => {
  it('draws every node of the bank flow as a card with its kind, title and outcomes, and every route as an edge', () => {
    const flow = example('bank');
    const drawing = read(toSvg(flow));
    expect(drawing.root.name).toBe('svg');
    expect(drawing.root.attributes.get('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(drawing.root.attributes.get('role')).toBe('img');
    expect(drawing.root.attributes.get('aria-label')).toBe('Flow diagram: First Harbor Bank: customer line');
    expect(textOf(drawing.root.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'title')!)).toBe('Flow diagram: First Harbor Bank: customer line');
    expect(drawing.cards).toHaveLength(flow.nodes.length);
    let routes = 0;
    let loops = 0;
    flow.nodes.forEach((node, index) => {
      const card = drawing.cards[index]!;
      expect(shows(card.title, displayName(node)), `${card.title} for ${node.id}`).toBe(true);
      expect(card.texts).toContain(PALETTE.find((p) => p.kind === node.kind)!.label.toUpperCase());
      for (const outcome of outcomesOfDraft(node)) {
        expect(card.texts).toContain(label(outcome.name));
        if (outcome.target !== undefined) {
          routes++;
          if (outcome.target === node.id) loops++;
        }
      }
    });
    expect(drawing.cards[0]!.texts).toContain('Start');
    expect(drawing.edges).toHaveLength(routes);
    // A route to another node carries its key or outcome name along it, unless it runs behind cards all the way.
    expect(drawing.edgeLabels.length).toBeGreaterThanOrEqual(0.8 * (routes - loops));
    for (const text of drawing.edgeLabels) expect(flow.nodes.some((n) => outcomesOfDraft(n).some((o) => label(o.name) === text))).toBe(true);
  });

  it('draws the cards at the nodes’ positions with the designer’s sizes and kind names', () => {
    const flow = example('bank');
    const sizes = svgCardSizes(flow);
    for (const node of flow.nodes) {
      const outcomes = outcomesOfDraft(node).map((o) => o.pointer);
      const excerpt = 'prompt' in node || ['queue', 'callback', 'transfer', 'voicemail', 'subflow', 'lookup', 'hours'].includes(node.kind);
      expect(sizes.get(node.id)).toEqual({ width: 230, height: cardHeight({ excerpt, outcomes, time: false }) });
    }
    const svg = toSvg(flow);
    const welcome = flow.nodes[0]!.position!;
    expect(svg).toContain(`<rect x="${welcome.x}" y="${welcome.y}" width="230" height="${sizes.get(flow.nodes[0]!.id)!.height}" rx="8"`);
    const moved = toSvg(flow, { positions: new Map([[flow.nodes[0]!.id, { x: -700, y: 40 }]]) });
    expect(moved).toContain('<rect x="-700" y="40" width="230"');
  });

  it('puts a node without a position where the canvas does: a grid six wide', () => {
    const flow = tinyFlow();
    const svg = toSvg(flow);
    expect(svg).toContain('<rect x="0" y="0" width="230"');
    expect(svg).toContain('<rect x="280" y="0" width="230"');
    const { width, height } = svgImage(flow);
    expect(svg).toContain(`width="${width}" height="${height}"`);
    expect(width).toBeGreaterThan(510);
    expect(read(svg).edgeLabels).toEqual(['0']);
  });

  it('marks findings as the designer does: badges by severity, the card framed in the worst colour, trap loops in red', () => {
    const flow = example('runaround');
    const { findings } = lintFlow(flow);
    const plain = read(toSvg(flow));
    const marked = read(toSvg(flow, { findings }));
    expect(plain.cards.every((c) => c.badges === 0)).toBe(true);
    const index = flow.nodes.findIndex((n) => n.id === 'main-menu');
    // The main menu's warnings: its border and its badge; the dead end's error.
    expect(marked.cards[index]!.badges).toBe(1);
    expect(marked.cards[index]!.border).toBe('#b26a00');
    expect(plain.cards[index]!.border).toBe('#9aa3b2');
    expect(marked.cards[flow.nodes.findIndex((n) => n.id === 'payment-lookup')]!.border).toBe('#c62828');
    expect(marked.cards[index]!.texts).toContain(String(findings.filter((f) => f.node === 'main-menu').length));
    const trap = findings.find((f) => f.code === 'trap-loop')!;
    const red = marked.edges.filter((e) => e.attributes.get('stroke') === '#d12f2f');
    expect(red.length).toBeGreaterThanOrEqual(trap.nodes!.length);
    expect(plain.edges.some((e) => e.attributes.get('stroke') === '#d12f2f')).toBe(false);
  });

  it('escapes hostile ids, names and prompts, and drops what XML 1.0 cannot hold', () => {
    const flow = hostileFlow();
    const nodes = flow.nodes.map((node, index) =>
      index === 0 ? { ...node, name: '<script>alert("x")</script> & \'q\'', prompt: 'Tom & Jerry <b>bold</b> \u0000\u0007\u001b[31m\ud800 \ufffe\u202e end' } : node
    ) as Flow['nodes'];
    const hostile: Flow = { ...flow, name: 'Bad </title><script>alert(1)</script>\u0001', nodes };
    const svg = toSvg(hostile);
    const drawing = read(svg);
    const names = elements(drawing.root).map((e) => e.name);
    expect(names).not.toContain('script');
    expect(names).not.toContain('img');
    expect(names).not.toContain('b');
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\ud800]/);
    expect(drawing.root.attributes.get('aria-label')).toBe('Flow diagram: Bad </title><script>alert(1)</script>');
    expect(shows(drawing.cards[0]!.title, '<script>alert("x")</script> & \'q\'')).toBe(true);
    expect(drawing.cards[0]!.texts.join(' ')).toContain('Tom & Jerry <b>bold</b>');
    hostile.nodes.forEach((node, index) => expect(shows(drawing.cards[index]!.title, displayName(node)), node.id).toBe(true));
    expect(drawing.cards.flatMap((c) => c.texts)).toContain('“help <me>”');
  });

  it('writes well-formed XML for any ids and texts', () => {
    fc.assert(
      fc.property(arbitraryFlow(), fc.string({ unit: 'binary', maxLength: 30 }), (flow, name) => {
        const drawing = read(toSvg({ ...flow, name }));
        expect(drawing.cards).toHaveLength(flow.nodes.length);
      }),
      { numRuns: 150 }
    );
  });

  it('grows linearly with the flow, and a huge name costs a line', () => {
    const small = toSvg(generateFlow(500, 3)).length;
    const large = toSvg(generateFlow(2000, 3)).length;
    expect(large / small).toBeGreaterThan(3);
    expect(large / small).toBeLessThan(5);
    const started = performance.now();
    toSvg(generateFlow(5000, 3));
    expect(performance.now() - started).toBeLessThan(5000);
    const flow = tinyFlow();
    const huge = 'x'.repeat(1_000_000);
    const svg = toSvg({ ...flow, id: huge, name: huge, nodes: flow.nodes.map((n) => ({ ...n, name: huge, prompt: huge })) as Flow['nodes'] });
    expect(svg.length).toBeLessThan(20_000);
    parseXml(svg);
  });

  it('draws an empty flow as its caption', () => {
    const drawing = read(toSvg({ version: 1, id: 'empty', name: 'Empty', start: 'x', nodes: [] }));
    expect(drawing.cards).toEqual([]);
    expect(drawing.root.attributes.get('aria-label')).toBe('Flow diagram: Empty');
  });
});

describe('fitting text', () => {
  it('cuts a line with an ellipsis, and wraps at spaces over two lines', () => {
    expect(fitText('Short', 200, { size: 12 })).toBe('Short');
    const cut = fitText('A very long title that cannot possibly fit on one card', 120, { size: 14, bold: true });
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(20);
    const lines = wrapText('For your account balance, press 1. To report a lost or stolen card, press 2. For loans, press 3.', 200, 2, { size: 12 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('For your account balance,');
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(wrapText('x'.repeat(100), 100, 2, { size: 12 }).every((line) => line.length > 5)).toBe(true);
    expect(cleanText('a\u0000b\n\tc\u202e\ud800')).toBe('a b c');
  });
});

describe('the strict XML reader these tests use', () => {
  it.each(['<a>&</a>', '<a>&bogus;</a>', '<a><b></a>', '<a x="<"/>', '<a x="1" x="2"/>', '<a>\u0001</a>', '<a/><b/>', '<a>', 'text', '<a>\ud800</a>', '<a>&#1;</a>'])('refuses %j', (text) => {
    expect(() => parseXml(text)).toThrow();
  });

  it('reads entities and nesting', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a k=\'&quot;&lt;\'><b>x &amp; &#x3c;y&gt;</b><c/></a>');
    expect(root.attributes.get('k')).toBe('"<');
    expect(elements(root).map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(textOf(root)).toBe('x & <y>');
  });
});

describe('card titles', () => {
  it('name a node whose id a machine made by what it does, as the canvas does', () => {
    const flow = tinyFlow();
    const uuid = '0b7c6a4e-93f1-4d5e-8a2b-1c3d5e7f9a0b';
    const nodes = [flow.nodes[0]!, { id: uuid, kind: 'queue', queue: 'support' }] as Flow['nodes'];
    const drawing = read(toSvg({ ...flow, nodes }));
    expect(drawing.cards[1]!.title).toBe('Queue: support');
  });
});
