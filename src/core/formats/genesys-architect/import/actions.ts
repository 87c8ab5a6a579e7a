/**
 * Task actions → native nodes. Architect runs a task's actions top to
 * bottom; a branching action's outputs hold actions of their own
 * (`outputs: {failure: {actions: […]}}`), and when an output's actions run
 * out, or the output is not listed (an empty path), the call goes on to the
 * action after the branching one. When a task's actions run out, Architect
 * disconnects (its built-in end). So every action's native outcomes are
 * wired to the first action of its output, else to the next action.
 *
 * A failure with no path of its own that runs into the task's built-in end
 * drops the call: it is left unwired, a dead end reported at the action.
 * Jumps (to a menu, a task, the end of the task, a loop's next pass or its
 * way out) are not steps of their own: whatever goes to one goes where it
 * jumps.
 */
import { escapeToken } from '../../../json/pointer.ts';
import type { ArchitectImport, Continuation, LoopScope, Outcomes, Scope, TaskBlock } from './context.ts';

/** The most actions Architect runs in one call of a flow before it takes the flow's error handling. */
const ACTION_BUDGET = 10_000;
import { audioText, computed, conditionOf, isObject, nameOf, numberOf, own, secondsOf, text, type Json } from './values.ts';

/** One action of a list: its type (the key of its one-key item), its settings, and the pointer of the settings. */
export interface Head {
  readonly type: string;
  readonly body: Json;
  readonly pointer: string;
}

/** An action item (`{playAudio: {…}}`) read, or undefined when it is not one. */
export function headOf(item: unknown, at: string): Head | undefined {
  if (!isObject(item)) return undefined;
  const keys = Object.keys(item);
  if (keys.length !== 1) return undefined;
  const type = keys[0]!;
  const body = item[type];
  return { type, body: isObject(body) ? body : {}, pointer: `${at}/${escapeToken(type)}` };
}

/**
 * The name of the disconnect Zero Out's export writes for an exit the design
 * left unwired (Architect has no unwired exit): read back, it is unwired
 * again, a dead end, not an ending the design chose.
 */
export const UNWIRED_ACTION = 'Unwired in the design';

/**
 * The participant data attribute in which Zero Out's export keeps a queue's
 * expected wait (Architect has no place for it), set just before the transfer.
 */
export const EXPECTED_WAIT_ATTRIBUTE = 'zeroOut.expectedWaitSeconds';

/** The expected wait a Set Participant Data just before a transfer gives, in seconds. */
function designedWait(item: unknown): number | undefined {
  const body = own(item, 'setParticipantData');
  const attributes = own(body, 'attributes');
  if (!Array.isArray(attributes)) return undefined;
  for (const entry of attributes) {
    const attribute = own(entry, 'attribute');
    if (text(own(own(attribute, 'name'), 'lit')) !== EXPECTED_WAIT_ATTRIBUTE) continue;
    const seconds = Number(text(own(own(attribute, 'value'), 'lit')));
    return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
  }
  return undefined;
}

/** Whether an action is the disconnect that stands for exits a design left unwired. */
function isUnwired(head: Head): boolean {
  return head.type === 'disconnect' && text(head.body['name']) === UNWIRED_ACTION;
}

/** Actions that go somewhere else rather than doing something: not steps of their own. */
const JUMPS: ReadonlySet<string> = new Set(['jumpToMenu', 'jumpToTask', 'jumpToReusableTask', 'endTask', 'exitLoop', 'loopExit', 'nextLoop', 'loopNext']);

/** Actions that only set data (variables, participant data, the language, …) and go on. */
const SETTERS: ReadonlySet<string> = new Set([
  'updateData',
  'setParticipantData',
  'getParticipantData',
  'setLanguage',
  'setUUIData',
  'setWrapupCode',
  'setScreenPop',
  'setExternalTag',
  'setWhisperAudio',
  'setConversationData',
  'setFlowOutcome',
  'initializeFlowOutcome',
  'endFlowOutcome',
  'addFlowMilestone',
  'setFlowMilestone',
  'enableParticipantRecord',
  'setCallbackData',
  'clearScreenPop',
  'decryptData',
  'encryptData'
]);

/** The outputs of the schedule checks, in the order their outcomes are listed. */
const SCHEDULE_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  evaluateScheduleGroup: ['open', 'closed', 'holiday', 'emergency'],
  evaluateSchedule: ['active', 'inactive']
};

/** Where the actions of one output go. */
interface Path {
  readonly target: string | undefined;
  /** Where the file wires the output (the action itself, for an output it does not list). */
  readonly pointer: string;
}

export class ActionReader {
  /** The item before the action being read, in its list. */
  private before: unknown;

  constructor(private readonly imp: ArchitectImport) {}

