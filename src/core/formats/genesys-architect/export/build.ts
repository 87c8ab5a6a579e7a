/**
 * A native flow as an Architect call flow, built from the native model.
 *
 * Each menu is a menu (refId: the node id). Every other node starts a
 * reusable task (refId: the node id), unless the one way into it is the way
 * on of the step before (a prompt's next, a queue's failure), where it is
 * the next action of that step's task, as an Architect user writes a task.
 * Every other way on is a jump (Jump to Menu, Jump to Reusable Task) in the
 * action's output, so every exit is wired; an exit the design left unwired
 * jumps to a task whose one action is a disconnect named "Unwired in the
 * design", read back as unwired (import/actions.ts).
 *
 * Architect names queues, schedule groups, data actions, voicemail
 * destinations and flows by name: each comes from the environment map, and a
 * name the map lacks is a problem that names it.
 */
import type { Problem } from '../../../model/load.ts';
import { localesOf, promptText } from '../../../model/prompt.ts';
import type { Flow, FlowNode, NodeOfKind, Prompt } from '../../../model/types.ts';
import { outcomesOf, promptsOf } from '../../../model/outcomes.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import { ANY_HOURS, referenceOf, type Environment, type EnvironmentKind } from '../../environment.ts';
import type { NoteDraft } from '../../types.ts';
import { EXPECTED_WAIT_ATTRIBUTE, UNWIRED_ACTION } from '../import/actions.ts';
import { isObject, own, type Json } from '../import/values.ts';
import { expressionOf, Variables } from './expressions.ts';

/** An item of an Architect list: one key, the action or choice type, holding its settings. */
export type Item = Record<string, Json>;

/** Architect's limits on a menu's repeat count (0 to 10) and a switch's cases (64). */
const MAX_REPEAT_COUNT = 10;
const MAX_SWITCH_CASES = 64;
/** The design's default no-input timeout (model/timing.ts). */
const DEFAULT_TIMEOUT_SECONDS = 5;

