/**
 * Twilio Studio flow definitions → native flows.
 *
 * A Studio definition is `{description, states, initial_state, flags}`, bare
 * (Console "Export to JSON") or inside the REST Flow resource
 * (`{sid, friendly_name, definition}`, where `definition` may be a JSON
 * string). Every widget lists every exit it has; an exit without `next` ends
 * the call there. The importer maps each widget to the native node that has
 * the same exits and the same meaning for an unwired one, so the analysis
 * runs unchanged, and keeps the vendor's names: node ids are widget names,
 * and `source.outcomes` gives each native outcome its Twilio event and the
 * JSON pointer of the transition that wires it.
 *
 * Mapping (widget → node; Twilio event → native outcome):
 * - trigger: not a step of the call. The flow starts where its first wired
 *   entry event goes (incomingCall, else incomingRequest, incomingMessage,
 *   incomingConversationMessage, incomingParent); the trigger widget and the
 *   flow's envelope are kept in the start node's `meta`.
 * - say-play → prompt (audioComplete → next; unwired: `end: true`).
 * - gather-input-on-call whose keypress (or speech) goes to a split-based-on
 *   comparing its Digits with single keys (or its SpeechResult with phrases)
 *   → one menu (options from the split; noMatch → invalid; timeout →
 *   noInput). The split stays a node of its own only when something else
 *   goes to it. Any other gather → input (keypress → next, timeout →
 *   noInput, speech → invalid) into `widgets.<name>.Digits`.
 * - split-based-on → branch (match → a case per transition; noMatch → otherwise).
 * - set-variables → set (`{{flow.variables.x | plus: 1}}` on x is a counter).
 * - run-function, make-http-request → lookup (success; fail/failed → failure).
 * - enqueue-call, send-to-flex → queue (callComplete → answered;
 *   failedToEnqueue or callFailure → overflow).
 * - connect-call-to → transfer to a person (callCompleted → connected and
 *   failed; hangup is the caller's own ending).
 * - record-voicemail → voicemail (recordingComplete → recorded; noAudio or
 *   hangup → failed when wired, otherwise the call ends by design).
 * - run-subflow → sub-flow when its failed exit goes where completed goes,
 *   otherwise an opaque step with both exits.
 * - anything else (messaging, outbound calls, bots, unknown types) → opaque
 *   with its events as outcomes.
 *
 * Reading the states is read.ts; each widget type's mapping is in widgets.ts,
 * handoffs.ts, menu.ts and branch.ts; this module picks the start, folds
 * splits into the menus and transfers they belong to, and checks the result.
 */
import { finishImport } from '../../finish.ts';
import type { ImportResult, NoteDraft } from '../../types.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import { findLimitBreach } from '../../../json/limits.ts';
import { compact, has, isObject, plain, type Json } from '../json.ts';
import type { Problem } from '../../../model/load.ts';
import { StudioImport, type Widget } from './context.ts';
import { entryKind, findStart } from './start.ts';
import { branch } from './branch.ts';
import { queue, transfer, transferWithStatus, voicemail } from './handoffs.ts';
import { gatherInput, gatherMenu } from './menu.ts';
import { readStates } from './read.ts';
import { text } from './values.ts';
import { lookup, opaque, sayPlay, setVariables, subflow } from './widgets.ts';

/** The events each mapped widget type has; a widget with others is imported as an opaque step. */
const KNOWN_EVENTS: Readonly<Record<string, readonly string[]>> = {
  'say-play': ['audioComplete'],
  'gather-input-on-call': ['keypress', 'speech', 'timeout'],
  'split-based-on': ['match', 'noMatch'],
  'set-variables': ['next'],
  'run-function': ['success', 'fail', 'failed'],
  'make-http-request': ['success', 'fail', 'failed'],
  'enqueue-call': ['callComplete', 'failedToEnqueue', 'callFailure'],
  'send-to-flex': ['callComplete', 'failedToEnqueue', 'callFailure'],
  'connect-call-to': ['callCompleted', 'hangup'],
  'record-voicemail': ['recordingComplete', 'noAudio', 'hangup'],
  'run-subflow': ['completed', 'failed']
};