  /** The scope of a task's own actions. */
  taskScope(task: TaskBlock): Scope {
    return { owner: task.id, taskEnd: task.end, loops: [] };
  }

  /** Where a call that enters a task goes first. */
  taskEntry(task: TaskBlock): string | undefined {
    return this.entryOf(own(task.body, 'actions'), `${task.pointer}/actions`, 0, this.taskScope(task), task.end);
  }

  private label(head: Head): string {
    return text(own(head.body, 'name')) ?? head.type;
  }

  private idOf(head: Head, scope: Scope): string {
    return this.imp.idOf(head.pointer, `${scope.owner}/${this.label(head)}`);
  }

  /** The first action item from `index` on (items that are not actions are passed over). */
  private firstHead(list: unknown, at: string, index: number): { head: Head; index: number } | undefined {
    if (!Array.isArray(list)) return undefined;
    for (let i = index; i < list.length; i++) {
      const head = headOf(list[i], `${at}/${i}`);
      if (head !== undefined) return { head, index: i };
    }
    return undefined;
  }

  /**
   * Where a jump goes, through any jumps it lands on; undefined when it goes
   * nowhere this flow has, or round jumps that lead back (`visited`).
   */
  private follow(head: Head, scope: Scope, visited: Set<string>): { target: string | undefined } | undefined {
    const imp = this.imp;
    switch (head.type) {
      case 'jumpToMenu': {
        const menu = imp.menuByRef(own(head.body, 'targetMenuRef'));
        return menu === undefined ? undefined : { target: menu.id };
      }
      case 'jumpToTask':
      case 'jumpToReusableTask': {
        const task = imp.taskByRef(own(head.body, 'targetTaskRef'));
        if (task === undefined) return undefined;
        const first = this.firstHead(own(task.body, 'actions'), `${task.pointer}/actions`, 0);
        if (first === undefined) return { target: task.end.target };
        if (isUnwired(first.head)) return { target: undefined };
        if (!JUMPS.has(first.head.type)) return { target: this.idOf(first.head, this.taskScope(task)) };
        if (visited.has(first.head.pointer)) return undefined;
        visited.add(first.head.pointer);
        return this.follow(first.head, this.taskScope(task), visited);
      }
      case 'endTask':
        return { target: scope.taskEnd.target };
      case 'exitLoop':
      case 'loopExit': {
        const loop = scope.loops[scope.loops.length - 1];
        return loop === undefined ? undefined : { target: loop.exit.target };
      }
      case 'nextLoop':
      case 'loopNext': {
        const loop = scope.loops[scope.loops.length - 1];
        return loop === undefined ? undefined : { target: loop.head };
      }
      default:
        return undefined;
    }
  }

  /** Where a call that reaches item `index` of a list goes: its action's node, where a jump there leads, or past the list. */
  entryOf(list: unknown, at: string, index: number, scope: Scope, after: Continuation): string | undefined {
    const first = this.firstHead(list, at, index);
    if (first === undefined) return after.target;
    const { head } = first;
    if (isUnwired(head)) return undefined;
    if (JUMPS.has(head.type)) {
      const followed = this.follow(head, scope, new Set([head.pointer]));
      if (followed !== undefined) return followed.target;
    }
    return this.idOf(head, scope);
  }

