/**
 * Edits to a draft as domain operations. Every edit the designer makes (add,
 * paste, remove, rename, move, set a field, wire, unwire, set the start, the
 * flow's own fields, saved test calls) is a `FlowChange`: plain data that a
 * test, a command or the designer builds, and that `applyFlowChanges` applies.
 *
 * Applying a change never mutates the draft it is given: it returns a new
 * draft that shares every node the change did not touch (so an analysis that
 * keeps results per node object re-checks only what changed), or the very
 * same draft when the change changes nothing or does not apply (a rename to a
 * taken id, a wire from a field that is no outcome), which is what undo needs
 * to tell an edit from none. Keys that come from the data (node ids, pointer
 * tokens, test-call outcome keys) are read as own properties only and written
 * as data properties, so `__proto__` or `constructor` is just a name.
 */
import { parsePointer } from '../json/pointer.ts';
import { MAX_WALK_DEPTH } from '../json/limits.ts';
import { idAllocator, outcomesOfDraft, type Draft, type XY } from './draft.ts';
import type { FlowNode, TestCall } from './types.ts';

/** Adds nodes as they are. Their ids must be new and distinct, else nothing is added; the first becomes the start when the draft has none (or its start names no node). */
export interface AddNodes {
  readonly type: 'addNodes';
  readonly nodes: readonly FlowNode[];
}

/**
 * Pastes copies of nodes (a paste or a duplicate), moved by `offset`, with
 * fresh ids (`pastedIds` says which). Transitions between the copied nodes
 * follow the copies; transitions to other nodes are kept when those nodes are
 * in the draft, else dropped. An imported node's `source` is not copied. The
 * first copy becomes the start of a draft without one.
 */
export interface PasteNodes {
  readonly type: 'pasteNodes';
  readonly nodes: readonly FlowNode[];
  readonly offset: XY;
}

/** Removes nodes and every transition to them. When the start is removed, the first node left becomes it. */
export interface RemoveNodes {
  readonly type: 'removeNodes';
  readonly ids: readonly string[];
}

/**
 * Gives a node another id and follows every reference to it: transitions
 * (menu options, branch cases, a sub-flow's next, the node's own retries…),
 * the start, and saved test calls (expected nodes, visits, forced outcomes).
 * Refused when `to` is empty or taken, or no node has the id `from`.
 */
export interface RenameNode {
  readonly type: 'renameNode';
  readonly from: string;
  readonly to: string;
}

/** One node's new place on the canvas. */
export interface NodePosition {
  readonly id: string;
  readonly position: XY;
}

/** Moves nodes to new positions (rounded to whole pixels), from a drag or an automatic layout; a later position for the same node wins. */
export interface MoveNodes {
  readonly type: 'moveNodes';
  readonly positions: readonly NodePosition[];
}

/**
 * Sets the field of a node at `pointer` (a JSON pointer relative to the node,
 * such as `/options/0/key`), making the objects and arrays on the way, or
 * removes it when `value` is undefined (an array item is spliced out). The
 * node's id and kind are not fields: a rename is `renameNode`.
 */
export interface SetField {
  readonly type: 'setField';
  readonly node: string;
  readonly pointer: string;
  readonly value?: unknown;
}

/** Wires the outcome of `node` whose field is at `pointer` (as `Outcome.pointer` names it) to the node `target`. */
export interface Wire {
  readonly type: 'wire';
  readonly node: string;
  readonly pointer: string;
  readonly target: string;
}

/** Unwires the outcome of `node` whose field is at `pointer`. */
export interface Unwire {
  readonly type: 'unwire';
  readonly node: string;
  readonly pointer: string;
}

/** Makes a node of the draft the one calls start at. */
export interface SetStart {
  readonly type: 'setStart';
  readonly node: string;
}

/** The flow's own fields a change may set; the id is the file's name and changes with it, not here. */
export interface FlowFields {
  readonly name?: string;
  readonly description?: string | undefined;
  readonly locales?: readonly string[] | undefined;
  readonly lint?: Draft['lint'];
  readonly tests?: readonly TestCall[] | undefined;
}

