/**
 * What the designer adds nodes from: the palette, its labels and icons. The
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

/** The palette entry of a kind, if the palette offers it. */
export function paletteEntry(kind: string): (typeof PALETTE)[number] | undefined {
  return PALETTE.find((p) => p.kind === kind);
}
