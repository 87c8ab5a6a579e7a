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
 */
import type { Problem } from '../model/load.ts';
import { finishImport } from './finish.ts';
import { exportStudio } from './twilio-studio-export.ts';
import type { NoteDraft, ImportResult, VendorFormat } from './types.ts';
import { DIAGNOSTIC_CODES } from '../diagnostic/index.ts';

type Json = Record<string, unknown>;

interface Transition {
  readonly event: string;
  /** The widget it goes to; undefined when the exit is not wired. */
  readonly next: string | undefined;
  readonly conditions: unknown;
  readonly index: number;
  readonly pointer: string;
}

interface Widget {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly pointer: string;
  readonly transitions: readonly Transition[];
  readonly properties: Json;
  readonly raw: Json;
}

/** A native outcome as the vendor names it. */
type SourceOutcome = readonly [native: string, vendor: string, pointer: string];

/** Entry events of a trigger, in the order the flow's start is chosen by. */
const ENTRY_EVENTS = [
  'incomingCall',
  'incomingRequest',
  'incomingMessage',
  'incomingConversationMessage',
  'incomingParent'
] as const;

/** Events that end the call by design when they have no transition. */
const DESIGNED_ENDINGS: ReadonlySet<string> = new Set([
  'audioComplete',
  'callComplete',
  'callCompleted',
  'hangup',
  'recordingComplete',
  'noAudio',
  'sent'
]);

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

const DTMF = /^[0-9*#]$/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(object: Json, key: string): boolean {
  return Object.hasOwn(object, key);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A non-negative number, also from a numeric string ("3600"). */
function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A copy of JSON data without `__proto__` fields, which a native file may not hold. */
function plain(value: unknown, depth = 0): unknown {
  if (depth > 200 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => key !== '__proto__')
      .map((key) => [key, plain((value as Json)[key], depth + 1)])
  );
}

/** Whether Flex task attributes (a JSON string or object) mark a callback. */
function isCallbackTask(attributes: unknown): boolean {
  let value = attributes;
  if (typeof value === 'string') {
    if (!/callback/i.test(value)) return false;
    try {
      value = JSON.parse(value);
    } catch {
      return false;
    }
  }
  return isObject(value) && (value.callback === true || value.type === 'callback');
}