/** Sets the flow's own fields: each one `fields` has; undefined removes an optional one (the name stays). */
export interface SetFlowFields {
  readonly type: 'setFlowFields';
  readonly fields: FlowFields;
}

/** Adds saved test calls after those the flow has. */
export interface AddTests {
  readonly type: 'addTests';
  readonly tests: readonly TestCall[];
}

/** An edit to a draft, told apart by `type`. */
export type FlowChange =
  | AddNodes
  | PasteNodes
  | RemoveNodes
  | RenameNode
  | MoveNodes
  | SetField
  | Wire
  | Unwire
  | SetStart
  | SetFlowFields
  | AddTests;

/** Applies changes in order; returns the same draft when none changes anything. */
export function applyFlowChanges(draft: Draft, changes: readonly FlowChange[]): Draft {
  let next = draft;
  for (const change of changes) next = applyFlowChange(next, change);
  return next;
}

/** Applies one change; returns the same draft when it changes nothing or does not apply. */
export function applyFlowChange(draft: Draft, change: FlowChange): Draft {
  switch (change.type) {
    case 'addNodes':
      return addNodes(draft, change.nodes);
    case 'pasteNodes':
      return pasteNodes(draft, change.nodes, change.offset);
    case 'removeNodes':
      return removeNodes(draft, change.ids);
    case 'renameNode':
      return renameNode(draft, change.from, change.to);
    case 'moveNodes':
      return moveNodes(draft, change.positions);
    case 'setField':
      return setField(draft, change.node, change.pointer, change.value);
    case 'wire':
      return hasNode(draft, change.target) ? setOutcome(draft, change.node, change.pointer, change.target) : draft;
    case 'unwire':
      return setOutcome(draft, change.node, change.pointer, undefined);
    case 'setStart':
      return draft.start !== change.node && hasNode(draft, change.node) ? { ...draft, start: change.node } : draft;
    case 'setFlowFields':
      return setFlowFields(draft, change.fields);
    case 'addTests':
      return change.tests.length === 0 ? draft : { ...draft, tests: [...(draft.tests ?? []), ...change.tests] };
    default:
      // A change of a type this build does not know (from a newer command, say) leaves the draft as it is.
      return draft;
  }
}

/** The ids a `pasteNodes` change of these nodes gives their copies in this draft, in the nodes' order. */
export function pastedIds(draft: Pick<Draft, 'nodes'>, nodes: readonly Pick<FlowNode, 'id'>[]): string[] {
  const allocate = idAllocator(draft.nodes.map((n) => n.id));
  return nodes.map((node) => allocate(node.id));
}

/**
 * A copy of `value` with the field at `pointer` (relative to it) set to
 * `next`, or removed when `next` is undefined; `value` itself is left alone.
 * Objects and arrays missing on the way are made (an array when the next
 * token is an index or `-`). Tokens are read as own properties and written as
 * data properties, so a `__proto__` token is a field like any other. A token
 * that is no index of the array it meets (or one past its end) makes no copy:
 * `value` is returned as it is.
 */
export function setAt<T>(value: T, pointer: string, next: unknown): T {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return next as T;
  // No file nests deeper (json/limits.ts): a deeper pointer is refused rather than walked.
  if (tokens.length > MAX_WALK_DEPTH) return value;
  const written = writeAt(value, tokens, 0, next);
  return written === REFUSED ? value : (written as T);
}

