/**
 * Native flows → Twilio Studio flow definitions.
 *
 * The document is the bare definition the Console imports ("Import from
 * JSON"): `{description, states, initial_state: "Trigger", flags}`, with the
 * trigger widget first. Every widget lists every event it can emit; an event
 * left without `next` ends the call there, which is how Studio expresses a
 * designed ending.
 *
 * A node imported from Studio (its raw widget kept in `meta.vendor`, its type
 * in `source.type`) is written back as it came; only the `next` of the
 * transitions its native outcomes name (`source.outcomes[…].pointer`) are
 * updated when the design changed them. A menu read from a gather and a split
 * writes both widgets back; the start node brings back the trigger and the
 * definition's own fields.
 *
 * Other nodes are built from the native model with the widgets a Studio user
 * would use. Studio has no widget for a retry limit, opening hours or a
 * callback, so those are made of helper widgets (set-variables + split, a
 * Function + split, send-to-flex with callback attributes). Helper widgets
 * are named after their node (`main_menu_noinput_count`, …).
 *
 * References to the account (Function URLs, TaskRouter workflow SIDs, flow
 * SIDs, mailboxes) come from `options.environment`, keyed by the name the design uses
 * (the queue name, the sub-flow id, the lookup service, the node id); a
 * missing one becomes a placeholder and a note.
 *
 * The parts: names.ts names every widget first, nodes.ts (with inputs.ts,
 * conditions.ts, handoffs.ts and writeback.ts) writes each node's widgets,
 * references.ts looks up the account's references, layout.ts places and
 * orders the widgets, notes.ts collects what is said, trigger.ts adds the
 * trigger and check.ts checks Studio's rules.
 */
import type { Flow } from '../../../model/types.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import { spokenSettings } from '../../ship.ts';
import { asNotes, type ExportOptions, type ExportResult } from '../../types.ts';
import { isObject } from '../json.ts';
import type { StudioExport } from './context.ts';
import { check } from './check.ts';
import { WidgetList } from './layout.ts';
import { WidgetNames } from './names.ts';
import { buildNode } from './nodes.ts';
import { ExportNotes } from './notes.ts';
import { References } from './references.ts';
import { trigger } from './trigger.ts';

export { MAX_STATES, WIDGET_NAME, type State, type Transition } from './widgets.ts';

function run(flow: Flow, options: ExportOptions, file: string): ExportResult {
  const nodes = flow.nodes;
  if (!nodes.some((n) => n.id === flow.start)) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '/start', message: `the start ${JSON.stringify(flow.start)} is not a node of this flow` }] };
  }
  const notes = new ExportNotes(file);
  const ctx: StudioExport = {
    flow,
    locale: flow.locales?.[0] ?? 'en-US',
    notes,
    refs: new References(options.environment, notes),
    names: new WidgetNames(flow, notes),
    widgets: new WidgetList(),
    dangling: new Set()
  };
  ctx.names.nameNodes();
  // Which node each widget came from: verification matches the export read back with the design through it.
  const origins = new Map<string, string>();
  nodes.forEach((node, index) => {
    const from = ctx.widgets.size;
    buildNode(ctx, node, index);
    for (const name of ctx.widgets.namesFrom(from)) origins.set(name, node.id);
  });
  const first = trigger(ctx);
  if (ctx.names.target(flow.start) === undefined) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '/start', message: `the start node ${JSON.stringify(flow.start)} has no Studio widget, so the flow would start nothing` }] };
  }
  const states = [first, ...ctx.widgets.ordered()];
  check(ctx, states);
  if (notes.problems.length > 0) return { ok: false, problems: notes.problems };
  const start = nodes.find((n) => n.id === flow.start);
  const kept = isObject(start?.meta?.flow) && ctx.names.vendorOf(start!) !== undefined ? start!.meta.flow : {};
  const flags = isObject(kept.flags) && typeof kept.flags.allow_concurrent_calls === 'boolean' ? kept.flags : { allow_concurrent_calls: true };
  const description = typeof kept.description === 'string' ? kept.description : (flow.description ?? flow.name);
  return {
    ok: true,
    document: { description, states, initial_state: first.name, flags },
    notes: asNotes(DIAGNOSTIC_CODES.exportNote, file, notes.drafts),
    origins
  };
}

/** The flow as a Studio definition; never throws. */
export function exportStudio(flow: Flow, options: ExportOptions, file: string): ExportResult {
  try {
    return run(spokenSettings(flow), options, file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '', message: `could not export the flow to Twilio Studio: ${message}` }] };
  }
}