/** The flow id a file name suggests: `flows/main.json` → `main`. */
function idFromFile(file: string): string | undefined {
  const base = file.split(/[\\/]/).pop() ?? '';
  const id = base.replace(/\.json$/i, '').replace(/\.studio$/i, '');
  return id === '' ? undefined : id;
}

/** The definition a document holds (bare or in the REST Flow resource), or the problem that stops the import. */
function readDefinition(
  input: unknown,
  file: string
): { ok: true; definition: Json; envelope: Json | undefined; base: string; notes: NoteDraft[] } | { ok: false; problems: Problem[] } {
  const fail = (pointer: string, message: string) => ({ ok: false as const, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error' as const, file, pointer, message }] });
  if (!isObject(input)) return fail('', 'a Twilio Studio flow is a JSON object');
  if (has(input, 'states') || !has(input, 'definition')) return { ok: true, definition: input, envelope: undefined, base: '', notes: [] };
  const base = '/definition';
  const notes: NoteDraft[] = [];
  let definition = input.definition;
  if (typeof definition === 'string') {
    try {
      definition = JSON.parse(definition);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(base, `the flow's "definition" is a string but not JSON: ${message}`);
    }
    // The definition inside the string is held to the limits any file is (json/limits.ts).
    const breach = findLimitBreach(definition, { at: base });
    if (breach !== undefined) return fail(breach.pointer, `${breach.message} (inside the "definition" string)`);
    notes.push({ pointer: base, message: 'the definition is a JSON string; pointers under /definition refer to the parsed definition' });
  }
  if (!isObject(definition)) return fail(base, 'the flow\'s "definition" must be an object (or a JSON string of one)');
  return { ok: true, definition, envelope: input, base, notes };
}

/**
 * Every widget but the trigger as a node, by widget name; `dropped` are the
 * splits folded into the menu or transfer before them.
 */
function buildNodes(importer: StudioImport, start: string, trigger: Widget | undefined): { built: Map<string, Json>; dropped: Set<string> } {
  // Which widgets other widgets go to: a split read into a menu stays a node when something else goes to it.
  const referrers = new Map<string, Set<string>>();
  for (const widget of importer.widgets) {
    for (const transition of widget.transitions) {
      if (transition.next === undefined) continue;
      const set = referrers.get(transition.next) ?? new Set<string>();
      set.add(`${widget.name}\u0000${transition.event}`);
      referrers.set(transition.next, set);
    }
  }

  const dropped = new Set<string>();
  const built = new Map<string, Json>();
  for (const widget of importer.widgets) {
    if (widget === trigger) continue;
    const known = Object.hasOwn(KNOWN_EVENTS, widget.type) ? KNOWN_EVENTS[widget.type] : undefined;
    if (known === undefined || widget.transitions.some((t) => !known.includes(t.event))) {
      if (known !== undefined) {
        const extra = widget.transitions.find((t) => !known.includes(t.event))!;
        importer.note(extra.pointer, `widget ${JSON.stringify(widget.name)} (${widget.type}) has an exit ${JSON.stringify(extra.event)} that this importer does not know; the widget is imported as an opaque step`, widget.name);
        built.set(widget.name, opaque(importer, widget, false));
      } else {
        built.set(widget.name, opaque(importer, widget));
      }
      continue;
    }
    switch (widget.type) {
      case 'say-play':
        built.set(widget.name, sayPlay(importer, widget));
        break;
      case 'gather-input-on-call': {
        const keypress = importer.event(widget, 'keypress');
        const speech = importer.event(widget, 'speech');
        const menu = gatherMenu(importer, widget, keypress, speech);
        if (menu === undefined) {
          built.set(widget.name, gatherInput(importer, widget));
          break;
        }
        built.set(widget.name, menu.node);
        const others = [...(referrers.get(menu.split.name) ?? [])].filter(
          (ref) => ref !== `${widget.name}\u0000keypress` && ref !== `${widget.name}\u0000speech`
        );
        if (others.length === 0 && menu.split !== trigger && start !== menu.split.name) {
          dropped.add(menu.split.name);
          importer.note(menu.split.pointer, `split ${JSON.stringify(menu.split.name)} is read as the choices of menu ${JSON.stringify(widget.name)}`, widget.name);
        }
        break;
      }
      case 'split-based-on':
        built.set(widget.name, branch(importer, widget));
        break;
      case 'set-variables':
        built.set(widget.name, setVariables(importer, widget));
        break;
      case 'run-function':
      case 'make-http-request':
        built.set(widget.name, lookup(importer, widget));
        break;
      case 'enqueue-call':
      case 'send-to-flex':
        built.set(widget.name, queue(importer, widget));
        break;
      case 'connect-call-to': {
        // A split on the dial status right after it is part of the transfer, when nothing else goes there.
        const next = importer.event(widget, 'callCompleted')?.next;
        const split = next === undefined ? undefined : importer.widgets.find((w) => w.name === next);
        const others = split === undefined ? [] : [...(referrers.get(split.name) ?? [])].filter((ref) => ref !== `${widget.name}\u0000callCompleted`);
        const folded = others.length === 0 && split !== undefined && start !== split.name ? transferWithStatus(importer, widget, split) : undefined;
        if (folded !== undefined && split !== undefined) {
          built.set(widget.name, folded);
          dropped.add(split.name);
          importer.note(split.pointer, `split ${JSON.stringify(split.name)} on the dial status is read as transfer ${JSON.stringify(widget.name)} connecting or failing`, widget.name);
        } else {
          built.set(widget.name, transfer(importer, widget));
        }
        break;
      }
      case 'record-voicemail':
        built.set(widget.name, voicemail(importer, widget));
        break;
      case 'run-subflow':
        built.set(widget.name, subflow(importer, widget));
        break;
    }
  }
  return { built, dropped };
}

/** A Studio document (bare definition or REST Flow resource) as a native flow. */
export function importStudio(document: unknown, file: string): ImportResult {
  const read = readDefinition(document, file);
  if (!read.ok) return read;
  const { definition: def, envelope, base } = read;
  const importer = new StudioImport(file, base);
  importer.notes.push(...read.notes);
  readStates(importer, def.states);
  if (importer.problems.length > 0) return { ok: false, problems: importer.problems };
  const found = findStart(importer, def.initial_state);
  if (!found.ok) return found;
  const { start, trigger, entry, others } = found;
  const { built, dropped } = buildNodes(importer, start, trigger);

  const nodes: Json[] = [];
  for (const widget of importer.widgets) {
    const node = built.get(widget.name);
    if (node === undefined || dropped.has(widget.name)) continue;
    if (widget.name === start) {
      const flowData = plain(Object.fromEntries(Object.entries(def).filter(([key]) => key !== 'states')));
      const wrapper = envelope === undefined ? undefined : plain(Object.fromEntries(Object.entries(envelope).filter(([key]) => key !== 'definition')));
      node.meta = compact({
        ...(node.meta as Json),
        trigger: trigger === undefined ? undefined : { pointer: trigger.pointer, event: entry?.event, vendor: plain(trigger.raw) },
        flow: flowData,
        resource: wrapper
      });
    }
    nodes.push(node);
  }

  const kind = entry === undefined ? undefined : entryKind(entry.event);
  const entries: Json[] = [];
  for (const other of others) {
    const known = entryKind(other.event);
    const node = built.get(other.next!);
    if (known === undefined || node === undefined || dropped.has(other.next!)) {
      importer.note(other.pointer, `${other.event} also starts this flow (at ${JSON.stringify(other.next)}), but not at a step of its own; the analysis follows ${entry?.event ?? 'the start'}, at ${JSON.stringify(start)}`);
      continue;
    }
    entries.push({ start: other.next!, channel: known.channel, ...(known.role === (kind?.role ?? 'inbound') ? {} : { role: known.role }), event: other.event });
  }
  const description = text(def.description);
  const id = (envelope && text(envelope.sid)) ?? idFromFile(file) ?? 'twilio-studio-flow';
  const flow = compact({
    version: 1,
    id,
    name: (envelope && text(envelope.friendly_name)) ?? description ?? id,
    description,
    start,
    channel: kind === undefined || kind.channel === 'voice' ? undefined : kind.channel,
    role: kind === undefined || kind.role === 'inbound' ? undefined : kind.role,
    entries: entries.length > 0 ? entries : undefined,
    nodes
  });
  return finishImport(flow, file, importer.notes);
}
