/**
 * Edits to a flow being designed. A draft is a flow that may not be valid
 * yet (an empty prompt, a start not chosen): every edit keeps its shape
 * (node kinds with their arrays) so the canvas can draw it, and the schema
 * says what is still wrong. Every function returns a new draft and leaves its
 * argument untouched, which is what undo needs.
 */
import { outcomesOf, type Outcome } from '../../core/model/outcomes.ts';
import { parsePointer } from '../../core/json/pointer.ts';
import type { Flow, FlowNode, NodeKind } from '../../core/model/types.ts';
import { FORMAT_VERSION } from '../../core/model/schema.ts';

export type Draft = Omit<Flow, 'start'> & { start: string };
export type XY = { x: number; y: number };

/** The kinds a designer adds from the palette, in palette order, with a label and an icon. */
export const PALETTE: readonly { kind: NodeKind; label: string; icon: string; hint: string }[] = [
  { kind: 'prompt', label: 'Prompt', icon: '♪', hint: 'Plays a message' },
  { kind: 'menu', label: 'Menu', icon: '☰', hint: 'Waits for a key or a phrase' },
  { kind: 'input', label: 'Input', icon: '#', hint: 'Collects digits (an account number)' },
  { kind: 'hours', label: 'Hours check', icon: '◷', hint: 'Open or closed now' },
  { kind: 'lookup', label: 'Data lookup', icon: '⌕', hint: 'Calls a service' },
  { kind: 'branch', label: 'Branch', icon: '⑂', hint: 'Goes one way or another on data' },
  { kind: 'set', label: 'Set variables', icon: '✎', hint: 'Sets call variables' },
  { kind: 'queue', label: 'Queue', icon: '☺', hint: 'Waits for a person' },
  { kind: 'transfer', label: 'Transfer', icon: '↗', hint: 'Dials a number' },
  { kind: 'voicemail', label: 'Voicemail', icon: '✉', hint: 'Records a message' },
  { kind: 'callback', label: 'Callback', icon: '↺', hint: 'Schedules a call back' },
  { kind: 'subflow', label: 'Sub-flow', icon: '⧉', hint: 'Runs another flow' },
  { kind: 'return', label: 'Return', icon: '⤺', hint: 'Back to the calling flow' },
  { kind: 'hangup', label: 'Hang up', icon: '✆', hint: 'Ends the call' }
];

export function paletteEntry(kind: string): (typeof PALETTE)[number] | undefined {
  return PALETTE.find((p) => p.kind === kind);
}

/** An empty flow. */
export function emptyDraft(id: string, name: string): Draft {
  return { version: FORMAT_VERSION, id, name, start: '', nodes: [] };
}

/** A node id not yet used in the draft, from a base like `menu`. */
export function freshId(draft: Pick<Draft, 'nodes'>, base: string): string {
  const used = new Set(draft.nodes.map((n) => n.id));
  const stem = base.replace(/-\d+$/, '');
  if (!used.has(stem)) return stem;
  for (let i = 2; ; i++) if (!used.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

/** A new node of a kind, ready to be wired: what a designer would fill in first is there to edit. */
export function newNode(kind: NodeKind, id: string, position: XY): FlowNode {
  const at = { id, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  switch (kind) {
    case 'prompt':
      return { ...at, kind, prompt: '' } as FlowNode;
    case 'menu':
      // A menu asks again on silence or a wrong key, up to a limit the designer wires.
      return { ...at, kind, prompt: '', options: [], noInput: id, invalid: id, maxRetries: 2 } as FlowNode;
    case 'input':
      return { ...at, kind, prompt: '', variable: 'account', minDigits: 1, maxDigits: 10, noInput: id, invalid: id, maxRetries: 2 } as FlowNode;
    case 'hours':
      return {
        ...at,
        kind,
        timeZone: 'America/New_York',
        weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['08:00', '18:00']]]))
      } as FlowNode;
    case 'lookup':
      return { ...at, kind, service: 'service' } as FlowNode;
    case 'branch':
      return { ...at, kind, cases: [] } as FlowNode;
    case 'set':
      return { ...at, kind, assign: {} } as FlowNode;
    case 'queue':
      return { ...at, kind, queue: 'general', expectedWaitSeconds: 60, announceWait: true } as FlowNode;
    case 'transfer':
      return { ...at, kind, number: '+15555550100', reachesPerson: true } as FlowNode;
    case 'voicemail':
      return { ...at, kind, mailbox: 'general' } as FlowNode;
    case 'callback':
      return { ...at, kind, queue: 'callbacks' } as FlowNode;
    case 'subflow':
      return { ...at, kind, flow: 'another-flow' } as FlowNode;
    case 'return':
    case 'hangup':
      return { ...at, kind } as FlowNode;
    case 'opaque':
      return { ...at, kind, vendorType: 'step', outcomes: [] } as FlowNode;
  }
}

