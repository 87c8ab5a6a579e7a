/** What the Connect export says as it goes: notes on what it could not carry over exactly, each at its node. */
import type { FlowNode } from '../../../model/types.ts';
import type { NoteDraft } from '../../types.ts';

/** The notes of one export. */
export class ExportNotes {
  readonly drafts: NoteDraft[] = [];

  /** `indexOf` gives a node's place in the flow, for pointers. */
  constructor(private readonly indexOf: (id: string) => number) {}

  /** A note about a node (at `pointer` inside it), or about the flow. */
  note(node: FlowNode | undefined, message: string, pointer?: string): void {
    const at = node === undefined ? '' : `/nodes/${this.indexOf(node.id)}`;
    this.drafts.push({ ...(node === undefined ? {} : { node: node.id }), pointer: pointer === undefined ? at : `${at}${pointer}`, message });
  }

  /** A note the team must act on before the flow runs as designed: what Connect must be given. */
  warn(node: FlowNode, message: string, pointer = ''): void {
    this.drafts.push({ node: node.id, pointer: `/nodes/${this.indexOf(node.id)}${pointer}`, message, severity: 'warning' });
  }
}
