import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMermaid, toMermaid } from '../../../src/core/export/mermaid.ts';
import type { Flow } from '../../../src/core/model/types.ts';
import { HOSTILE_EDGES, MISSING_IDS, arbitraryFlow, hostileFlow, tinyFlow } from './fixtures.ts';

const NODE_LINE =
  /^ {2}([nm]\d+)(\(\(\(|\(\[|\[\[|\[\(|\[\/|\{\{|\(\(|\{|\(|\[|>)"([^"]*)"(\)\)\)|\]\)|\]\]|\)\]|\/\]|\\\]|\}\}|\)\)|\}|\)|\])$/;
const EDGE_LINE = /^ {2}([nm]\d+) -->\|"([^"]*)"\| ([nm]\d+)$/;
const STYLE_LINE = /^ {2}(classDef \w+ [\w:#,-]+|class [nm]\d+(,[nm]\d+)* \w+)$/;
/** What a label may hold once entity codes and our own line break are taken out. */
const UNSAFE_IN_LABEL = /[^\p{L}\p{N} _.,:()?!+-]/u;

const decode = (label: string): string =>
  label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

interface Parsed {
  nodes: Map<string, { open: string; label: string }>;
  edges: { from: string; label: string; to: string }[];
  styles: string[];
}

/** A strict reader for the subset of Mermaid the export writes: any other line fails the test. */
function parseMermaid(text: string): Parsed {
  const lines = text.split('\n');
  expect(lines[0]).toBe('flowchart LR');
  expect(lines.at(-1)).toBe('');
  const parsed: Parsed = { nodes: new Map(), edges: [], styles: [] };
  for (const line of lines.slice(1, -1)) {
    const node = NODE_LINE.exec(line);
    const edge = EDGE_LINE.exec(line);
    if (node) {
      const [, key = '', open = '', label = ''] = node;
      expect(parsed.nodes.has(key), `node ${key} declared twice`).toBe(false);
      expect(label.replace(/#\d+;/g, '').replace('<br/>', '')).not.toMatch(UNSAFE_IN_LABEL);
      parsed.nodes.set(key, { open, label: decode(label) });
    } else if (edge) {
      const [, from = '', label = '', to = ''] = edge;
      expect(label.replace(/#\d+;/g, '')).not.toMatch(UNSAFE_IN_LABEL);
      parsed.edges.push({ from, label: decode(label), to });
    } else {
      expect(line).toMatch(STYLE_LINE);
      parsed.styles.push(line.trim());
    }
  }
  return parsed;
}

describe('toMermaid', () => {
  it('draws a small flow', () => {
    expect(toMermaid(tinyFlow())).toMatchInlineSnapshot(`
      "flowchart LR
        n0{{"Main menu<br/>menu"}}
        n1(["agent<br/>queue"])
        n0 -->|"0"| n1
        classDef start stroke-width:3px
        classDef missing fill:#fdecea,stroke:#c62828,color:#c62828
        class n0 start
      "
    `);
  });

  it('declares every node once, with its name or id and kind, in a safe generated id', () => {
    const flow = hostileFlow();
    const parsed = parseMermaid(toMermaid(flow));
    flow.nodes.forEach((node, index) => {
      const drawn = parsed.nodes.get(`n${index}`);
      expect(drawn, node.id).toBeDefined();
      expect(drawn?.label).toBe(`${(node.name ?? node.id).replace(/\s+/g, ' ')}<br/>${node.kind}`);
    });
    const missing = [...parsed.nodes].filter(([key]) => key.startsWith('m')).map(([, node]) => node.label);
    expect(missing).toEqual(MISSING_IDS.map((id) => `missing: ${id}`));
    expect(parsed.nodes.size).toBe(flow.nodes.length + MISSING_IDS.length);
  });

  it('draws every wired outcome and nothing else', () => {
    const flow = hostileFlow();
    const parsed = parseMermaid(toMermaid(flow));
    const idOf = (key: string): string =>
      key.startsWith('n')
        ? (flow.nodes[Number(key.slice(1))]?.id ?? '?')
        : (parsed.nodes.get(key)?.label.replace(/^missing: /, '') ?? '?');
    const drawn = parsed.edges.map((edge) => [idOf(edge.from), edge.label, idOf(edge.to)]);
    expect(drawn).toEqual(HOSTILE_EDGES.map(([from, label, to]) => [from, label, to]));
  });

  it('shapes nodes by kind', () => {
    const flow = hostileFlow();
    const parsed = parseMermaid(toMermaid(flow));
    const shape = (id: string): string | undefined =>
      parsed.nodes.get(`n${flow.nodes.findIndex((node) => node.id === id)}`)?.open;
    expect(shape('__proto__')).toBe('{{'); // menu: hexagon
    expect(shape(']a[b{c}(d)')).toBe('{'); // branch: rhombus
    expect(shape('x"y')).toBe('(['); // queue: stadium
    expect(shape('person')).toBe('(['); // transfer to a person: stadium
    expect(shape('<img src=x onerror=alert(1)>')).toBe('[['); // transfer to a machine
    expect(shape('end')).toBe('(('); // hang-up: circle
  });

  it('keeps any id from breaking the syntax, and draws every edge', () => {
    fc.assert(
      fc.property(arbitraryFlow(), (flow) => {
        const parsed = parseMermaid(toMermaid(flow));
        flow.nodes.forEach((node, index) => {
          expect(parsed.nodes.get(`n${index}`)?.label).toBe(`${node.id.replace(/\s+/g, ' ')}<br/>prompt`);
        });
        expect(parsed.edges).toHaveLength(flow.nodes.filter((node) => 'next' in node).length);
      }),
      { numRuns: 100 }
    );
  });

  it('marks the start node and colours missing nodes red', () => {
    const parsed = parseMermaid(toMermaid(hostileFlow()));
    expect(parsed.styles).toContain('class n0 start');
    expect(parsed.styles).toContain('class m0,m1 missing');
    expect(parsed.styles.find((line) => line.startsWith('classDef missing'))).toMatch(/stroke:#c62828/);
  });

  it('leaves out the missing class when every target exists', () => {
    const flow: Flow = {
      version: 1,
      id: 'f',
      name: 'f',
      start: 'a',
      nodes: [{ id: 'a', kind: 'hangup' }]
    };
    expect(parseMermaid(toMermaid(flow)).styles).not.toContain(expect.stringMatching(/^class .* missing$/));
  });
});

describe('escapeMermaid', () => {
  it('encodes everything that could end a label or read as markup', () => {
    expect(escapeMermaid('x"y')).toBe('x#34;y');
    expect(escapeMermaid('<img src=x>')).toBe('#60;img src#61;x#62;');
    expect(escapeMermaid('a\n\tb')).toBe('a b');
    expect(escapeMermaid('é😀')).toBe('é#128512;');
    expect(escapeMermaid('#quot;')).toBe('#35;quot#59;');
  });
});
