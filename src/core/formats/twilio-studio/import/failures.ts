/**
 * enqueue-call and send-to-flex have two failure exits: failedToEnqueue (the
 * task could not be queued) and callFailure (the call failed once queued).
 * The native queue has one (overflow; a callback task's node, failed). Where
 * the two go different ways, one of them unwired included, the node's
 * failure exit leads to a step added beside it (`<widget>:failures`) with one
 * outcome per Studio exit, each wired as in the file: no route is lost, and
 * an unwired one is the dead end it is, whichever fires. The exporter folds
 * the step back into the widget (export/names.ts, export/writeback.ts).
 *
 * This runs on the imported flow, after every widget is a node: the node
 * list is made in index.ts, one node per widget.
 */
import type { Diagnostic } from '../../../diagnostic/index.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import type { Flow, FlowNode } from '../../../model/types.ts';
import { asNotes, type ImportResult, type NoteDraft } from '../../types.ts';
import { isObject } from '../json.ts';

/** The widgets with both exits, and the two exits in the order the added step lists them. */
export const QUEUE_WIDGETS: ReadonlySet<string> = new Set(['enqueue-call', 'send-to-flex']);
export const FAILURE_EVENTS = ['failedToEnqueue', 'callFailure'] as const;

/** The meta key of an added step: the id of the node whose failure exit leads to it. */
export const FAILURES_OF = 'failuresOf';

/** The native outcome of a queue (or callback) node that Studio's two failure exits share. */
export function failureField(node: FlowNode): 'overflow' | 'failed' | undefined {
  return node.kind === 'queue' ? 'overflow' : node.kind === 'callback' ? 'failed' : undefined;
}

/** A failure exit of a kept widget: its target (undefined: unwired) and its pointer. */
interface Exit {
  readonly event: (typeof FAILURE_EVENTS)[number];
  readonly next: string | undefined;
  readonly pointer: string;
}

/** The first transition for each failure exit of a kept widget, as the importer reads it. */
function exits(node: FlowNode): Exit[] | undefined {
  const raw = node.meta?.vendor;
  const source = node.source;
  if (!isObject(raw) || source === undefined || raw.type !== source.type || !QUEUE_WIDGETS.has(source.type)) return undefined;
  const transitions = Array.isArray(raw.transitions) ? raw.transitions : [];
  const found: Exit[] = [];
  for (const event of FAILURE_EVENTS) {
    const index = transitions.findIndex((t: unknown) => isObject(t) && t.event === event);
    if (index < 0) return undefined;
    const t = transitions[index] as Record<string, unknown>;
    found.push({ event, next: typeof t.next === 'string' && t.next !== '' ? t.next : undefined, pointer: `${source.pointer}/transitions/${index}` });
  }
  return found;
}

/** The queue (or callback) node and the step added for its two failure exits, when they go different ways. */
function split(node: FlowNode, ids: Set<string>): { node: FlowNode; step: FlowNode; note: NoteDraft } | undefined {
  const field = failureField(node);
  if (field === undefined) return undefined;
  const both = exits(node);
  if (both === undefined || both[0]!.next === both[1]!.next) return undefined;
  let id = `${node.id}:failures`;
  for (let n = 2; ids.has(id); n++) id = `${node.id}:failures ${n}`;
  ids.add(id);
  const step = {
    id,
    name: `${node.id} failures`,
    ...(node.position === undefined ? {} : { position: { x: node.position.x, y: node.position.y + 80 } }),
    meta: { [FAILURES_OF]: node.id },
    source: {
      type: node.source!.type,
      pointer: node.source!.pointer,
      outcomes: Object.fromEntries(both.map((e) => [e.event, { name: e.event, pointer: e.pointer }]))
    },
    kind: 'opaque',
    vendorType: node.source!.type,
    // A failed enqueue is the step failing on every channel; callFailure "only applies to voice
    // calls" (Twilio's widget reference): in a conversation by messages it never fires.
    outcomes: both.map((e) => ({ name: e.event, ...(e.next === undefined ? {} : { next: e.next }), ...(e.event === 'failedToEnqueue' ? { means: 'failure' } : {}) }))
  } as FlowNode;
  const [toEnqueue, callFailure] = both as [Exit, Exit];
  const where = (e: Exit) => (e.next === undefined ? 'has no transition (the call ends there)' : `goes to ${JSON.stringify(e.next)}`);
  const note: NoteDraft = {
    node: node.id,
    pointer: node.source!.pointer,
    message: `widget ${JSON.stringify(node.id)}: failedToEnqueue ${where(toEnqueue)} and callFailure ${where(callFailure)}; the native ${node.kind} has one way out when it fails, so it goes through the added step ${JSON.stringify(id)} with both`
  };
  return { node: { ...node, [field]: id } as FlowNode, step, note };
}

/** The imported flow with a step added for each queue widget whose two failure exits go different ways. */
export function keepFailuresApart(result: ImportResult, file: string): ImportResult {
  if (!result.ok) return result;
  const flow: Flow = result.flow;
  const ids = new Set(flow.nodes.map((n) => n.id));
  const nodes: FlowNode[] = [];
  const drafts: NoteDraft[] = [];
  for (const node of flow.nodes) {
    const made = split(node, ids);
    if (made === undefined) {
      nodes.push(node);
      continue;
    }
    nodes.push(made.node, made.step);
    drafts.push(made.note);
  }
  if (drafts.length === 0) return result;
  const notes: Diagnostic[] = [...result.notes, ...asNotes(DIAGNOSTIC_CODES.importNote, file, drafts)];
  return { ok: true, flow: { ...flow, nodes }, notes };
}
