/**
 * Where the design's outcomes go in Connect: the Identifier of the action a
 * native target leads to (an imported action keeps its own; a helper node
 * the importer added leads to its action; a counter loop's branch, and a
 * set that counts alike, lead to its Loop), and the added hang-up that unwired branches go to, since
 * Connect rejects a branch without a target.
 */
import { outcomesOf, type Outcome } from '../../../model/outcomes.ts';
import type { Flow, FlowNode } from '../../../model/types.ts';
import type { Actions } from './actions.ts';
import { actionIdentifier } from './ids.ts';
import { helperOwner, vendorAction } from './kept.ts';
import { counterLoops, type CounterLoop, type Refusal } from './counters.ts';
import type { ExportNotes } from './notes.ts';
import { DESIGN_KEY, UNWIRED_KIND } from '../contract.ts';

/** The outcome of a node with this name. */
export function outcomeNamed(node: FlowNode, name: string): Outcome | undefined {
  return outcomesOf(node).find((o) => o.name === name);
}

/** The Identifiers the design's outcomes go to, in one export. */
export class Targets {
  private readonly byId = new Map<string, FlowNode>();
  /** Set nodes turned into a Loop; and the nodes written as part of another's Loop (its branch, a set that counts alike, its branch) → that set. */
  private readonly loops = new Map<string, CounterLoop>();
  private readonly absorbed = new Map<string, string>();
  /** Set nodes that count for a branch after them but are not a Loop, and why. */
  private refusals: ReadonlyMap<string, Refusal> = new Map();
  private unwiredTarget: string | undefined;
  private endTarget: string | undefined;

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

  /** Why a set node that counts for the branch after it is not written as a Loop. */
  loopRefusal(id: string): Refusal | undefined {
    return this.refusals.get(id);
  }

  /** Whether a node is written as part of a Loop another node is written as (a branch on the count, a set that counts alike). */
  isAbsorbed(id: string): boolean {
    return this.absorbed.has(id);
  }

  /** The set nodes that count for the branch after them, written as Loops (counters.ts). */
  private findLoops(): void {
    const found = counterLoops(this.flow, this.byId);
    this.refusals = found.refusals;
    for (const [owner, loop] of found.loops) {
      this.loops.set(owner, loop);
      this.absorbed.set(loop.check, owner);
      for (const other of loop.alike) {
        this.absorbed.set(other.set, owner);
        this.absorbed.set(other.check, owner);
      }
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
    const loop = this.absorbed.get(node.id);
    return this.id(loop ?? node.id);
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

  /** The added hang-up that designed endings go to: a plain DisconnectParticipant. */
  hangUp(): string {
    if (this.endTarget === undefined) {
      this.endTarget = actionIdentifier('', '#end');
      this.actions.keep({ Identifier: this.endTarget, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }, '#end');
    }
    return this.endTarget;
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
    // A designed ending (an opaque step's optional exit, a prompt marked as the end) is a hang-up of its own, read back as meant.
    if (outcome !== undefined && outcome.unwired === 'ended') return this.hangUp();
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