/** Sets a field as data: a name such as `__proto__` from a flow is only ever a field. */
function setField(object: Json, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Architect's DTMF names: `digit_1`, `digit_star`, `digit_pound`. */
function dtmfName(key: string): string {
  return key === '*' ? 'digit_star' : key === '#' ? 'digit_pound' : `digit_${key}`;
}

/** The actions whose only way on is their next action: a node the way on leads to can follow them in the same task. */
function wayOnOf(node: FlowNode): string | undefined {
  switch (node.kind) {
    case 'prompt':
    case 'set':
    case 'subflow':
      return node.next;
    case 'callback':
      return node.scheduled;
    case 'queue':
      return node.overflow;
    case 'transfer':
    case 'voicemail':
      return node.failed;
    default:
      return undefined;
  }
}

/** Outcomes of an imported action that Architect decides itself (the flow's error handling, Previous Menu, a jump's target). */
const ARCHITECT_DECIDES = /^(errorHandling|previous menu.*|targetTaskRef|targetMenuRef|loop|loopCount)$/;

/** Imported actions this export cannot rewire output by output (their cases or passes are nodes of their own): built anew. */
const NOT_KEPT: ReadonlySet<string> = new Set(['switch', 'loop', 'menu']);

/** An imported Architect action, as the export writes it back: its settings, its outputs by Architect's name, and its way on. */
interface KeptAction {
  readonly type: string;
  readonly body: Json;
  /** Each output → where it goes (undefined: unwired). */
  readonly outputs: ReadonlyMap<string, { target: string | undefined; failure: boolean; outcome: string }>;
  /** Where the call goes on after the action (the next action), when it does. */
  readonly next: { target: string | undefined; outcome: string; dead: boolean } | undefined;
}

/** Whether a node was imported from an Architect file (its names are Genesys Cloud's already). */
function fromArchitect(node: FlowNode): boolean {
  return node.source !== undefined && /^\/(inboundCall|inqueueCall|outboundCall)(\/|$)/.test(node.source.pointer);
}

/** The references one export takes from the environment, and the problems of those missing. */
class References {
  readonly problems: Problem[] = [];

  constructor(
    private readonly environment: Environment | undefined,
    private readonly file: string,
    private readonly indexOf: (id: string) => number
  ) {}

  /** The Architect name for `name` among the environment's `kind` (a `what`, such as "queue"), or the name and a problem. */
  name(node: FlowNode, what: string, kind: EnvironmentKind, name: string, key = name): string {
    const value = referenceOf(this.environment, kind, key) ?? (kind === 'hours' ? referenceOf(this.environment, kind, ANY_HOURS) : undefined);
    if (value !== undefined) return value;
    // A substitution token Terraform fills in, or a name an imported Architect step already gives as Genesys Cloud knows it.
    if (/^\{\{[^{}]*\}\}$/.test(name.trim()) || fromArchitect(node)) return name;
    this.problems.push({
      code: DIAGNOSTIC_CODES.exportReferenceMissing,
      severity: 'error',
      file: this.file,
      pointer: `/nodes/${this.indexOf(node.id)}`,
      message: `no Genesys Cloud ${what} for ${JSON.stringify(key)} (node ${JSON.stringify(node.id)}): add it to the export environment as {"${kind}": {${JSON.stringify(key)}: "<the ${what}'s name in Genesys Cloud>"}}`
    });
    return name;
  }
}

export interface Built {
  readonly document: Json;
  readonly notes: readonly NoteDraft[];
  readonly problems: readonly Problem[];
  /** Each action or menu written → the design node it came from (the import's pointers are found from it). */
  readonly origins: WeakMap<object, string>;
}

class Builder {
  readonly notes: NoteDraft[] = [];
  readonly origins = new WeakMap<object, string>();
  readonly variables = new Variables();
  readonly refs: References;
  private readonly byId: Map<string, FlowNode>;
  private readonly index: Map<string, number>;
  private readonly inlined = new Set<string>();
  private readonly locale: string;
  readonly language: string;
  private unwiredTask: string | undefined;
  /** The imported actions written back, by node id. */
  private readonly kept = new Map<string, KeptAction>();
  /** Helper steps an import added beside an action (`<action>:errors`), folded back into it. */
  private readonly folded = new Set<string>();

  constructor(
    readonly flow: Flow,
    environment: Environment | undefined,
    file: string
  ) {
    this.byId = new Map(flow.nodes.map((node) => [node.id, node]));
    this.index = new Map(flow.nodes.map((node, i) => [node.id, i]));
    this.refs = new References(environment, file, (id) => this.index.get(id) ?? 0);
    this.locale = localesOf(flow)[0]!;
    this.language = this.locale.toLowerCase();
    for (const node of flow.nodes) {
      const kept = this.keptActionOf(node);
      if (kept !== undefined) this.kept.set(node.id, kept);
    }
    this.chain();
  }

  /** Which nodes follow the step before them in its task: the one way into them is that step's way on. */
  private chain(): void {
    const into = new Map<string, number>();
    into.set(this.flow.start, 1);
    for (const entry of this.flow.entries ?? []) into.set(entry.start, (into.get(entry.start) ?? 0) + 1);
    for (const node of this.flow.nodes) for (const o of outcomesOf(node)) if (o.target !== undefined) into.set(o.target, (into.get(o.target) ?? 0) + 1);
    const before = new Map<string, string>();
    for (const node of this.flow.nodes) {
      const next = this.wayOn(node);
      const target = next === undefined ? undefined : this.byId.get(next);
      if (target === undefined || target.kind === 'menu' || target.id === node.id || into.get(target.id) !== 1) continue;
      this.inlined.add(target.id);
      before.set(target.id, node.id);
    }
    // A ring of such nodes has no step to start from: the first of it starts a task.
    for (const id of [...this.inlined]) {
      let at: string | undefined = before.get(id);
      for (let hops = 0; at !== undefined && this.inlined.has(at) && hops <= this.flow.nodes.length; hops++) {
        if (at === id) {
          this.inlined.delete(id);
          break;
        }
        at = before.get(at);
      }
    }
  }

  note(node: FlowNode | undefined, message: string, severity?: 'warning'): void {
    this.notes.push({ ...(node === undefined ? {} : { node: node.id }), pointer: node === undefined ? '' : `/nodes/${this.index.get(node.id) ?? 0}`, message, ...(severity === undefined ? {} : { severity }) });
  }

  /** The text of a prompt in the flow's first language. */
  said(prompt: Prompt | undefined): string | undefined {
    return promptText(prompt, this.locale, this.locale);
  }

  private label(node: FlowNode): string {
    return node.name ?? node.id;
  }

  /** An action of `type` that came from `node`. */
  private action(node: FlowNode, type: string, body: Json): Item {
    this.origins.set(body, node.id);
    return { [type]: body };
  }

  private audio(prompt: Prompt | undefined): Json {
    return { tts: this.said(prompt) ?? '' };
  }

  private isMenu(id: string): boolean {
    return this.byId.get(id)?.kind === 'menu';
  }

  /** A reference to the menu or task a node is (its refId is its id). */
  ref(id: string): string {
    return this.isMenu(id) ? `./menus/menu[${id}]` : `./tasks/task[${id}]`;
  }

  /** The task exits the design left unwired jump to: its one action, a disconnect named as such. */
  private unwired(): string {
    if (this.unwiredTask === undefined) {
      let refId = UNWIRED_ACTION;
      for (let i = 2; this.byId.has(refId); i++) refId = `${UNWIRED_ACTION} (${i})`;
      this.unwiredTask = refId;
    }
    return this.unwiredTask;
  }

  /** Where an outcome of `node` goes: a jump to the menu or task of the node it names. */
  jump(node: FlowNode, outcome: string, target: string | undefined): Item {
    if (target === undefined || !this.byId.has(target)) {
      const task = this.unwired();
      this.note(node, `"${outcome}" is left unwired in the design: Architect wires every exit, so it jumps to the task ${JSON.stringify(task)}, which disconnects (read back as unwired, a dead end)`);
      return { jumpToTask: { name: 'Unwired', targetTaskRef: `./tasks/task[${task}]` } };
    }
    const to = this.byId.get(target)!;
    return this.isMenu(target)
      ? { jumpToMenu: { name: `To ${this.label(to)}`, targetMenuRef: this.ref(target) } }
      : { jumpToTask: { name: `To ${this.label(to)}`, targetTaskRef: this.ref(target) } };
  }

  /** An output whose one action is the jump for an outcome. */
  private output(node: FlowNode, outcome: string, target: string | undefined): Json {
    return { actions: [this.jump(node, outcome, target)] };
  }

  /**
   * Goes on to `target` after the actions in `list`: the node itself when it
   * follows in this task, else a jump. Returns the node to write next, if any.
   */
  private goOn(node: FlowNode, outcome: string, target: string | undefined, list: Item[]): FlowNode | undefined {
    if (target !== undefined && this.inlined.has(target)) return this.byId.get(target);
    list.push(this.jump(node, outcome, target));
    return undefined;
  }

  /** A task: the node's actions and those of the nodes that follow it. */
  task(head: FlowNode): Item {
    const actions: Item[] = [];
    for (let node: FlowNode | undefined = head, steps = 0; node !== undefined && steps <= this.flow.nodes.length; steps++) node = this.actions(node, actions);
    return { task: { name: this.label(head), refId: head.id, actions } };
  }

  /** The unwired exits' task, when one needs it. */
  unwiredTaskItem(): Item | undefined {
    if (this.unwiredTask === undefined) return undefined;
    return { task: { name: UNWIRED_ACTION, refId: this.unwiredTask, actions: [{ disconnect: { name: UNWIRED_ACTION } }] } };
  }

  /** Whether a node starts a task of its own. */
  startsTask(node: FlowNode): boolean {
    return node.kind !== 'menu' && !this.inlined.has(node.id) && !this.folded.has(node.id);
  }

  /** A prompt played before a step whose action has no audio of its own. */
  private before(node: FlowNode, prompt: Prompt | undefined, list: Item[]): void {
    if (prompt !== undefined) list.push(this.action(node, 'playAudio', { name: this.label(node), audio: this.audio(prompt) }));
  }

  /** Where a node goes on in the same task (its next action), when only one way on leads there. */
  private wayOn(node: FlowNode): string | undefined {
    const kept = this.kept.get(node.id);
    return kept === undefined ? wayOnOf(node) : kept.next?.target;
  }

  /**
   * A node imported from an Architect action, as that action: its settings
   * as they came, each output going where the node's outcome goes now (the
   * import names each outcome's output in `source.outcomes`), a helper step
   * the import added (`:errors`) folded back. Undefined for a node that was
   * not imported from an action, or whose outcomes no longer fit its outputs.
   */
  private keptActionOf(node: FlowNode): KeptAction | undefined {
    const vendor = own(node.meta, 'vendor');
    const source = node.source;
    if (!isObject(vendor) || source === undefined || Object.keys(vendor).length !== 1) return undefined;
    const type = Object.keys(vendor)[0]!;
    const pointer = source.pointer;
    if (type !== source.type || !isObject(vendor[type]) || NOT_KEPT.has(type) || node.kind === 'menu') return undefined;
    if (!pointer.endsWith(`/${type}`) || !/\/(actions|startUpTaskActions)\/\d+\/[^/]+$/.test(pointer)) return undefined;
    const outputs = new Map<string, { target: string | undefined; failure: boolean; outcome: string }>();
    let next: KeptAction['next'];
    const vendorName = (member: FlowNode, outcome: string): string | undefined =>
      member.source?.outcomes !== undefined && Object.hasOwn(member.source.outcomes, outcome) ? member.source.outcomes[outcome]!.name : undefined;
    const add = (name: string, target: string | undefined, failure: boolean, outcome: string): boolean => {
      const had = outputs.get(name);
      if (had !== undefined && had.target !== target) return false;
      outputs.set(name, { target, failure, outcome });
      return true;
    };
    for (const o of outcomesOf(node)) {
      const name = vendorName(node, o.name);
      if (name === undefined || name === 'next') {
        if (o.target === undefined && name === undefined) continue;
        next = { target: o.target, outcome: o.name, dead: o.unwired === 'dead-end' };
        continue;
      }
      if (ARCHITECT_DECIDES.test(name)) continue;
      const helper = o.target === undefined ? undefined : this.byId.get(o.target);
      if (helper !== undefined && own(helper.meta, 'errorsOf') === node.id) {
        // The ways a lookup fails, each to its own output.
        this.folded.add(helper.id);
        for (const h of outcomesOf(helper)) if (!add(vendorName(helper, h.name) ?? h.name, h.target, h.failure === true, h.name)) return undefined;
        continue;
      }
      for (const each of name.split(' or ')) if (!add(each, o.target, o.failure === true, o.name)) return undefined;
    }
    return { type, body: JSON.parse(JSON.stringify(vendor[type])) as Json, outputs, next };
  }

  /** Says so when a node's prompt names variables (`{{balance.available}}`): Architect speaks TTS text as written. */
  private placeholders(node: FlowNode): void {
    const named = new Set<string>();
    for (const { prompt } of promptsOf(node)) for (const text of typeof prompt === 'string' ? [prompt] : Object.values(prompt)) for (const match of text.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) named.add(match[1]!);
    if (named.size > 0) this.note(node, `the prompt names ${[...named].map((n) => `{{${n}}}`).join(', ')}: Architect speaks TTS text as written, so say the value with an audio expression (ToAudioTTS and ToAudioNumber on ${[...named].map((n) => this.variables.of(n)).join(', ')}) in Architect`, 'warning');
  }

  /** Writes a node's actions into `list`; returns the node that follows in the same task, if any. */
  private actions(node: FlowNode, list: Item[]): FlowNode | undefined {
    const label = this.label(node);
    this.placeholders(node);
    const kept = this.kept.get(node.id);
    // An imported Architect action: written back as it came, its outputs rewired.
    if (kept !== undefined) return this.keptAction(node, kept, list);
    switch (node.kind) {
      case 'prompt':
        list.push(this.action(node, 'playAudio', { name: label, audio: this.audio(node.prompt) }));
        if (node.next === undefined && node.end === true) {
          list.push(this.action(node, 'disconnect', { name: 'Disconnect' }));
          return undefined;
        }
        return this.goOn(node, 'next', node.next, list);
      case 'hangup':
      case 'return':
        this.before(node, node.prompt, list);
        if (node.kind === 'return') this.note(node, 'an Architect call flow has nowhere to return to: the return is written as a disconnect; run this flow as a task of the flow that calls it instead', 'warning');
        list.push(this.action(node, 'disconnect', { name: label }));
        return undefined;
      case 'set':
        list.push(this.action(node, 'updateData', { name: label, statements: this.statements(node) }));
        return this.goOn(node, 'next', node.next, list);
      case 'queue':
        return this.queue(node, list);
      case 'transfer':
        return this.transfer(node, list);
      case 'voicemail':
        return this.voicemail(node, list);
      case 'callback':
        return this.callback(node, list);
      case 'subflow': {
        const name = this.refs.name(node, 'flow', 'flows', node.flow);
        this.note(node, `Architect's Transfer to Flow does not come back: the flow ${JSON.stringify(name)} takes the call, and the steps after it run only when the transfer fails`, 'warning');
        list.push(this.action(node, 'transferToFlow', { name: label, targetFlow: { lit: { name } } }));
        return this.goOn(node, 'next', node.next, list);
      }
      case 'input':
        this.input(node, list);
        return undefined;
      case 'branch':
        this.branch(node, list);
        return undefined;
      case 'hours':
        this.hours(node, list);
        return undefined;
      case 'lookup':
        this.lookup(node, list);
        return undefined;
      case 'opaque':
        this.opaque(node, list);
        return undefined;
      case 'menu':
        // A menu is a menu of its own; a task never reaches here for one (startsTask, chain).
        list.push(this.jump(node, 'next', node.id));
        return undefined;
    }
  }

  /** An imported action written back with its outputs going where the design's outcomes go now. */
  private keptAction(node: FlowNode, kept: KeptAction, list: Item[]): FlowNode | undefined {
    const body = { ...kept.body };
    const outputs: Json = {};
    for (const [name, { target, failure, outcome }] of kept.outputs) {
      // A failure left unwired is left out: it falls to the end of the task, a dead end read back.
      if (target === undefined && failure && kept.next === undefined) continue;
      setField(outputs, name, this.output(node, outcome, target));
    }
    delete body['outputs'];
    if (Object.keys(outputs).length > 0) body['outputs'] = outputs;
    list.push(this.action(node, kept.type, body));
    if (kept.next === undefined) return undefined;
    if (kept.next.target === undefined && !kept.next.dead) return undefined;
    return this.goOn(node, kept.next.outcome, kept.next.target, list);
  }

  private statements(node: NodeOfKind<'set'>): Json[] {
    const list: Json[] = [];
    for (const [name, value] of Object.entries(node.assign ?? {})) {
      const type = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'decimal') : 'string';
      const variable = this.variables.of(name, type);
      list.push({ [type]: { variable, value: value === null ? { noValue: true } : { lit: value } } });
    }
    for (const name of node.increment ?? []) {
      const variable = this.variables.of(name, 'integer');
      list.push({ integer: { variable, value: { exp: `If(IsNotSetOrEmpty(${variable}), 1, ${variable} + 1)` } } });
    }
    return list;
  }

  private queue(node: NodeOfKind<'queue'>, list: Item[]): FlowNode | undefined {
    const name = this.refs.name(node, 'queue', 'queues', node.queue);
    const said = this.said(node.prompt);
    if (node.answered !== undefined) this.note(node, 'Architect ends the flow once an agent takes the call: what the design does after the agent ("answered") needs a flow of its own (a survey, say)', 'warning');
    if (node.maxWaitSeconds !== undefined) this.note(node, `the longest wait (${node.maxWaitSeconds} s) is the queue's in-queue flow's to enforce in Genesys Cloud, not this flow's`);
    // Architect has no place for the design's expected wait: it goes with the call as participant data, read back from there.
    if (node.expectedWaitSeconds !== undefined) {
      list.push(this.action(node, 'setParticipantData', { name: `${this.label(node)}: expected wait`, attributes: [{ attribute: { name: { lit: EXPECTED_WAIT_ATTRIBUTE }, value: { lit: String(node.expectedWaitSeconds) } } }] }));
    }
    list.push(
      this.action(node, 'transferToAcd', {
        name: this.label(node),
        targetQueue: { lit: { name } },
        ...(said === undefined ? {} : { preTransferAudio: { tts: said } }),
        priority: { lit: 0 },
        preferredAgents: { noValue: true },
        languageSkill: { noValue: true }
      })
    );
    return this.failureWayOn(node, 'overflow', node.overflow, list);
  }

  /**
   * A failure that goes on: to the next action (the node written after, or a
   * jump). Unwired, nothing follows: the failure falls to the end of the task,
   * which disconnects, and reads back as the dead end it is.
   */
  private failureWayOn(node: FlowNode, outcome: string, target: string | undefined, list: Item[]): FlowNode | undefined {
    if (target === undefined) {
      this.note(node, `"${outcome}" is left unwired in the design: in Architect the failure falls to the end of the task, which disconnects the call (read back as a dead end)`);
      return undefined;
    }
    return this.goOn(node, outcome, target, list);
  }

  private transfer(node: NodeOfKind<'transfer'>, list: Item[]): FlowNode | undefined {
    const said = this.said(node.prompt);
    if (!node.reachesPerson) this.note(node, 'Architect\'s Transfer to Number leaves the flow, and the number is read back as reaching a person: the design says it does not', 'warning');
    if (node.connected !== undefined) this.note(node, 'Architect ends the flow once the number answers: what the design does after the call ("connected") cannot follow it', 'warning');
    list.push(this.action(node, 'transferToNumber', { name: this.label(node), targetNumber: { lit: node.number }, ...(said === undefined ? {} : { preTransferAudio: { tts: said } }) }));
    return this.failureWayOn(node, 'failed', node.failed, list);
  }

  private voicemail(node: NodeOfKind<'voicemail'>, list: Item[]): FlowNode | undefined {
    const name = this.refs.name(node, 'voicemail queue', 'mailboxes', node.mailbox);
    const said = this.said(node.prompt);
    if (node.recorded !== undefined) this.note(node, 'Architect ends the flow once the caller leaves the message: what the design does after it ("recorded") cannot follow it', 'warning');
    if (node.maxSeconds !== undefined && node.maxSeconds > 180) this.note(node, `a Genesys Cloud voicemail message lasts at most 3 minutes, not ${node.maxSeconds} s`);
    list.push(
      this.action(node, 'transferToVoicemail', {
        name: this.label(node),
        destination: {
          queue: {
            targetQueue: { lit: { name } },
            callbackNumber: { exp: 'ToPhoneNumber(Call.Ani)' },
            calleeName: { noValue: true },
            ...(said === undefined ? {} : { voicemailGreeting: { tts: said } })
          }
        }
      })
    );
    return this.optionalFailure(node, node.failed, list);
  }

  /** A step whose failure the design does not have: if Architect's fails, the call is disconnected, as the design's ending. */
  private optionalFailure(node: FlowNode, failed: string | undefined, list: Item[]): FlowNode | undefined {
    if (failed !== undefined) return this.goOn(node, 'failed', failed, list);
    list.push(this.action(node, 'disconnect', { name: 'Disconnect' }));
    return undefined;
  }

  private callback(node: NodeOfKind<'callback'>, list: Item[]): FlowNode | undefined {
    const name = this.refs.name(node, 'callback queue', 'queues', node.queue);
    this.before(node, node.prompt, list);
    if (node.failed !== undefined) this.note(node, 'Architect\'s Create Callback has no failure path: the design\'s "failed" cannot be written', 'warning');
    const number = node.numberVariable === undefined || node.numberVariable === 'caller.ani' ? 'ToPhoneNumber(Call.Ani)' : `ToPhoneNumber(${this.variables.of(node.numberVariable)})`;
    list.push(this.action(node, 'createCallback', { name: this.label(node), targetQueue: { lit: { name } }, callbackNumber: { exp: number } }));
    if (node.scheduled === undefined) return undefined;
    return this.goOn(node, 'scheduled', node.scheduled, list);
  }

  /**
   * Collect Input. With a retry limit, it runs in a Loop of `maxRetries + 1`
   * passes (the reprompt played after each failure); when the passes run out
   * the call goes where the limit sends it. Without one, a failure jumps to
   * where no input goes.
   */
  private input(node: NodeOfKind<'input'>, list: Item[]): void {
    const label = this.label(node);
    const variable = this.variables.of(node.variable);
    const digits = node.minDigits !== undefined && node.minDigits === node.maxDigits ? { exact: node.minDigits } : node.minDigits === undefined && node.maxDigits === undefined ? undefined : { range: { ...(node.minDigits === undefined ? {} : { min: node.minDigits }), ...(node.maxDigits === undefined ? {} : { max: node.maxDigits }) } };
    if (node.pattern !== undefined) this.note(node, `Architect checks how many digits were entered, not the pattern ${JSON.stringify(node.pattern)}: check the entry after Collect Input if it matters`);
    const retry = node.noInput === node.id && node.invalid === node.id;
    if (node.noInput !== node.invalid) this.note(node, `Collect Input has one failure path for no input and an invalid entry: both go where no input goes (${JSON.stringify(node.noInput ?? 'unwired')}), not invalid's ${JSON.stringify(node.invalid ?? 'unwired')}`, 'warning');
    const collect = (failure: Json | undefined): Item =>
      this.action(node, 'collectInput', {
        name: label,
        inputData: { var: variable },
        ...(digits === undefined ? {} : { digits }),
        noEntryTimeout: { lit: { seconds: node.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS } },
        inputAudio: this.audio(node.prompt),
        verificationType: 'none',
        outputs: { success: this.output(node, 'next', node.next), ...(failure === undefined ? {} : { failure }) }
      });
    if (retry && node.maxRetries !== undefined) {
      const inside: Item[] = [collect(undefined)];
      const reprompt = node.reprompt ?? node.noInputPrompt ?? node.invalidPrompt;
      if (reprompt !== undefined) inside.push(this.action(node, 'playAudio', { name: `${label}: again`, audio: this.audio(reprompt) }));
      if (node.noInputPrompt !== undefined || node.invalidPrompt !== undefined) this.note(node, 'Collect Input has one failure path: one reprompt is played after no input and after an invalid entry alike');
      list.push(this.action(node, 'loop', { name: `${label}: tries`, loopCount: { lit: node.maxRetries + 1 }, outputs: { loop: { actions: inside } } }));
      list.push(this.jump(node, 'maxRetries', node.onMaxRetries));
      return;
    }
    const failure = node.noInput ?? node.invalid;
    if (failure === undefined) {
      this.note(node, 'no input and an invalid entry are left unwired in the design: in Architect the failure falls to the end of the task, which disconnects the call (read back as a dead end)');
      list.push(collect(undefined));
      return;
    }
    list.push(collect(this.output(node, 'noInput', failure)));
  }

  private branch(node: NodeOfKind<'branch'>, list: Item[]): void {
    const label = this.label(node);
    const cases = node.cases.map((c, index) => {
      const { expression, inexact } = expressionOf(c.when, this.variables);
      if (inexact !== undefined) this.note(node, `Architect expressions have no regular expressions: case ${index + 1} (${inexact}) is written as an equality; write the check by hand`, 'warning');
      return { expression, target: c.next, name: c.label ?? `case ${index + 1}` };
    });
    if (cases.length === 1) {
      const only = cases[0]!;
      list.push(this.action(node, 'decision', { name: label, condition: { exp: only.expression }, outputs: { yes: this.output(node, only.name, only.target), no: this.output(node, 'otherwise', node.otherwise) } }));
      return;
    }
    if (cases.length > MAX_SWITCH_CASES) this.note(node, `an Architect switch holds at most ${MAX_SWITCH_CASES} cases: this one has ${cases.length}; split the branch`, 'warning');
    list.push(
      this.action(node, 'switch', {
        name: label,
        evaluate: {
          firstTrue: {
            cases: cases.map((c) => ({ case: { value: { exp: c.expression }, actions: [this.jump(node, c.name, c.target)] } })),
            default: { actions: [this.jump(node, 'otherwise', node.otherwise)] }
          }
        }
      })
    );
  }

  private hours(node: NodeOfKind<'hours'>, list: Item[]): void {
    const group = this.refs.name(node, 'schedule group', 'hours', node.id);
    this.note(node, `the schedule (time zone ${node.timeZone}, weekly hours${node.holidays === undefined || node.holidays.length === 0 ? '' : ', holidays'}) is set up in Genesys Cloud, not in the flow: the schedule group ${JSON.stringify(group)} must hold it; its holiday and emergency schedules go where closed goes`, 'warning');
    list.push(
      this.action(node, 'evaluateScheduleGroup', {
        name: this.label(node),
        inServiceSchedules: { noValue: true },
        evaluate: { now: true },
        scheduleGroup: { lit: { name: group } },
        emergencyGroup: { noValue: true },
        outputs: {
          open: this.output(node, 'open', node.open),
          closed: this.output(node, 'closed', node.closed),
          holiday: this.output(node, 'closed', node.closed),
          emergency: this.output(node, 'closed', node.closed)
        }
      })
    );
  }

  private lookup(node: NodeOfKind<'lookup'>, list: Item[]): void {
    const reference = this.refs.name(node, 'data action', 'functions', node.service);
    const slash = reference.indexOf('/');
    let category = 'Data Actions';
    let action = reference;
    if (slash > 0 && slash < reference.length - 1) {
      category = reference.slice(0, slash);
      action = reference.slice(slash + 1);
    } else if (!fromArchitect(node)) {
      this.note(node, `the data action ${JSON.stringify(reference)} names no category: write it in the environment as "<category>/<data action>"; written under the category ${JSON.stringify(category)}`, 'warning');
    }
    this.before(node, node.prompt, list);
    const field = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');
    const inputs: Json = {};
    for (const name of node.inputs ?? []) setField(inputs, field(name), { exp: this.variables.of(name) });
    const successOutputs: Json = {};
    for (const name of node.outputs ?? []) setField(successOutputs, field(name), { var: this.variables.of(name) });
    if ((node.inputs ?? []).length + (node.outputs ?? []).length > 0) this.note(node, `the data action's inputs and outputs are named after the design's variables (${[...(node.inputs ?? []), ...(node.outputs ?? [])].map(field).join(', ')}): match them to the data action's contract`);
    const failure = node.failure === undefined ? undefined : this.output(node, 'failure', node.failure);
    if (node.failure === undefined) this.note(node, '"failure" is left unwired in the design: in Architect a failure or a timeout falls to the end of the task, which disconnects the call (read back as a dead end)');
    list.push(
      this.action(node, 'callData', {
        name: this.label(node),
        processingPrompt: { noValue: true },
        timeout: { lit: { minutes: 1 } },
        category: { [category]: { dataAction: { [action]: { inputs, successOutputs } } } },
        outputs: { success: this.output(node, 'success', node.success), ...(failure === undefined ? {} : { failure, timeout: this.output(node, 'failure', node.failure) }) }
      })
    );
  }

  /**
   * A step Architect has no action for (imported from another platform): a
   * switch on a flow variable the platform must set to the outcome's name,
   * one case per outcome.
   */
  private opaque(node: NodeOfKind<'opaque'>, list: Item[]): void {
    const variable = this.variables.of(`outcome ${node.id}`);
    this.note(node, `Architect has no step for ${JSON.stringify(node.vendorType ?? 'this step')}: written as a switch on ${variable}, which something in Genesys Cloud must set to the outcome's name (${node.outcomes.map((o) => o.name).join(', ')})`, 'warning');
    const cases = node.outcomes.map((o) => ({
      case: {
        value: { exp: `${variable} == ${JSON.stringify(o.name)}` },
        actions: o.next === undefined && o.required === false ? [] : [this.jump(node, o.name, o.next)]
      }
    }));
    // Unset, the step goes its first way, as the design's does when nothing decides otherwise.
    const first = node.outcomes[0]!;
    const fallback = first.next === undefined && first.required === false ? [] : [this.jump(node, first.name, first.next)];
    list.push(this.action(node, 'switch', { name: this.label(node), evaluate: { firstTrue: { cases, default: { actions: fallback } } } }));
  }

  /** A menu: a choice per option, repeated on silence or a wrong key, then its default choice. */
  menu(node: NodeOfKind<'menu'>): Item {
    this.placeholders(node);
    const choices: Json[] = [];
    const choiceOf = (name: string, refId: string, key: string | undefined, phrases: readonly string[] | undefined, target: string | undefined, outcome: string): Json => {
      const jump = this.jump(node, outcome, target);
      const [type, body] = Object.entries(jump)[0]!;
      const choiceType = type === 'jumpToMenu' ? 'menuJumpToMenu' : 'menuJumpToTask';
      const choice: Json = {
        name,
        refId,
        ...(key === undefined ? {} : { dtmf: dtmfName(key) }),
        globalDtmf: false,
        globalSpeechRecTerms: false,
        ...(phrases === undefined || phrases.length === 0 ? {} : { speechRecTerms: { [this.language]: { terms: [...phrases] } } }),
        ...(type === 'jumpToMenu' ? { targetMenuRef: body['targetMenuRef'] } : { targetTaskRef: body['targetTaskRef'] })
      };
      choices.push({ [choiceType]: choice });
      return choice;
    };
    node.options.forEach((option, index) => {
      const name = option.label ?? (option.key !== undefined ? `Key ${option.key}` : (option.phrases?.[0] ?? `Choice ${index + 1}`));
      choiceOf(name, `${node.id}/${index + 1}`, option.key, option.phrases, option.next, option.key ?? option.phrases?.[0] ?? `choice ${index + 1}`);
    });
    // Silence and a wrong key play the menu again (repeatCount times), then the default choice takes the call.
    let repeat = 0;
    let fallback: string | undefined;
    let fallbackOutcome = 'maxRetries';
    let needsDefault = true;
    if (node.noInput === node.id && node.invalid === node.id) {
      if (node.maxRetries === undefined) {
        repeat = 3;
        needsDefault = false;
        this.note(node, 'the design plays the menu again without limit: Architect plays it again at most 10 times, then takes its default choice; written with the default of 3 repeats and no default choice, so a caller who never chooses is disconnected (read back as a dead end)', 'warning');
      } else {
        repeat = node.maxRetries;
        fallback = node.onMaxRetries;
      }
    } else {
      // Silence or a wrong key goes elsewhere at once: no repeats, the default choice goes there.
      fallback = node.noInput ?? node.invalid;
      fallbackOutcome = node.noInput === undefined ? 'invalid' : 'noInput';
      if (node.noInput !== node.invalid) this.note(node, `Architect handles silence and a wrong key alike: both go where ${fallbackOutcome} goes (${JSON.stringify(fallback ?? 'unwired')})`, 'warning');
      else this.note(node, 'Architect plays a menu again on silence or a wrong key: written with no repeats, and the default choice goes where the design sends silence and wrong keys');
    }
    if (repeat > MAX_REPEAT_COUNT) {
      this.note(node, `Architect plays a menu again at most ${MAX_REPEAT_COUNT} times: the design's ${repeat} retries are written as ${MAX_REPEAT_COUNT}`, 'warning');
      repeat = MAX_REPEAT_COUNT;
    }
    let defaultRef: string | undefined;
    if (needsDefault) {
      // The default choice: the option that goes there already, else a choice of its own that no key makes.
      const index = fallback === undefined ? -1 : node.options.findIndex((o) => o.next === fallback);
      const item = index >= 0 ? choices[index]! : undefined;
      const chosen = item ?? (choiceOf('Default', `${node.id}/default`, undefined, undefined, fallback, fallbackOutcome), choices[choices.length - 1]!);
      const [type, choice] = Object.entries(chosen)[0]! as [string, Json];
      defaultRef = `./choices/${type}[${choice['refId'] as string}]`;
    }
    const said = this.said(node.prompt);
    const body: Json = {
      name: this.label(node),
      refId: node.id,
      audio: { tts: said ?? '' },
      settingsMenu: { menuSelectionTimeout: { lit: { seconds: node.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS } }, repeatCount: { lit: repeat } },
      choices,
      ...(defaultRef === undefined ? {} : { defaultChildMenuRef: defaultRef })
    };
    if (node.reprompt !== undefined || node.noInputPrompt !== undefined || node.invalidPrompt !== undefined) this.note(node, 'Architect plays the menu itself again on silence or a wrong key: the reprompt is not played');
    this.origins.set(body, node.id);
    return { menu: body };
  }
}

