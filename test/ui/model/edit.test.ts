import { describe, expect, it } from 'vitest';
import { applyFlowChange } from '../../../src/core/model/changes.ts';
import { newNode } from '../../../src/core/model/draft.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import { moveChange, PALETTE, paletteEntry, type Draft } from '../../../src/ui/model/edit.ts';

describe('the palette', () => {
  it.each(PALETTE.map((p) => p.kind))('a new %s is a valid node once its prompt is written', (kind) => {
    const node = newNode(kind, 'n', { x: 10, y: 20 }) as Record<string, unknown>;
    if ('prompt' in node) node['prompt'] = 'Hello. For sales, press 1.';
    const result = loadFlow({ version: 1, id: 'f', name: 'F', start: 'n', nodes: [node] }, 'f.ivr.json');
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
  });

  it('names each kind it offers, once', () => {
    expect(new Set(PALETTE.map((p) => p.kind)).size).toBe(PALETTE.length);
    expect(paletteEntry('menu')).toMatchObject({ label: 'Menu' });
    expect(paletteEntry('opaque')).toBeUndefined();
  });
});

describe('changes from the canvas', () => {
  it('moves the nodes a drag or a layout places', () => {
    const draft: Draft = { version: 1, id: 'f', name: 'F', start: 'a', nodes: [newNode('hangup', 'a', { x: 0, y: 0 }), newNode('hangup', 'b', { x: 0, y: 0 })] };
    const change = moveChange(new Map([['b', { x: 3.2, y: 4.7 }]]));
    expect(change).toEqual({ type: 'moveNodes', positions: [{ id: 'b', position: { x: 3.2, y: 4.7 } }] });
    expect(applyFlowChange(draft, change).nodes.map((n) => n.position)).toEqual([{ x: 0, y: 0 }, { x: 3, y: 5 }]);
  });
});
