/**
 * The fast engine: the flow's compiled machine config (the same one XState
 * runs) turned into tables of states, with transitions as arrays and actions
 * as small functions over one mutable context. A call is a loop over those
 * tables, with no actor, no snapshots, no transcript. The guards are the
 * machine's own; the actions do what the machine's do, less the transcript.
 * A differential test runs both on every example flow and requires the same
 * route and ending for every call.
 */
import { compile, type ActionRef, type CallResult, type CompileOptions, type FlowMachineConfig, type StateConfig, type TransitionConfig } from '../compile/compile.ts';
import { completedEntry, entryIsValid, GUARDS, initialContext, type CallInput, type CallerEvent, type EntrySpec } from '../compile/machine.ts';
import { isOpenAt } from '../model/hours.ts';
import { DIGIT_SECONDS } from '../analysis/timing.ts';
import { promptText, speechSeconds } from '../model/prompt.ts';
import type { CallContext } from '../compile/compile.ts';
import type { Flow, NodeOfKind, Prompt, Scalar } from '../model/types.ts';

/** Where the world's decisions come from as a call goes: the node and its visit (1-based). */
export interface WorldSource {
  world(node: string, visit: number): string | undefined;
}
type World = WorldSource | null;

/** One call's state, mutable, with a fixed shape (the machine's context, less the transcript). */
class Context {
  elapsed = 0;
  waited = 0;
  node: string | null = null;
  readonly route: string[] = [];
  steps = 0;
  variables: Record<string, unknown>;
  readonly retries = new Map<string, number>();
  readonly visits = new Map<string, number>();
  buffer = '';
  ending: CallContext['ending'] = null;
  helped: CallContext['helped'] = null;
  result: CallResult | null = null;

  constructor(
    readonly locale: string,
    readonly defaultLocale: string,
    readonly wordsPerMinute: number,
    readonly startedAt: number,
    readonly stepLimit: number,
    variables: Readonly<Record<string, unknown>>,
    /** The machine's environment outcomes, for a call without a world to ask. */
    readonly outcomes: CallContext['outcomes'],
    /** Where the world's decisions come from as the call goes: the node and its visit (1-based). */
    readonly world: World
  ) {
    this.variables = { ...variables };
  }
}

type Action = (context: Context, event: CallerEvent | null) => void;
type Guard = (context: Context, event: CallerEvent | null) => boolean;

interface Transition {
  readonly guard: Guard | null;
  readonly actions: readonly Action[];
  /** Index of the target state, or -1 for a transition without one. */
  readonly target: number;
}

interface State {
  readonly entry: readonly Action[];
  readonly always: readonly Transition[];
  readonly on: Readonly<Record<string, readonly Transition[]>>;
  /** For a final state: the ending it stands for. */
  readonly final: CallResult['outcome'] | null;
}

const round = (seconds: number): number => Math.round(seconds * 100) / 100;

const own = (record: object, key: string): boolean => Object.hasOwn(record, key);

