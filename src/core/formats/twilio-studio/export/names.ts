/**
 * Widget names. Every node's widget is named before any is written, so a
 * transition can name any of them: widgets that came from Studio keep their
 * names (and go first, so a native node cannot take one); the others get a
 * unique name of letters, digits and `_` from their node id. A queue,
 * transfer, voicemail or callback with a prompt is entered through a
 * say-play before it (`<name>_prompt`); a silent
 * hang-up is an empty set-variables widget with nothing after it (Studio has
 * no hang-up widget, and an unwired exit reads as a forgotten one); a silent
 * return has no widget, so the exits that lead to it are left unwired. The
 * step the importer adds for a queue widget's two failure exits
 * (import/failures.ts) has no widget either while only its queue leads to
 * it: it folds back into the queue's widget.
 */
import { outcomesOf } from '../../../model/outcomes.ts';
import type { Flow, FlowNode } from '../../../model/types.ts';
import { failureField, FAILURES_OF } from '../import/failures.ts';
import { isObject } from '../json.ts';
import { nodePointer, type ExportNotes } from './notes.ts';
import { isStudioWidget, WIDGET_NAME, type KeptWidget } from './widgets.ts';

/** The native kinds the importer makes of each widget type (besides opaque); a node of another kind is built anew. */
const KINDS: Readonly<Record<string, readonly string[]>> = {
  'say-play': ['prompt'],
  'gather-input-on-call': ['menu', 'input'],
  'split-based-on': ['branch'],
  'set-variables': ['set', 'hangup'],
  'run-function': ['lookup'],
  'make-http-request': ['lookup'],
  'enqueue-call': ['queue', 'callback'],
  'send-to-flex': ['queue', 'callback'],
  'connect-call-to': ['transfer'],
  'record-voicemail': ['voicemail'],
  'run-subflow': ['subflow']
};

/** The widget-free part of a native id: letters, digits and underscores. */
function sanitise(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return name === '' ? 'node' : name;
}

/** The widget names of one export, and the widget each node is entered by. */
export class WidgetNames {
  private readonly used = new Set<string>(['Trigger']);
  /** Node id → the name of the node's own widget. */
  private readonly names = new Map<string, string>();
  /** Node id → the widget a transition to the node goes to (undefined: the node has no widget). */
  private readonly entries = new Map<string, string | undefined>();
  /** Names of Studio widgets that some imported node is (so a menu's split is not written twice). */
  private readonly vendorNames = new Set<string>();
  /** Node id → the say-play that plays the node's prompt before it. */
  private readonly leads = new Map<string, string>();
  /** Imported nodes built from the native model after all (their widget's name is another's). */
  private readonly rebuilt = new Set<string>();
  /** Added failure steps with no widget of their own: step id → the queue's node id. */
  private readonly folded = new Map<string, string>();
  /** A written-back queue's node id → the failure step its failure exit leads to, written into its widget. */
  private readonly helpers = new Map<string, FlowNode[]>();

  constructor(
    private readonly flow: Flow,
    private readonly notes: ExportNotes
  ) {}

