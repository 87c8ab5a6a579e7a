import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFlowChecker, loadFlow } from '../../../src/core/model/load.ts';

const flows = path.join(import.meta.dirname, '../../../flows');
const read = (id: string) => JSON.parse(readFileSync(path.join(flows, `${id}.ivr.json`), 'utf8')) as { nodes: Record<string, unknown>[] } & Record<string, unknown>;

type Doc = ReturnType<typeof read>;
const withNode = (doc: Doc, index: number, change: (node: Record<string, unknown>) => Record<string, unknown>): Doc => ({
  ...doc,
  nodes: doc.nodes.map((n, i) => (i === index ? change(n) : n))
});

const BREAKS: [string, (doc: Doc) => unknown][] = [
  ['valid', (doc) => doc],
  ['a required field missing', (doc) => withNode(doc, 1, ({ kind: _k, ...n }) => n)],
  ['a field of the wrong type', (doc) => withNode(doc, 2, (n) => ({ ...n, name: 42 }))],
  ['an unknown field', (doc) => withNode(doc, 0, (n) => ({ ...n, colour: 'red' }))],
  ['an unknown kind', (doc) => withNode(doc, 3, (n) => ({ ...n, kind: 'teleport' }))],
  ['a duplicate id', (doc) => withNode(doc, 2, (n) => ({ ...n, id: doc.nodes[1]!.id }))],
  ['a start that is no node', (doc) => ({ ...doc, start: 'nowhere' })],
  ['a bad top-level field', (doc) => ({ ...doc, name: '' })],
  ['a __proto__ field in a node', (doc) => withNode(doc, 1, (n) => JSON.parse(JSON.stringify(n).replace(/^\{/, '{"__proto__": 1,')) as Record<string, unknown>)],
  ['an older version', (doc) => ({ ...doc, version: 0 })],
  ['nodes not an array', (doc) => ({ ...doc, nodes: {} })],
  ['a node nested deeper than a file may be', (doc) => withNode(doc, 1, (n) => ({ ...n, kind: JSON.parse(`${'['.repeat(70)}${']'.repeat(70)}`) as unknown }))],
  ['a node\'s text longer than a file may hold', (doc) => withNode(doc, 2, (n) => ({ ...n, name: 'x'.repeat(1_000_001) }))],
  ['a top-level text longer than a file may hold', (doc) => ({ ...doc, description: 'x'.repeat(1_000_001) })]
];

const sorted = (result: ReturnType<typeof loadFlow>) =>
  result.ok ? 'ok' : result.problems.map((p) => `${p.pointer} ${p.message}`).sort();

describe('the incremental flow checker', () => {
  for (const id of ['bank', 'clinic', 'runaround']) {
    it.each(BREAKS)(`${id}: finds what loadFlow finds (%s)`, (_name, breakIt) => {
      const document = breakIt(read(id));
      const check = createFlowChecker();
      expect(sorted(check(document, 'f.ivr.json'))).toEqual(sorted(loadFlow(document, 'f.ivr.json')));
      // And again, from its cache.
      expect(sorted(check(document, 'f.ivr.json'))).toEqual(sorted(loadFlow(document, 'f.ivr.json')));
    });
  }

  it('gives back the very objects of a valid flow, and checks again only a replaced node', () => {
    const check = createFlowChecker();
    const doc = read('bank');
    const first = check(doc, 'bank.ivr.json');
    expect(first.ok && first.flow.nodes[3]).toBe(doc.nodes[3]);
    const broken = withNode(doc, 3, (n) => ({ ...n, kind: 'teleport' }));
    const second = check(broken, 'bank.ivr.json');
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.problems.every((p) => p.pointer.startsWith('/nodes/3'))).toBe(true);
    expect(check(doc, 'bank.ivr.json').ok).toBe(true);
  });
});