function setKey<T>(record: Record<string, T>, key: string, value: T): void {
  // Only a key named __proto__ needs defining: plain assignment would set the prototype.
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** Seconds a prompt takes to say in a call's locale, worked out once per locale and rate. */
function spokenSeconds(prompt: Prompt | undefined): (c: Context) => number {
  if (prompt === undefined) return () => 0;
  // Calls almost always share one locale and rate: the last answer is kept.
  let locale = '';
  let defaultLocale = '';
  let rate = -1;
  let last = 0;
  return (c) => {
    if (c.locale !== locale || c.defaultLocale !== defaultLocale || c.wordsPerMinute !== rate) {
      locale = c.locale;
      defaultLocale = c.defaultLocale;
      rate = c.wordsPerMinute;
      const text = promptText(prompt, locale, defaultLocale);
      last = text !== undefined && text !== '' ? speechSeconds(text, rate) : 0;
    }
    return last;
  };
}

function action(ref: ActionRef): Action | null {
  const p = (ref.params ?? {}) as Record<string, unknown>;
  switch (ref.type) {
    case 'enter': {
      const node = p['node'] as string;
      const prompt = p['prompt'] as Prompt | undefined;
      const seconds = typeof p['seconds'] === 'number' ? p['seconds'] : 0;
      const speech = spokenSeconds(prompt);
      return (c) => {
        c.visits.set(node, (c.visits.get(node) ?? 0) + 1);
        c.elapsed += speech(c);
        c.elapsed += seconds;
        c.node = node;
        c.buffer = '';
        c.steps += 1;
        c.route.push(node);
      };
    }
    case 'callerEvent':
    case 'outcome':
      // Transcript lines: an engine without a transcript has nothing to do.
      return null;
    case 'choose': {
      const node = p['node'] as string;
      const seconds = p['seconds'] as number;
      return (c) => {
        c.elapsed += seconds;
        c.retries.set(node, 0);
      };
    }
    case 'retry': {
      const node = p['node'] as string;
      const seconds = p['seconds'] as number;
      const reprompt = p['reprompt'] as Prompt | undefined;
      const speech = spokenSeconds(reprompt);
      return (c) => {
        c.elapsed += seconds;
        c.elapsed += speech(c);
        c.buffer = '';
        c.retries.set(node, (c.retries.get(node) ?? 0) + 1);
      };
    }
    case 'giveUp': {
      const node = p['node'] as string;
      const seconds = p['seconds'] as number;
      return (c) => {
        c.elapsed += seconds;
        c.buffer = '';
        c.retries.set(node, 0);
      };
    }
    case 'appendDigit':
      return (c, e) => {
        if (e?.type === 'KEY') c.buffer += e.key;
        c.elapsed += DIGIT_SECONDS;
      };
    case 'store': {
      const spec = p as unknown as EntrySpec & { node: string; variable: string; seconds: number; secondsPerDigit: number };
      return (c, e) => {
        const digits = (e === null ? null : completedEntry(c, e, spec)) ?? '';
        setKey(c.variables, spec.variable, digits);
        c.buffer = '';
        c.retries.set(spec.node, 0);
        c.elapsed += spec.seconds + (e?.type === 'SPEECH' ? digits.length * spec.secondsPerDigit : 0);
      };
    }
    case 'assignVariables': {
      const assign = p['assign'] as Record<string, Scalar>;
      const increment = p['increment'] as string[];
      return (c) => {
        for (const [name, value] of Object.entries(assign)) setKey(c.variables, name, value);
        for (const name of increment) {
          const current = Number(own(c.variables, name) ? c.variables[name] : 0);
          setKey(c.variables, name, (Number.isFinite(current) ? current : 0) + 1);
        }
      };
    }
    case 'wait': {
      const seconds = p['seconds'] as number;
      return (c) => {
        c.waited += seconds;
      };
    }
    case 'end': {
      const node = p['node'] as string | undefined;
      const reason = p['reason'] as string | undefined;
      return (c) => {
        c.ending = { node: node ?? c.node, ...(reason === undefined ? {} : { reason }) };
      };
    }
    case 'helped': {
      const outcome = p['outcome'] as NonNullable<CallContext['helped']>;
      return (c) => {
        if (c.helped === null) c.helped = outcome;
      };
    }
    case 'finish': {
      const ended = p['outcome'] as CallResult['outcome'];
      const failed = ended === 'dropped' || ended === 'trapped' || ended === 'abandoned';
      return (c) => {
        const outcome = c.helped ?? ended;
        const result: { -readonly [K in keyof CallResult]: CallResult[K] } = {
          outcome,
          node: c.ending?.node ?? c.node,
          seconds: round(c.elapsed),
          waitSeconds: round(c.waited),
          route: c.route,
          variables: c.variables
        };
        if (outcome !== ended) result.ended = ended;
        if (failed) result.reason = c.ending?.reason ?? ended;
        c.result = result;
      };
    }
    default:
      throw new Error(`the engine has no action ${JSON.stringify(ref.type)}`);
  }
}

/** The outcome the machine's environment gives a node on its current visit, as the machine reads it. */
function environmentOutcome(c: Context, node: string): string | undefined {
  const visit = c.visits.get(node) ?? 1;
  if (c.world !== null) {
    const decided = c.world.world(node, visit);
    if (decided !== undefined) return decided;
  }
  if (!own(c.outcomes, node)) return undefined;
  const chosen = c.outcomes[node]!;
  if (typeof chosen === 'string') return chosen;
  if (chosen.length === 0) return undefined;
  return chosen[Math.min(visit, chosen.length) - 1];
}

function guard(ref: ActionRef | undefined): Guard | null {
  if (ref === undefined) return null;
  const params = (ref.params ?? {}) as Record<string, unknown>;
  // Guards that read retries, visits or the environment, over this engine's maps; the rest are the machine's own.
  switch (ref.type) {
    case 'outcomeIs': {
      const node = params['node'] as string;
      const wanted = params['outcome'] as string;
      return (c) => environmentOutcome(c, node) === wanted;
    }
    case 'isOpen': {
      const node = params['node'] as string;
      return (c) => {
        const forced = environmentOutcome(c, node);
        if (forced !== undefined) return forced === 'open';
        return isOpenAt(params as unknown as NodeOfKind<'hours'>, new Date(c.startedAt + c.elapsed * 1000));
      };
    }
    case 'retriesExhausted': {
      const node = params['node'] as string;
      const max = params['maxRetries'] as number;
      return (c) => (c.retries.get(node) ?? 0) >= max;
    }
    case 'entry': {
      const spec = params as unknown as EntrySpec & { node: string; result: 'valid' | 'invalid'; exhausted?: boolean; maxRetries?: number };
      return (c, e) => {
        if (e === null) return false;
        const digits = completedEntry(c, e, spec);
        if (digits === null) return false;
        if (spec.result === 'valid') return entryIsValid(digits, spec);
        if (entryIsValid(digits, spec)) return false;
        if (spec.maxRetries === undefined) return !spec.exhausted;
        return spec.exhausted === (c.retries.get(spec.node) ?? 0) >= spec.maxRetries;
      };
    }
    case 'overStepLimit':
      return (c) => c.steps > c.stepLimit;
    default: {
      const implementation = GUARDS[ref.type];
      if (implementation === undefined) throw new Error(`the engine has no guard ${JSON.stringify(ref.type)}`);
      return (c, e) => implementation({ context: c as unknown as CallContext, event: (e ?? { type: 'NO_EVENT' }) as CallerEvent }, params);
    }
  }
}

/** A flow's machine as tables, or undefined when it has nested states (inlined sub-flows), which this engine does not run. */
export class FlowEngine {
  private readonly states: State[] = [];
  private readonly initial: number;
  private readonly hangup: Transition;
  /** The context every call starts from when its input sets nothing but the time. */
  private readonly base: CallContext;
  private readonly times = new Map<string, number>();

  private constructor(private readonly config: FlowMachineConfig) {
    const keys = Object.keys(config.states);
    const index = new Map(keys.map((k, i) => [k, i]));
    const target = (t: string | undefined): number => {
      if (t === undefined) return -1;
      const key = t.startsWith('.') ? t.slice(1) : t;
      const i = index.get(key);
      if (i === undefined) throw new Error(`the engine cannot find the state ${JSON.stringify(t)}`);
      return i;
    };
    const transition = (t: TransitionConfig): Transition => ({
      guard: guard(t.guard),
      actions: (t.actions ?? []).map(action).filter((a): a is Action => a !== null),
      target: target(t.target)
    });
    for (const key of keys) {
      const s = config.states[key] as StateConfig;
      const on: Record<string, readonly Transition[]> = {};
      for (const [type, list] of Object.entries(s.on ?? {})) on[type] = list.map(transition);
      this.states.push({
        entry: (s.entry ?? []).map(action).filter((a): a is Action => a !== null),
        always: (s.always ?? []).map(transition),
        on,
        final: s.type === 'final' ? (key.slice(1) as CallResult['outcome']) : null
      });
    }
    this.initial = target(config.initial);
    this.base = initialContext(config, { now: 0 });
    this.hangup = transition(config.on['HANGUP']!);
  }

  static forFlow(flow: Flow, options: CompileOptions = {}): FlowEngine | undefined {
    const config = compile(flow, options);
    if (Object.values(config.states).some((s) => s.states !== undefined)) return undefined;
    return new FlowEngine(config);
  }

  /** A call, started: the first steps taken up to the first wait for the caller (or the end). */
  start(input: CallInput, world: World = null): EngineCall {
    const base = this.base;
    const startedAt = typeof input.now === 'string' ? this.startedAt(input.now) : (input.now ?? Date.now());
    const simple = input.caller === undefined && input.variables === undefined;
    const variables = simple ? {} : initialContext(this.config, input).variables;
    const context = new Context(
      input.locale ?? base.locale,
      base.defaultLocale,
      base.wordsPerMinute,
      startedAt,
      input.stepLimit ?? base.stepLimit,
      variables,
      input.outcomes ?? {},
      world
    );
    const call = new EngineCall(this.states, context);
    call.enter(this.initial, null);
    return call;
  }

  private startedAt(now: string): number {
    let at = this.times.get(now);
    if (at === undefined) {
      at = initialContext(this.config, { now }).startedAt;
      this.times.set(now, at);
    }
    return at;
  }

  /** The transition every state has: the caller hangs up. */
  get hangupTransition(): Transition {
    return this.hangup;
  }
}

export class EngineCall {
  private state = -1;

  constructor(
    private readonly states: readonly State[],
    readonly context: Context
  ) {}

  get done(): boolean {
    return this.context.result !== null;
  }

  /** Enters a state, then takes its eventless transitions until one waits or the call ends. */
  enter(target: number, event: CallerEvent | null): void {
    let next = target;
    for (;;) {
      this.state = next;
      const s = this.states[next]!;
      for (const a of s.entry) a(this.context, event);
      if (s.final !== null) return;
      const taken = s.always.find((t) => t.guard === null || t.guard(this.context, event));
      if (taken === undefined) return;
      for (const a of taken.actions) a(this.context, event);
      if (taken.target < 0) return;
      next = taken.target;
    }
  }

  /** A caller event: the first transition whose guard holds, if any. */
  send(event: CallerEvent, hangup: Transition): void {
    if (this.done) return;
    const taken = event.type === 'HANGUP' ? hangup : this.states[this.state]!.on[event.type]?.find((t) => t.guard === null || t.guard(this.context, event));
    if (taken === undefined) return;
    for (const a of taken.actions) a(this.context, event);
    if (taken.target >= 0) this.enter(taken.target, event);
    else {
      // A targetless transition stays put; the state's eventless transitions are checked again.
      const s = this.states[this.state]!;
      const again = s.always.find((t) => t.guard === null || t.guard(this.context, event));
      if (again !== undefined) {
        for (const a of again.actions) a(this.context, event);
        if (again.target >= 0) this.enter(again.target, event);
      }
    }
  }
}
