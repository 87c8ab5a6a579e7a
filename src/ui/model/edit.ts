/**
 * What the designer adds nodes from: the palette and its labels. The
 * edits themselves are domain operations: `FlowChange`s applied by the core
 * (`core/model/changes.ts`), and drafts are the core's (`core/model/draft.ts`);
 * this module only builds the changes the canvas's shapes make.
 */
import type { FlowChange, NodeKind, NodePosition, XY } from '../../core/model/index.ts';

export type { Draft, XY } from '../../core/model/index.ts';

/** The change that moves nodes to the positions a drag or a layout gives them (node id → position). */
export function moveChange(positions: ReadonlyMap<string, XY>): FlowChange {
  return { type: 'moveNodes', positions: [...positions].map(([id, position]): NodePosition => ({ id, position })) };
}

/** The kinds a designer adds from the palette, in palette order, with a label (shell/icons.tsx draws their icons). */
export const PALETTE: readonly { kind: NodeKind; label: string; hint: string }[] = [
  { kind: 'prompt', label: 'Prompt', hint: 'Plays a message' },
  { kind: 'menu', label: 'Menu', hint: 'Waits for a key or a phrase' },
  { kind: 'input', label: 'Input', hint: 'Collects digits (an account number)' },
  { kind: 'hours', label: 'Hours check', hint: 'Open or closed now' },
  { kind: 'lookup', label: 'Data lookup', hint: 'Calls a service' },
  { kind: 'branch', label: 'Branch', hint: 'Goes one way or another on data' },
  { kind: 'set', label: 'Set variables', hint: 'Sets call variables' },
  { kind: 'queue', label: 'Queue', hint: 'Waits for a person' },
  { kind: 'transfer', label: 'Transfer', hint: 'Dials a number' },
  { kind: 'voicemail', label: 'Voicemail', hint: 'Records a message' },
  { kind: 'callback', label: 'Callback', hint: 'Schedules a call back' },
  { kind: 'subflow', label: 'Sub-flow', hint: 'Runs another flow' },
  { kind: 'return', label: 'Return', hint: 'Back to the calling flow' },
  { kind: 'hangup', label: 'Hang up', hint: 'Ends the call' }
];

/** The palette entry of a kind, if the palette offers it. */
export function paletteEntry(kind: string): (typeof PALETTE)[number] | undefined {
  return PALETTE.find((p) => p.kind === kind);
}
