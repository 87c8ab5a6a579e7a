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
 * SIDs, mailboxes) come from `options.env`, keyed by the name the design uses
 * (the queue name, the sub-flow id, the lookup service, the node id); a
 * missing one becomes a placeholder and a note.
 */
import type { Problem } from '../model/load.ts';
import { outcomesOf } from '../model/outcomes.ts';
import type { Condition, Flow, FlowNode, NodeOfKind, Prompt } from '../model/types.ts';
import { spokenSettings } from './ship.ts';
import { asNotes, type ExportOptions, type ExportResult, type NoteDraft } from './types.ts';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../diagnostic/index.ts';

type Json = Record<string, unknown>;

/** A Studio transition as written in a definition. */
export interface Transition {
  event: string;
  next?: string;
  conditions?: Json[];
}

/** A Studio widget (a "state") as written in a definition. */
export interface State {
  name: string;
  type: string;
  transitions: Transition[];
  properties: Json;
}

/** A widget on its way out, with the place it had in the imported file (for its order). */
interface Item {
  readonly state: State;
  /** The index of the widget in the Studio file it was imported from. */
  readonly original?: number;
}

/** Studio's own limit on the number of widgets of a flow. */
export const MAX_STATES = 1000;

/** What the Console accepts as a widget name. */
export const WIDGET_NAME = /^[A-Za-z0-9_]+$/;

const TRIGGER_EVENTS = ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'] as const;

/** The native kinds the importer makes of each widget type (besides opaque); a node of another kind is built anew. */
const KINDS: Readonly<Record<string, readonly string[]>> = {
  'say-play': ['prompt'],
  'gather-input-on-call': ['menu', 'input'],
  'split-based-on': ['branch'],
  'set-variables': ['set'],
  'run-function': ['lookup'],
  'make-http-request': ['lookup'],
  'enqueue-call': ['queue', 'callback'],
  'send-to-flex': ['queue', 'callback'],
  'connect-call-to': ['transfer'],
  'record-voicemail': ['voicemail'],
  'run-subflow': ['subflow']
};

const HOURS_FUNCTION_PLACEHOLDER = 'https://YOUR-SERVICE.twil.io/check-hours';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A raw Studio widget kept by the importer. */
function isStudioWidget(value: unknown): value is Json & { name: string; type: string; transitions: unknown[] } {
  return isObject(value) && typeof value.name === 'string' && value.name !== '' && typeof value.type === 'string' && Array.isArray(value.transitions);
}

/** `/states/4` (or `/definition/states/4`) → 4. */
function stateIndex(pointer: string): number | undefined {
  const match = /\/states\/(\d+)$/.exec(pointer);
  return match ? Number(match[1]) : undefined;
}

/** The widget-free part of a native id: letters, digits and underscores. */
function sanitise(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return name === '' ? 'node' : name;
}

/** The native variable names a condition or parameter refers to, as Liquid. */
function liquidVariable(name: string): string {
  if (name === 'caller.ani') return 'trigger.call.From';
  if (name === 'caller.dnis') return 'trigger.call.To';
  if (/^(widgets|flow|trigger|contact)\./.test(name)) return name;
  return `flow.variables.${name}`;
}

function scalarString(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => scalarString(v)).join(', ');
  if (value === null || value === undefined) return '';
  return String(value);
}

class Exporter {
  readonly notes: NoteDraft[] = [];
  readonly problems: Problem[] = [];
  readonly items: Item[] = [];
  readonly used = new Set<string>(['Trigger']);
  /** Node id → the name of the node's own widget. */
  readonly names = new Map<string, string>();
  /** Node id → the widget a transition to the node goes to (undefined: the node has no widget). */
  readonly entries = new Map<string, string | undefined>();
  readonly locale: string;
  /** Names of Studio widgets that some imported node is (so a menu's split is not written twice). */
  readonly vendorNames = new Set<string>();
  /** Node id → the say-play that plays the node's prompt before it. */
  readonly leads = new Map<string, string>();
  /** `widget\0next` of imported transitions that already named no widget in the imported file. */
  readonly dangling = new Set<string>();
  /** Imported nodes built from the native model after all (their widget's name is another's). */
  readonly rebuilt = new Set<string>();

  constructor(
    readonly flow: Flow,
    readonly options: ExportOptions,
    readonly file: string
  ) {
    this.locale = flow.locales?.[0] ?? 'en-US';
  }

  note(pointer: string, message: string, node?: string): void {
    this.notes.push(node === undefined ? { pointer, message } : { node, pointer, message });
  }

  env(...keys: (string | undefined)[]): string | undefined {
    const env = this.options.env;
    if (env === undefined) return undefined;
    for (const key of keys) {
      if (key !== undefined && Object.hasOwn(env, key) && typeof env[key] === 'string' && env[key] !== '') return env[key];
    }
    return undefined;
  }

