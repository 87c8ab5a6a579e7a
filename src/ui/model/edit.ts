/**
 * What the designer adds nodes from: the palette and its labels. The
 * edits themselves are domain operations: `FlowChange`s applied by the core
 * (`core/model/changes.ts`), and drafts are the core's (`core/model/draft.ts`);
 * this module only builds the changes the canvas's shapes make.
 */
import { KIND_LABELS } from '../../core/layout/index.ts';
import type { FlowChange, NodeKind, NodePosition, XY } from '../../core/model/index.ts';

export type { Draft, XY } from '../../core/model/index.ts';

/** The change that moves nodes to the positions a drag or a layout gives them (node id → position). */
export function moveChange(positions: ReadonlyMap<string, XY>): FlowChange {
  return { type: 'moveNodes', positions: [...positions].map(([id, position]): NodePosition => ({ id, position })) };
}

/** What each kind the palette offers does, in palette order (its label is the card's, core/layout; shell/icons.tsx draws its icon). */
const HINTS: readonly (readonly [NodeKind, string])[] = [
  ['prompt', 'Plays a message'],
  ['menu', 'Waits for a key or a phrase'],
  ['input', 'Collects digits (an account number)'],
  ['hours', 'Open or closed now'],
  ['lookup', 'Calls a service'],
  ['branch', 'Goes one way or another on data'],
  ['set', 'Sets call variables'],
  ['queue', 'Waits for a person'],
  ['transfer', 'Dials a number'],
  ['voicemail', 'Records a message'],
  ['callback', 'Schedules a call back'],
  ['subflow', 'Runs another flow'],
  ['return', 'Back to the calling flow'],
  ['hangup', 'Ends the call']
];

/** The kinds a designer adds from the palette, in palette order, with a label and a hint. */
export const PALETTE: readonly { kind: NodeKind; label: string; hint: string }[] = HINTS.map(([kind, hint]) => ({ kind, label: KIND_LABELS[kind], hint }));

/** The palette entry of a kind, if the palette offers it. */
export function paletteEntry(kind: string): (typeof PALETTE)[number] | undefined {
  return PALETTE.find((p) => p.kind === kind);
}
