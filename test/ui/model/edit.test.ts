import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../../src/core/model/load.ts';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import {
  addNode,
  connect,
  deleteNodes,
  emptyDraft,
  freshId,
  newNode,
  nextFreeKey,
  PALETTE,
  pasteNodes,
  renameNode,
  setAt,
  setField,
  type Draft
} from '../../../src/ui/model/edit.ts';
import { record, redo, startHistory, undo } from '../../../src/ui/model/history.ts';

const valid = (draft: Draft) => loadFlow(draft, 'draft.ivr.json');

describe('new nodes', () => {
  it.each(PALETTE.map((p) => p.kind))('a new %s is a valid node once its prompt is written', (kind) => {
    const node = newNode(kind, 'n', { x: 10, y: 20 }) as Record<string, unknown>;
    if ('prompt' in node) node.prompt = 'Hello. For sales, press 1.';
    const result = loadFlow({ version: 1, id: 'f', name: 'F', start: 'n', nodes: [node] }, 'f.ivr.json');
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
  });

  it('the first node added to an empty flow is where calls start; ids stay unique', () => {
    let draft = emptyDraft('billing', 'Billing');
    const first = addNode(draft, 'menu', { x: 0, y: 0 });
    draft = first.draft;
    expect(draft.start).toBe('menu');
    const second = addNode(draft, 'menu', { x: 0, y: 0 });
    expect(second.id).toBe('menu-2');
    expect(second.draft.start).toBe('menu');
    expect(freshId(second.draft, 'menu')).toBe('menu-3');
    // A copy of a copy is numbered on, not suffixed again.
    expect(freshId(second.draft, 'menu-2')).toBe('menu-3');
  });

  it('a new prompt with nowhere to go is linted as a dead end, not refused', () => {
    const { draft } = addNode(emptyDraft('f', 'F'), 'prompt', { x: 0, y: 0 });
    const result = valid(draft);
    expect(result.ok).toBe(true);
    // A prompt node with nowhere to go is a dead end the designer must fix.
    if (result.ok) expect(lintFlow(result.flow).findings.map((f) => f.rule)).toContain('dead-end');
  });
});

describe('wiring', () => {
  function menuAndQueue(): Draft {
    let draft = addNode(emptyDraft('f', 'F'), 'menu', { x: 0, y: 0 }).draft;
    draft = addNode(draft, 'queue', { x: 300, y: 0 }).draft;
    draft = setField(draft, 'menu', '/prompt', 'For an agent, press 0.');
    return setField(draft, 'menu', '/options', [{ key: '0' }]);
  }

  it('connects an outcome by its field pointer, and unwires it', () => {
    let draft = connect(menuAndQueue(), 'menu', '/options/0/next', 'queue');
    expect(draft.nodes[0]).toMatchObject({ options: [{ key: '0', next: 'queue' }] });
    draft = connect(draft, 'menu', '/options/0/next', undefined);
    expect(draft.nodes[0]).toMatchObject({ options: [{ key: '0' }] });
    expect((draft.nodes[0] as { options: object[] }).options[0]).not.toHaveProperty('next');
  });

  it('ignores a pointer that is no outcome of the node', () => {
    const draft = menuAndQueue();
    expect(connect(draft, 'menu', '/prompt', 'queue')).toBe(draft);
    expect(connect(draft, 'nobody', '/next', 'queue')).toBe(draft);
  });

  it('deleting a node removes the transitions to it and moves the start', () => {
    let draft = connect(menuAndQueue(), 'menu', '/options/0/next', 'queue');
    draft = connect(draft, 'menu', '/onMaxRetries', 'queue');
    const without = deleteNodes(draft, new Set(['queue']));
    expect(without.nodes.map((n) => n.id)).toEqual(['menu']);
    expect(without.nodes[0]).not.toHaveProperty('onMaxRetries');
    expect(deleteNodes(draft, new Set(['menu'])).start).toBe('queue');
  });

  it('renaming a node follows every reference, test calls included', () => {
    let draft = connect(menuAndQueue(), 'menu', '/options/0/next', 'queue');
    draft = { ...draft, tests: [{ name: 't', steps: [{ expect: { at: 'menu' } }, { press: '0' }], expect: { endsAt: 'queue', visits: ['menu', 'queue'] } }] };
    const renamed = renameNode(draft, 'queue', 'agents');
    expect(renamed.nodes[1]!.id).toBe('agents');
    expect(renamed.nodes[0]).toMatchObject({ options: [{ next: 'agents' }] });
    expect(renamed.tests![0]!.expect).toEqual({ endsAt: 'agents', visits: ['menu', 'agents'] });
    // The menu retries itself: its self-references follow a rename too.
    const menu = renameNode(draft, 'menu', 'main');
    expect(menu.start).toBe('main');
    expect(menu.nodes[0]).toMatchObject({ id: 'main', noInput: 'main', invalid: 'main' });
    // A taken id is refused.
    expect(renameNode(draft, 'menu', 'queue')).toBe(draft);
  });

  it('pasted nodes get fresh ids and keep the wiring among themselves', () => {
    const draft = connect(menuAndQueue(), 'menu', '/options/0/next', 'queue');
    const { draft: pasted, ids } = pasteNodes(draft, draft.nodes, { x: 40, y: 40 });
    expect(ids).toEqual(['menu-2', 'queue-2']);
    expect(pasted.nodes[2]).toMatchObject({ id: 'menu-2', noInput: 'menu-2', options: [{ next: 'queue-2' }], position: { x: 40, y: 40 } });
    expect(valid(pasted).ok).toBe(true);
  });

  it('offers the next free key for a new option', () => {
    const menu = newNode('menu', 'm', { x: 0, y: 0 });
    expect(nextFreeKey(menu)).toBe('1');
    expect(nextFreeKey({ ...menu, options: [{ key: '1' }, { key: '2' }] } as typeof menu)).toBe('3');
  });
});

describe('setAt', () => {
  it('copies along the path and leaves the original alone', () => {
    const original = { a: [{ b: 1 }], c: 2 };
    const next = setAt(original, '/a/0/b', 5);
    expect(next).toEqual({ a: [{ b: 5 }], c: 2 });
    expect(original).toEqual({ a: [{ b: 1 }], c: 2 });
    expect(setAt(original, '/a/0', undefined)).toEqual({ a: [], c: 2 });
  });

  it('writes a field named __proto__ as data', () => {
    const next = setAt({}, '/__proto__', 1) as Record<string, unknown>;
    expect(Object.hasOwn(next, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
  });
});

describe('history', () => {
  it('undoes and redoes; edits in one streak are one step', () => {
    let h = startHistory('a');
    h = record(h, 'ab', 'typing');
    h = record(h, 'abc', 'typing');
    h = record(h, 'abcd');
    expect(h.present).toBe('abcd');
    h = undo(h);
    expect(h.present).toBe('abc');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('abcd');
    // A new edit after an undo drops the redo steps.
    h = record(undo(h), 'x');
    expect(h.future).toEqual([]);
  });
});