/** An object without its undefined fields. */
function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** `{{ widgets.menu.Digits }}` → `widgets.menu.Digits`; other text as written. */
function liquidExpression(value: string): string {
  const match = /^\s*\{\{\s*([\s\S]*?)\s*\}\}\s*$/.exec(value);
  return (match ? match[1]! : value).trim();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The definition inside a document, with the pointer it sits at. */
function unwrap(input: unknown): { definition: Json; base: string; envelope: Json | undefined; stringDefinition: boolean } | undefined {
  if (!isObject(input)) return undefined;
  if (has(input, 'states') || has(input, 'initial_state')) {
    return { definition: input, base: '', envelope: undefined, stringDefinition: false };
  }
  if (!has(input, 'definition')) return undefined;
  let definition = input.definition;
  let stringDefinition = false;
  if (typeof definition === 'string') {
    try {
      definition = JSON.parse(definition);
      stringDefinition = true;
    } catch {
      return undefined;
    }
  }
  if (!isObject(definition)) return undefined;
  return { definition, base: '/definition', envelope: input, stringDefinition };
}

function looksLikeDefinition(definition: Json): boolean {
  return (
    has(definition, 'states') &&
    has(definition, 'initial_state') &&
    (Array.isArray(definition.states) || typeof definition.initial_state === 'string')
  );
}

function detect(input: unknown): boolean {
  try {
    const found = unwrap(input);
    return found !== undefined && looksLikeDefinition(found.definition);
  } catch {
    return false;
  }
}

/** The flow id a file name suggests: `flows/main.json` → `main`. */
function idFromFile(file: string): string | undefined {
  const base = file.split(/[\\/]/).pop() ?? '';
  const id = base.replace(/\.json$/i, '').replace(/\.studio$/i, '');
  return id === '' ? undefined : id;
}

class Importer {
  readonly notes: NoteDraft[] = [];
  readonly problems: Problem[] = [];
  readonly widgets: Widget[] = [];
  readonly byName = new Map<string, Widget>();

  constructor(
    readonly file: string,
    readonly base: string
  ) {}

  note(pointer: string, message: string, node?: string): void {
    this.notes.push(node === undefined ? { pointer, message } : { node, pointer, message });
  }

  problem(pointer: string, message: string): void {
    this.problems.push({ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file: this.file, pointer, message });
  }

  /** Reads the states; widget-level damage it cannot carry on from is a problem. */
  readStates(states: unknown): void {
    const pointer = `${this.base}/states`;
    if (!Array.isArray(states)) {
      this.problem(pointer, states === undefined ? 'a Studio flow needs "states": a list of widgets' : '"states" must be a list of widgets');
      return;
    }
    if (states.length === 0) {
      this.problem(pointer, 'a Studio flow needs at least one widget');
      return;
    }
    states.forEach((state: unknown, index) => {
      const at = `${pointer}/${index}`;
      if (!isObject(state)) {
        this.problem(at, 'a widget must be an object with "name", "type", "transitions" and "properties"');
        return;
      }
      const name = state.name;
      if (typeof name !== 'string' || name === '') {
        this.problem(`${at}/name`, name === undefined ? 'a widget needs a "name"' : 'a widget\'s "name" must be a non-empty string');
        return;
      }
      const seen = this.byName.get(name);
      if (seen !== undefined) {
        this.problem(`${at}/name`, `duplicate widget name ${JSON.stringify(name)} (first used at ${seen.pointer}/name)`);
        return;
      }
      let type = state.type;
      if (typeof type !== 'string' || type === '') {
        this.note(`${at}/type`, `widget ${JSON.stringify(name)} has no "type"; it is imported as an opaque step`, name);
        type = 'unknown';
      }
      let properties = state.properties;
      if (properties === undefined) {
        properties = {};
      } else if (!isObject(properties)) {
        this.note(`${at}/properties`, `widget ${JSON.stringify(name)}: "properties" is not an object and is ignored`, name);
        properties = {};
      }
      const widget: Widget = {
        index,
        name,
        type: type as string,
        pointer: at,
        transitions: this.readTransitions(state.transitions, `${at}/transitions`, name),
        properties: properties as Json,
        raw: state
      };
      this.widgets.push(widget);
      this.byName.set(name, widget);
    });
  }

  readTransitions(value: unknown, pointer: string, name: string): Transition[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.note(pointer, `widget ${JSON.stringify(name)}: "transitions" is not a list; the widget is taken to have no exits`, name);
      return [];
    }
    const transitions: Transition[] = [];
    value.forEach((transition: unknown, index) => {
      const at = `${pointer}/${index}`;
      if (!isObject(transition) || typeof transition.event !== 'string' || transition.event === '' || transition.event === '__proto__') {
        this.note(at, `widget ${JSON.stringify(name)}: a transition needs an "event" name; this one is ignored`, name);
        return;
      }
      let next: string | undefined;
      if (typeof transition.next === 'string' && transition.next !== '') {
        next = transition.next;
      } else if (transition.next !== undefined && transition.next !== '' && transition.next !== null) {
        this.note(`${at}/next`, `widget ${JSON.stringify(name)}: "next" of ${transition.event} is not a widget name; the exit is taken as unwired`, name);
      }
      transitions.push({ event: transition.event, next, conditions: transition.conditions, index, pointer: at });
    });
    return transitions;
  }

  /** The first transition for an event; a repeated one is noted and ignored. */
  event(widget: Widget, event: string): Transition | undefined {
    const found = widget.transitions.filter((t) => t.event === event);
    if (found.length > 1) {
      this.note(found[1]!.pointer, `widget ${JSON.stringify(widget.name)} lists ${event} twice; the first is used`, widget.name);
    }
    return found[0];
  }

  common(widget: Widget, outcomes: readonly SourceOutcome[], extra: Json = {}): Json {
    const offset = widget.properties.offset;
    const position =
      isObject(offset) && typeof offset.x === 'number' && typeof offset.y === 'number' && Number.isFinite(offset.x) && Number.isFinite(offset.y)
        ? { x: offset.x, y: offset.y }
        : undefined;
    return compact({
      id: widget.name,
      position,
      meta: { vendor: plain(widget.raw), ...extra },
      source: {
        type: widget.type,
        pointer: widget.pointer,
        outcomes: Object.fromEntries(outcomes.map(([native, vendor, pointer]) => [native, { name: vendor, pointer }]))
      }
    });
  }

  /** A native outcome for an event: its target, and its source entry (when the event exists). */
  wire(widget: Widget, native: string, event: string, outcomes: SourceOutcome[]): string | undefined {
    const transition = this.event(widget, event);
    if (transition === undefined) return undefined;
    outcomes.push([native, event, transition.pointer]);
    return transition.next;
  }

  prompt(widget: Widget): string {
    const say = scalarText(widget.properties.say);
    if (say !== undefined && say.trim() !== '') return say;
    const play = text(widget.properties.play);
    if (play !== undefined) return `[audio: ${play}]`;
    return '';
  }

  // ---------------------------------------------------------------- widgets

  sayPlay(widget: Widget): Json {
    const outcomes: SourceOutcome[] = [];
    const next = this.wire(widget, 'next', 'audioComplete', outcomes);
    return { ...this.common(widget, outcomes), kind: 'prompt', prompt: this.prompt(widget), ...(next === undefined ? { end: true } : { next }) };
  }

  setVariables(widget: Widget): Json {
    const outcomes: SourceOutcome[] = [];
    const next = this.wire(widget, 'next', 'next', outcomes);
    const assign: Record<string, string | number | boolean | null> = {};
    const increment: string[] = [];
    const variables = widget.properties.variables;
    const at = `${widget.pointer}/properties/variables`;
    if (variables !== undefined && !Array.isArray(variables)) {
      this.note(at, `widget ${JSON.stringify(widget.name)}: "variables" is not a list and is ignored`, widget.name);
    }
    (Array.isArray(variables) ? variables : []).forEach((variable: unknown, index) => {
      if (!isObject(variable) || typeof variable.key !== 'string' || variable.key === '') {
        this.note(`${at}/${index}`, `widget ${JSON.stringify(widget.name)}: a variable needs a "key"; this one is ignored`, widget.name);
        return;
      }
      const name = `flow.variables.${variable.key}`;
      const value = variable.value;
      if (typeof value === 'string') {
        const counter = /^\s*\{\{\s*flow\.variables\.([^\s|{}]+)\s*(?:\|\s*default\s*:\s*[^|{}]*)?\|\s*plus\s*:\s*1\s*\}\}\s*$/.exec(value);
        if (counter && counter[1] === variable.key) {
          increment.push(name);
          return;
        }
      }
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        assign[name] = value;
      } else {
        assign[name] = JSON.stringify(plain(value)) ?? '';
      }
    });
    return compact({
      ...this.common(widget, outcomes),
      kind: 'set',
      assign: Object.keys(assign).length > 0 ? assign : undefined,
      increment: increment.length > 0 ? increment : undefined,
      next
    });
  }

  lookup(widget: Widget): Json {
    const outcomes: SourceOutcome[] = [];
    const success = this.wire(widget, 'success', 'success', outcomes);
    const failEvent = this.event(widget, 'fail') !== undefined ? 'fail' : 'failed';
    const failure = this.wire(widget, 'failure', failEvent, outcomes);
    const p = widget.properties;
    const url = text(p.url);
    const service =
      widget.type === 'make-http-request'
        ? [text(p.method), url].filter((part) => part !== undefined).join(' ') || widget.name
        : (url ?? text(p.function_sid) ?? widget.name);
    const parameters = Array.isArray(p.parameters)
      ? p.parameters.flatMap((parameter: unknown) => (isObject(parameter) && typeof parameter.key === 'string' ? [parameter.key] : []))
      : [];
    return compact({
      ...this.common(widget, outcomes),
      kind: 'lookup',
      service,
      inputs: parameters.length > 0 ? parameters : undefined,
      success,
      failure
    });
  }

  queue(widget: Widget): Json {
    const outcomes: SourceOutcome[] = [];
    const answered = this.wire(widget, 'answered', 'callComplete', outcomes);
    const toEnqueue = this.event(widget, 'failedToEnqueue');
    const callFailure = this.event(widget, 'callFailure');
    // One overflow exit for two Twilio ones: the wired one when only one is.
    const chosen = toEnqueue === undefined || (toEnqueue.next === undefined && callFailure?.next !== undefined) ? callFailure : toEnqueue;
    const other = chosen === toEnqueue ? callFailure : toEnqueue;
    if (chosen !== undefined) outcomes.push(['overflow', chosen.event, chosen.pointer]);
    if (chosen !== undefined && other !== undefined && chosen.next !== other.next) {
      this.note(
        other.pointer,
        `widget ${JSON.stringify(widget.name)}: ${other.event} ${other.next === undefined ? 'has no transition (the call ends there)' : `goes to ${JSON.stringify(other.next)}`}, unlike ${chosen.event}; the queue's overflow follows ${chosen.event} only`,
        widget.name
      );
    }
    const p = widget.properties;
    const queue = text(p.queue_name) ?? text(p.workflow_sid) ?? text(p.workflow) ?? widget.name;
    // A task marked as a callback (Flex's callback attributes) schedules a call
    // back rather than waiting for an agent now: deferred help.
    if (isCallbackTask(p.attributes) || isCallbackTask(p.task_attributes)) {
      const callback: SourceOutcome[] = [];
      const scheduled = this.wire(widget, 'scheduled', 'callComplete', callback);
      if (chosen !== undefined) callback.push(['failed', chosen.event, chosen.pointer]);
      return compact({
        ...this.common(widget, callback),
        kind: 'callback',
        queue,
        scheduled,
        failed: chosen?.next
      });
    }
    return compact({
      ...this.common(widget, outcomes),
      kind: 'queue',
      queue,
      maxWaitSeconds: seconds(p.timeout),
      answered,
      overflow: chosen?.next
    });
  }

  /**
   * A transfer whose callCompleted goes to a split on its own DialCallStatus
   * (the way to tell a failed call from a finished one in Studio, and what
   * the exporter writes): one transfer node, connected on the split's noMatch,
   * failed on its match. Undefined when the widget is not followed so.
   */
  transferWithStatus(widget: Widget, split: Widget | undefined): Json | undefined {
    if (split === undefined || split.type !== 'split-based-on') return undefined;
    if (liquidExpression(text(split.properties.input) ?? '') !== `widgets.${widget.name}.DialCallStatus`) return undefined;
    const noMatch = this.event(split, 'noMatch');
    const matches = split.transitions.filter((t) => t.event === 'match');
    if (noMatch === undefined || matches.length !== 1) return undefined;
    const failed = matches[0]!;
    this.hangupNote(widget, [this.event(widget, 'callCompleted')?.next]);
    const p = widget.properties;
    return compact({
      ...this.common(
        widget,
        [
          ['connected', 'noMatch', noMatch.pointer],
          ['failed', 'match', failed.pointer]
        ],
        { split: { name: split.name, pointer: split.pointer, vendor: plain(split.raw) } }
      ),
      kind: 'transfer',
      number: text(p.to) ?? text(p.noun) ?? widget.name,
      reachesPerson: true,
      connected: noMatch.next,
      failed: failed.next
    });
  }

  transfer(widget: Widget): Json {
    const outcomes: SourceOutcome[] = [];
    const completed = this.event(widget, 'callCompleted');
    if (completed !== undefined) {
      // Studio has one exit for a call that was connected and one that was not (busy, no answer).
      outcomes.push(['connected', 'callCompleted', completed.pointer], ['failed', 'callCompleted', completed.pointer]);
    }
    if (completed !== undefined && completed.next === undefined) {
      this.note(
        completed.pointer,
        `widget ${JSON.stringify(widget.name)}: callCompleted also follows a transfer that fails (busy, no answer); with no transition, such a caller is dropped`,
        widget.name
      );
    }
    this.hangupNote(widget, [completed?.next]);
    const p = widget.properties;
    return compact({
      ...this.common(widget, outcomes),
      kind: 'transfer',
      number: text(p.to) ?? text(p.noun) ?? widget.name,
      reachesPerson: true,
      connected: completed?.next,
      failed: completed?.next
    });
  }

  /** A wired `hangup` that no native outcome carries. */
  hangupNote(widget: Widget, carried: readonly (string | undefined)[]): void {
    const hangup = this.event(widget, 'hangup');
    if (hangup?.next !== undefined && !carried.includes(hangup.next)) {
      this.note(
        hangup.pointer,
        `widget ${JSON.stringify(widget.name)}: the caller's hang-up goes on to ${JSON.stringify(hangup.next)}; the analysis follows the caller, who has left`,
        widget.name
      );
    }
  }

  voicemail(widget: Widget): Json {
    const outcomes: SourceOutcome[] = [];
    const recorded = this.wire(widget, 'recorded', 'recordingComplete', outcomes);
    // noAudio and hangup end the call by design; wired, they are the failed exit.
    const noAudio = this.event(widget, 'noAudio');
    const hangup = this.event(widget, 'hangup');
    const failedBy = noAudio?.next !== undefined ? noAudio : hangup?.next !== undefined ? hangup : undefined;
    if (failedBy !== undefined) outcomes.push(['failed', failedBy.event, failedBy.pointer]);
    if (failedBy === noAudio) this.hangupNote(widget, [recorded, noAudio?.next]);
    const p = widget.properties;
    return compact({
      ...this.common(widget, outcomes),
      kind: 'voicemail',
      mailbox: text(p.transcription_callback_url) ?? widget.name,
      maxSeconds: seconds(p.max_length),
      recorded,
      failed: failedBy?.next
    });
  }

  subflow(widget: Widget): Json {
    const completed = this.event(widget, 'completed');
    const failed = this.event(widget, 'failed');
    const flow = text(widget.properties.flow_sid);
    if (flow !== undefined && completed !== undefined && (failed === undefined || (failed.next !== undefined && failed.next === completed.next))) {
      const outcomes: SourceOutcome[] = [['next', 'completed', completed.pointer]];
      return compact({ ...this.common(widget, outcomes), kind: 'subflow', flow, next: completed.next });
    }
    this.note(
      widget.pointer,
      `run-subflow ${JSON.stringify(widget.name)} is imported as an opaque step with its completed and failed exits, so that an unwired failed is checked; the sub-flow ${flow === undefined ? '' : `${JSON.stringify(flow)} `}is not followed`,
      widget.name
    );
    return this.opaque(widget, false);
  }

  branch(widget: Widget): Json {
    const outcomes: SourceOutcome[] = [];
    const input = scalarText(widget.properties.input);
    const used = new Set<string>(['otherwise']);
    const cases: Json[] = [];
    widget.transitions.forEach((transition) => {
      if (transition.event !== 'match') return;
      const index = cases.length;
      const conditions = Array.isArray(transition.conditions) ? transition.conditions : [];
      if (!Array.isArray(transition.conditions)) {
        this.note(transition.pointer, `widget ${JSON.stringify(widget.name)}: a match without "conditions" is read as "the input is not empty"`, widget.name);
      }
      const when = conditions.map((condition: unknown, c) => this.condition(widget, condition, `${transition.pointer}/conditions/${c}`, input));
      if (when.length === 0) when.push({ var: input === undefined ? 'input' : liquidExpression(input) || 'input', op: 'exists' });
      const first: unknown = conditions[0];
      const friendly = isObject(first) ? text(first.friendly_name) : undefined;
      const label =
        friendly !== undefined && friendly !== '__proto__' && !used.has(friendly) && !/^case \d+$/.test(friendly) ? friendly : undefined;
      if (label !== undefined) used.add(label);
      const name = label ?? `case ${index + 1}`;
      outcomes.push([name, name, transition.pointer]);
      cases.push(compact({ label, when: when.length === 1 ? when[0]! : when, next: transition.next }));
    });
    const otherwise = this.wire(widget, 'otherwise', 'noMatch', outcomes);
    return compact({ ...this.common(widget, outcomes), kind: 'branch', cases, otherwise });
  }

  condition(widget: Widget, condition: unknown, pointer: string, input: string | undefined): Json {
    if (!isObject(condition)) {
      this.note(pointer, `widget ${JSON.stringify(widget.name)}: a condition must be an object; read as "the input is not empty"`, widget.name);
      return { var: (input && liquidExpression(input)) || 'input', op: 'exists' };
    }
    const args = Array.isArray(condition.arguments) ? condition.arguments : [];
    const argument = scalarText(args[0]) ?? input;
    const variable = (argument !== undefined && liquidExpression(argument)) || 'input';
    const value = scalarText(condition.value) ?? '';
    const number = (v: string): string | number => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
    switch (condition.type) {
      case 'equal_to':
        return { var: variable, op: 'eq', value };
      case 'not_equal_to':
        return { var: variable, op: 'ne', value };
      case 'matches_any_of':
        return { var: variable, op: 'in', value: list(value) };
      case 'contains':
        return { var: variable, op: 'matches', value: escapeRegExp(value) };
      case 'starts_with':
        return { var: variable, op: 'matches', value: `^${escapeRegExp(value)}` };
      case 'ends_with':
        return { var: variable, op: 'matches', value: `${escapeRegExp(value)}$` };
      case 'regex':
        return { var: variable, op: 'matches', value };
      case 'less_than':
        return { var: variable, op: 'lt', value: number(value) };
      case 'greater_than':
        return { var: variable, op: 'gt', value: number(value) };
      case 'is_not_blank':
        return { var: variable, op: 'exists' };
      case 'is_blank':
        return { var: variable, op: 'eq', value: '' };
      default:
        this.note(
          `${pointer}/type`,
          `widget ${JSON.stringify(widget.name)}: condition type ${JSON.stringify(condition.type)} has no native equivalent; read as "the input is not empty"`,
          widget.name
        );
        return { var: variable, op: 'exists' };
    }
  }

  /** A gather whose input a split reads as menu choices, as one menu; undefined when it is not one. */
  menu(gather: Widget, keypress: Transition | undefined, speech: Transition | undefined): { node: Json; split: Widget } | undefined {
    const target = keypress?.next ?? speech?.next;
    const split = target === undefined ? undefined : this.byName.get(target);
    if (split === undefined || split.type !== 'split-based-on' || split === gather) return undefined;
    if (keypress?.next !== undefined && keypress.next !== split.name) return undefined;
    const noMatch = split.transitions.find((t) => t.event === 'noMatch');
    // A spoken reply that goes elsewhere must go where an invalid one does.
    if (speech?.next !== undefined && speech.next !== split.name && speech.next !== noMatch?.next) return undefined;
    if (split.transitions.some((t) => t.event !== 'match' && t.event !== 'noMatch')) return undefined;
    const digits = `widgets.${gather.name}.Digits`;
    const said = `widgets.${gather.name}.SpeechResult`;
    const input = scalarText(split.properties.input);
    const choices: { keys: string[]; phrases: string[]; label: string | undefined; transition: Transition }[] = [];
    for (const transition of split.transitions) {
      if (transition.event !== 'match') continue;
      if (!Array.isArray(transition.conditions) || transition.conditions.length !== 1) return undefined;
      const condition: unknown = transition.conditions[0];
      if (!isObject(condition)) return undefined;
      const args = Array.isArray(condition.arguments) ? condition.arguments : [];
      const argument = scalarText(args[0]) ?? input;
      const value = scalarText(condition.value);
      if (argument === undefined || value === undefined) return undefined;
      const variable = liquidExpression(argument);
      const values = condition.type === 'equal_to' ? [value.trim()] : condition.type === 'matches_any_of' ? list(value) : undefined;
      if (variable === digits) {
        if (values === undefined || values.length === 0 || !values.every((v) => DTMF.test(v))) return undefined;
        choices.push({ keys: values, phrases: [], label: text(condition.friendly_name), transition });
      } else if (variable === said) {
        const phrases = condition.type === 'contains' ? [value.trim()].filter((v) => v !== '') : values;
        if (phrases === undefined || phrases.length === 0) return undefined;
        choices.push({ keys: [], phrases, label: text(condition.friendly_name), transition });
      } else {
        return undefined;
      }
    }
    if (choices.length === 0) return undefined;

    const outcomes: SourceOutcome[] = [];
    const options: Json[] = [];
    const keys = new Set<string>();
    const phrases = new Set<string>();
    for (const choice of choices) {
      for (const key of choice.keys) {
        if (keys.has(key)) {
          this.note(choice.transition.pointer, `split ${JSON.stringify(split.name)} matches key ${key} more than once; Studio takes the first`, gather.name);
          continue;
        }
        keys.add(key);
        outcomes.push([key, key, choice.transition.pointer]);
        options.push(compact({ key, label: choice.label, next: choice.transition.next }));
      }
      const fresh = choice.phrases.filter((phrase) => {
        const normal = phrase.trim().toLowerCase();
        if (phrases.has(normal)) return false;
        phrases.add(normal);
        return true;
      });
      if (fresh.length < choice.phrases.length) {
        this.note(choice.transition.pointer, `split ${JSON.stringify(split.name)} matches a phrase more than once; Studio takes the first`, gather.name);
      }
      if (fresh.length > 0) {
        // Phrases that go where a key goes are that key's choice said aloud (one option, as a caller sees it).
        const keyed = options.find((option) => option.key !== undefined && option.phrases === undefined && option.next === choice.transition.next);
        if (keyed !== undefined) {
          keyed.phrases = fresh;
          continue;
        }
        const name = `say:${fresh[0]!}`;
        outcomes.push([name, name, choice.transition.pointer]);
        options.push(compact({ phrases: fresh, label: choice.label, next: choice.transition.next }));
      }
    }
    const noInput = this.wire(gather, 'noInput', 'timeout', outcomes);
    const invalid = this.wire(split, 'invalid', 'noMatch', outcomes);
    if (keypress?.next === undefined) {
      this.note(
        keypress?.pointer ?? `${gather.pointer}/transitions`,
        `gather ${JSON.stringify(gather.name)}: a key press ends the call (keypress has no transition); the menu takes keys it does not offer as invalid input`,
        gather.name
      );
    }
    if (speech?.next === undefined) {
      this.note(
        speech?.pointer ?? `${gather.pointer}/transitions`,
        `gather ${JSON.stringify(gather.name)}: a spoken reply ends the call (speech has no transition); the menu takes it as invalid input`,
        gather.name
      );
    }
    const p = gather.properties;
    const node = compact({
      ...this.common(gather, outcomes, { split: { name: split.name, pointer: split.pointer, vendor: plain(split.raw) } }),
      kind: 'menu',
      prompt: this.prompt(gather),
      timeoutSeconds: seconds(p.timeout),
      noInput,
      invalid,
      options
    });
    return { node, split };
  }

  input(gather: Widget): Json {
    const outcomes: SourceOutcome[] = [];
    const next = this.wire(gather, 'next', 'keypress', outcomes);
    const noInput = this.wire(gather, 'noInput', 'timeout', outcomes);
    // Speech is the gather's other way of answering: for digits, the wrong one.
    const invalid = this.wire(gather, 'invalid', 'speech', outcomes);
    const p = gather.properties;
    const digits = typeof p.number_of_digits === 'number' ? p.number_of_digits : Number(scalarText(p.number_of_digits) ?? NaN);
    const finish = scalarText(p.finish_on_key);
    return compact({
      ...this.common(gather, outcomes),
      kind: 'input',
      prompt: this.prompt(gather),
      timeoutSeconds: seconds(p.timeout),
      variable: `widgets.${gather.name}.Digits`,
      maxDigits: Number.isInteger(digits) && digits >= 1 ? digits : undefined,
      terminator: finish === '#' || finish === '*' ? finish : undefined,
      next,
      noInput,
      invalid
    });
  }

  /** A widget this importer does not model: a step with its events as outcomes. */
  opaque(widget: Widget, note = true): Json {
    const outcomes: SourceOutcome[] = [];
    const list: Json[] = [];
    const seen = new Set<string>();
    for (const transition of widget.transitions) {
      if (seen.has(transition.event)) {
        this.note(transition.pointer, `widget ${JSON.stringify(widget.name)} lists ${transition.event} twice; the first is used`, widget.name);
        continue;
      }
      seen.add(transition.event);
      outcomes.push([transition.event, transition.event, transition.pointer]);
      list.push(compact({ name: transition.event, next: transition.next, required: DESIGNED_ENDINGS.has(transition.event) ? false : undefined }));
    }
    if (list.length === 0) {
      list.push({ name: 'end', required: false });
      outcomes.push(['end', 'end', `${widget.pointer}/transitions`]);
    }
    if (note) {
      this.note(
        widget.pointer,
        `widget ${JSON.stringify(widget.name)} (${widget.type}) is imported as an opaque step: its exits are checked, what it does is not`,
        widget.name
      );
    }
    const say = scalarText(widget.properties.say);
    return compact({
      ...this.common(widget, outcomes),
      kind: 'opaque',
      vendorType: widget.type,
      prompt: say !== undefined && say.trim() !== '' ? say : undefined,
      outcomes: list
    });
  }
}

