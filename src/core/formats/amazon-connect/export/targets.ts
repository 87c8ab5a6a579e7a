/**
 * Where the design's outcomes go in Connect: the Identifier of the action a
 * native target leads to (an imported action keeps its own; a helper node
 * the importer added leads to its action; a counter loop's branch leads to
 * its Loop), and the added hang-up that unwired branches go to, since
 * Connect rejects a branch without a target.
 */
import { outcomesOf, type Outcome } from '../../../model/outcomes.ts';
import type { Flow, FlowNode } from '../../../model/types.ts';
import type { Actions } from './actions.ts';
import { actionIdentifier } from './ids.ts';
import { helperOwner, vendorAction } from './kept.ts';
import type { ExportNotes } from './notes.ts';
import { DESIGN_KEY, UNWIRED_KIND } from '../contract.ts';

/** A counter loop: the set node that counts becomes one Loop action with its branch. */
export interface CounterLoop {
  readonly check: string;
  readonly count: number;
  readonly more?: string;
  readonly done?: string;
}

/** The outcome of a node with this name. */
export function outcomeNamed(node: FlowNode, name: string): Outcome | undefined {
  return outcomesOf(node).find((o) => o.name === name);
}

/** The Identifiers the design's outcomes go to, in one export. */
export class Targets {
  private readonly byId = new Map<string, FlowNode>();
  /** Set nodes turned into a Loop, and the branch nodes they absorb. */
  private readonly loops = new Map<string, CounterLoop>();
  private readonly absorbed = new Set<string>();
  private unwiredTarget: string | undefined;

  constructor(
    private readonly flow: Flow,
    private readonly actions: Actions,
    private readonly notes: ExportNotes
  ) {
    for (const node of flow.nodes) this.byId.set(node.id, node);
    this.findLoops();
  }

  /** The Identifier of a native node's action (or of one of its helper actions). */
  id(nodeId: string, part?: string): string {
    return actionIdentifier(this.flow.id, nodeId, part);
  }

  node(id: string): FlowNode | undefined {
    return this.byId.get(id);
  }

  /** The Loop a set node is written as, when it counts one. */
  loopOf(id: string): CounterLoop | undefined {
    return this.loops.get(id);
  }

  /** Whether a node is a counter loop's branch, written as part of its Loop. */
  isAbsorbed(id: string): boolean {
    return this.absorbed.has(id);
  }

  /** A native counter loop (`set` incrementing `$.Loop.x`, then a branch `le N`) as written by the importer. */
  private findLoops(): void {
    for (const node of this.flow.nodes) {
      if (node.kind !== 'set' || vendorAction(node) !== undefined || node.increment?.length !== 1 || node.next === undefined) continue;
      const counter = node.increment[0]!;
      const check = this.byId.get(node.next);
      if (check === undefined || check.kind !== 'branch' || check.cases.length !== 1) continue;
      const when = check.cases[0]!.when;
      if (Array.isArray(when) || when.var !== counter || when.op !== 'le' || typeof when.value !== 'number') continue;
      if (this.flow.nodes.some((n) => n !== node && outcomesOf(n).some((o) => o.target === check.id))) continue;
      const next = check.cases[0]!.next;
      this.loops.set(node.id, {
        check: check.id,
        count: when.value,
        ...(next === undefined ? {} : { more: next }),
        ...(check.otherwise === undefined ? {} : { done: check.otherwise })
      });
      this.absorbed.add(check.id);
    }
  }

  /** The Identifier a native target leads to. */
  targetOf(target: string): string | undefined {
    const node = this.byId.get(target);
    if (node === undefined) return undefined;
    const raw = vendorAction(node);
    if (raw !== undefined) return raw.Identifier;
    const owner = helperOwner(node);
    const ownerNode = owner === undefined ? undefined : this.byId.get(owner);
    if (owner !== undefined && ownerNode !== undefined && vendorAction(ownerNode)?.Identifier === owner) return owner;
    if (this.absorbed.has(node.id)) {
      const setter = [...this.loops.entries()].find(([, loop]) => loop.check === node.id);
      if (setter !== undefined) return this.id(setter[0]);
    }
    return this.id(node.id);
  }

  /** The added hang-up that unwired branches go to. */
  disconnect(): string {
    if (this.unwiredTarget === undefined) {
      // One identifier whatever the flow is called, so a flow read back and shipped again keeps it.
      this.unwiredTarget = actionIdentifier('', '#unwired');
      this.actions.keep({ Identifier: this.unwiredTarget, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }, '#unwired');
      this.actions.describe(this.unwiredTarget, { [DESIGN_KEY]: { kind: UNWIRED_KIND } });
    }
    return this.unwiredTarget;
  }

  /** Where an outcome goes in Connect: an unwired one goes to the added hang-up. */
  to(node: FlowNode, outcome: Outcome | undefined, target?: string): string {
    const t = outcome === undefined ? target : outcome.target;
    if (t !== undefined) {
      const id = this.targetOf(t);
      if (id !== undefined) return id;
      this.notes.note(node, `the target ${JSON.stringify(t)} is not a node of this flow: the branch goes to an added DisconnectParticipant`, outcome?.pointer);
      return this.disconnect();
    }
    if (outcome !== undefined && outcome.unwired === 'dead-end') {
      this.notes.note(
        node,
        `the "${outcome.name}" outcome is not wired (a dead end): Connect rejects a branch without a target, so it goes to an added DisconnectParticipant`,
        outcome.pointer
      );
    }
    return this.disconnect();
  }
}
