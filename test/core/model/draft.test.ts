import { describe, expect, it } from 'vitest';
import { emptyDraft, freshId, idAllocator, newNode, nextFreeKey, outcomesOfDraft } from '../../../src/core/model/draft.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import { NODE_KINDS } from '../../../src/core/model/schema.ts';
import type { FlowNode } from '../../../src/core/model/types.ts';

describe('new nodes', () => {
  it.each(NODE_KINDS.filter((kind) => kind !== 'opaque'))('a new %s is a valid node once its prompt is written', (kind) => {
    const node = newNode(kind, 'n', { x: 10.4, y: 19.6 }) as Record<string, unknown>;
    expect(node['position']).toEqual({ x: 10, y: 20 });
    if ('prompt' in node) node['prompt'] = 'Hello. For sales, press 1.';
    const result = loadFlow({ version: 1, id: 'f', name: 'F', start: 'n', nodes: [node] }, 'f.ivr.json');
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
  });

  it('a new menu or input asks again on silence or a wrong key', () => {
    expect(newNode('menu', 'm', { x: 0, y: 0 })).toMatchObject({ noInput: 'm', invalid: 'm', maxRetries: 2 });
    expect(newNode('input', 'i', { x: 0, y: 0 })).toMatchObject({ noInput: 'i', invalid: 'i', maxRetries: 2 });
  });

  it('an empty flow has no nodes and no start yet', () => {
    expect(emptyDraft('billing', 'Billing')).toEqual({ version: 1, id: 'billing', name: 'Billing', start: '', nodes: [] });
  });
});

describe('free ids', () => {
  const draft = { nodes: [newNode('menu', 'menu', { x: 0, y: 0 }), newNode('menu', 'menu-2', { x: 0, y: 0 })] };

  it('gives the base when free, else numbers it on; a copy of a copy is numbered on, not suffixed again', () => {
    expect(freshId(draft, 'queue')).toBe('queue');
    expect(freshId(draft, 'menu')).toBe('menu-3');
    expect(freshId(draft, 'menu-2')).toBe('menu-3');
    expect(freshId(draft, '__proto__')).toBe('__proto__');
  });

  it('counts every id it gives out as used', () => {
    const allocate = idAllocator(['a', 'a-3']);
    expect([allocate('a'), allocate('a'), allocate('a-7'), allocate('b'), allocate('b')]).toEqual(['a-2', 'a-4', 'a-5', 'b', 'b-2']);
  });
});

describe('reading drafts', () => {
  it('offers the next free key for a new option', () => {
    const menu = newNode('menu', 'm', { x: 0, y: 0 });
    expect(nextFreeKey(menu)).toBe('1');
    expect(nextFreeKey({ ...menu, options: [{ key: '1' }, { key: '2' }] } as FlowNode)).toBe('3');
    const full = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'].map((key) => ({ key }));
    expect(nextFreeKey({ ...menu, options: full } as FlowNode)).toBeUndefined();
    expect(nextFreeKey(newNode('queue', 'q', { x: 0, y: 0 }))).toBeUndefined();
  });

  it('a node missing what its outcomes need has none, rather than failing', () => {
    expect(outcomesOfDraft({ id: 'm', kind: 'menu', options: 'none' } as unknown as FlowNode)).toEqual([]);
    expect(outcomesOfDraft(newNode('lookup', 'l', { x: 0, y: 0 })).map((o) => o.pointer)).toEqual(['/success', '/failure']);
  });
});
