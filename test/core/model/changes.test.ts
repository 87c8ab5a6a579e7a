import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { applyFlowChange, applyFlowChanges, getAt, pastedIds, setAt, type FlowChange } from '../../../src/core/model/changes.ts';
import { emptyDraft, newNode, type Draft } from '../../../src/core/model/draft.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import type { FlowNode, TestCall } from '../../../src/core/model/types.ts';

const valid = (draft: Draft) => loadFlow(draft, 'draft.ivr.json');
const node = (draft: Draft, id: string) => draft.nodes.find((n) => n.id === id) as (FlowNode & Record<string, unknown>) | undefined;

/** Freezes a value and everything in it, so a change that mutates its input throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

const add = (draft: Draft, kind: FlowNode['kind'], id: string, x = 0): Draft =>
  applyFlowChange(draft, { type: 'addNodes', nodes: [newNode(kind, id, { x, y: 0 })] });

/** A menu with one option, a queue, and the menu's retries wired back to itself. */
function menuAndQueue(): Draft {
  let draft = add(add(emptyDraft('f', 'F'), 'menu', 'menu'), 'queue', 'queue', 300);
  draft = applyFlowChanges(draft, [
    { type: 'setField', node: 'menu', pointer: '/prompt', value: 'For an agent, press 0.' },
    { type: 'setField', node: 'menu', pointer: '/options', value: [{ key: '0' }] }
  ]);
  return draft;
}

/** Every kind of reference a node id can have in a flow. */
function wellReferenced(): Draft {
  const nodes = [
    { id: 'main', kind: 'menu', prompt: 'Hi', options: [{ key: '1', next: 'billing' }, { key: '2', next: 'sub' }], noInput: 'main', invalid: 'main', maxRetries: 2, onMaxRetries: 'billing' },
    { id: 'billing', kind: 'branch', cases: [{ when: { var: 'x', op: 'exists' }, next: 'billing' }], otherwise: 'sub' },
    { id: 'sub', kind: 'subflow', flow: 'billing', next: 'billing' },
    { id: 'odd', kind: 'opaque', outcomes: [{ name: 'done', next: 'billing' }] },
    { id: 'end', kind: 'hangup' }
  ] as FlowNode[];
  const tests: TestCall[] = [
    {
      name: 't',
      environment: { outcomes: { billing: 'failure', main: 'x' } },
      steps: [{ expect: { at: 'billing' } }, { press: '1' }, { expect: { at: 'main' } }],
      expect: { endsAt: 'billing', visits: ['main', 'billing'] }
    },
    { name: 'untouched', steps: [{ press: '2' }] }
  ];
  return { version: 1, id: 'f', name: 'F', start: 'billing', nodes, tests };
}

describe('addNodes', () => {
  it('adds nodes; the first node of an empty flow becomes its start', () => {
    const draft = add(emptyDraft('billing', 'Billing'), 'menu', 'menu');
    expect(draft.start).toBe('menu');
    const second = add(draft, 'menu', 'menu-2');
    expect(second.nodes.map((n) => n.id)).toEqual(['menu', 'menu-2']);
    expect(second.start).toBe('menu');
  });

  it('a start that names no node gives way to the node added', () => {
    const draft = add({ ...emptyDraft('f', 'F'), start: 'gone' }, 'prompt', 'p');
    expect(draft.start).toBe('p');
  });

  it('refuses ids that are taken, repeated or empty, adding none of the nodes', () => {
    const draft = add(emptyDraft('f', 'F'), 'menu', 'menu');
    const q = newNode('queue', 'q', { x: 0, y: 0 });
    expect(applyFlowChange(draft, { type: 'addNodes', nodes: [q, newNode('menu', 'menu', { x: 0, y: 0 })] })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'addNodes', nodes: [q, q] })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'addNodes', nodes: [newNode('hangup', '', { x: 0, y: 0 })] })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'addNodes', nodes: [] })).toBe(draft);
  });

  it('a new prompt with nowhere to go is linted as a dead end, not refused', () => {
    const draft = add(emptyDraft('f', 'F'), 'prompt', 'prompt');
    const result = valid(draft);
    expect(result.ok).toBe(true);
    if (result.ok) expect(lintFlow(result.flow).findings.map((f) => f.rule)).toContain('dead-end');
  });
});