/** The flow type an Architect file has for the design's role. */
function flowType(flow: Flow, builder: Builder): string {
  const role = flow.role ?? 'inbound';
  if (role !== 'inbound' && role !== 'outbound') builder.note(undefined, `Architect has no ${role} call flow this export writes: the flow is written as an inbound call flow, and must be used as the ${role} flow it was designed as`, 'warning');
  if (flow.channel !== undefined && flow.channel !== 'voice') builder.note(undefined, `an Architect call flow answers calls: the design is for ${flow.channel === 'api' ? 'requests through the API' : 'messages'}`, 'warning');
  if ((flow.entries ?? []).length > 0) builder.note(undefined, `an Architect flow has one start: the other entry points (${flow.entries!.map((e) => `${e.channel} at ${JSON.stringify(e.start)}`).join(', ')}) need flows of their own`, 'warning');
  return role === 'outbound' ? 'outboundCall' : 'inboundCall';
}

/** The flow as an Architect document, built from the native model. */
export function buildArchitect(flow: Flow, environment: Environment | undefined, file: string): Built {
  const builder = new Builder(flow, environment, file);
  const type = flowType(flow, builder);
  const menus = flow.nodes.filter((node): node is NodeOfKind<'menu'> => node.kind === 'menu').map((node) => builder.menu(node));
  const tasks = flow.nodes.filter((node) => builder.startsTask(node)).map((node) => builder.task(node));
  const unwired = builder.unwiredTaskItem();
  if (unwired !== undefined) tasks.push(unwired);
  const locales = localesOf(flow);
  if (locales.length > 1) builder.note(undefined, `prompts are written in ${locales[0]} only: Architect speaks a flow's other languages (${locales.slice(1).join(', ')}) from prompts set up per language in Genesys Cloud`, 'warning');
  const variables = builder.variables.list();
  const body: Json = {
    name: flow.name,
    ...(flow.description === undefined ? {} : { description: flow.description }),
    startUpRef: builder.ref(flow.start),
    defaultLanguage: builder.language,
    supportedLanguages: { [builder.language]: { defaultLanguageSkill: { noValue: true } } },
    ...(variables.length === 0 ? {} : { variables }),
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
    ...(menus.length === 0 ? {} : { menus }),
    ...(tasks.length === 0 ? {} : { tasks })
  };
  return { document: { [type]: body }, notes: builder.notes, problems: builder.refs.problems, origins: builder.origins };
}