  /** Makes the nodes of a list of actions; `after` is where the call goes when they run out. */
  list(list: unknown, at: string, scope: Scope, after: Continuation): void {
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) {
      this.imp.note(at, `"actions" should be a list of actions: ignored`);
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const head = headOf(list[i], `${at}/${i}`);
      if (head === undefined) {
        this.imp.note(`${at}/${i}`, 'an action is a mapping with one key, the action type: this item is not one, and is passed over');
        this.imp.keep(`${at}/${i}`, list[i]);
        continue;
      }
      const rest = this.firstHead(list, at, i + 1);
      const next: Continuation = { target: this.entryOf(list, at, i + 1, scope, after), end: rest === undefined ? after.end : false };
      this.before = i > 0 ? list[i - 1] : undefined;
      this.action(head, scope, next);
    }
  }

  /** The actions of output `name` made into nodes; where the output leads and where the file wires it. */
  private path(head: Head, scope: Scope, next: Continuation, name: string, failure: boolean): Path {
    const output = own(own(head.body, 'outputs'), name);
    if (output === undefined) return { target: failure && next.end ? undefined : next.target, pointer: head.pointer };
    const pointer = `${head.pointer}/outputs/${escapeToken(name)}`;
    const actions = own(output, 'actions');
    const at = `${pointer}/actions`;
    if (this.firstHead(actions, at, 0) === undefined) return { target: failure && next.end ? undefined : next.target, pointer };
    this.list(actions, at, scope, next);
    return { target: this.entryOf(actions, at, 0, scope, next), pointer };
  }

  /** Notes the outputs an action lists that its node has no outcome for (their actions are not read). */
  private unmodelledOutputs(head: Head, known: readonly string[]): void {
    const outputs = own(head.body, 'outputs');
    if (!isObject(outputs)) return;
    for (const name of Object.keys(outputs)) {
      if (!known.includes(name)) this.imp.keep(`${head.pointer}/outputs/${escapeToken(name)}`, outputs[name]);
      if (!known.includes(name)) this.imp.note(`${head.pointer}/outputs/${escapeToken(name)}`, `${head.type} has no output ${JSON.stringify(name)} that this tool knows: its actions are not read`, undefined);
    }
  }

  private node(head: Head, scope: Scope, outcomes: Outcomes, fields: Json, id = this.idOf(head, scope), slot?: number): string {
    const node = { ...this.imp.base(id, head.type, head.body, head.pointer, outcomes), ...fields };
    if (slot === undefined) this.imp.add(node);
    else this.imp.fill(slot, node);
    return id;
  }

  /** The node(s) of one action. */
  private action(head: Head, scope: Scope, next: Continuation): void {
    const imp = this.imp;
    const { type, body } = head;
    if (JUMPS.has(type)) {
      this.jump(head, scope);
      return;
    }
    const id = this.idOf(head, scope);
    // The node's place in document order, before the nodes of its outputs.
    const slot = imp.reserve();
    const outcomes: Outcomes = {};
    const failure = (): Path => this.path(head, scope, next, 'failure', true);
    switch (type) {
      case 'playAudio':
        this.node(head, scope, outcomes, prompt(audioText(body['audio']), next), id, slot);
        return;
      case 'holdMusic': {
        const music = nameOf(body['prompt']) ?? text(own(body['prompt'], 'prompt'));
        this.node(head, scope, outcomes, prompt(music === undefined ? '[hold music]' : `[hold music: ${music}]`, next), id, slot);
        return;
      }
      case 'playEstimatedWaitTime':
        this.node(head, scope, outcomes, prompt('[the estimated wait time]', next), id, slot);
        return;
      case 'playPositionInQueue':
        this.node(head, scope, outcomes, prompt('[the position in queue]', next), id, slot);
        return;
      case 'disconnect':
        if (isUnwired(head)) {
          // Zero Out's export writes the exits a design left unwired to it (Architect wires every exit): no step, whatever goes to it is unwired.
          imp.fill(slot, undefined);
          imp.keep(head.pointer, body);
          imp.note(head.pointer, 'this disconnect stands for the exits the design left unwired: whatever goes to it is read as unwired (a dead end)');
          return;
        }
        this.node(head, scope, outcomes, { kind: 'hangup' }, id, slot);
        return;
      case 'transferToAcd': {
        const path = failure();
        const overflow = imp.outcome(outcomes, 'overflow', 'failure', path.pointer, path.target);
        const said = audioText(body['preTransferAudio']);
        const wait = designedWait(this.before);
        this.node(head, scope, outcomes, { kind: 'queue', queue: nameOf(body['targetQueue']) ?? 'the queue', ...(said === undefined ? {} : { prompt: said }), ...(wait === undefined ? {} : { expectedWaitSeconds: wait }), ...(overflow === undefined ? {} : { overflow }) }, id, slot);
        this.unmodelledOutputs(head, ['failure']);
        return;
      }
      case 'transferToVoicemail': {
        const path = failure();
        const failed = imp.outcome(outcomes, 'failed', 'failure', path.pointer, path.target);
        this.node(head, scope, outcomes, voicemail(body, failed), id, slot);
        this.unmodelledOutputs(head, ['failure']);
        return;
      }
      case 'transferToNumber':
      case 'transferToUser':
      case 'transferToGroup': {
        const path = failure();
        const failed = imp.outcome(outcomes, 'failed', 'failure', path.pointer, path.target);
        this.node(head, scope, outcomes, transfer(type, body, failed), id, slot);
        this.unmodelledOutputs(head, ['failure']);
        return;
      }
      case 'transferToFlow':
      case 'transferToFlowSecure':
      case 'transferToSecureFlow': {
        const path = failure();
        const back = imp.outcome(outcomes, 'next', 'failure', path.pointer, path.target);
        imp.note(head.pointer, `${type} does not come back: the native sub-flow's "next" is its failure path, taken when the transfer fails`, id);
        this.node(head, scope, outcomes, { kind: 'subflow', flow: nameOf(body['targetFlow']) ?? nameOf(body['targetFlowName']) ?? 'another flow', ...(back === undefined ? {} : { next: back }) }, id, slot);
        this.unmodelledOutputs(head, ['failure']);
        return;
      }
      case 'createCallback': {
        const queue = nameOf(body['callbackQueue']) ?? nameOf(body['targetQueue']) ?? nameOf(body['queue']) ?? 'the callback queue';
        const number = nameOf(body['callbackNumber']);
        this.node(head, scope, outcomes, { kind: 'callback', queue, ...(number === undefined ? {} : { numberVariable: number }), ...(next.target === undefined ? {} : { scheduled: next.target }) }, id, slot);
        return;
      }
      case 'decision': {
        const condition = body['condition'];
        const expression = text(own(condition, 'exp')) ?? text(own(condition, 'var')) ?? text(own(condition, 'lit')) ?? 'condition';
        const yes = this.path(head, scope, next, 'yes', false);
        const no = this.path(head, scope, next, 'no', false);
        const y = imp.outcome(outcomes, 'yes', 'yes', yes.pointer, yes.target);
        const n = imp.outcome(outcomes, 'otherwise', 'no', no.pointer, no.target);
        this.node(head, scope, outcomes, { kind: 'branch', cases: [{ label: 'yes', when: conditionOf(expression), ...(y === undefined ? {} : { next: y }) }], ...(n === undefined ? {} : { otherwise: n }) }, id, slot);
        this.unmodelledOutputs(head, ['yes', 'no']);
        return;
      }
      case 'switch':
        this.switchAction(head, scope, next, outcomes, id, slot);
        return;
      case 'loop':
        this.loop(head, scope, next, outcomes, id, slot);
        return;
      case 'evaluateScheduleGroup':
      case 'evaluateSchedule':
        this.schedule(head, scope, next, outcomes, id, slot);
        return;
      case 'collectInput': {
        const success = this.path(head, scope, next, 'success', false);
        const failed = failure();
        const n = imp.outcome(outcomes, 'next', 'success', success.pointer, success.target);
        const ni = imp.outcome(outcomes, 'noInput', 'failure', failed.pointer, failed.target);
        const iv = imp.outcome(outcomes, 'invalid', 'failure', failed.pointer, failed.target);
        this.node(head, scope, outcomes, { ...collect(body, imp.collectTimeout()), ...(n === undefined ? {} : { next: n }), ...(ni === undefined ? {} : { noInput: ni }), ...(iv === undefined ? {} : { invalid: iv }) }, id, slot);
        this.unmodelledOutputs(head, ['success', 'failure']);
        return;
      }
      case 'callData':
      case 'dataTableLookup':
        this.lookup(head, scope, next, outcomes, id, slot);
        return;
      default:
        break;
    }
    if (SETTERS.has(type) && own(body, 'outputs') === undefined) {
      const assign = assignments(body);
      const increment = increments(body);
      this.node(head, scope, outcomes, { kind: 'set', ...(assign === undefined ? {} : { assign }), ...(increment.length === 0 ? {} : { increment }), ...(next.target === undefined ? {} : { next: next.target }) }, id, slot);
      return;
    }
    if (type === 'previousMenu' || type === 'jumpToPreviousMenu') {
      // Where it goes is known once every node is: the menus that lead here (import/index.ts).
      this.node(head, scope, outcomes, { kind: 'opaque', vendorType: type, outcomes: [{ name: 'previous menu' }] }, id, slot);
      return;
    }
    // Not modelled: a step with an outcome per output it lists, and one for going on.
    const list: { name: string; next?: string }[] = [];
    const outputs = own(body, 'outputs');
    for (const name of isObject(outputs) ? Object.keys(outputs) : []) {
      const path = this.path(head, scope, next, name, false);
      const target = imp.outcome(outcomes, name, name, path.pointer, path.target);
      list.push({ name, ...(target === undefined ? {} : { next: target }) });
    }
    if (!list.some((o) => o.name === 'next')) {
      imp.outcome(outcomes, 'next', 'next', head.pointer, next.target);
      list.push({ name: 'next', ...(next.target === undefined ? {} : { next: next.target }) });
    }
    imp.note(head.pointer, `${type} is not modelled: kept as a step with ${list.length === 1 ? 'one way on, to the next action' : `its outputs (${list.slice(0, -1).map((o) => o.name).join(', ')}) and the next action as outcomes`}`, id);
    this.node(head, scope, outcomes, { kind: 'opaque', vendorType: type, outcomes: list }, id, slot);
  }

  /** A jump that cannot be followed: a step of its own, unwired when it goes nowhere this flow has. */
  private jump(head: Head, scope: Scope): void {
    const imp = this.imp;
    if (this.follow(head, scope, new Set([head.pointer])) !== undefined) {
      // Not a node: kept as it came, for writing the file back.
      imp.keep(head.pointer, head.body);
      return;
    }
    const id = this.idOf(head, scope);
    const outcomes: Outcomes = {};
    // Round jumps that lead back to it: each is a step, so the loop shows (Architect ends it after 10,000 actions).
    const task = head.type === 'jumpToTask' || head.type === 'jumpToReusableTask' ? imp.taskByRef(own(head.body, 'targetTaskRef')) : undefined;
    if (task !== undefined) {
      // Architect runs at most 10,000 actions per call, then takes the flow's error handling.
      const target = imp.outcome(outcomes, 'targetTaskRef', 'targetTaskRef', `${head.pointer}/targetTaskRef`, this.taskEntry(task));
      const handled = imp.outcome(outcomes, 'errorHandling', 'errorHandling', head.pointer, imp.errorTarget((t) => this.taskEntry(t)));
      this.node(
        head,
        scope,
        outcomes,
        {
          kind: 'opaque',
          vendorType: head.type,
          outcomes: [
            { name: 'targetTaskRef', ...(target === undefined ? {} : { next: target }) },
            { name: 'errorHandling', ...(handled === undefined ? {} : { next: handled }), means: 'failure' }
          ]
        },
        id
      );
      imp.note(head.pointer, 'this jump leads round jumps back to itself with no action between: Architect runs into its limit of 10,000 actions and takes the flow\'s error handling', id, 'warning');
      return;
    }
    const field = head.type === 'jumpToMenu' ? 'targetMenuRef' : head.type.startsWith('jumpTo') ? 'targetTaskRef' : head.type;
    const reference = text(own(head.body, field));
    const why =
      head.type === 'jumpToMenu' || head.type.startsWith('jumpTo')
        ? `${field} ${reference === undefined ? 'is not set' : `${JSON.stringify(reference)} is no ${head.type === 'jumpToMenu' ? 'menu' : 'task'} of this flow`}`
        : `${head.type} is not inside a loop`;
    imp.note(head.pointer, `${why}: the jump goes nowhere, and is kept as a step with no way on`, id, 'warning');
    imp.outcome(outcomes, field, field, head.pointer, undefined);
    this.node(head, scope, outcomes, { kind: 'opaque', vendorType: head.type, outcomes: [{ name: field }] }, id);
  }

  /** Switch: a branch with a case per case (the first that holds wins), the default where none holds. */
  private switchAction(head: Head, scope: Scope, next: Continuation, outcomes: Outcomes, id: string, slot: number): void {
    const imp = this.imp;
    const evaluate = own(head.body, 'evaluate');
    const mode = own(evaluate, 'firstTrue') ?? own(evaluate, 'firstMatch') ?? evaluate ?? head.body;
    const modeKey = own(evaluate, 'firstTrue') !== undefined ? 'firstTrue' : own(evaluate, 'firstMatch') !== undefined ? 'firstMatch' : undefined;
    const base = evaluate === undefined ? head.pointer : modeKey === undefined ? `${head.pointer}/evaluate` : `${head.pointer}/evaluate/${modeKey}`;
    const cases = own(mode, 'cases');
    const list = Array.isArray(cases) ? cases : [];
    if (list.length === 0) imp.note(head.pointer, 'switch: no cases found (evaluate.firstTrue.cases): read as going on to the default', id);
    const built: Json[] = [];
    list.forEach((item, index) => {
      const at = `${base}/cases/${index}`;
      const theCase = own(item, 'case') ?? item;
      const caseAt = own(item, 'case') !== undefined ? `${at}/case` : at;
      const value = own(theCase, 'value');
      const expression = text(own(value, 'exp')) ?? text(own(value, 'var')) ?? text(own(value, 'lit')) ?? `case ${index + 1}`;
      const actions = own(theCase, 'actions');
      let target = next.target;
      if (this.firstHead(actions, `${caseAt}/actions`, 0) !== undefined) {
        this.list(actions, `${caseAt}/actions`, scope, next);
        target = this.entryOf(actions, `${caseAt}/actions`, 0, scope, next);
      }
      const label = `case ${index + 1}`;
      imp.outcome(outcomes, label, label, caseAt, target);
      built.push({ label, when: conditionOf(expression), ...(target === undefined ? {} : { next: target }) });
    });
    const fallback = own(own(mode, 'default'), 'actions') !== undefined ? { list: own(own(mode, 'default'), 'actions'), at: `${base}/default` } : undefined;
    let otherwise: Path;
    if (fallback !== undefined && this.firstHead(fallback.list, `${fallback.at}/actions`, 0) !== undefined) {
      this.list(fallback.list, `${fallback.at}/actions`, scope, next);
      otherwise = { target: this.entryOf(fallback.list, `${fallback.at}/actions`, 0, scope, next), pointer: fallback.at };
    } else {
      otherwise = this.path(head, scope, next, 'default', false);
    }
    const o = imp.outcome(outcomes, 'otherwise', 'default', otherwise.pointer, otherwise.target);
    this.node(head, scope, outcomes, { kind: 'branch', cases: built, ...(o === undefined ? {} : { otherwise: o }) }, id, slot);
    this.unmodelledOutputs(head, ['default']);
  }

  /**
   * Loop: a `set` that counts the passes (the action's own node) and a
   * `branch` on the count, which the analysis reads as a retry limit; the
   * loop's actions go back to the count when they run out.
   */
  private loop(head: Head, scope: Scope, next: Continuation, outcomes: Outcomes, id: string, slot: number): void {
    const imp = this.imp;
    let count = numberOf(head.body['loopCount']);
    if (count === undefined || count < 0) {
      imp.note(`${head.pointer}/loopCount`, 'the loop count is not a literal number: read as 1 pass', id);
      count = 1;
    }
    const counter = `Loop.${id}`;
    const checkId = imp.uniqueId(`${id}:loopCount`);
    const checkSlot = imp.reserve();
    const loopScope: LoopScope = { head: id, exit: next };
    const inner: Scope = { ...scope, loops: [...scope.loops, loopScope] };
    const back: Continuation = { target: id, end: false };
    const output = own(own(head.body, 'outputs'), 'loop');
    const actions = output !== undefined ? own(output, 'actions') : own(head.body, 'actions');
    const at = output !== undefined ? `${head.pointer}/outputs/loop/actions` : `${head.pointer}/actions`;
    this.list(actions, at, inner, back);
    // Each pass runs the loop action and its actions; past 10,000 actions a call, Architect stops and takes the error handling.
    const perPass = 1 + (Array.isArray(actions) ? actions.length : 0);
    if (count * perPass > ACTION_BUDGET) {
      imp.note(
        `${head.pointer}/loopCount`,
        `this loop can run ${count.toLocaleString('en-US')} passes of ${perPass} actions, past Architect's limit of ${ACTION_BUDGET.toLocaleString('en-US')} actions a call: the call is stopped there and takes the flow's error handling`,
        id,
        'warning'
      );
    }
    const body = this.entryOf(actions, at, 0, inner, back);
    this.node(head, scope, outcomes, { kind: 'set', increment: [counter], next: checkId }, id, slot);
    const checks: Outcomes = {};
    const more = imp.outcome(checks, 'loop', 'loop', output !== undefined ? `${head.pointer}/outputs/loop` : head.pointer, body);
    const done = imp.outcome(checks, 'otherwise', 'loopCount', `${head.pointer}/loopCount`, next.target);
    imp.fill(checkSlot, {
      ...imp.base(checkId, 'loop', {}, head.pointer, checks, `Loop ${count} times`),
      meta: { loopOf: id },
      kind: 'branch',
      cases: [{ label: 'loop', when: { var: counter, op: 'le', value: count }, ...(more === undefined ? {} : { next: more }) }],
      ...(done === undefined ? {} : { otherwise: done })
    });
    this.unmodelledOutputs(head, ['loop']);
  }

  /**
   * Evaluate Schedule Group (open, closed, holiday, emergency) and Evaluate
   * Schedule (active, inactive): the schedules are set up in Genesys Cloud,
   * not in the flow, so the step is kept with Architect's outputs as
   * outcomes. A schedule given by an expression or a variable may be
   * NOT_SET when the flow runs, which sends the call to the flow's error
   * handling.
   */
  private schedule(head: Head, scope: Scope, next: Continuation, outcomes: Outcomes, id: string, slot: number): void {
    const imp = this.imp;
    const names = [...(SCHEDULE_OUTPUTS[head.type] ?? [])];
    const outputs = own(head.body, 'outputs');
    for (const name of isObject(outputs) ? Object.keys(outputs) : []) if (!names.includes(name)) names.push(name);
    const list: { name: string; next?: string; means?: 'failure' }[] = [];
    for (const name of names) {
      const path = this.path(head, scope, next, name, false);
      const target = imp.outcome(outcomes, name, name, path.pointer, path.target);
      list.push({ name, ...(target === undefined ? {} : { next: target }) });
    }
    const group = head.type === 'evaluateScheduleGroup' ? 'scheduleGroup' : 'schedule';
    const when = own(head.body, 'evaluate');
    const variable = computed(head.body[group]) || (when !== undefined && own(when, 'now') !== true);
    if (variable) {
      const target = imp.errorTarget((task) => this.taskEntry(task));
      imp.outcome(outcomes, 'errorHandling', 'errorHandling', head.pointer, target);
      list.push({ name: 'errorHandling', ...(target === undefined ? {} : { next: target }), means: 'failure' });
      imp.note(`${head.pointer}/${group}`, `the ${group === 'schedule' ? 'schedule' : 'schedule group'} (or the time) is computed when the call runs: when it is NOT_SET the call goes to the flow's error handling`, id);
    }
    imp.note(head.pointer, `the ${group === 'schedule' ? 'schedule' : 'schedule group'} ${JSON.stringify(nameOf(head.body[group]) ?? '')} is set up in Genesys Cloud, not in the flow: kept as a step with the outcomes ${names.join(', ')}`, id);
    this.node(head, scope, outcomes, { kind: 'opaque', vendorType: head.type, outcomes: list }, id, slot);
  }

  /**
   * Call Data Action (success, failure, timeout) and Data Table Lookup
   * (found, notFound, failure): a lookup whose success is success or found.
   * The rest share the lookup's failure; when they go different ways, the
   * failure leads to an added step (`<id>:errors`) with one outcome each.
   */
  private lookup(head: Head, scope: Scope, next: Continuation, outcomes: Outcomes, id: string, slot: number): void {
    const imp = this.imp;
    const table = head.type === 'dataTableLookup';
    const success = this.path(head, scope, next, table ? 'found' : 'success', false);
    const others = (table ? [['notFound', false], ['failure', true]] : [['failure', true], ['timeout', true]]) as [string, boolean][];
    const paths = others.map(([name, failed]) => ({ name, ...this.path(head, scope, next, name, failed) }));
    const s = imp.outcome(outcomes, 'success', table ? 'found' : 'success', success.pointer, success.target);
    let failure: string | undefined;
    if (paths[0]!.target === paths[1]!.target) {
      const listed = paths.find((p) => p.pointer !== head.pointer) ?? paths[table ? 1 : 0]!;
      failure = imp.outcome(outcomes, 'failure', paths.map((p) => p.name).join(' or '), listed.pointer, listed.target);
    } else {
      const stepId = imp.uniqueId(`${id}:errors`);
      const stepOutcomes: Outcomes = {};
      for (const p of paths) imp.outcome(stepOutcomes, p.name, p.name, p.pointer, p.target);
      imp.outcome(outcomes, 'failure', paths.map((p) => p.name).join(' or '), head.pointer, stepId);
      failure = stepId;
      imp.add({
        id: stepId,
        name: `${text(head.body['name']) ?? head.type}: ${paths.map((p) => p.name).join(' or ')}`,
        meta: { errorsOf: id },
        source: { type: head.type, pointer: head.pointer, outcomes: stepOutcomes },
        kind: 'opaque',
        vendorType: head.type,
        outcomes: paths.map((p) => ({ name: p.name, ...(p.target === undefined ? {} : { next: p.target }), ...(p.name === 'notFound' ? {} : { means: 'failure' as const }) }))
      });
      imp.note(head.pointer, `the native lookup has one way out for ${paths.map((p) => `"${p.name}"`).join(' and ')}: they go through the added step ${JSON.stringify(stepId)}`, id);
    }
    const service = table ? dataTableName(head.body) : dataActionName(head.body);
    const outputs = table ? [] : successOutputs(head.body);
    this.node(
      head,
      scope,
      outcomes,
      {
        kind: 'lookup',
        service: service ?? head.type,
        ...(outputs.length === 0 ? {} : { outputs }),
        ...(s === undefined ? {} : { success: s }),
        ...(failure === undefined ? {} : { failure })
      },
      id,
      slot
    );
    this.unmodelledOutputs(head, table ? ['found', 'notFound', 'failure'] : ['success', 'failure', 'timeout']);
  }
}