  /** A unique widget name from a wanted one. */
  claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}_${n}`;
    this.used.add(name);
    return name;
  }

  /** The raw widget an imported node is written back from: kept, of the node's type and kind, with a name of its own. */
  vendorOf(node: FlowNode): KeptWidget | undefined {
    if (this.rebuilt.has(node.id)) return undefined;
    const raw = node.meta?.vendor;
    if (!isStudioWidget(raw) || node.source === undefined || node.source.type !== raw.type) return undefined;
    // Any widget may have been read as an opaque step (a type or an exit the importer does not know).
    const kinds = Object.hasOwn(KINDS, raw.type) ? KINDS[raw.type]! : [];
    return node.kind === 'opaque' || kinds.includes(node.kind) ? raw : undefined;
  }

  /** Whether a Studio widget of this name is written back from an imported node. */
  isKept(name: string): boolean {
    return this.vendorNames.has(name);
  }

  /** The node whose widget an added failure step folds back into, when it does. */
  foldedInto(id: string): string | undefined {
    return this.folded.get(id);
  }

  /** The added failure steps whose outcomes are written as the exits of a node's widget. */
  helpersOf(id: string): readonly FlowNode[] {
    return this.helpers.get(id) ?? [];
  }

  /**
   * The failure steps written back into their queue's widget: the queue is
   * written back from its widget and its failure exit leads to the step. The
   * step has no widget of its own unless something else leads to it too (a
   * node the designer wired to it), when it is also built as any step is.
   */
  private foldHelpers(): void {
    const byId = new Map(this.flow.nodes.map((node) => [node.id, node]));
    const candidates = new Map<string, FlowNode>();
    for (const node of this.flow.nodes) {
      const owner = node.meta?.[FAILURES_OF];
      if (node.kind !== 'opaque' || typeof owner !== 'string') continue;
      const queue = byId.get(owner);
      const field = queue === undefined ? undefined : failureField(queue);
      if (queue === undefined || field === undefined || this.vendorOf(queue) === undefined) continue;
      if ((queue as Record<string, unknown>)[field] !== node.id) continue;
      candidates.set(node.id, queue);
    }
    if (candidates.size === 0) return;
    for (const [id, queue] of candidates) this.helpers.set(queue.id, [...(this.helpers.get(queue.id) ?? []), byId.get(id)!]);
    // Another way in (a node the designer wired to the step) gives the step widgets of its own.
    const entered = new Set<string>();
    for (const node of this.flow.nodes) {
      const field = failureField(node);
      for (const o of outcomesOf(node)) {
        if (o.target === undefined || !candidates.has(o.target)) continue;
        if (candidates.get(o.target) !== node || o.name !== field) entered.add(o.target);
      }
    }
    for (const [id, queue] of candidates) if (!entered.has(id)) this.folded.set(id, queue.id);
  }

  /** Whether `id` is a node of the flow. */
  isNode(id: string): boolean {
    return this.entries.has(id);
  }

  /** The name of a node's own widget. */
  widgetOf(id: string): string {
    return this.names.get(id)!;
  }

  /** The say-play in front of a node, when it has one. */
  leadOf(id: string): string | undefined {
    return this.leads.get(id);
  }

  /** The widget a native target goes to. */
  target(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    return this.entries.get(id);
  }

  /** Names every node's widget first, so transitions can name any of them. */
  nameNodes(): void {
    const nodes = this.flow.nodes;
    // Widgets that came from Studio keep their names; they go first so a native node cannot take one.
    nodes.forEach((node, index) => {
      const raw = this.vendorOf(node);
      if (raw === undefined) return;
      if (this.vendorNames.has(raw.name) || raw.name === 'Trigger') {
        this.rebuilt.add(node.id);
        this.notes.note(nodePointer(index), `node ${JSON.stringify(node.id)} came from the Studio widget ${JSON.stringify(raw.name)}, which another node also came from; it is built from the native model`, node.id);
        return;
      }
      this.vendorNames.add(raw.name);
    });
    this.foldHelpers();
    nodes.forEach((node) => {
      const raw = this.vendorOf(node);
      const split = isObject(node.meta?.split) && isStudioWidget(node.meta.split.vendor) ? node.meta.split.vendor : undefined;
      if (split !== undefined && !this.vendorNames.has(split.name)) this.used.add(split.name);
      if (raw !== undefined) this.used.add(raw.name);
    });
    nodes.forEach((node, index) => {
      const raw = this.vendorOf(node);
      if (this.folded.has(node.id)) return;
      if (raw !== undefined) {
        this.names.set(node.id, raw.name);
        if (!WIDGET_NAME.test(raw.name)) {
          this.notes.note(nodePointer(index, '/id'), `widget name ${JSON.stringify(raw.name)} came from Studio and is kept as it was, although the Console only offers letters, digits and _`, node.id);
        }
        return;
      }
      const wanted = sanitise(node.id);
      const name = this.claim(wanted);
      this.names.set(node.id, name);
      if (name !== node.id) {
        this.notes.note(nodePointer(index, '/id'), `node ${JSON.stringify(node.id)} is the widget ${JSON.stringify(name)} (Studio names are letters, digits and _, and unique)`, node.id);
      }
    });
    // A folded failure step is its queue's widget.
    for (const [id, queue] of this.folded) this.names.set(id, this.names.get(queue)!);
    nodes.forEach((node) => {
      // A silent return has no widget: a Studio sub-flow returns to its parent where its execution ends.
      const silent = node.kind === 'return' && node.prompt === undefined && this.vendorOf(node) === undefined;
      this.entries.set(node.id, silent ? undefined : this.names.get(node.id));
      const led = node.kind === 'queue' || node.kind === 'transfer' || node.kind === 'voicemail' || node.kind === 'callback';
      if (led && node.prompt !== undefined && this.vendorOf(node) === undefined) {
        const before = this.claim(`${this.names.get(node.id)!}_prompt`);
        this.leads.set(node.id, before);
        this.entries.set(node.id, before);
      }
    });
  }
}
