/**
 * Amazon Connect export: a native flow as flow-language JSON
 * (`Version` "2019-10-30") that `CreateContactFlow` accepts.
 *
 * A node imported from a flow-language file keeps its action in
 * `meta.vendor`; it is written back as it came, with only the targets the
 * designer changed rewritten, and the helper nodes the importer added
 * (`<Identifier>:LoopCount`, `<Identifier>:errors`) fold back into it. Every
 * other node is built from the native model with deterministic UUIDs derived
 * from the flow id and the node id.
 *
 * References to the account's resources (queue ARNs, flow ARNs, Lambda ARNs,
 * voicemail flows) come from `options.environment`; a missing one is a problem that
 * names it, so nothing ships with a made-up ARN.
 *
 * The parts: nodes.ts (with inputs.ts, conditions.ts and opaque.ts) writes
 * new actions, writeback.ts writes imported ones back, targets.ts says where
 * each outcome goes, references.ts looks up the account's references,
 * layout.ts places the actions, notes.ts collects what is said, and ids.ts
 * makes the Identifiers.
 */
import type { Problem } from '../../../model/load.ts';
import { localesOf } from '../../../model/prompt.ts';
import type { Flow, FlowNode, FlowRole } from '../../../model/types.ts';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../../../diagnostic/index.ts';
import { spokenSettings } from '../../ship.ts';
import { asNotes, type ExportOptions, type ExportResult } from '../../types.ts';
import { FLOW_LANGUAGE_VERSION } from '../contract.ts';
import { Actions } from './actions.ts';
import type { ConnectExport } from './context.ts';
import { actionIdentifier } from './ids.ts';
import { helperOwner, vendorAction } from './kept.ts';
import { actionMetadata } from './layout.ts';
import { build } from './nodes.ts';
import { ExportNotes } from './notes.ts';
import { References } from './references.ts';
import { Targets } from './targets.ts';
import { writeBack } from './writeback.ts';

export type { ConnectAction } from './actions.ts';
export { actionIdentifier, sha1, uuidV5 } from './ids.ts';
export { DESIGN_KEY } from '../contract.ts';

/** Connect's own limit on the number of actions of a flow. */
export const MAX_ACTIONS = 250;

type Json = Record<string, unknown>;

/** The export plus, for tests and tools, which native node each action came from. */
export type DetailedExportResult =
  | { readonly ok: true; readonly document: Json; readonly notes: readonly Diagnostic[]; readonly origins: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Every node as actions: imported ones written back (with their helper nodes), the others built anew. */
function writeNodes(ctx: ConnectExport): void {
  const nodes = ctx.flow.nodes;
  const groups = new Map<string, FlowNode[]>();
  for (const node of nodes) {
    const owner = helperOwner(node);
    if (owner !== undefined && nodes.some((n) => n.id === owner && vendorAction(n) !== undefined)) {
      groups.set(owner, [...(groups.get(owner) ?? []), node]);
    }
  }
  for (const node of nodes) {
    const raw = vendorAction(node);
    if (raw !== undefined && raw.Identifier === node.id) {
      writeBack(ctx, node, raw, groups.get(node.id) ?? []);
      continue;
    }
    if (helperOwner(node) !== undefined && groups.has(helperOwner(node)!)) continue;
    if (ctx.targets.isAbsorbed(node.id)) continue;
    build(ctx, node);
  }
}

/** The export with the map from each action back to its native node (for tests and tools). */
export function exportAmazonConnectDetailed(design: Flow, options: ExportOptions, file: string): DetailedExportResult {
  const flow = spokenSettings(design);
  const index = new Map(flow.nodes.map((node, i) => [node.id, i]));
  const indexOf = (id: string): number => index.get(id) ?? 0;
  const notes = new ExportNotes(indexOf);
  const actions = new Actions(indexOf);
  const refs = new References(options.environment, file, indexOf);
  const ctx: ConnectExport = { flow, locale: localesOf(flow)[0]!, notes, refs, actions, targets: new Targets(flow, actions, notes) };
  writeNodes(ctx);
  if (refs.problems.length > 0) return { ok: false, problems: refs.problems };
  if (actions.list.length > MAX_ACTIONS) {
    return {
      ok: false,
      problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '/nodes', message: `the flow needs ${actions.list.length} Amazon Connect actions; a flow holds at most ${MAX_ACTIONS}: split it into flows or modules` }]
    };
  }
  const startNode = flow.nodes.find((n) => n.id === flow.start);
  if (startNode === undefined) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '/start', message: `the start ${JSON.stringify(flow.start)} is not a node of this flow` }] };
  }
  const raw = vendorAction(startNode);
  const start = raw?.Identifier ?? actionIdentifier(flow.id, startNode.id);
  // The hang-up added for unwired branches comes last, wherever it was first needed, so a flow read back ships the same.
  const added = (action: { Identifier: string }): boolean => actions.origins.get(action.Identifier) === '#unwired';
  const list = [...actions.list.filter((action) => !added(action)), ...actions.list.filter(added)];
  const type = flowType(flow, notes);
  const document = {
    Version: FLOW_LANGUAGE_VERSION,
    StartAction: start,
    Metadata: {
      entryPointPosition: { x: 40, y: 40 },
      ActionMetadata: actionMetadata(list, actions.positions, actions.metadata),
      name: flow.name,
      ...(flow.description === undefined ? {} : { description: flow.description }),
      ...(type === undefined ? {} : { type })
    },
    Actions: list
  };
  return { ok: true, document, notes: asNotes(DIAGNOSTIC_CODES.exportNote, file, notes.drafts), origins: actions.origins };
}

/** Connect's flow type for a role, where Connect has one (an inbound flow is the default contact flow). */
const FLOW_TYPES: Readonly<Partial<Record<FlowRole, string>>> = {
  'customer-queue': 'customerQueue',
  'customer-hold': 'customerHold',
  'customer-whisper': 'customerWhisper',
  'agent-whisper': 'agentWhisper',
  transfer: 'queueTransfer'
};

/**
 * The `Metadata.type` the flow is written with, and notes on what Connect
 * decides elsewhere: the channel is the contact's (one contact flow serves
 * calls and chats), and a flow starts at one action.
 */
function flowType(flow: Flow, notes: ExportNotes): string | undefined {
  const role = flow.role ?? 'inbound';
  const type = Object.hasOwn(FLOW_TYPES, role) ? FLOW_TYPES[role] : undefined;
  if (type === undefined && role !== 'inbound' && role !== 'module') {
    notes.note(undefined, `Connect has no ${role} flow type: the flow is written as a contact flow, and must be used as the ${role} flow it was designed as`);
  }
  if (flow.channel !== undefined && flow.channel !== 'voice') {
    notes.note(undefined, `a Connect contact flow runs on the channel the contact arrives on: use it for ${flow.channel === 'api' ? 'contacts started through the API' : 'chats'}, as designed`);
  }
  if ((flow.entries ?? []).length > 0) {
    notes.note(undefined, `a Connect flow has one start: the other entry points (${flow.entries!.map((e) => `${e.channel} at ${JSON.stringify(e.start)}`).join(', ')}) need flows of their own`);
  }
  return type;
}

/** The flow as a flow-language document; never throws. */
export function exportAmazonConnect(flow: Flow, options: ExportOptions, file: string): ExportResult {
  try {
    const result = exportAmazonConnectDetailed(flow, options, file);
    return result.ok ? { ok: true, document: result.document, notes: result.notes, origins: result.origins } : result;
  } catch (error) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '', message: `could not export the flow: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