function prompt(said: string | undefined, next: Continuation): Json {
  return { kind: 'prompt', prompt: said ?? '', ...(next.target === undefined ? {} : { next: next.target }) };
}

/** A Transfer to Voicemail as a native voicemail node (its mailbox: the queue, user or group it names). */
export function voicemail(body: Json, failed: string | undefined): Json {
  const destination = body['destination'];
  const [kind, target] = isObject(destination) && Object.keys(destination).length > 0 ? Object.entries(destination)[0]! : ['queue', undefined];
  const mailbox = nameOf(own(target, 'targetQueue')) ?? nameOf(own(target, 'targetUser')) ?? nameOf(own(target, 'targetGroup')) ?? nameOf(own(target, 'target')) ?? `the ${kind} voicemail`;
  const greeting = audioText(own(target, 'voicemailGreeting')) ?? audioText(body['voicemailGreeting']);
  return { kind: 'voicemail', mailbox, ...(greeting === undefined ? {} : { prompt: greeting }), ...(failed === undefined ? {} : { failed }) };
}

/** A Transfer to Number, User or Group as a native transfer that reaches a person. */
export function transfer(type: string, body: Json, failed: string | undefined): Json {
  const field = type === 'transferToNumber' ? 'targetNumber' : type === 'transferToUser' ? 'targetUser' : 'targetGroup';
  const said = audioText(body['preTransferAudio']);
  const number = nameOf(body[field]) ?? (type === 'transferToNumber' ? 'an external number' : type === 'transferToUser' ? 'a user' : 'a group');
  return { kind: 'transfer', number, reachesPerson: true, ...(said === undefined ? {} : { prompt: said }), ...(failed === undefined ? {} : { failed }) };
}