describe('wire and unwire', () => {
  it('wires an outcome by its field pointer, and unwires it', () => {
    let draft = applyFlowChange(menuAndQueue(), { type: 'wire', node: 'menu', pointer: '/options/0/next', target: 'queue' });
    expect(draft.nodes[0]).toMatchObject({ options: [{ key: '0', next: 'queue' }] });
    draft = applyFlowChange(draft, { type: 'unwire', node: 'menu', pointer: '/options/0/next' });
    expect(draft.nodes[0]).toMatchObject({ options: [{ key: '0' }] });
    expect((draft.nodes[0] as { options: object[] }).options[0]).not.toHaveProperty('next');
  });

  it('ignores a pointer that is no outcome, a node or target that does not exist, and a wire already made', () => {
    const draft = menuAndQueue();
    expect(applyFlowChange(draft, { type: 'wire', node: 'menu', pointer: '/prompt', target: 'queue' })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'wire', node: 'nobody', pointer: '/next', target: 'queue' })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'wire', node: 'menu', pointer: '/options/0/next', target: 'nobody' })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'wire', node: 'menu', pointer: '/noInput', target: 'menu' })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'unwire', node: 'menu', pointer: '/onMaxRetries' })).toBe(draft);
  });
});

describe('removeNodes', () => {
  it('removes the nodes and the transitions to them, and moves the start', () => {
    const draft = applyFlowChanges(menuAndQueue(), [
      { type: 'wire', node: 'menu', pointer: '/options/0/next', target: 'queue' },
      { type: 'wire', node: 'menu', pointer: '/onMaxRetries', target: 'queue' }
    ]);
    const without = applyFlowChange(draft, { type: 'removeNodes', ids: ['queue'] });
    expect(without.nodes.map((n) => n.id)).toEqual(['menu']);
    expect(without.nodes[0]).not.toHaveProperty('onMaxRetries');
    expect((without.nodes[0] as { options: object[] }).options[0]).toEqual({ key: '0' });
    expect(without.start).toBe('menu');
    expect(applyFlowChange(draft, { type: 'removeNodes', ids: ['menu'] }).start).toBe('queue');
    expect(applyFlowChange(draft, { type: 'removeNodes', ids: ['menu', 'queue'] })).toMatchObject({ start: '', nodes: [] });
  });

  it('keeps the nodes it does not touch as they were, and changes nothing for ids it does not have', () => {
    const draft = wellReferenced();
    const without = applyFlowChange(draft, { type: 'removeNodes', ids: ['odd'] });
    expect(without.nodes.map((n) => n.id)).toEqual(['main', 'billing', 'sub', 'end']);
    expect(without.nodes[0]).toBe(draft.nodes[0]);
    expect(applyFlowChange(draft, { type: 'removeNodes', ids: ['nobody'] })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'removeNodes', ids: [] })).toBe(draft);
  });
});

