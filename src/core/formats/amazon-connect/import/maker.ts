/**
 * Making native nodes from steps: the part every node shares (its id,
 * position, kept action and vendor outcomes), outcomes named as Connect
 * names them, notes on branches a node cannot carry, and the extra steps
 * (`<Identifier>:errors`) that keep routes a native outcome would merge.
 */
import type { FlowNode } from '../../../model/types.ts';
import type { NoteDraft } from '../../types.ts';
import { missing } from './edges.ts';
import type { Step, StepEdge } from './steps.ts';
import { cleanCopy, safeName } from './values.ts';

/** A node's outcomes by native name, each with Connect's name and pointer. */
export type Outcomes = Record<string, { name: string; pointer?: string }>;

/** Makes the native nodes of one import, with their notes. */
export class NodeMaker {
  readonly notes: NoteDraft[] = [];
  /** Steps added for error branches that share one native outcome. */
  extra: FlowNode[] = [];
  private readonly ids: Set<string>;

  private readonly steps: ReadonlyMap<string, Step>;
  /** Transfers to the queue a set-queue step chose: the step id → the QueueId every step into it set. */
  private readonly targetQueues = new Map<string, string>();

  constructor(
    steps: readonly Step[],
    private readonly wrapperNote: boolean
  ) {
    this.ids = new Set(steps.map((s) => s.id));
    this.steps = new Map(steps.map((step) => [step.id, step]));
    // TransferContactToQueue transfers to the contact's target queue, which
    // UpdateContactTargetQueue sets just before it: when every step into a
    // transfer sets one and the same queue, that queue is the transfer's.
    const chosen = new Map<string, string | null>();
    const byId = new Map(steps.map((step) => [step.id, step]));
    for (const step of steps) {
      const setQueue = step.type === 'UpdateContactTargetQueue' ? (typeof step.parameters['QueueId'] === 'string' ? step.parameters['QueueId'] : '') : '';
      for (const edge of [step.next, ...step.conditions, ...step.errors]) {
        if (edge?.target === undefined || byId.get(edge.target)?.type !== 'TransferContactToQueue') continue;
        // A set-queue step's error branch did not set the queue.
        const sets = setQueue !== '' && edge === step.next ? setQueue : null;
        const before = chosen.get(edge.target);
        chosen.set(edge.target, before === undefined || before === sets ? sets : null);
      }
    }
    for (const [id, queue] of chosen) if (queue !== null) this.targetQueues.set(id, queue);
  }

  /**
   * The edge a stored-input step's silence takes: with StoreInput, Connect
   * takes the success path with the value "Timeout", so a Compare right
   * after it on the stored input that tests for "Timeout" is where silence
   * goes. Undefined when no such Compare follows.
   */
  timeoutEdgeOf(step: Step): StepEdge | undefined {
    const next = step.next?.target === undefined ? undefined : this.steps.get(step.next.target);
    if (next?.type !== 'Compare' || next.parameters['ComparisonValue'] !== '$.StoredCustomerInput') return undefined;
    return next.conditions.find((c) => c.operator === 'Equals' && c.value === 'Timeout');
  }

  /** The queue the steps into a transfer set as the target queue, when they all set the same one. */
  targetQueueOf(stepId: string): string | undefined {
    return this.targetQueues.get(stepId);
  }

  /** A node id no step or added node has, from `base`. */
  uniqueId(base: string): string {
    let id = base;
    for (let i = 2; this.ids.has(id); i++) id = `${base} ${i}`;
    this.ids.add(id);
    return id;
  }

  /** A note about a step, at the step or at `pointer`. */
  note(step: Step, message: string, pointer = step.pointer): void {
    this.notes.push({ node: step.id, pointer, message });
  }

  /** The fields every node made from `step` has: id, position, the kept action and its vendor outcomes. */
  base(step: Step, outcomes: Outcomes, id = step.id): Record<string, unknown> {
    const meta: Record<string, unknown> = { vendor: cleanCopy(step.raw) };
    if (step.metadata !== undefined) meta.vendorMetadata = cleanCopy(step.metadata);
    if (this.wrapperNote) meta.contentPointer = step.at;
    return {
      id,
      ...(step.position ? { position: step.position } : {}),
      meta,
      source: { type: step.vendorType, pointer: step.pointer, outcomes }
    };
  }