/** Collect Input's native fields: the variable, the prompt, the digits it takes and its no-entry timeout. */
function collect(body: Json, defaultTimeout: number): Json {
  const input = body['inputData'];
  const variable = text(own(input, 'var')) ?? nameOf(input) ?? 'Task.input';
  const digits = body['digits'];
  const exact = typeof own(digits, 'exact') === 'number' ? (own(digits, 'exact') as number) : undefined;
  const range = own(digits, 'range');
  const min = exact ?? (typeof own(range, 'min') === 'number' ? (own(range, 'min') as number) : undefined);
  const max = exact ?? (typeof own(range, 'max') === 'number' ? (own(range, 'max') as number) : undefined);
  const timeout = secondsOf(body['noEntryTimeout']) ?? defaultTimeout;
  return {
    kind: 'input',
    prompt: audioText(body['inputAudio']) ?? '',
    variable,
    timeoutSeconds: timeout,
    ...(min !== undefined && Number.isInteger(min) && min >= 0 ? { minDigits: min } : {}),
    ...(max !== undefined && Number.isInteger(max) && max >= 1 ? { maxDigits: max } : {})
  };
}

/** Update Data's literal assignments (`- string: {variable: Flow.x, value: {lit: "y"}}`), as a set node's `assign`. */
function assignments(body: Json): Record<string, string | number | boolean> | undefined {
  const statements = body['statements'];
  if (!Array.isArray(statements)) return undefined;
  const assign: Record<string, string | number | boolean> = {};
  let any = false;
  for (const statement of statements) {
    if (!isObject(statement) || Object.keys(statement).length !== 1) continue;
    const inner = Object.values(statement)[0];
    const variable = text(own(inner, 'variable'));
    const lit = own(own(inner, 'value'), 'lit');
    if (variable === undefined || variable === '__proto__') continue;
    if (typeof lit === 'string' || typeof lit === 'boolean' || (typeof lit === 'number' && Number.isFinite(lit))) {
      Object.defineProperty(assign, variable, { value: lit, enumerable: true, writable: true, configurable: true });
      any = true;
    }
  }
  return any ? assign : undefined;
}