describe('renameNode', () => {
  it('follows every reference: options, cases, sub-flow and opaque targets, retries, the start and test calls', () => {
    const draft = wellReferenced();
    const renamed = applyFlowChange(draft, { type: 'renameNode', from: 'billing', to: 'accounts' });
    expect(renamed.start).toBe('accounts');
    expect(renamed.nodes.map((n) => n.id)).toEqual(['main', 'accounts', 'sub', 'odd', 'end']);
    expect(node(renamed, 'main')).toMatchObject({ options: [{ next: 'accounts' }, { next: 'sub' }], onMaxRetries: 'accounts', noInput: 'main' });
    expect(node(renamed, 'accounts')).toMatchObject({ cases: [{ next: 'accounts' }], otherwise: 'sub' });
    // The sub-flow's next follows; the flow it runs is another flow's id, not a node's.
    expect(node(renamed, 'sub')).toMatchObject({ flow: 'billing', next: 'accounts' });
    expect(node(renamed, 'odd')).toMatchObject({ outcomes: [{ name: 'done', next: 'accounts' }] });
    const [call, untouched] = renamed.tests!;
    expect(call).toEqual({
      name: 't',
      environment: { outcomes: { accounts: 'failure', main: 'x' } },
      steps: [{ expect: { at: 'accounts' } }, { press: '1' }, { expect: { at: 'main' } }],
      expect: { endsAt: 'accounts', visits: ['main', 'accounts'] }
    });
    expect(Object.keys(call!.environment!.outcomes!)).toEqual(['accounts', 'main']);
    expect(untouched).toBe(draft.tests![1]);
    expect(renamed.nodes[4]).toEqual({ id: 'end', kind: 'hangup' });
  });

  it('a menu that retries itself follows its own rename', () => {
    const menu = applyFlowChange(menuAndQueue(), { type: 'renameNode', from: 'menu', to: 'main' });
    expect(menu.start).toBe('main');
    expect(menu.nodes[0]).toMatchObject({ id: 'main', noInput: 'main', invalid: 'main' });
  });

  it('refuses a taken id, an empty one, the same one and a node that does not exist', () => {
    const draft = menuAndQueue();
    for (const [from, to] of [['menu', 'queue'], ['menu', ''], ['menu', 'menu'], ['nobody', 'x']] as const) {
      expect(applyFlowChange(draft, { type: 'renameNode', from, to })).toBe(draft);
    }
  });

  it('leaves test calls and nodes that do not mention the node as they were', () => {
    const draft = wellReferenced();
    const renamed = applyFlowChange(draft, { type: 'renameNode', from: 'end', to: 'bye' });
    expect(renamed.tests![0]).toBe(draft.tests![0]);
    expect(renamed.nodes[0]).toBe(draft.nodes[0]);
  });
});

describe('moveNodes', () => {
  it('moves nodes to rounded positions, leaving the others as they were', () => {
    const draft = menuAndQueue();
    const moved = applyFlowChange(draft, { type: 'moveNodes', positions: [{ id: 'queue', position: { x: 10.4, y: 20.6 } }] });
    expect(moved.nodes[1]!.position).toEqual({ x: 10, y: 21 });
    expect(moved.nodes[0]).toBe(draft.nodes[0]);
  });

  it('changes nothing when no node moves', () => {
    const draft = menuAndQueue();
    expect(applyFlowChange(draft, { type: 'moveNodes', positions: [] })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'moveNodes', positions: [{ id: 'nobody', position: { x: 1, y: 1 } }] })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'moveNodes', positions: [{ id: 'queue', position: { x: 300.2, y: 0 } }] })).toBe(draft);
  });

  it('places nodes that had no position (an imported flow laid out)', () => {
    const draft: Draft = { ...emptyDraft('f', 'F'), start: 'a', nodes: [{ id: 'a', kind: 'hangup' }] };
    expect(applyFlowChange(draft, { type: 'moveNodes', positions: [{ id: 'a', position: { x: 5, y: 6 } }] }).nodes[0]).toEqual({ id: 'a', kind: 'hangup', position: { x: 5, y: 6 } });
  });
});

describe('setField', () => {
  it('sets and removes a field of a node by pointer, making what is missing on the way', () => {
    let draft = applyFlowChange(menuAndQueue(), { type: 'setField', node: 'menu', pointer: '/options/1/phrases/0', value: 'agent' });
    expect(node(draft, 'menu')!['options']).toEqual([{ key: '0' }, { phrases: ['agent'] }]);
    draft = applyFlowChange(draft, { type: 'setField', node: 'menu', pointer: '/options/0', value: undefined });
    expect(node(draft, 'menu')!['options']).toEqual([{ phrases: ['agent'] }]);
    draft = applyFlowChange(draft, { type: 'setField', node: 'menu', pointer: '/maxRetries' });
    expect(node(draft, 'menu')).not.toHaveProperty('maxRetries');
  });

  it('changes nothing for the same value, a node that does not exist, the id or kind, or a pointer that is no index', () => {
    const draft = menuAndQueue();
    const same: FlowChange[] = [
      { type: 'setField', node: 'menu', pointer: '/prompt', value: 'For an agent, press 0.' },
      { type: 'setField', node: 'menu', pointer: '/timeoutSeconds', value: undefined },
      { type: 'setField', node: 'nobody', pointer: '/prompt', value: 'x' },
      { type: 'setField', node: 'menu', pointer: '/id', value: 'queue' },
      { type: 'setField', node: 'menu', pointer: '/kind', value: 'queue' },
      { type: 'setField', node: 'menu', pointer: '', value: {} },
      { type: 'setField', node: 'menu', pointer: '/options/constructor', value: 1 },
      { type: 'setField', node: 'menu', pointer: '/options/5/key', value: '1' }
    ];
    for (const change of same) expect(applyFlowChange(draft, change), JSON.stringify(change)).toBe(draft);
  });
});

