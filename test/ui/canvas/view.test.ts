import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyse } from '../../../src/ui/model/analysis.ts';
import { canvasEdges, canvasNodes, helplessNodes, LONG_EDGE } from '../../../src/ui/canvas/view.ts';
import type { Draft } from '../../../src/core/model/draft.ts';

const flows = path.join(import.meta.dirname, '../../../flows');
const read = (id: string) => JSON.parse(readFileSync(path.join(flows, `${id}.ivr.json`), 'utf8')) as Draft;

const options = { selected: new Set<string>(), showTimes: false, callAt: null, callRoute: [] as string[] };

describe('the canvas picture', () => {
  it('draws one handle per outcome and one labelled edge per wired outcome', () => {
    const draft = read('bank');
    const analysis = analyse(draft);
    const nodes = canvasNodes(draft, analysis, options);
    const menu = nodes.find((n) => n.id === 'main-menu')!;
    expect(menu.data.handles.map((h) => h.label)).toEqual(expect.arrayContaining(['1', '2', '3', '0', 'noInput', 'invalid']));
    expect(menu.data.isStart).toBe(false);
    expect(nodes.find((n) => n.id === draft.start)!.data.isStart).toBe(true);
    const edges = canvasEdges(draft, analysis, options);
    const zero = edges.find((e) => e.source === 'main-menu' && e.label === '0')!;
    expect(zero.target).toBe('agent-queue');
    expect(zero.sourceHandle).toBe(zero.id.slice('main-menu'.length));
  });

  it('draws trap-loop edges in red and shades the nodes with no route to help', () => {
    const draft = read('runaround');
    const analysis = analyse(draft);
    const trap = analysis.problems.find((p) => p.code === 'trap-loop')!;
    const red = canvasEdges(draft, analysis, options).filter((e) => e.className?.includes('edge-trap'));
    expect(red.length).toBeGreaterThan(0);
    for (const edge of red) {
      expect(trap.nodes).toContain(edge.source);
      expect(trap.nodes).toContain(edge.target);
    }
    const shaded = canvasNodes(draft, analysis, options).filter((n) => n.data.noRouteToHelp).map((n) => n.id);
    expect(shaded.length).toBeGreaterThan(0);
    for (const id of trap.nodes ?? []) expect(shaded).toContain(id);
  });

  it('does not shade what comes after help (a goodbye after a callback)', () => {
    const draft: Draft = {
      version: 1, id: 'f', name: 'F', start: 'cb',
      nodes: [
        { id: 'cb', kind: 'callback', queue: 'q', scheduled: 'bye' },
        { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', end: true }
      ]
    } as Draft;
    expect(helplessNodes(draft).size).toBe(0);
    // A goodbye is an ending by design; a message that leads to it, with no help on the way, is not.
    const stuck = {
      ...draft,
      start: 'sorry',
      nodes: [...draft.nodes, { id: 'sorry', kind: 'prompt', prompt: 'We cannot help you.', next: 'bye' }]
    } as Draft;
    expect([...helplessNodes(stuck)]).toEqual(['sorry']);
  });

  it('marks edges that span several screens as long, and only those', () => {
    const draft = {
      version: 1, id: 'f', name: 'F', start: 'a',
      nodes: [
        { id: 'a', kind: 'prompt', prompt: 'Hi.', next: 'b', position: { x: 0, y: 0 } },
        { id: 'b', kind: 'prompt', prompt: 'Hello.', next: 'c', position: { x: 300, y: 0 } },
        { id: 'c', kind: 'hangup', position: { x: 300 + LONG_EDGE + 1, y: 0 } }
      ]
    } as unknown as Draft;
    const edges = canvasEdges(draft, analyse(draft), options);
    expect(edges.map((e) => [e.source, e.className?.includes('edge-long')])).toEqual([['a', false], ['b', true]]);
  });

  it('places schema problems on their node and field', () => {
    const draft = read('clinic');
    const broken = { ...draft, nodes: draft.nodes.map((n, i) => (i === 1 ? { ...n, kind: 'menu', options: 'none' } : n)) } as unknown as Draft;
    const analysis = analyse(broken);
    expect(analysis.flow).toBeUndefined();
    expect(analysis.problems[0]!.code).toBe('schema');
    expect(analysis.problems.some((p) => p.node === draft.nodes[1]!.id)).toBe(true);
    expect(analysis.badges.get(draft.nodes[1]!.id)?.error).toBeGreaterThan(0);
  });
});