/** The variables Update Data adds one to (`value: {exp: "Flow.x + 1"}`, or `If(IsNotSetOrEmpty(Flow.x), 1, Flow.x + 1)`, as Zero Out's export writes a counter). */
function increments(body: Json): string[] {
  const statements = body['statements'];
  if (!Array.isArray(statements)) return [];
  const found: string[] = [];
  for (const statement of statements) {
    if (!isObject(statement) || Object.keys(statement).length !== 1) continue;
    const inner = Object.values(statement)[0];
    const variable = text(own(inner, 'variable'));
    const expression = text(own(own(inner, 'value'), 'exp'))?.replace(/\s+/g, '');
    if (variable === undefined || expression === undefined) continue;
    const bare = variable.replace(/\s+/g, '');
    if (expression === `${bare}+1` || expression === `If(IsNotSetOrEmpty(${bare}),1,${bare}+1)`) found.push(variable);
  }
  return found;
}

/** A Call Data Action's data action: `<category>/<action>` (`category: {<category>: {dataAction: {<action>: …}}}`). */
function dataActionName(body: Json): string | undefined {
  const category = body['category'];
  if (!isObject(category)) return undefined;
  const [name, inner] = Object.entries(category)[0] ?? [];
  const action = own(inner, 'dataAction');
  const actionName = isObject(action) ? Object.keys(action)[0] : undefined;
  return name === undefined ? undefined : actionName === undefined ? name : `${name}/${actionName}`;
}

/** The variables a Call Data Action sets on success. */
function successOutputs(body: Json): string[] {
  const category = body['category'];
  const inner = isObject(category) ? Object.values(category)[0] : undefined;
  const action = own(inner, 'dataAction');
  const settings = isObject(action) ? Object.values(action)[0] : undefined;
  const outputs = own(settings, 'successOutputs');
  if (!isObject(outputs)) return [];
  return Object.values(outputs).flatMap((value) => {
    const variable = text(own(value, 'var'));
    return variable === undefined ? [] : [variable];
  });
}

/** A Data Table Lookup's table: the key of `dataTable`. */
function dataTableName(body: Json): string | undefined {
  const table = body['dataTable'];
  const name = isObject(table) ? Object.keys(table)[0] : text(table);
  return name === undefined ? undefined : `data table ${name}`;
}