describe('setStart', () => {
  it('makes a node the start; a node that does not exist is refused', () => {
    const draft = menuAndQueue();
    expect(applyFlowChange(draft, { type: 'setStart', node: 'queue' }).start).toBe('queue');
    expect(applyFlowChange(draft, { type: 'setStart', node: 'nobody' })).toBe(draft);
    expect(applyFlowChange(draft, { type: 'setStart', node: 'menu' })).toBe(draft);
  });
});

describe('pasteNodes', () => {
  it('pasted nodes get fresh ids and keep the wiring among themselves', () => {
    const draft = applyFlowChange(menuAndQueue(), { type: 'wire', node: 'menu', pointer: '/options/0/next', target: 'queue' });
    expect(pastedIds(draft, draft.nodes)).toEqual(['menu-2', 'queue-2']);
    const pasted = applyFlowChange(draft, { type: 'pasteNodes', nodes: draft.nodes, offset: { x: 40, y: 40 } });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['menu', 'queue', 'menu-2', 'queue-2']);
    expect(pasted.nodes[2]).toMatchObject({ id: 'menu-2', noInput: 'menu-2', options: [{ next: 'queue-2' }], position: { x: 40, y: 40 } });
    expect(pasted.start).toBe('menu');
    expect(valid(pasted).ok).toBe(true);
  });

  it('keeps wires to nodes of the draft, drops wires to nodes it lacks, and does not copy where a node was imported from', () => {
    const draft = menuAndQueue();
    const copied = [
      { id: 'p', kind: 'prompt', prompt: 'x', next: 'queue', source: { type: 'say-play', pointer: '/states/0' } },
      { id: 'p2', kind: 'prompt', prompt: 'y', next: 'elsewhere' }
    ] as FlowNode[];
    const pasted = applyFlowChange(draft, { type: 'pasteNodes', nodes: copied, offset: { x: 1, y: 2 } });
    expect(pasted.nodes.slice(2)).toEqual([
      { id: 'p', kind: 'prompt', prompt: 'x', next: 'queue', position: { x: 1, y: 2 } },
      { id: 'p2', kind: 'prompt', prompt: 'y', position: { x: 1, y: 2 } }
    ]);
  });

  it('a paste into an empty flow starts at the first copy; pasting nothing changes nothing', () => {
    const draft = menuAndQueue();
    const into = applyFlowChange(emptyDraft('g', 'G'), { type: 'pasteNodes', nodes: draft.nodes, offset: { x: 0, y: 0 } });
    expect(into.start).toBe('menu');
    expect(into.nodes.map((n) => n.id)).toEqual(['menu', 'queue']);
    expect(applyFlowChange(draft, { type: 'pasteNodes', nodes: [], offset: { x: 0, y: 0 } })).toBe(draft);
  });

  it('numbers many copies of one node in one pass', () => {
    const draft = add(emptyDraft('f', 'F'), 'hangup', 'end');
    const many = Array.from({ length: 2000 }, () => draft.nodes[0]!);
    const ids = pastedIds(draft, many);
    expect(ids[0]).toBe('end-2');
    expect(ids.at(-1)).toBe('end-2001');
    expect(new Set(ids).size).toBe(2000);
  });
});

