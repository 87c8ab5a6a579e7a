import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeDotHtml, toDot } from '../../../src/core/export/dot.ts';
import { HOSTILE_EDGES, MISSING_IDS, arbitraryFlow, hostileFlow, tinyFlow } from './fixtures.ts';

const NODE_LINE = /^ {2}([nm]\d+) \[((?:[a-z]+=(?:[\w.]+|"[\w#.,]+") )+)label=<(.*)>\];$/;
const EDGE_LINE = /^ {2}([nm]\d+) -> ([nm]\d+) \[label=<(.*)>\];$/;
const KIND_TAG = /<BR\/><FONT POINT-SIZE="9">(\w+)<\/FONT>$/;

/** Checks an HTML-like label holds only our own tags and well-formed entities, and decodes its text. */
function readLabel(label: string): string {
  const text = label.replace(KIND_TAG, '');
  expect(text).not.toMatch(/[<>"]/);
  expect(text.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

interface Parsed {
  nodes: Map<string, { attributes: string; label: string; kind: string | undefined }>;
  edges: { from: string; to: string; label: string }[];
}

/** A strict reader for the subset of DOT the export writes: any other line fails the test. */
function parseDot(text: string): Parsed {
  const lines = text.split('\n');
  expect(lines.slice(0, 4)).toEqual([
    'digraph flow {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica" fontsize=11];',
    '  edge [fontname="Helvetica" fontsize=10];'
  ]);
  expect(lines.slice(-2)).toEqual(['}', '']);
  const parsed: Parsed = { nodes: new Map(), edges: [] };
  for (const line of lines.slice(4, -2)) {
    const node = NODE_LINE.exec(line);
    const edge = EDGE_LINE.exec(line);
    if (node) {
      const [, key = '', attributes = '', label = ''] = node;
      expect(parsed.nodes.has(key)).toBe(false);
      parsed.nodes.set(key, { attributes, label: readLabel(label), kind: KIND_TAG.exec(label)?.[1] });
    } else if (edge) {
      const [, from = '', to = '', label = ''] = edge;
      parsed.edges.push({ from, to, label: readLabel(label) });
    } else {
      expect.fail(`unexpected line: ${line}`);
    }
  }
  return parsed;
}

describe('toDot', () => {
  it('draws a small flow', () => {
    expect(toDot(tinyFlow())).toMatchInlineSnapshot(`
      "digraph flow {
        rankdir=LR;
        node [fontname="Helvetica" fontsize=11];
        edge [fontname="Helvetica" fontsize=10];
        n0 [shape=hexagon penwidth=2.5 label=<Main menu<BR/><FONT POINT-SIZE="9">menu</FONT>>];
        n1 [shape=box style="rounded,bold" label=<agent<BR/><FONT POINT-SIZE="9">queue</FONT>>];
        n0 -> n1 [label=<0>];
      }
      "
    `);
  });

  it('declares every node once with its name or id and kind', () => {
    const flow = hostileFlow();
    const parsed = parseDot(toDot(flow));
    flow.nodes.forEach((node, index) => {
      const drawn = parsed.nodes.get(`n${index}`);
      expect(drawn, node.id).toBeDefined();
      expect(drawn?.label).toBe((node.name ?? node.id).replace(/\s+/g, ' '));
      expect(drawn?.kind).toBe(node.kind);
    });
    const missing = [...parsed.nodes].filter(([key]) => key.startsWith('m'));
    expect(missing.map(([, node]) => node.label)).toEqual(MISSING_IDS.map((id) => `missing: ${id}`));
    for (const [, node] of missing) expect(node.attributes).toContain('color="#c62828"');
    expect(parsed.nodes.size).toBe(flow.nodes.length + MISSING_IDS.length);
  });

  it('draws every wired outcome and nothing else', () => {
    const flow = hostileFlow();
    const parsed = parseDot(toDot(flow));
    const idOf = (key: string): string =>
      key.startsWith('n')
        ? (flow.nodes[Number(key.slice(1))]?.id ?? '?')
        : (parsed.nodes.get(key)?.label.replace(/^missing: /, '') ?? '?');
    const drawn = parsed.edges.map((edge) => [idOf(edge.from), edge.label, idOf(edge.to)]);
    expect(drawn).toEqual(HOSTILE_EDGES.map(([from, label, to]) => [from, label, to]));
  });

  it('keeps any id from breaking the syntax, and draws every edge', () => {
    fc.assert(
      fc.property(arbitraryFlow(), (flow) => {
        const parsed = parseDot(toDot(flow));
        flow.nodes.forEach((node, index) => {
          expect(parsed.nodes.get(`n${index}`)?.label).toBe(node.id.replace(/[\s\p{Cc}]+/gu, ' '));
        });
        expect(parsed.edges).toHaveLength(flow.nodes.filter((node) => 'next' in node).length);
      }),
      { numRuns: 100 }
    );
  });

  it('shapes nodes by kind and marks the start', () => {
    const parsed = parseDot(toDot(hostileFlow()));
    expect(parsed.nodes.get('n0')?.attributes).toContain('shape=hexagon');
    expect(parsed.nodes.get('n0')?.attributes).toContain('penwidth=2.5');
    expect(parsed.nodes.get('n1')?.attributes).not.toContain('penwidth');
    expect(parsed.nodes.get('n3')?.attributes).toContain('shape=circle');
  });
});

describe('escapeDotHtml', () => {
  it('escapes markup and flattens line breaks', () => {
    expect(escapeDotHtml('<img src="x"> & \'y\'')).toBe('&lt;img src=&quot;x&quot;&gt; &amp; &#39;y&#39;');
    expect(escapeDotHtml('back\\')).toBe('back\\');
    expect(escapeDotHtml('a\r\n\u0000b')).toBe('a b');
  });
});
