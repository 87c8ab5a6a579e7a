/**
 * Where a Studio flow starts. The trigger is not a step of the call: the flow
 * starts where its first wired entry event goes (incomingCall, else
 * incomingRequest, incomingMessage, incomingConversationMessage,
 * incomingParent); every other wired event is another entry point, on its
 * own channel (a call, messages, an API request).
 */
import type { Problem } from '../../../model/load.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import type { Channel, FlowRole } from '../../../model/types.ts';
import type { StudioImport, Transition, Widget } from './context.ts';

/** Entry events of a trigger, in the order the flow's start is chosen by. */
const ENTRY_EVENTS = [
  'incomingCall',
  'incomingRequest',
  'incomingMessage',
  'incomingConversationMessage',
  'incomingParent'
] as const;

/** Where the flow starts, or the problem that stops the import. */
export type Start =
  | {
      readonly ok: true;
      /** The widget the call starts at. */
      readonly start: string;
      /** The trigger widget, when the flow has one (it is no node). */
      readonly trigger: Widget | undefined;
      /** The trigger's event the start is read from. */
      readonly entry: Transition | undefined;
      /** The trigger's other wired events: more entry points, each on its own channel. */
      readonly others: readonly Transition[];
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The start of the flow, from `initial_state` (the trigger) and its first wired entry event. */
export function findStart(importer: StudioImport, initial: unknown): Start {
  const fail = (pointer: string, message: string): Start => ({ ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file: importer.file, pointer, message }] });
  let trigger: Widget | undefined;
  if (typeof initial === 'string' && importer.byName.has(initial)) {
    trigger = importer.byName.get(initial);
  } else {
    trigger = importer.widgets.find((w) => w.type === 'trigger');
    importer.note(
      `${importer.base}/initial_state`,
      typeof initial === 'string'
        ? `"initial_state" names no widget (${JSON.stringify(initial)}); ${trigger === undefined ? 'the first widget' : `the trigger ${JSON.stringify(trigger.name)}`} is used`
        : `"initial_state" is missing; ${trigger === undefined ? 'the first widget' : `the trigger ${JSON.stringify(trigger.name)}`} is used`
    );
  }
  if (trigger === undefined) return { ok: true, start: importer.widgets[0]!.name, trigger: undefined, entry: undefined, others: [] };
  if (trigger.type !== 'trigger') return { ok: true, start: trigger.name, trigger: undefined, entry: undefined, others: [] };
  const wired = trigger.transitions.filter((t) => t.next !== undefined);
  let entry: Transition | undefined;
  for (const event of ENTRY_EVENTS) {
    entry = wired.find((t) => t.event === event);
    if (entry !== undefined) break;
  }
  entry ??= wired[0];
  if (entry === undefined) {
    return fail(`${trigger.pointer}/transitions`, `the trigger ${JSON.stringify(trigger.name)} starts nothing: none of its events has a "next" widget`);
  }
  const start = entry.next!;
  const target = importer.byName.get(start);
  if (target === undefined || target === trigger) {
    return fail(`${entry.pointer}/next`, `the trigger's ${entry.event} goes to ${JSON.stringify(start)}, which is not a widget of this flow`);
  }
  const others = wired.filter((other) => other !== entry && other.next !== undefined && importer.byName.has(other.next) && other.next !== trigger.name);
  return { ok: true, start, trigger, entry, others };
}

/** The channel and role a trigger event starts the flow in; undefined for an event this importer does not know. */
export function entryKind(event: string): { channel: Channel; role: FlowRole } | undefined {
  switch (event) {
    case 'incomingCall':
      return { channel: 'voice', role: 'inbound' };
    case 'incomingMessage':
    case 'incomingConversationMessage':
      return { channel: 'messaging', role: 'inbound' };
    case 'incomingRequest':
      // A REST API execution: nobody is in touch until the flow calls or messages someone.
      return { channel: 'api', role: 'outbound' };
    case 'incomingParent':
      return { channel: 'voice', role: 'module' };
    default:
      return undefined;
  }
}