describe('setFlowFields and addTests', () => {
  it('sets and removes the flow\'s own fields; the name cannot be removed', () => {
    let draft = applyFlowChange(menuAndQueue(), { type: 'setFlowFields', fields: { name: 'Billing', description: 'Bills', locales: ['en-US', 'es-US'] } });
    expect(draft).toMatchObject({ name: 'Billing', description: 'Bills', locales: ['en-US', 'es-US'] });
    draft = applyFlowChange(draft, { type: 'setFlowFields', fields: { description: undefined, name: undefined } });
    expect(draft).not.toHaveProperty('description');
    expect(draft.name).toBe('Billing');
    expect(applyFlowChange(draft, { type: 'setFlowFields', fields: { name: 'Billing' } })).toBe(draft);
    // Fields a change may not set are left alone.
    expect(applyFlowChange(draft, { type: 'setFlowFields', fields: { id: 'other', start: 'queue' } as never })).toBe(draft);
  });

  it('adds saved test calls after those the flow has', () => {
    const one: TestCall = { name: 'one', steps: [{ press: '0' }] };
    const two: TestCall = { name: 'two', steps: [{ silence: true }] };
    let draft = applyFlowChange(menuAndQueue(), { type: 'addTests', tests: [one] });
    draft = applyFlowChange(draft, { type: 'addTests', tests: [two] });
    expect(draft.tests).toEqual([one, two]);
    expect(applyFlowChange(draft, { type: 'addTests', tests: [] })).toBe(draft);
  });
});