function replaceNode(draft: Draft, id: string, update: (node: FlowNode) => FlowNode): Draft {
  let changed = false;
  const nodes = draft.nodes.map((n) => {
    if (n.id !== id) return n;
    const next = update(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...draft, nodes } : draft;
}

/** Adds a node; the first node of an empty flow becomes its start. */
export function addNode(draft: Draft, kind: NodeKind, position: XY): { draft: Draft; id: string } {
  const id = freshId(draft, kind);
  const node = newNode(kind, id, position);
  const start = draft.start === '' || !draft.nodes.some((n) => n.id === draft.start) ? id : draft.start;
  return { draft: { ...draft, start, nodes: [...draft.nodes, node] }, id };
}

/** A copy of a value with the field at `pointer` (relative to it) set, or removed when `value` is undefined. */
export function setAt<T>(value: T, pointer: string, next: unknown): T {
  const tokens = parsePointer(pointer);
  const write = (current: unknown, depth: number): unknown => {
    const token = tokens[depth]!;
    const last = depth === tokens.length - 1;
    if (Array.isArray(current)) {
      const index = token === '-' ? current.length : Number(token);
      const copy = current.slice();
      if (last) {
        if (next === undefined) copy.splice(index, 1);
        else copy[index] = next;
      } else {
        copy[index] = write(current[index] ?? (/^\d+$/.test(tokens[depth + 1]!) ? [] : {}), depth + 1);
      }
      return copy;
    }
    const record: Record<string, unknown> = { ...((current ?? {}) as Record<string, unknown>) };
    if (last) {
      if (next === undefined) delete record[token];
      else Object.defineProperty(record, token, { value: next, enumerable: true, writable: true, configurable: true });
    } else {
      const child = write(record[token] ?? (/^\d+$/.test(tokens[depth + 1]!) ? [] : {}), depth + 1);
      Object.defineProperty(record, token, { value: child, enumerable: true, writable: true, configurable: true });
    }
    return record;
  };
  return tokens.length === 0 ? (next as T) : (write(value, 0) as T);
}

/** Sets a field of a node (pointer relative to the node). */
export function setField(draft: Draft, id: string, pointer: string, value: unknown): Draft {
  return replaceNode(draft, id, (node) => setAt(node, pointer, value));
}

/** The outcomes of a node, tolerant of a draft missing fields. */
export function outcomesOfDraft(node: FlowNode): Outcome[] {
  try {
    return outcomesOf(node);
  } catch {
    return [];
  }
}

/** Wires (or unwires, with `target` undefined) the outcome whose field is at `pointer`. */
export function connect(draft: Draft, source: string, pointer: string, target: string | undefined): Draft {
  const node = draft.nodes.find((n) => n.id === source);
  if (node === undefined || !outcomesOfDraft(node).some((o) => o.pointer === pointer)) return draft;
  return setField(draft, source, pointer, target);
}

/** Removes nodes, and every transition to them. The start moves to the first node left. */
export function deleteNodes(draft: Draft, ids: ReadonlySet<string>): Draft {
  if (ids.size === 0) return draft;
  let nodes = draft.nodes.filter((n) => !ids.has(n.id));
  nodes = nodes.map((node) => {
    let next = node;
    for (const o of outcomesOfDraft(node)) if (o.target !== undefined && ids.has(o.target)) next = setAt(next, o.pointer, undefined);
    return next;
  });
  const start = ids.has(draft.start) ? (nodes[0]?.id ?? '') : draft.start;
  return { ...draft, start, nodes };
}

/** Moves nodes to new positions. */
export function moveNodes(draft: Draft, positions: ReadonlyMap<string, XY>): Draft {
  if (positions.size === 0) return draft;
  return {
    ...draft,
    nodes: draft.nodes.map((n) => {
      const p = positions.get(n.id);
      return p === undefined ? n : { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } };
    })
  };
}

/** Renames a node and every reference to it (transitions, the start, test-call expectations). */
export function renameNode(draft: Draft, from: string, to: string): Draft {
  if (from === to || to === '' || draft.nodes.some((n) => n.id === to)) return draft;
  const nodes = draft.nodes.map((node) => {
    let next = node.id === from ? { ...node, id: to } : node;
    for (const o of outcomesOfDraft(next)) if (o.target === from) next = setAt(next, o.pointer, to);
    return next;
  });
  const tests = draft.tests?.map((call) => ({
    ...call,
    steps: call.steps.map((step) => ('expect' in step && step.expect.at === from ? { expect: { ...step.expect, at: to } } : step)),
    ...(call.expect === undefined
      ? {}
      : {
          expect: {
            ...call.expect,
            ...(call.expect.endsAt === from ? { endsAt: to } : {}),
            ...(call.expect.visits ? { visits: call.expect.visits.map((v) => (v === from ? to : v)) } : {})
          }
        })
  }));
  return { ...draft, start: draft.start === from ? to : draft.start, nodes, ...(tests === undefined ? {} : { tests }) };
}

/**
 * Copies of nodes with fresh ids, offset on the canvas. Transitions between
 * the copied nodes follow the copies; transitions to nodes outside are kept
 * when those nodes exist in the draft, else dropped.
 */
export function pasteNodes(draft: Draft, copied: readonly FlowNode[], offset: XY): { draft: Draft; ids: string[] } {
  const rename = new Map<string, string>();
  let working: Pick<Draft, 'nodes'> = { nodes: [...draft.nodes] };
  for (const node of copied) {
    const id = freshId(working, node.id);
    rename.set(node.id, id);
    working = { nodes: [...working.nodes, { ...node, id }] };
  }
  const existing = new Set(draft.nodes.map((n) => n.id));
  const added = copied.map((node) => {
    const { source: _source, ...rest } = node as FlowNode & { source?: unknown };
    let next = { ...rest, id: rename.get(node.id)! } as FlowNode;
    const p = node.position ?? { x: 0, y: 0 };
    next = { ...next, position: { x: p.x + offset.x, y: p.y + offset.y } };
    for (const o of outcomesOfDraft(next)) {
      if (o.target === undefined) continue;
      const mapped = rename.get(o.target) ?? (existing.has(o.target) ? o.target : undefined);
      next = setAt(next, o.pointer, mapped);
    }
    return next;
  });
  const ids = added.map((n) => n.id);
  const start = draft.start === '' ? (ids[0] ?? '') : draft.start;
  return { draft: { ...draft, start, nodes: [...draft.nodes, ...added] }, ids };
}

/** The next DTMF key a menu does not use yet, in the order designers number options. */
export function nextFreeKey(node: FlowNode): string | undefined {
  if (node.kind !== 'menu') return undefined;
  const used = new Set<string | undefined>(node.options.map((o) => o.key));
  return ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'].find((k) => !used.has(k));
}