  /** Names the native outcome `native` as Connect's `edge`; returns the edge's target. */
  outcome(outcomes: Outcomes, native: string, edge: StepEdge): string | undefined {
    Object.defineProperty(outcomes, native, {
      value: { name: edge.name, pointer: edge.pointer },
      enumerable: true,
      writable: true,
      configurable: true
    });
    return edge.target;
  }

  /** Notes the declared edges a node cannot carry (their targets may look unreachable). */
  unmodelled(step: Step, kind: string, used: readonly StepEdge[]): void {
    const targets = new Set(used.map((e) => e.target));
    const usedEdges = new Set(used);
    for (const edge of [...(step.next ? [step.next] : []), ...step.conditions, ...step.errors]) {
      if (usedEdges.has(edge) || edge.target === undefined || targets.has(edge.target)) continue;
      this.note(step, `the "${edge.name}" branch to ${JSON.stringify(edge.target)} has no place in the native ${kind} node and is not carried over`, edge.pointer);
    }
  }

  /**
   * The target of a native failure outcome that several Connect branches
   * share. When other declared branches go elsewhere, the outcome leads to an
   * extra step (`<Identifier>:errors`) with one outcome per branch, so no
   * route is lost and an unwired one is still a dead end.
   */
  route(step: Step, kind: string, primary: StepEdge, used: readonly StepEdge[]): string | undefined {
    const taken = new Set(used.map((e) => e.target));
    const extra: StepEdge[] = [];
    for (const edge of [...(step.next ? [step.next] : []), ...step.conditions, ...step.errors]) {
      if (used.includes(edge) || edge === primary || edge.target === undefined || taken.has(edge.target) || edge.target === primary.target) continue;
      taken.add(edge.target);
      extra.push(edge);
    }
    if (extra.length === 0) return primary.target;
    const id = this.uniqueId(`${step.id}:errors`);
    const outcomes: Outcomes = {};
    const list = [primary, ...extra].map((edge) => {
      this.outcome(outcomes, safeName(edge.name), edge);
      return { name: safeName(edge.name), ...(edge.target === undefined ? {} : { next: edge.target }) };
    });
    this.extra.push({
      id,
      name: `${step.vendorType} errors`,
      ...(step.position ? { position: { x: step.position.x, y: step.position.y + 80 } } : {}),
      meta: { errorsOf: step.id },
      source: { type: step.vendorType, pointer: step.pointer, outcomes },
      kind: 'opaque',
      vendorType: step.vendorType,
      outcomes: list
    } as FlowNode);
    this.note(step, `the native ${kind} node has one way out for ${extra.map((e) => `"${e.name}"`).join(', ')} and "${primary.name}": they go through the added step ${JSON.stringify(id)}`);
    return id;
  }

  /** An opaque node with the given outcomes (a missing required one is a dead end). */
  opaque(step: Step, edges: { edge: StepEdge; required?: boolean }[], prompt?: string): FlowNode {
    const outcomes: Outcomes = {};
    const names = new Set<string>();
    const list: { name: string; next?: string; required?: boolean }[] = [];
    for (const { edge, required } of edges) {
      const base = safeName(edge.name);
      let name = base;
      for (let i = 2; names.has(name); i++) name = `${base} (${i})`;
      names.add(name);
      this.outcome(outcomes, name, { ...edge, name: edge.name });
      list.push({ name, ...(edge.target === undefined ? {} : { next: edge.target }), ...(required === false ? { required: false } : {}) });
    }
    if (list.length === 0) {
      list.push({ name: 'end', required: false });
      this.note(step, `${step.vendorType} has no transitions: taken as the end of the flow`);
    }
    return {
      ...this.base(step, outcomes),
      kind: 'opaque',
      vendorType: step.vendorType,
      ...(prompt === undefined ? {} : { prompt }),
      outcomes: list
    } as FlowNode;
  }

  /** Every declared edge of an action as an opaque outcome. */
  generic(step: Step, extraErrors: string[] = []): FlowNode {
    const edges: { edge: StepEdge }[] = [];
    for (const c of step.conditions) edges.push({ edge: c });
    if (step.next) edges.push({ edge: step.next });
    for (const e of step.errors) edges.push({ edge: e });
    for (const type of extraErrors) {
      if (!step.errors.some((e) => e.type === type)) edges.push({ edge: missing(step, type) });
    }
    return this.opaque(step, edges);
  }
}