  /** A unique widget name from a wanted one. */
  claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}_${n}`;
    this.used.add(name);
    return name;
  }

  pointer(index: number, rest = ''): string {
    return `/nodes/${index}${rest}`;
  }

  /** The raw widget an imported node is written back from: kept, of the node's type and kind, with a name of its own. */
  vendorOf(node: FlowNode): (Json & { name: string; type: string; transitions: unknown[] }) | undefined {
    if (this.rebuilt.has(node.id)) return undefined;
    const raw = node.meta?.vendor;
    if (!isStudioWidget(raw) || node.source === undefined || node.source.type !== raw.type) return undefined;
    // Any widget may have been read as an opaque step (a type or an exit the importer does not know).
    const kinds = Object.hasOwn(KINDS, raw.type) ? KINDS[raw.type]! : [];
    return node.kind === 'opaque' || kinds.includes(node.kind) ? raw : undefined;
  }

  /** Names every node's widget first, so transitions can name any of them. */
  nameNodes(): void {
    const nodes = this.flow.nodes;
    // Widgets that came from Studio keep their names; they go first so a native node cannot take one.
    nodes.forEach((node, index) => {
      const raw = this.vendorOf(node);
      if (raw === undefined) return;
      if (this.vendorNames.has(raw.name) || raw.name === 'Trigger') {
        this.rebuilt.add(node.id);
        this.note(this.pointer(index), `node ${JSON.stringify(node.id)} came from the Studio widget ${JSON.stringify(raw.name)}, which another node also came from; it is built from the native model`, node.id);
        return;
      }
      this.vendorNames.add(raw.name);
    });
    nodes.forEach((node) => {
      const raw = this.vendorOf(node);
      const split = isObject(node.meta?.split) && isStudioWidget(node.meta.split.vendor) ? node.meta.split.vendor : undefined;
      if (split !== undefined && !this.vendorNames.has(split.name)) this.used.add(split.name);
      if (raw !== undefined) this.used.add(raw.name);
    });
    nodes.forEach((node, index) => {
      const raw = this.vendorOf(node);
      if (raw !== undefined) {
        this.names.set(node.id, raw.name);
        if (!WIDGET_NAME.test(raw.name)) {
          this.note(this.pointer(index, '/id'), `widget name ${JSON.stringify(raw.name)} came from Studio and is kept as it was, although the Console only offers letters, digits and _`, node.id);
        }
        return;
      }
      const wanted = sanitise(node.id);
      const name = this.claim(wanted);
      this.names.set(node.id, name);
      if (name !== node.id) {
        this.note(this.pointer(index, '/id'), `node ${JSON.stringify(node.id)} is the widget ${JSON.stringify(name)} (Studio names are letters, digits and _, and unique)`, node.id);
      }
    });
    nodes.forEach((node) => {
      // A node with no widget of its own (a silent hang-up, a return) ends the call where it is referred to.
      const silent = (node.kind === 'hangup' || node.kind === 'return') && node.prompt === undefined && this.vendorOf(node) === undefined;
      const opaqueForeign = node.kind === 'opaque' && this.vendorOf(node) === undefined;
      this.entries.set(node.id, silent || opaqueForeign ? undefined : this.names.get(node.id));
      const led = node.kind === 'queue' || node.kind === 'transfer' || node.kind === 'voicemail' || node.kind === 'callback';
      if (led && node.prompt !== undefined && this.vendorOf(node) === undefined) {
        const before = this.claim(`${this.names.get(node.id)!}_prompt`);
        this.leads.set(node.id, before);
        this.entries.set(node.id, before);
      }
    });
  }

  /** The widget a native target goes to. */
  target(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    return this.entries.get(id);
  }

  text(prompt: Prompt | undefined, pointer: string, node: string): string {
    if (prompt === undefined) return '';
    if (typeof prompt === 'string') return prompt;
    const text = prompt[this.locale] ?? Object.values(prompt)[0] ?? '';
    if (Object.keys(prompt).length > 1) {
      this.note(pointer, `Studio says one text per widget: the ${this.locale} prompt is used; other locales need their own widgets`, node);
    }
    return text;
  }

  /** `say` or `play` for a prompt (`[audio: URL]` is played). */
  speech(prompt: Prompt | undefined, pointer: string, node: string): Json {
    const text = this.text(prompt, pointer, node);
    const audio = /^\[audio: (.+)\]$/.exec(text);
    return audio ? { play: audio[1] } : { say: text };
  }

  offset(node: FlowNode, index: number, dx = 0, dy = 0): { x: number; y: number } {
    const base = node.position ?? { x: 0, y: index * 200 };
    return { x: base.x + dx, y: base.y + dy };
  }

  push(state: State, original?: number): void {
    this.items.push(original === undefined ? { state } : { state, original });
  }

  sayPlay(name: string, prompt: Prompt | undefined, next: string | undefined, offset: { x: number; y: number }, pointer: string, node: string): void {
    this.push({
      name,
      type: 'say-play',
      transitions: [transition('audioComplete', next)],
      properties: { ...this.speech(prompt, pointer, node), loop: 1, offset }
    });
  }

  // ------------------------------------------------------------- write back

  /** An imported node, written back from its raw widget(s). */
  writeBack(node: FlowNode, index: number, raw: Json & { name: string; type: string; transitions: unknown[] }): void {
    const source = node.source!;
    const widgets: { pointer: string; state: Json }[] = [{ pointer: source.pointer, state: clone(raw) }];
    const split = isObject(node.meta?.split) && isStudioWidget(node.meta.split.vendor) ? node.meta.split : undefined;
    if (split !== undefined && typeof split.pointer === 'string' && !this.vendorNames.has((split.vendor as Json).name as string)) {
      widgets.push({ pointer: split.pointer, state: clone(split.vendor as Json) });
    }
    const done = new Set<string>();
    for (const outcome of outcomesOf(node)) {
      const vendor = source.outcomes?.[outcome.name];
      if (vendor?.pointer === undefined) {
        if (outcome.target !== undefined) {
          this.note(this.pointer(index, outcome.pointer), `outcome ${JSON.stringify(outcome.name)} was added after import and has no Studio transition; it is not written`, node.id);
        }
        continue;
      }
      const owner = widgets.find((w) => vendor.pointer!.startsWith(`${w.pointer}/transitions/`));
      const position = owner === undefined ? undefined : Number(vendor.pointer.slice(owner.pointer.length + '/transitions/'.length));
      const transitions = owner?.state.transitions;
      if (owner === undefined || position === undefined || !Array.isArray(transitions) || !isObject(transitions[position])) continue;
      const t = transitions[position] as Json;
      const key = `${owner.pointer}/${position}`;
      const had = typeof t.next === 'string' && t.next !== '' ? t.next : undefined;
      // A target that is no node of the flow came from the file as it was: it stays as written.
      const missing = outcome.target !== undefined && !this.entries.has(outcome.target);
      const wanted = missing ? outcome.target : this.target(outcome.target);
      if (missing && wanted === had) this.dangling.add(`${String(owner.state.name)}\u0000${had}`);
      if (had === wanted) {
        done.add(key);
        continue;
      }
      if (done.has(key)) {
        this.note(this.pointer(index, outcome.pointer), `outcome ${JSON.stringify(outcome.name)} shares Studio's ${JSON.stringify(t.event)} exit with another outcome; that one's target is written`, node.id);
        continue;
      }
      done.add(key);
      if (wanted === undefined) delete t.next;
      else t.next = wanted;
    }
    const position = node.position;
    for (const [i, widget] of widgets.entries()) {
      if (i === 0 && position !== undefined && isObject(widget.state.properties)) {
        const offset = widget.state.properties.offset;
        if (!isObject(offset) || offset.x !== position.x || offset.y !== position.y) widget.state.properties.offset = { ...position };
      }
      this.push(widget.state as unknown as State, stateIndex(widget.pointer));
    }
  }

  // ------------------------------------------------------------- native nodes

  node(node: FlowNode, index: number): void {
    const raw = this.vendorOf(node);
    if (raw !== undefined) {
      this.writeBack(node, index, raw);
      return;
    }
    const name = this.names.get(node.id)!;
    const at = this.pointer(index);
    const offset = this.offset(node, index);
    switch (node.kind) {
      case 'prompt':
        if (node.next === undefined && !node.end) {
          this.note(at, `prompt ${JSON.stringify(node.id)} goes nowhere; in Studio an unwired exit ends the call, so it reads as a goodbye`, node.id);
        }
        this.sayPlay(name, node.prompt, this.target(node.next), offset, `${at}/prompt`, node.id);
        return;
      case 'menu':
        this.menu(node, index, name);
        return;
      case 'input':
        this.input(node, index, name);
        return;
      case 'branch':
        this.branch(node, index, name);
        return;
      case 'hours':
        this.hours(node, index, name);
        return;
      case 'lookup': {
        const url = this.env(node.service, node.id);
        if (url === undefined) {
          this.note(`${at}/service`, `lookup ${JSON.stringify(node.id)}: no Function URL for ${JSON.stringify(node.service)} in the environment; the service name is written as the URL`, node.id);
        }
        if (node.prompt !== undefined) this.note(`${at}/prompt`, `lookup ${JSON.stringify(node.id)}: its prompt is not written (run-function plays nothing)`, node.id);
        this.push({
          name,
          type: 'run-function',
          transitions: [transition('success', this.target(node.success)), transition('fail', this.target(node.failure))],
          properties: {
            url: url ?? node.service,
            parameters: (node.inputs ?? []).map((key) => ({ key, value: `{{${liquidVariable(key)}}}` })),
            offset
          }
        });
        return;
      }
      case 'set': {
        const variables: Json[] = [];
        for (const [key, value] of Object.entries(node.assign ?? {})) variables.push({ key: variableKey(key), value: scalarString(value) });
        for (const key of node.increment ?? []) {
          const k = variableKey(key);
          variables.push({ key: k, value: `{{flow.variables.${k} | plus: 1}}` });
        }
        this.push({ name, type: 'set-variables', transitions: [transition('next', this.target(node.next))], properties: { variables, offset } });
        return;
      }
      case 'queue':
        this.queue(node, index, name);
        return;
      case 'transfer':
        this.transfer(node, index, name);
        return;
      case 'voicemail':
        this.voicemail(node, index, name);
        return;
      case 'callback':
        this.callback(node, index, name);
        return;
      case 'subflow': {
        const sid = this.env(node.flow);
        if (sid === undefined) this.note(`${at}/flow`, `sub-flow ${JSON.stringify(node.id)}: no flow SID for ${JSON.stringify(node.flow)} in the environment; the flow id is written`, node.id);
        const next = this.target(node.next);
        // failed goes where completed goes: the native sub-flow has one way on.
        this.push({
          name,
          type: 'run-subflow',
          transitions: [transition('completed', next), transition('failed', next)],
          properties: { flow_sid: sid ?? node.flow, flow_revision: 'LatestPublished', parameters: [], offset }
        });
        return;
      }
      case 'hangup':
      case 'return':
        if (node.kind === 'return') {
          this.note(at, `return ${JSON.stringify(node.id)}: a Studio sub-flow returns to its parent when it ends, so the exits that lead here are left unwired`, node.id);
        }
        if (node.prompt !== undefined) this.sayPlay(name, node.prompt, undefined, offset, `${at}/prompt`, node.id);
        return;
      case 'opaque':
        this.note(at, `opaque step ${JSON.stringify(node.id)}${node.vendorType === undefined ? '' : ` (${node.vendorType})`} did not come from Studio and has no Studio widget; the exits that lead here are left unwired`, node.id);
        return;
    }
  }

  /**
   * Where a retry outcome goes: straight to its target, or, with a retry
   * limit, through a counter (set-variables) and a split on it.
   */
  retryPath(
    node: NodeOfKind<'menu'> | NodeOfKind<'input'>,
    index: number,
    name: string,
    kind: 'noinput' | 'invalid',
    target: string | undefined,
    dx: number
  ): string | undefined {
    const to = this.target(target);
    if (node.maxRetries === undefined) return to;
    const onMax = this.target(node.onMaxRetries);
    if (node.maxRetries === 0) return onMax;
    const counter = `${name}_tries`;
    const count = this.claim(`${name}_${kind}_count`);
    const check = this.claim(`${name}_${kind}_check`);
    const offset = this.offset(node, index, dx, 200);
    this.push({
      name: count,
      type: 'set-variables',
      transitions: [transition('next', check)],
      properties: { variables: [{ key: counter, value: `{{flow.variables.${counter} | plus: 1}}` }], offset }
    });
    this.push({
      name: check,
      type: 'split-based-on',
      transitions: [
        transition('noMatch', to),
        {
          event: 'match',
          ...(onMax === undefined ? {} : { next: onMax }),
          conditions: [
            {
              friendly_name: 'retries used up',
              arguments: [`{{flow.variables.${counter}}}`],
              type: 'greater_than',
              value: String(node.maxRetries)
            }
          ]
        }
      ],
      properties: { input: `{{flow.variables.${counter}}}`, offset: { x: offset.x, y: offset.y + 200 } }
    });
    return count;
  }

  retryNotes(node: NodeOfKind<'menu'> | NodeOfKind<'input'>, index: number): void {
    if (node.maxRetries !== undefined && node.maxRetries > 0) {
      this.note(this.pointer(index, '/maxRetries'), `${node.kind} ${JSON.stringify(node.id)}: the retry limit is a counter in flow.variables that a valid answer does not reset`, node.id);
    }
    for (const field of ['reprompt', 'noInputPrompt', 'invalidPrompt'] as const) {
      if (node[field] !== undefined) {
        this.note(this.pointer(index, `/${field}`), `${node.kind} ${JSON.stringify(node.id)}: "${field}" is not written (a gather plays its one prompt on each attempt)`, node.id);
      }
    }
  }

  menu(node: NodeOfKind<'menu'>, index: number, name: string): void {
    const at = this.pointer(index);
    const split = this.claim(`${name}_choice`);
    const noInput = this.retryPath(node, index, name, 'noinput', node.noInput, 400);
    const invalid = this.retryPath(node, index, name, 'invalid', node.invalid, 800);
    this.retryNotes(node, index);
    const digits = `{{widgets.${name}.Digits}}`;
    const said = `{{widgets.${name}.SpeechResult}}`;
    const matches: Transition[] = [];
    const phrases: string[] = [];
    node.options.forEach((option, o) => {
      const next = this.target(option.next);
      if (option.key !== undefined) {
        matches.push({
          event: 'match',
          ...(next === undefined ? {} : { next }),
          conditions: [{ friendly_name: option.label ?? option.key, arguments: [digits], type: 'equal_to', value: option.key }]
        });
      }
      const words = option.phrases ?? [];
      if (words.length > 0) {
        phrases.push(...words);
        if (words.some((w) => w.includes(','))) {
          this.note(this.pointer(index, `/options/${o}/phrases`), `menu ${JSON.stringify(node.id)}: a phrase with a comma is split into several by Studio's "matches any of"`, node.id);
        }
        matches.push({
          event: 'match',
          ...(next === undefined ? {} : { next }),
          conditions: [{ friendly_name: option.label ?? words[0]!, arguments: [said], type: 'matches_any_of', value: words.join(', ') }]
        });
      }
      if (option.key === undefined && words.length === 0) {
        this.note(this.pointer(index, `/options/${o}`), `menu ${JSON.stringify(node.id)}: option ${o + 1} has neither a key nor phrases and is not written`, node.id);
      }
    });
    if (node.options.some((o) => o.key !== undefined && (o.phrases ?? []).length > 0)) {
      this.note(at, `menu ${JSON.stringify(node.id)}: an option with a key and phrases is two matches of the split (Digits, SpeechResult)`, node.id);
    }
    const keys = node.options.map((o) => o.key).filter((k) => k !== undefined);
    this.push({
      name,
      type: 'gather-input-on-call',
      transitions: [transition('keypress', split), transition('speech', phrases.length > 0 ? split : invalid), transition('timeout', noInput)],
      properties: {
        ...this.speech(node.prompt, `${at}/prompt`, node.id),
        ...(keys.length > 0 ? { number_of_digits: 1 } : {}),
        timeout: node.timeoutSeconds ?? 5,
        stop_gather: true,
        speech_timeout: 'auto',
        ...(phrases.length > 0 ? { hints: phrases.join(', ') } : {}),
        loop: 1,
        offset: this.offset(node, index)
      }
    });
    this.push({
      name: split,
      type: 'split-based-on',
      transitions: [transition('noMatch', invalid), ...matches],
      properties: { input: keys.length > 0 || phrases.length === 0 ? digits : said, offset: this.offset(node, index, 0, 200) }
    });
  }

  input(node: NodeOfKind<'input'>, index: number, name: string): void {
    const at = this.pointer(index);
    const noInput = this.retryPath(node, index, name, 'noinput', node.noInput, 400);
    const invalid = this.retryPath(node, index, name, 'invalid', node.invalid, 800);
    this.retryNotes(node, index);
    if (node.variable !== `widgets.${name}.Digits`) {
      this.note(`${at}/variable`, `input ${JSON.stringify(node.id)}: the digits are in {{widgets.${name}.Digits}}, not ${JSON.stringify(node.variable)}`, node.id);
    }
    if (node.minDigits !== undefined || node.pattern !== undefined) {
      this.note(at, `input ${JSON.stringify(node.id)}: "minDigits" and "pattern" are not checked by the gather; a split on the digits would be needed`, node.id);
    }
    this.push({
      name,
      type: 'gather-input-on-call',
      transitions: [transition('keypress', this.target(node.next)), transition('speech', invalid), transition('timeout', noInput)],
      properties: {
        ...this.speech(node.prompt, `${at}/prompt`, node.id),
        ...(node.maxDigits === undefined ? {} : { number_of_digits: node.maxDigits }),
        finish_on_key: node.terminator ?? '#',
        timeout: node.timeoutSeconds ?? 5,
        stop_gather: true,
        loop: 1,
        offset: this.offset(node, index)
      }
    });
  }

  condition(c: Condition, pointer: string, node: string): Json {
    const argument = `{{${liquidVariable(c.var)}}}`;
    const value = scalarString(c.value);
    const of = (type: string, v = value): Json => ({ arguments: [argument], type, value: v });
    switch (c.op) {
      case 'eq':
        return of('equal_to');
      case 'ne':
        return of('not_equal_to');
      case 'lt':
        return of('less_than');
      case 'gt':
        return of('greater_than');
      case 'le':
      case 'ge': {
        const n = Number(c.value);
        if (typeof c.value === 'number' && Number.isInteger(n)) {
          return c.op === 'le' ? of('less_than', String(n + 1)) : of('greater_than', String(n - 1));
        }
        this.note(pointer, `"${c.op}" has no Studio condition; it is written as ${c.op === 'le' ? 'less_than' : 'greater_than'}`, node);
        return of(c.op === 'le' ? 'less_than' : 'greater_than');
      }
      case 'in':
        return of('matches_any_of');
      case 'exists':
        return of('is_not_blank', '');
      case 'matches':
        return of('regex');
    }
  }

  branch(node: NodeOfKind<'branch'>, index: number, name: string): void {
    const at = this.pointer(index);
    const matches: Transition[] = node.cases.map((c, i) => {
      const when = Array.isArray(c.when) ? c.when : [c.when];
      const conditions = when.map((w, j) => ({
        friendly_name: c.label ?? `case ${i + 1}`,
        ...this.condition(w, `${at}/cases/${i}/when${Array.isArray(c.when) ? `/${j}` : ''}`, node.id)
      }));
      const next = this.target(c.next);
      return { event: 'match', ...(next === undefined ? {} : { next }), conditions };
    });
    const first = node.cases[0];
    const firstVar = first === undefined ? undefined : (Array.isArray(first.when) ? first.when[0] : first.when)?.var;
    this.push({
      name,
      type: 'split-based-on',
      transitions: [transition('noMatch', this.target(node.otherwise)), ...matches],
      properties: { input: firstVar === undefined ? '' : `{{${liquidVariable(firstVar)}}}`, offset: this.offset(node, index) }
    });
  }

  hours(node: NodeOfKind<'hours'>, index: number, name: string): void {
    const at = this.pointer(index);
    const url = this.env(node.id, 'hours');
    if (url === undefined) {
      this.note(at, `hours ${JSON.stringify(node.id)}: Studio has no hours widget; it calls a Function that checks the schedule (set its URL as "${node.id}" or "hours" in the environment; a placeholder is written)`, node.id);
    }
    const split = this.claim(`${name}_is_open`);
    const closed = this.target(node.closed);
    this.push({
      name,
      type: 'run-function',
      // A failed check takes the caller where a closed line does.
      transitions: [transition('success', split), transition('fail', closed)],
      properties: {
        url: url ?? HOURS_FUNCTION_PLACEHOLDER,
        parameters: [
          { key: 'timeZone', value: node.timeZone },
          { key: 'weekly', value: JSON.stringify(node.weekly) },
          ...(node.holidays === undefined ? [] : [{ key: 'holidays', value: JSON.stringify(node.holidays) }])
        ],
        offset: this.offset(node, index)
      }
    });
    const open = this.target(node.open);
    this.push({
      name: split,
      type: 'split-based-on',
      transitions: [
        transition('noMatch', closed),
        {
          event: 'match',
          ...(open === undefined ? {} : { next: open }),
          conditions: [{ friendly_name: 'open', arguments: [`{{widgets.${name}.parsed.isOpen}}`], type: 'equal_to', value: 'true' }]
        }
      ],
      properties: { input: `{{widgets.${name}.parsed.isOpen}}`, offset: this.offset(node, index, 0, 200) }
    });
  }

  /** The say-play in front of a node with a prompt (queues, transfers, voicemail, callbacks). */
  lead(node: FlowNode & { prompt?: Prompt }, index: number, name: string): void {
    const before = this.leads.get(node.id);
    if (before === undefined) return;
    this.sayPlay(before, node.prompt, name, this.offset(node, index, 0, -200), `${this.pointer(index)}/prompt`, node.id);
  }

  queue(node: NodeOfKind<'queue'>, index: number, name: string): void {
    const at = this.pointer(index);
    const answered = this.target(node.answered);
    const overflow = this.target(node.overflow);
    const transitions = [transition('callComplete', answered), transition('failedToEnqueue', overflow), transition('callFailure', overflow)];
    const workflow = this.env(node.queue);
    const timeout = node.maxWaitSeconds === undefined ? {} : { timeout: String(node.maxWaitSeconds) };
    if (node.announceWait || node.expectedWaitSeconds !== undefined) {
      this.note(at, `queue ${JSON.stringify(node.id)}: the expected wait and its announcement belong to the hold music (waitUrl), which is not written`, node.id);
    }
    if (workflow !== undefined) {
      this.push({
        name,
        type: 'send-to-flex',
        transitions,
        properties: {
          workflow,
          channel: this.channel(at, node.id),
          attributes: JSON.stringify({ type: 'inbound', queue: node.queue, name: '{{trigger.call.From}}' }),
          ...timeout,
          offset: this.offset(node, index)
        }
      });
    } else {
      this.note(`${at}/queue`, `queue ${JSON.stringify(node.id)}: no TaskRouter workflow SID for ${JSON.stringify(node.queue)} in the environment; an enqueue-call to the queue by name is written`, node.id);
      this.push({ name, type: 'enqueue-call', transitions, properties: { queue_name: node.queue, ...timeout, offset: this.offset(node, index) } });
    }
    this.lead(node, index, name);
  }

  channel(at: string, node: string): string {
    const channel = this.env('channel');
    if (channel !== undefined) return channel;
    this.note(at, `no Flex channel SID ("channel" in the environment); a placeholder is written`, node);
    return 'TCxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
  }

  transfer(node: NodeOfKind<'transfer'>, index: number, name: string): void {
    const at = this.pointer(index);
    if (!node.reachesPerson) {
      this.note(`${at}/reachesPerson`, `transfer ${JSON.stringify(node.id)}: Studio does not know whether a person answers; the import reads every connect-call-to as reaching one`, node.id);
    }
    const connected = this.target(node.connected);
    const failed = this.target(node.failed);
    let next = connected ?? failed;
    if (connected !== failed) {
      // One exit for both: a split on the dial status tells a failed call from a finished one.
      const status = this.claim(`${name}_status`);
      next = status;
      this.push({
        name: status,
        type: 'split-based-on',
        transitions: [
          transition('noMatch', connected),
          {
            event: 'match',
            ...(failed === undefined ? {} : { next: failed }),
            conditions: [{ friendly_name: 'not connected', arguments: [`{{widgets.${name}.DialCallStatus}}`], type: 'matches_any_of', value: 'busy, no-answer, failed, canceled' }]
          }
        ],
        properties: { input: `{{widgets.${name}.DialCallStatus}}`, offset: this.offset(node, index, 0, 200) }
      });
    }
    this.push({
      name,
      type: 'connect-call-to',
      transitions: [transition('callCompleted', next), transition('hangup', undefined)],
      properties: { noun: 'number', to: node.number, caller_id: '{{contact.channel.address}}', timeout: 30, offset: this.offset(node, index) }
    });
    this.lead(node, index, name);
  }

  voicemail(node: NodeOfKind<'voicemail'>, index: number, name: string): void {
    const callback = this.env(node.mailbox);
    this.push({
      name,
      type: 'record-voicemail',
      transitions: [transition('recordingComplete', this.target(node.recorded)), transition('noAudio', this.target(node.failed)), transition('hangup', undefined)],
      properties: {
        timeout: 5,
        finish_on_key: '#',
        max_length: node.maxSeconds ?? 120,
        play_beep: 'true',
        trim: 'trim-silence',
        transcribe: callback !== undefined,
        ...(callback === undefined ? {} : { transcription_callback_url: callback }),
        offset: this.offset(node, index)
      }
    });
    if (callback === undefined) {
      this.note(this.pointer(index, '/mailbox'), `voicemail ${JSON.stringify(node.id)}: the recording is not delivered to ${JSON.stringify(node.mailbox)} (set a transcription callback URL for it in the environment)`, node.id);
    }
    this.lead(node, index, name);
  }

  callback(node: NodeOfKind<'callback'>, index: number, name: string): void {
    const at = this.pointer(index);
    const number = `{{${liquidVariable(node.numberVariable ?? 'caller.ani')}}}`;
    const scheduled = this.target(node.scheduled);
    const failed = this.target(node.failed);
    const transitions = [transition('callComplete', scheduled), transition('failedToEnqueue', failed), transition('callFailure', failed)];
    const attributes = JSON.stringify({ type: 'callback', callback: true, queue: node.queue, callBackNumber: number, name: number });
    const workflow = this.env(node.queue);
    this.note(at, `callback ${JSON.stringify(node.id)}: Studio has no callback widget; a task with callback attributes is sent to ${JSON.stringify(node.queue)} (a Studio import reads it as a queue)`, node.id);
    if (workflow !== undefined) {
      this.push({
        name,
        type: 'send-to-flex',
        transitions,
        properties: { workflow, channel: this.channel(at, node.id), attributes, offset: this.offset(node, index) }
      });
    } else {
      this.push({ name, type: 'enqueue-call', transitions, properties: { queue_name: node.queue, task_attributes: attributes, offset: this.offset(node, index) } });
    }
    this.lead(node, index, name);
  }

  // ------------------------------------------------------------- the flow

  trigger(): State {
    const start = this.flow.nodes.find((n) => n.id === this.flow.start);
    const entry = this.target(this.flow.start);
    const kept = isObject(start?.meta?.trigger) ? start.meta.trigger : undefined;
    if (kept !== undefined && isStudioWidget(kept.vendor) && kept.vendor.type === 'trigger') {
      const state = clone(kept.vendor) as unknown as State;
      const event = typeof kept.event === 'string' ? kept.event : 'incomingCall';
      const t = state.transitions.find((x) => isObject(x) && x.event === event);
      if (t !== undefined && t.next !== entry) {
        if (entry === undefined) delete t.next;
        else t.next = entry;
      }
      return state;
    }
    return {
      name: 'Trigger',
      type: 'trigger',
      transitions: TRIGGER_EVENTS.map((event) => transition(event, event === 'incomingCall' ? entry : undefined)),
      properties: { offset: start?.position === undefined ? { x: 0, y: -200 } : { x: start.position.x, y: start.position.y - 200 } }
    };
  }

  /** Widgets in the order of the file they came from; new ones after the widget before them. */
  ordered(): State[] {
    let key = -1;
    const keyed = this.items.map((item, i) => {
      if (item.original !== undefined) key = item.original;
      return { state: item.state, key: item.original ?? key + 0.5, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    return keyed.map((k) => k.state);
  }

  /** Studio's rules, checked on the document: a `next` that names no widget is unwired, with a note. */
  check(states: State[]): void {
    const names = new Set<string>();
    for (const [i, state] of states.entries()) {
      if (names.has(state.name)) this.problems.push({ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file: this.file, pointer: '', message: `two widgets are named ${JSON.stringify(state.name)} (states ${i})` });
      names.add(state.name);
    }
    for (const state of states) {
      for (const t of state.transitions) {
        if (!isObject(t) || t.next === undefined || names.has(t.next)) continue;
        if (this.dangling.has(`${state.name}\u0000${t.next}`)) {
          this.note('', `widget ${JSON.stringify(state.name)}: ${t.event} goes to ${JSON.stringify(t.next)}, which is no widget of the flow (as in the imported file); Studio will not publish the flow until it is fixed`);
          continue;
        }
        this.note('', `widget ${JSON.stringify(state.name)}: ${t.event} went to ${JSON.stringify(t.next)}, which is not written; it is left unwired`);
        delete t.next;
      }
    }
    if (states.length > MAX_STATES) {
      this.problems.push({
        code: DIAGNOSTIC_CODES.exportFailed,
        severity: 'error',
        file: this.file,
        pointer: '/nodes',
        message: `the flow needs ${states.length} Studio widgets; Studio takes at most ${MAX_STATES} in one flow (split it into sub-flows)`
      });
    }
  }

  run(): ExportResult {
    const nodes = this.flow.nodes;
    if (!nodes.some((n) => n.id === this.flow.start)) {
      return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file: this.file, pointer: '/start', message: `the start ${JSON.stringify(this.flow.start)} is not a node of this flow` }] };
    }
    this.nameNodes();
    nodes.forEach((node, index) => this.node(node, index));
    const trigger = this.trigger();
    if (this.target(this.flow.start) === undefined) {
      return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file: this.file, pointer: '/start', message: `the start node ${JSON.stringify(this.flow.start)} has no Studio widget, so the flow would start nothing` }] };
    }
    const states = [trigger, ...this.ordered()];
    this.check(states);
    if (this.problems.length > 0) return { ok: false, problems: this.problems };
    const start = nodes.find((n) => n.id === this.flow.start);
    const kept = isObject(start?.meta?.flow) && this.vendorOf(start!) !== undefined ? start!.meta.flow : {};
    const flags = isObject(kept.flags) && typeof kept.flags.allow_concurrent_calls === 'boolean' ? kept.flags : { allow_concurrent_calls: true };
    const description = typeof kept.description === 'string' ? kept.description : (this.flow.description ?? this.flow.name);
    return {
      ok: true,
      document: { description, states, initial_state: trigger.name, flags },
      notes: asNotes(DIAGNOSTIC_CODES.exportNote, this.file, this.notes)
    };
  }
}

function transition(event: string, next: string | undefined): Transition {
  return next === undefined ? { event } : { event, next };
}

/** `flow.variables.x` → `x`: Studio keys are names under flow.variables. */
function variableKey(name: string): string {
  return name.startsWith('flow.variables.') ? name.slice('flow.variables.'.length) : name;
}

export function exportStudio(flow: Flow, options: ExportOptions, file: string): ExportResult {
  try {
    return new Exporter(spokenSettings(flow), options, file).run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '', message: `could not export the flow to Twilio Studio: ${message}` }] };
  }
}
