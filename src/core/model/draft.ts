/**
 * Drafts: flows being designed. A draft may not be valid yet (an empty
 * prompt, a start not chosen), but it keeps the shape of a flow (node kinds
 * with their arrays) so it can be drawn and edited, and the schema says what
 * is still wrong. The helpers here read drafts and make new nodes for them;
 * `./changes.ts` edits them.
 */
import { outcomesOf, type Outcome } from './outcomes.ts';
import { FORMAT_VERSION } from './schema.ts';
import type { Flow, FlowNode, NodeKind } from './types.ts';

/** A flow being designed: a flow whose start may still be empty (`''`) and whose fields may not pass the schema yet. */
export type Draft = Omit<Flow, 'start'> & { start: string };

/** A point on the canvas, such as a node's position. */
export type XY = { x: number; y: number };

/** An empty flow with an id and a name, no nodes and no start yet. */
export function emptyDraft(id: string, name: string): Draft {
  return { version: FORMAT_VERSION, id, name, start: '', nodes: [] };
}

/**
 * Gives out node ids not yet used: `base` itself when free, else `base-2`,
 * `base-3`… A base that already ends in `-<number>` (`menu-2`) is numbered
 * on from its stem (`menu-3`), not suffixed again. Every id given out counts
 * as used, so many ids cost time in proportion to their number, not to the
 * square of it.
 */
export function idAllocator(used: Iterable<string>): (base: string) => string {
  const taken = new Set(used);
  // The lowest suffix per stem that may still be free: every one below it is taken.
  const nextSuffix = new Map<string, number>();
  return (base) => {
    const stem = base.replace(/-\d+$/, '');
    let id = stem;
    if (taken.has(id)) {
      let i = nextSuffix.get(stem) ?? 2;
      while (taken.has(`${stem}-${i}`)) i++;
      nextSuffix.set(stem, i + 1);
      id = `${stem}-${i}`;
    }
    taken.add(id);
    return id;
  };
}

/** A node id not yet used in the draft, from a base like `menu` (see {@link idAllocator}). */
export function freshId(draft: Pick<Draft, 'nodes'>, base: string): string {
  return idAllocator(draft.nodes.map((n) => n.id))(base);
}

/**
 * A new node of a kind at a position (rounded to whole pixels), ready to be
 * wired: what a designer fills in first is there to edit. A menu or an input
 * asks again on silence or a wrong key, so it starts wired to itself for
 * both, up to a retry limit the designer wires.
 */
export function newNode(kind: NodeKind, id: string, position: XY): FlowNode {
  const at = { id, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  switch (kind) {
    case 'prompt':
      return { ...at, kind, prompt: '' } as FlowNode;
    case 'menu':
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

/** The outcomes of a draft's node (see `outcomesOf`), or none when the node is missing fields its kind needs to have any. */
export function outcomesOfDraft(node: FlowNode): Outcome[] {
  try {
    return outcomesOf(node);
  } catch {
    return [];
  }
}

/** The keys a designer numbers menu options with, in order. */
const KEY_ORDER = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

/** The next DTMF key a menu does not use yet, in the order designers number options; undefined for other nodes or a full menu. */
export function nextFreeKey(node: FlowNode): string | undefined {
  if (node.kind !== 'menu') return undefined;
  const used = new Set<string | undefined>(Array.isArray(node.options) ? node.options.map((o) => o?.key) : []);
  return KEY_ORDER.find((k) => !used.has(k));
}