/** The own value at `pointer` in `value`, or undefined when any step is missing. */
export function getAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      if (!isIndex(token) || Number(token) >= current.length) return undefined;
      current = current[Number(token)];
    } else if (isObject(current) && Object.hasOwn(current, token)) {
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

const REFUSED = Symbol('refused');

function isIndex(token: string): boolean {
  return /^(0|[1-9]\d*)$/.test(token);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function defineData(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function writeAt(current: unknown, tokens: readonly string[], depth: number, next: unknown): unknown {
  const token = tokens[depth]!;
  const last = depth === tokens.length - 1;
  const fresh = (): unknown => {
    const following = tokens[depth + 1]!;
    return isIndex(following) || following === '-' ? [] : {};
  };
  if (Array.isArray(current)) {
    const index = token === '-' ? current.length : isIndex(token) ? Number(token) : -1;
    if (index < 0 || index > current.length) return REFUSED;
    if (last && next === undefined) {
      if (index >= current.length) return current;
      return [...current.slice(0, index), ...current.slice(index + 1)];
    }
    const copy = current.slice();
    if (last) {
      copy[index] = next;
    } else {
      const child = writeAt(index < current.length ? current[index] : fresh(), tokens, depth + 1, next);
      if (child === REFUSED) return REFUSED;
      copy[index] = child;
    }
    return copy;
  }
  const record: Record<string, unknown> = isObject(current) ? { ...current } : {};
  if (last) {
    if (next === undefined) delete record[token];
    else defineData(record, token, next);
  } else {
    const child = writeAt(Object.hasOwn(record, token) ? record[token] : fresh(), tokens, depth + 1, next);
    if (child === REFUSED) return REFUSED;
    defineData(record, token, child);
  }
  return record;
}

function hasNode(draft: Draft, id: string): boolean {
  return draft.nodes.some((n) => n.id === id);
}

/** The draft with each node `update` changes replaced; the same draft when none changes. */
function mapNodes(draft: Draft, update: (node: FlowNode) => FlowNode): Draft {
  let changed = false;
  const nodes = draft.nodes.map((node) => {
    const next = update(node);
    if (next !== node) changed = true;
    return next;
  });
  return changed ? { ...draft, nodes } : draft;
}

function addNodes(draft: Draft, added: readonly FlowNode[]): Draft {
  const first = added[0];
  if (first === undefined) return draft;
  const existing = new Set(draft.nodes.map((n) => n.id));
  const ids = new Set(existing);
  for (const node of added) {
    if (typeof node.id !== 'string' || node.id === '' || ids.has(node.id)) return draft;
    ids.add(node.id);
  }
  const start = draft.start === '' || !existing.has(draft.start) ? first.id : draft.start;
  return { ...draft, start, nodes: [...draft.nodes, ...added] };
}

function pasteNodes(draft: Draft, copied: readonly FlowNode[], offset: XY): Draft {
  if (copied.length === 0) return draft;
  const ids = pastedIds(draft, copied);
  const rename = new Map<string, string>();
  copied.forEach((node, i) => rename.set(node.id, ids[i]!));
  const existing = new Set(draft.nodes.map((n) => n.id));
  const added = copied.map((node, i) => {
    const { source: _source, ...rest } = node as FlowNode & { source?: unknown };
    const p = node.position ?? { x: 0, y: 0 };
    let next = { ...rest, id: ids[i]!, position: { x: p.x + offset.x, y: p.y + offset.y } } as FlowNode;
    for (const o of outcomesOfDraft(next)) {
      if (o.target === undefined) continue;
      const mapped = rename.get(o.target) ?? (existing.has(o.target) ? o.target : undefined);
      if (mapped !== o.target) next = setAt(next, o.pointer, mapped);
    }
    return next;
  });
  const start = draft.start === '' ? ids[0]! : draft.start;
  return { ...draft, start, nodes: [...draft.nodes, ...added] };
}

function removeNodes(draft: Draft, ids: readonly string[]): Draft {
  const gone = new Set(ids);
  const nodes = draft.nodes.filter((n) => !gone.has(n.id));
  if (nodes.length === draft.nodes.length) return draft;
  const rewired = nodes.map((node) => {
    let next = node;
    for (const o of outcomesOfDraft(node)) if (o.target !== undefined && gone.has(o.target)) next = setAt(next, o.pointer, undefined);
    return next;
  });
  const start = gone.has(draft.start) ? (rewired[0]?.id ?? '') : draft.start;
  return { ...draft, start, nodes: rewired };
}

function renameNode(draft: Draft, from: string, to: string): Draft {
  if (typeof to !== 'string' || to === '' || from === to) return draft;
  let found = false;
  for (const node of draft.nodes) {
    if (node.id === to) return draft;
    if (node.id === from) found = true;
  }
  if (!found) return draft;
  const nodes = draft.nodes.map((node) => {
    let next = node.id === from ? { ...node, id: to } : node;
    for (const o of outcomesOfDraft(next)) if (o.target === from) next = setAt(next, o.pointer, to);
    return next;
  });
  const tests = draft.tests?.map((call) => renameInTest(call, from, to));
  return { ...draft, start: draft.start === from ? to : draft.start, nodes, ...(tests === undefined ? {} : { tests }) };
}

/** A test call with every mention of node `from` made `to`; the same call when it has none. */
function renameInTest(call: TestCall, from: string, to: string): TestCall {
  let next = call;
  if (call.steps.some((step) => 'expect' in step && step.expect.at === from)) {
    next = { ...next, steps: call.steps.map((step) => ('expect' in step && step.expect.at === from ? { expect: { ...step.expect, at: to } } : step)) };
  }
  const expect = call.expect;
  if (expect !== undefined && (expect.endsAt === from || (expect.visits?.includes(from) ?? false))) {
    next = {
      ...next,
      expect: {
        ...expect,
        ...(expect.endsAt === from ? { endsAt: to } : {}),
        ...(expect.visits ? { visits: expect.visits.map((v) => (v === from ? to : v)) } : {})
      }
    };
  }
  const not = next.expect?.not;
  if (not !== undefined && (not.endsAt === from || (not.visits?.includes(from) ?? false))) {
    next = {
      ...next,
      expect: {
        ...next.expect,
        not: {
          ...not,
          ...(not.endsAt === from ? { endsAt: to } : {}),
          ...(not.visits ? { visits: not.visits.map((v) => (v === from ? to : v)) } : {})
        }
      }
    };
  }
  const outcomes = call.environment?.outcomes;
  if (outcomes !== undefined && Object.hasOwn(outcomes, from)) {
    // The outcomes a test call forces are keyed by node id: the key follows, in its place.
    const renamed: Record<string, string | string[]> = {};
    for (const key of Object.keys(outcomes)) {
      if (key === to) continue;
      defineData(renamed, key === from ? to : key, outcomes[key]);
    }
    next = { ...next, environment: { ...call.environment, outcomes: renamed } };
  }
  return next;
}

function moveNodes(draft: Draft, positions: readonly NodePosition[]): Draft {
  if (positions.length === 0) return draft;
  const to = new Map<string, XY>();
  for (const { id, position } of positions) to.set(id, position);
  return mapNodes(draft, (node) => {
    const p = to.get(node.id);
    if (p === undefined) return node;
    const position = { x: Math.round(p.x), y: Math.round(p.y) };
    if (node.position !== undefined && node.position.x === position.x && node.position.y === position.y) return node;
    return { ...node, position };
  });
}

function setField(draft: Draft, id: string, pointer: string, value: unknown): Draft {
  if (!pointer.startsWith('/')) return draft;
  const field = parsePointer(pointer)[0];
  if (field === 'id' || field === 'kind') return draft;
  return mapNodes(draft, (node) => (node.id !== id || getAt(node, pointer) === value ? node : setAt(node, pointer, value)));
}

/** Sets (or, with `target` undefined, clears) an outcome of a node; nothing when `pointer` is no outcome of it. */
function setOutcome(draft: Draft, id: string, pointer: string, target: string | undefined): Draft {
  return mapNodes(draft, (node) => {
    if (node.id !== id) return node;
    const outcome = outcomesOfDraft(node).find((o) => o.pointer === pointer);
    if (outcome === undefined || outcome.target === target) return node;
    return setAt(node, pointer, target);
  });
}

const FLOW_FIELDS = ['name', 'description', 'locales', 'lint', 'tests'] as const;

function setFlowFields(draft: Draft, fields: FlowFields): Draft {
  let next: Record<string, unknown> | undefined;
  for (const field of FLOW_FIELDS) {
    if (!Object.hasOwn(fields, field)) continue;
    const value = fields[field];
    const current = Object.hasOwn(draft, field) ? (draft as Record<string, unknown>)[field] : undefined;
    if (value === current || (value === undefined && field === 'name')) continue;
    next ??= { ...draft };
    if (value === undefined) delete next[field];
    else next[field] = value;
  }
  return next === undefined ? draft : (next as Draft);
}