describe('applying changes', () => {
  it('applies changes in order; none, or only changes that change nothing, give back the same draft', () => {
    const draft = menuAndQueue();
    expect(applyFlowChanges(draft, [])).toBe(draft);
    expect(applyFlowChanges(draft, [{ type: 'setStart', node: 'menu' }, { type: 'removeNodes', ids: [] }])).toBe(draft);
    expect(applyFlowChange(draft, { type: 'unknown' } as unknown as FlowChange)).toBe(draft);
    const next = applyFlowChanges(draft, [
      { type: 'renameNode', from: 'queue', to: 'agents' },
      { type: 'wire', node: 'menu', pointer: '/options/0/next', target: 'agents' }
    ]);
    expect(next.nodes[0]).toMatchObject({ options: [{ key: '0', next: 'agents' }] });
  });

  it('never mutates the draft or the nodes it is given', () => {
    const changes: FlowChange[] = [
      { type: 'addNodes', nodes: [newNode('prompt', 'hello', { x: 1, y: 1 })] },
      { type: 'pasteNodes', nodes: wellReferenced().nodes, offset: { x: 5, y: 5 } },
      { type: 'removeNodes', ids: ['billing'] },
      { type: 'renameNode', from: 'billing', to: 'accounts' },
      { type: 'moveNodes', positions: [{ id: 'main', position: { x: 9, y: 9 } }] },
      { type: 'setField', node: 'main', pointer: '/options/0/phrases/-', value: 'bills' },
      { type: 'setField', node: 'main', pointer: '/options/0', value: undefined },
      { type: 'wire', node: 'sub', pointer: '/next', target: 'end' },
      { type: 'unwire', node: 'main', pointer: '/onMaxRetries' },
      { type: 'setStart', node: 'end' },
      { type: 'setFlowFields', fields: { name: 'G', lint: { rules: { 'dead-end': 'off' } } } },
      { type: 'addTests', tests: [{ name: 'n', steps: [] }] }
    ];
    const before = wellReferenced();
    const frozen = deepFreeze(wellReferenced());
    for (const change of changes) {
      const after = applyFlowChange(frozen, change);
      expect(after, change.type).not.toBe(frozen);
      expect(frozen).toEqual(before);
    }
    expect(() => applyFlowChanges(frozen, changes)).not.toThrow();
  });

  it('keys such as __proto__ and constructor in ids and pointers stay data and never reach Object.prototype', () => {
    const prototypeKeys = Reflect.ownKeys(Object.prototype);
    let draft = add(add(emptyDraft('f', 'F'), 'menu', '__proto__'), 'set', 'constructor');
    expect(draft.start).toBe('__proto__');
    draft = applyFlowChanges(draft, [
      { type: 'wire', node: '__proto__', pointer: '/noInput', target: 'constructor' },
      { type: 'setField', node: 'constructor', pointer: '/assign/__proto__', value: 'polluted' },
      { type: 'setField', node: 'constructor', pointer: '/assign/constructor/prototype/polluted', value: 'yes' },
      { type: 'setField', node: '__proto__', pointer: '/__proto__/polluted', value: 'yes' },
      { type: 'setField', node: '__proto__', pointer: '/toString', value: 'text' },
      { type: 'renameNode', from: 'constructor', to: 'toString' },
      { type: 'addTests', tests: [JSON.parse('{"name":"t","steps":[],"environment":{"outcomes":{"__proto__":"x","toString":"failure"}}}') as TestCall] },
      { type: 'renameNode', from: 'toString', to: '__proto__x' },
      { type: 'renameNode', from: '__proto__', to: 'hasOwnProperty' }
    ]);
    expect(draft.start).toBe('hasOwnProperty');
    expect(draft.nodes.map((n) => n.id)).toEqual(['hasOwnProperty', '__proto__x']);
    const set = node(draft, '__proto__x')! as unknown as { assign: Record<string, unknown> };
    expect(Object.hasOwn(set.assign, '__proto__')).toBe(true);
    expect(set.assign['constructor']).toEqual({ prototype: { polluted: 'yes' } });
    expect(Object.getPrototypeOf(set.assign)).toBe(Object.prototype);
    const menu = node(draft, 'hasOwnProperty')!;
    expect(Object.hasOwn(menu, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(menu)).toBe(Object.prototype);
    expect(menu['toString']).toBe('text');
    expect(menu['noInput']).toBe('__proto__x');
    const outcomes = draft.tests![0]!.environment!.outcomes!;
    expect(Object.keys(outcomes)).toEqual(['hasOwnProperty', '__proto__x']);
    expect(Object.getPrototypeOf(outcomes)).toBe(Object.prototype);
    // Nothing reached the prototype every object shares.
    expect(Reflect.ownKeys(Object.prototype)).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a pointer through an inherited name reads nothing inherited', () => {
    const draft = add(emptyDraft('f', 'F'), 'set', 's');
    // `constructor` is inherited by every object: the change makes an own object, it does not write into Object.
    const next = applyFlowChange(draft, { type: 'setField', node: 's', pointer: '/assign/constructor/name', value: 'x' });
    expect(node(next, 's')!['assign']).toEqual({ constructor: { name: 'x' } });
    expect(Object.name).toBe('Object');
    expect(getAt(node(draft, 's'), '/assign/constructor')).toBeUndefined();
    expect(getAt(node(draft, 's'), '/assign/toString')).toBeUndefined();
  });
});

describe('setAt', () => {
  it('copies along the path and leaves the original alone', () => {
    const original = { a: [{ b: 1 }], c: 2 };
    const next = setAt(original, '/a/0/b', 5);
    expect(next).toEqual({ a: [{ b: 5 }], c: 2 });
    expect(next.c).toBe(2);
    expect(original).toEqual({ a: [{ b: 1 }], c: 2 });
    expect(setAt(original, '/a/0', undefined)).toEqual({ a: [], c: 2 });
    expect(setAt(original, '/a/-', { b: 2 })).toEqual({ a: [{ b: 1 }, { b: 2 }], c: 2 });
    expect(setAt(original, '/d/0/e', 1)).toEqual({ a: [{ b: 1 }], c: 2, d: [{ e: 1 }] });
    expect(setAt(original, '', 7)).toBe(7);
  });

  it('writes a field named __proto__ as data', () => {
    const next = setAt({}, '/__proto__', 1) as Record<string, unknown>;
    expect(Object.hasOwn(next, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    const deeper = setAt({}, '/__proto__/x', 1) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(deeper, '__proto__')?.value).toEqual({ x: 1 });
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('refuses a token that is no index of an array, or one past its end', () => {
    const original = { a: [1, 2] };
    expect(setAt(original, '/a/x', 3)).toBe(original);
    expect(setAt(original, '/a/01', 3)).toBe(original);
    expect(setAt(original, '/a/3', 3)).toBe(original);
    expect(setAt(original, '/a/2', 3)).toEqual({ a: [1, 2, 3] });
  });
});
