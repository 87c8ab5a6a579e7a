/** The actions written so far, with the node each came from, its position and its editor metadata. */
import type { FlowNode } from '../../../model/types.ts';
import { autoPosition, beside, type Point } from './layout.ts';

type Json = Record<string, unknown>;

/** A flow-language action as written. */
export interface ConnectAction {
  Identifier: string;
  Type: string;
  Parameters?: Json;
  Transitions?: {
    NextAction?: string;
    Conditions?: { NextAction: string; Condition: { Operator: string; Operands: string[] } }[];
    Errors?: { NextAction: string; ErrorType: string }[];
  };
}

/** The actions of one export. */
export class Actions {
  readonly list: ConnectAction[] = [];
  /** Action Identifier → the native node it came from. */
  readonly origins = new Map<string, string>();
  readonly positions = new Map<string, Point>();
  /** Editor metadata beside an action's position: what the native design says that Connect cannot. */
  readonly metadata = new Map<string, Record<string, unknown>>();

  /** `indexOf` gives a node's place in the flow, for the grid position of a node without one. */
  constructor(private readonly indexOf: (id: string) => number) {}

  /** An action of `node`, placed at the node (`offset` helper places beside it); returns its Identifier. */
  add(node: FlowNode, action: ConnectAction, offset = 0): string {
    this.list.push(action);
    this.origins.set(action.Identifier, node.id);
    const base = node.position ?? autoPosition(this.indexOf(node.id));
    this.positions.set(action.Identifier, beside(base, offset));
    return action.Identifier;
  }

  /** An action as it is (written back, or added for the flow), at `position` when it has one. */
  keep(action: ConnectAction, origin: string, position?: Point): void {
    this.list.push(action);
    this.origins.set(action.Identifier, origin);
    if (position) this.positions.set(action.Identifier, position);
  }

  /** Editor metadata for an action. */
  describe(identifier: string, metadata: Record<string, unknown>): void {
    this.metadata.set(identifier, metadata);
  }

  has(identifier: string): boolean {
    return this.list.some((a) => a.Identifier === identifier);
  }
}