function importStudio(input: unknown, file: string): ImportResult {
  if (!isObject(input)) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: '', message: 'a Twilio Studio flow is a JSON object' }] };
  }
  let envelope: Json | undefined;
  let definition: unknown = input;
  let base = '';
  const notes: NoteDraft[] = [];
  if (!has(input, 'states') && has(input, 'definition')) {
    envelope = input;
    base = '/definition';
    definition = input.definition;
    if (typeof definition === 'string') {
      try {
        definition = JSON.parse(definition);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: base, message: `the flow's "definition" is a string but not JSON: ${message}` }] };
      }
      notes.push({ pointer: base, message: 'the definition is a JSON string; pointers under /definition refer to the parsed definition' });
    }
    if (!isObject(definition)) {
      return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: base, message: 'the flow\'s "definition" must be an object (or a JSON string of one)' }] };
    }
  }
  const def = definition as Json;
  const importer = new Importer(file, base);
  importer.notes.push(...notes);
  importer.readStates(def.states);
  if (importer.problems.length > 0) return { ok: false, problems: importer.problems };

  // The trigger: the flow starts where its first wired entry event goes.
  const initial = def.initial_state;
  let trigger: Widget | undefined;
  if (typeof initial === 'string' && importer.byName.has(initial)) {
    trigger = importer.byName.get(initial);
  } else {
    trigger = importer.widgets.find((w) => w.type === 'trigger');
    importer.note(
      `${base}/initial_state`,
      typeof initial === 'string'
        ? `"initial_state" names no widget (${JSON.stringify(initial)}); ${trigger === undefined ? 'the first widget' : `the trigger ${JSON.stringify(trigger.name)}`} is used`
        : `"initial_state" is missing; ${trigger === undefined ? 'the first widget' : `the trigger ${JSON.stringify(trigger.name)}`} is used`
    );
  }
  let start: string;
  let entry: Transition | undefined;
  if (trigger === undefined) {
    start = importer.widgets[0]!.name;
  } else if (trigger.type !== 'trigger') {
    start = trigger.name;
    trigger = undefined;
  } else {
    const wired = trigger.transitions.filter((t) => t.next !== undefined);
    for (const event of ENTRY_EVENTS) {
      entry = wired.find((t) => t.event === event);
      if (entry !== undefined) break;
    }
    entry ??= wired[0];
    if (entry === undefined) {
      return {
        ok: false,
        problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: `${trigger.pointer}/transitions`, message: `the trigger ${JSON.stringify(trigger.name)} starts nothing: none of its events has a "next" widget` }]
      };
    }
    start = entry.next!;
    const target = importer.byName.get(start);
    if (target === undefined || target === trigger) {
      return {
        ok: false,
        problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: `${entry.pointer}/next`, message: `the trigger's ${entry.event} goes to ${JSON.stringify(start)}, which is not a widget of this flow` }]
      };
    }
    for (const other of wired) {
      if (other === entry) continue;
      importer.note(
        other.pointer,
        `${other.event} also starts this flow (at ${JSON.stringify(other.next)}); the analysis follows ${entry.event}, at ${JSON.stringify(start)}`
      );
    }
  }

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

  const nodes: Json[] = [];
  const dropped = new Set<string>();
  const built = new Map<string, Json>();
  for (const widget of importer.widgets) {
    if (widget === trigger) continue;
    const known = Object.hasOwn(KNOWN_EVENTS, widget.type) ? KNOWN_EVENTS[widget.type] : undefined;
    if (known === undefined || widget.transitions.some((t) => !known.includes(t.event))) {
      if (known !== undefined) {
        const extra = widget.transitions.find((t) => !known.includes(t.event))!;
        importer.note(extra.pointer, `widget ${JSON.stringify(widget.name)} (${widget.type}) has an exit ${JSON.stringify(extra.event)} that this importer does not know; the widget is imported as an opaque step`, widget.name);
        built.set(widget.name, importer.opaque(widget, false));
      } else {
        built.set(widget.name, importer.opaque(widget));
      }
      continue;
    }
    switch (widget.type) {
      case 'say-play':
        built.set(widget.name, importer.sayPlay(widget));
        break;
      case 'gather-input-on-call': {
        const keypress = importer.event(widget, 'keypress');
        const speech = importer.event(widget, 'speech');
        const menu = importer.menu(widget, keypress, speech);
        if (menu === undefined) {
          built.set(widget.name, importer.input(widget));
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
        built.set(widget.name, importer.branch(widget));
        break;
      case 'set-variables':
        built.set(widget.name, importer.setVariables(widget));
        break;
      case 'run-function':
      case 'make-http-request':
        built.set(widget.name, importer.lookup(widget));
        break;
      case 'enqueue-call':
      case 'send-to-flex':
        built.set(widget.name, importer.queue(widget));
        break;
      case 'connect-call-to': {
        // A split on the dial status right after it is part of the transfer, when nothing else goes there.
        const next = importer.event(widget, 'callCompleted')?.next;
        const split = next === undefined ? undefined : importer.widgets.find((w) => w.name === next);
        const others = split === undefined ? [] : [...(referrers.get(split.name) ?? [])].filter((ref) => ref !== `${widget.name}\u0000callCompleted`);
        const folded = others.length === 0 && split !== undefined && start !== split.name ? importer.transferWithStatus(widget, split) : undefined;
        if (folded !== undefined && split !== undefined) {
          built.set(widget.name, folded);
          dropped.add(split.name);
          importer.note(split.pointer, `split ${JSON.stringify(split.name)} on the dial status is read as transfer ${JSON.stringify(widget.name)} connecting or failing`, widget.name);
        } else {
          built.set(widget.name, importer.transfer(widget));
        }
        break;
      }
      case 'record-voicemail':
        built.set(widget.name, importer.voicemail(widget));
        break;
      case 'run-subflow':
        built.set(widget.name, importer.subflow(widget));
        break;
    }
  }
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

  const description = text(def.description);
  const id = (envelope && text(envelope.sid)) ?? idFromFile(file) ?? 'twilio-studio-flow';
  const flow = compact({
    version: 1,
    id,
    name: (envelope && text(envelope.friendly_name)) ?? description ?? id,
    description,
    start,
    nodes
  });
  return finishImport(flow, file, importer.notes);
}

const twilioStudio: VendorFormat = {
  id: 'twilio-studio',
  name: 'Twilio Studio',
  detect,
  import(input: unknown, file: string): ImportResult {
    try {
      return importStudio(input, file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: '', message: `could not import the Twilio Studio flow: ${message}` }] };
    }
  },
  export: exportStudio
};

export default twilioStudio;
