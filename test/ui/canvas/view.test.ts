import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyse } from '../../../src/ui/model/analysis.ts';
import { bundlePath, canvasEdges, canvasNodes, helplessNodes, LONG_EDGE, splitLongEdges, viewRect } from '../../../src/ui/canvas/view.ts';
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

  it('bundles the long edges from cards far from the view, and draws every other edge on its own', () => {
    const far = 300 + LONG_EDGE + 1;
    const draft = {
      version: 1, id: 'f', name: 'F', start: 'a',
      nodes: [
        // a → b is short; b → c and d → b are long; the view shows a and b, and d is screens away.
        { id: 'a', kind: 'prompt', prompt: 'Hi.', next: 'b', position: { x: 0, y: 0 } },
        { id: 'b', kind: 'prompt', prompt: 'Hello.', next: 'c', position: { x: 300, y: 0 } },
        { id: 'c', kind: 'hangup', position: { x: far, y: 0 } },
        { id: 'd', kind: 'prompt', prompt: 'Far away.', next: 'b', position: { x: far, y: far } }
      ]
    } as unknown as Draft;
    const analysis = analyse(draft);
    const edges = canvasEdges(draft, analysis, options);
    const positions = new Map(draft.nodes.map((n) => [n.id, n.position]));
    const view = viewRect({ x: 100, y: 100, zoom: 1 }, 800, 600);
    expect(view).toEqual({ x: -100, y: -100, width: 800, height: 600 });
    const { drawn, bundled } = splitLongEdges(edges, positions, view);
    // b → c is long, but b is in view: it can be selected there. Only d → b is bundled.
    expect(drawn.map((e) => `${e.source}>${e.target}`)).toEqual(['a>b', 'b>c']);
    expect(bundled.map((e) => `${e.source}>${e.target}`)).toEqual(['d>b']);
    // Before the view has settled anywhere, every edge is drawn; with the view on d, d → b is, and b → c is bundled.
    expect(splitLongEdges(edges, positions, null).bundled).toEqual([]);
    const onD = splitLongEdges(edges, positions, viewRect({ x: -far, y: -far, zoom: 1 }, 800, 600));
    expect(onD.bundled.map((e) => `${e.source}>${e.target}`)).toEqual(['b>c']);
    // A long edge coloured as part of a trap or a route is never bundled.
    const route = canvasEdges(draft, analysis, { ...options, callRoute: ['d', 'b'] });
    expect(splitLongEdges(route, positions, view).bundled).toEqual([]);

    // The bundle draws d → b from the right of d's handle to the left of b's target handle.
    const cards = new Map(canvasNodes(draft, analysis, options).map((n) => [n.id, n]));
    const d = cards.get('d')!;
    const out = d.handles!.find((h) => h.type === 'source')!;
    const into = cards.get('b')!.handles!.find((h) => h.type === 'target')!;
    const path = bundlePath(bundled, cards);
    expect(path.startsWith(`M${d.position.x + out.x + out.width!},${d.position.y + out.y + out.height! / 2}`)).toBe(true);
    expect(path.endsWith(`${300 + into.x},${into.y + into.height! / 2}`)).toBe(true);
    expect(bundlePath([], cards)).toBe('');
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
