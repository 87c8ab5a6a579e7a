/**
 * The fast engine: the flow's compiled machine config (the same one XState
 * runs) turned into tables of states, with transitions as arrays and actions
 * as small functions over one mutable context. A call is a loop over those
 * tables, with no actor, no snapshots, no transcript. The guards are the
 * machine's own; the actions do what the machine's do, less the transcript.
 * A differential test runs both on every example flow and requires the same
 * route and ending for every call.
 */
import { compile, compiledNodes, type ActionRef, type CallResult, type CompileOptions, type FlowMachineConfig, type StateConfig, type TransitionConfig } from '../compile/compile.ts';
import { completedEntry, entryIsValid, GUARDS, initialContext, type CallInput, type CallerEvent, type EntrySpec } from '../compile/machine.ts';
import { isOpenAt } from '../model/hours.ts';
import { DIGIT_SECONDS } from '../model/timing.ts';
import { promptText, speechSeconds } from '../model/prompt.ts';
import type { CallContext } from '../compile/compile.ts';
import { setField } from '../json/plain.ts';
import { doubled } from './grow.ts';
import { DTMF_KEYS } from '../model/schema.ts';
import type { Flow, NodeOfKind, Prompt, Scalar } from '../model/types.ts';

/** Where the world's decisions come from as a call goes: the node, its visit (1-based) and its place in the flow's nodes. */
export interface WorldSource {
  world(node: string, visit: number, at: number): string | undefined;
}
type World = WorldSource | null;

/**
 * Per-node counters of one call, by the node's place in the flow, and the
 * places it entered in order. The arrays are the engine's, kept from call to
 * call: only the places a call touched are cleared when the next starts, so
 * a call costs nothing per node of a large flow.
 */
class Counters {
  readonly visits: Int32Array;
  readonly retries: Int32Array;
  /** Places touched since the last clear: the first `count` of `touched`. */
  private touched: Int32Array;
  private count = 0;
  /** The places entered since the last clear, in order: the first `entered` of `trail`. */
  trail: Int32Array;
  entered = 0;
  /** Whether some place was visited more than once since the last clear: the call went round a loop. */
  wentRound = false;

  constructor(size: number) {
    this.visits = new Int32Array(size);
    this.retries = new Int32Array(size);
    this.touched = new Int32Array(Math.max(1, Math.min(size, 64)));
    this.trail = new Int32Array(64);
  }

  /** The call enters the place: its visits so far, this one included. */
  visit(at: number): number {
    if (this.visits[at] === 0 && this.retries[at] === 0) this.touch(at);
    if (this.entered === this.trail.length) this.trail = doubled(this.trail);
    this.trail[this.entered++] = at;
    const visits = ++this.visits[at]!;
    if (visits > 1) this.wentRound = true;
    return visits;
  }

  setRetries(at: number, value: number): void {
    if (this.visits[at] === 0 && this.retries[at] === 0) this.touch(at);
    this.retries[at] = value;
  }

  private touch(at: number): void {
    if (this.count === this.touched.length) this.touched = doubled(this.touched);
    this.touched[this.count++] = at;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) {
      const at = this.touched[i]!;
      this.visits[at] = 0;
      this.retries[at] = 0;
    }
    this.count = 0;
    this.entered = 0;
    this.wentRound = false;
  }
}

/**
 * One call's state, mutable, with a fixed shape (the machine's context, less
 * the transcript). An engine keeps one and resets it for each call it starts.
 */
class Context {
  elapsed = 0;
  waited = 0;
  node: string | null = null;
  /** The current node's place in the flow's nodes, or -1. */
  at = -1;
  steps = 0;
  variables: Record<string, unknown> = {};
  buffer = '';
  ending: CallContext['ending'] = null;
  helped: CallContext['helped'] = null;
  result: CallResult | null = null;
  locale = '';
  defaultLocale = '';
  wordsPerMinute = 0;
  startedAt = 0;
  stepLimit = 0;
  /** The machine's environment outcomes, for a call without a world to ask. */
  outcomes: CallContext['outcomes'] = {};
  /** Where the world's decisions come from as the call goes. */
  world: World = null;
  /** The call's voice: the seconds of each prompt in its locale and rate. */
  voice: Voice;

  constructor(
    readonly counters: Counters,
    voice: Voice,
    /** The engine's nodes, which `path` numbers. */
    private readonly nodes: readonly string[],
    /** Whether the call's result carries its route (see FlowEngine.forConfig). */
    readonly routes: boolean
  ) {
    this.voice = voice;
  }

  /** The context of a new call. */
  reset(locale: string, defaultLocale: string, wordsPerMinute: number, startedAt: number, stepLimit: number, variables: Record<string, unknown>, outcomes: CallContext['outcomes'], world: World, voice: Voice): void {
    this.elapsed = 0;
    this.waited = 0;
    this.node = null;
    this.at = -1;
    this.steps = 0;
    this.variables = variables;
    this.buffer = '';
    this.ending = null;
    this.helped = null;
    this.result = null;
    this.locale = locale;
    this.defaultLocale = defaultLocale;
    this.wordsPerMinute = wordsPerMinute;
    this.startedAt = startedAt;
    this.stepLimit = stepLimit;
    this.outcomes = outcomes;
    this.world = world;
    this.voice = voice;
  }

  /** The route as places in the engine's nodes: a view of the engine's own, good until its next call. */
  get path(): Int32Array {
    return this.counters.trail.subarray(0, this.counters.entered);
  }

  /** The nodes the call has entered, in order: a new array at each read. */
  get route(): string[] {
    const { trail, entered } = this.counters;
    const route = new Array<string>(entered);
    for (let i = 0; i < entered; i++) route[i] = this.nodes[trail[i]!]!;
    return route;
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
  /** The state's first entry action when it enters a node, as data. */
  readonly arrival: Arrival | null;
  /** Its entry actions after that. */
  readonly entry: readonly Action[];
  readonly always: readonly Transition[];
  /**
   * How many of `always`, from its start, are step-limit checks: their
   * guards hold only past the step limit, so below it they are skipped
   * without being asked.
   */
  readonly limits: number;
  readonly on: Readonly<Record<string, readonly Transition[]>>;
  /**
   * The state's KEY transitions for each key a guard names, in order, with
   * those key guards already passed; `otherKeys` for any other key.
   */
  readonly keys: ReadonlyMap<string, readonly Transition[]>;
  /** The same for the keypad's keys, by their slot (see KEY_SLOTS): read without hashing the key. */
  readonly keypad: readonly (readonly Transition[] | undefined)[];
  readonly otherKeys: readonly Transition[];
  /**
   * For an input: how many of `otherKeys`, from the start, are its entry
   * transitions, which a key that neither ends nor fills the entry cannot
   * take, and the entry's terminator and length. A digit in the middle of
   * an entry skips them without asking their guards.
   */
  readonly digits: { readonly count: number; readonly terminator: string; readonly maxDigits: number } | null;
  /** For a final state: the ending it stands for. */
  readonly final: CallResult['outcome'] | null;
  /** For a sub-flow's state: the state its sub-flow starts in, entered after its own entry. */
  readonly child: number;
  /** For the state a sub-flow returns through: the transition its sub-flow node takes when done. */
  readonly done: Transition | null;
  /**
   * For a state that does nothing after its arrival but go on (a prompt, a
   * sub-flow's return that only goes on): the state it goes on to, below the
   * step limit; else -1. Set once the state is built.
   */
  next: number;
}

/** The route of a result from an engine that gives none. */
const NO_ROUTE: readonly string[] = Object.freeze([]);

const round = (seconds: number): number => Math.round(seconds * 100) / 100;

const own = (record: object, key: string): boolean => Object.hasOwn(record, key);

/**
 * Seconds each prompt an engine says takes in one voice (a locale, the
 * flow's default locale and a speaking rate), worked out the first time a
 * call says it: an engine's prompts are numbered as it is built, and a call
 * reads the seconds by number, with no text to look at again.
 */
class Voice {
  /** By prompt number; NaN for one not said yet in this voice. */
  private readonly seconds: Float64Array;

  constructor(
    private readonly prompts: readonly (Prompt | undefined)[],
    private readonly locale: string,
    private readonly defaultLocale: string,
    private readonly rate: number
  ) {
    this.seconds = new Float64Array(prompts.length).fill(Number.NaN);
  }

  speaks(locale: string, defaultLocale: string, rate: number): boolean {
    return locale === this.locale && defaultLocale === this.defaultLocale && rate === this.rate;
  }

  say(prompt: number): number {
    const known = this.seconds[prompt]!;
    return known === known ? known : this.work(prompt);
  }

  private work(prompt: number): number {
    const text = promptText(this.prompts[prompt], this.locale, this.defaultLocale);
    return (this.seconds[prompt] = text !== undefined && text !== '' ? speechSeconds(text, this.rate) : 0);
  }
}

/** Numbers a prompt for the engine's voices (see Voice). */
type Speak = (prompt: Prompt | undefined) => number;

/** A node's place in the flow's nodes. */
type Place = (node: string) => number;

/** What entering a node does (the machine's `enter` action), as data: every state's first action, run without a call through a closure. */
interface Arrival {
  readonly node: string;
  readonly at: number;
  /** The prompt's number in the engine's voices. */
  readonly prompt: number;
  readonly seconds: number;
}

function arrivalOf(ref: ActionRef, place: Place, speak: Speak): Arrival {
  const p = (ref.params ?? {}) as Record<string, unknown>;
  const node = p['node'] as string;
  return {
    node,
    at: place(node),
    prompt: speak(p['prompt'] as Prompt | undefined),
    seconds: typeof p['seconds'] === 'number' ? p['seconds'] : 0
  };
}

function arrive(c: Context, arrival: Arrival): void {
  const at = arrival.at;
  c.counters.visit(at);
  c.elapsed += c.voice.say(arrival.prompt);
  c.elapsed += arrival.seconds;
  c.node = arrival.node;
  c.at = at;
  c.buffer = '';
  c.steps += 1;
}

function action(ref: ActionRef, place: Place, speak: Speak): Action | null {
  const p = (ref.params ?? {}) as Record<string, unknown>;
  switch (ref.type) {
    case 'enter': {
      const arrival = arrivalOf(ref, place, speak);
      return (c) => arrive(c, arrival);
    }
    case 'callerEvent':
    case 'outcome':
      // Transcript lines: an engine without a transcript has nothing to do.
      return null;
    case 'choose': {
      const at = place(p['node'] as string);
      const seconds = p['seconds'] as number;
      return (c) => {
        c.elapsed += seconds;
        c.counters.setRetries(at, 0);
      };
    }
    case 'retry': {
      const at = place(p['node'] as string);
      const seconds = p['seconds'] as number;
      const reprompt = speak(p['reprompt'] as Prompt | undefined);
      return (c) => {
        c.elapsed += seconds;
        c.elapsed += c.voice.say(reprompt);
        c.buffer = '';
        c.counters.setRetries(at, c.counters.retries[at]! + 1);
      };
    }
    case 'giveUp': {
      const at = place(p['node'] as string);
      const seconds = p['seconds'] as number;
      return (c) => {
        c.elapsed += seconds;
        c.buffer = '';
        c.counters.setRetries(at, 0);
      };
    }
    case 'appendDigit':
      return (c, e) => {
        if (e?.type === 'KEY') c.buffer += e.key;
        c.elapsed += DIGIT_SECONDS;
      };
    case 'store': {
      const spec = p as unknown as EntrySpec & { node: string; variable: string; seconds: number; secondsPerDigit: number };
      const at = place(spec.node);
      return (c, e) => {
        const digits = (e === null ? null : completedEntry(c, e, spec)) ?? '';
        setField(writableVariables(c), spec.variable, digits);
        c.buffer = '';
        c.counters.setRetries(at, 0);
        c.elapsed += spec.seconds + (e?.type === 'SPEECH' ? digits.length * spec.secondsPerDigit : 0);
      };
    }
    case 'assignVariables': {
      const assign = p['assign'] as Record<string, Scalar>;
      const increment = p['increment'] as string[];
      return (c) => {
        const variables = writableVariables(c);
        for (const [name, value] of Object.entries(assign)) setField(variables, name, value);
        for (const name of increment) {
          const current = Number(own(variables, name) ? variables[name] : 0);
          setField(variables, name, (Number.isFinite(current) ? current : 0) + 1);
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
      if (node !== undefined) {
        // The same ending every time: one object, never changed, made here rather than on every call.
        const ending: NonNullable<CallContext['ending']> = reason === undefined ? { node } : { node, reason };
        return (c) => {
          c.ending = ending;
        };
      }
      return reason === undefined
        ? (c) => {
            c.ending = { node: c.node };
          }
        : (c) => {
            c.ending = { node: c.node, reason };
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
      const failed = ended === 'dropped' || ended === 'trapped' || ended === 'abandoned' || ended === 'stepLimit';
      return (c) => {
        const outcome = c.helped ?? ended;
        const result: { -readonly [K in keyof CallResult]: CallResult[K] } = {
          outcome,
          node: c.ending?.node ?? c.node,
          seconds: round(c.elapsed),
          waitSeconds: round(c.waited),
          route: c.routes ? c.route : NO_ROUTE,
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
function environmentOutcome(c: Context, node: string, at: number): string | undefined {
  const visit = c.counters.visits[at] || 1;
  if (c.world !== null) {
    const decided = c.world.world(node, visit, at);
    if (decided !== undefined) return decided;
  }
  if (!own(c.outcomes, node)) return undefined;
  const chosen = c.outcomes[node]!;
  if (typeof chosen === 'string') return chosen;
  if (chosen.length === 0) return undefined;
  return chosen[Math.min(visit, chosen.length) - 1];
}

function guard(ref: ActionRef | undefined, place: Place): Guard | null {
  if (ref === undefined) return null;
  const params = (ref.params ?? {}) as Record<string, unknown>;
  // Guards that read retries, visits or the environment, over this engine's maps; the rest are the machine's own.
  switch (ref.type) {
    case 'outcomeIs': {
      const node = params['node'] as string;
      const at = place(node);
      const wanted = params['outcome'] as string;
      return (c) => environmentOutcome(c, node, at) === wanted;
    }
    case 'isOpen': {
      const node = params['node'] as string;
      const at = place(node);
      return (c) => {
        const forced = environmentOutcome(c, node, at);
        if (forced !== undefined) return forced === 'open';
        return isOpenAt(params as unknown as NodeOfKind<'hours'>, new Date(c.startedAt + c.elapsed * 1000));
      };
    }
    case 'retriesExhausted': {
      const at = place(params['node'] as string);
      const max = params['maxRetries'] as number;
      return (c) => c.counters.retries[at]! >= max;
    }
    case 'entry': {
      const spec = params as unknown as EntrySpec & { node: string; result: 'valid' | 'invalid'; exhausted?: boolean; maxRetries?: number };
      const at = place(spec.node);
      // Callers of a run type the same entries again and again: the last one's verdict is kept (the pattern test costs the most here).
      let lastDigits: string | null = null;
      let lastValid = false;
      const valid = (digits: string): boolean => {
        if (digits !== lastDigits) {
          lastValid = entryIsValid(digits, spec);
          lastDigits = digits;
        }
        return lastValid;
      };
      return (c, e) => {
        if (e === null) return false;
        // A digit that neither ends nor fills the entry completes nothing (as completedEntry finds, without building the digits).
        if (e.type === 'KEY' && e.key !== spec.terminator && c.buffer.length + e.key.length < spec.maxDigits) return false;
        const digits = completedEntry(c, e, spec);
        if (digits === null) return false;
        if (spec.result === 'valid') return valid(digits);
        if (valid(digits)) return false;
        if (spec.maxRetries === undefined) return !spec.exhausted;
        return spec.exhausted === c.counters.retries[at]! >= spec.maxRetries;
      };
    }
    case 'overStepLimit':
      return params['wentRound'] === true ? (c) => c.steps > c.stepLimit && c.counters.wentRound : (c) => c.steps > c.stepLimit;
    default: {
      const implementation = GUARDS[ref.type];
      if (implementation === undefined) throw new Error(`the engine has no guard ${JSON.stringify(ref.type)}`);
      return (c, e) => implementation({ context: c as unknown as CallContext, event: (e ?? { type: 'NO_EVENT' }) as CallerEvent }, params);
    }
  }
}

/**
 * A flow's machine as tables, sub-flows compiled into it included: their
 * nested states become rows of the same table, entered through their
 * sub-flow node's state and left through its `onDone`. An engine runs one
 * call at a time: starting a call ends the one before.
 */
export class FlowEngine {
  private readonly states: State[] = [];
  private readonly initial: number;
  private readonly hangup: Transition;
  /** The context every call starts from when its input sets nothing but the time. */
  private readonly base: CallContext;
  private readonly times = new Map<string, number>();
  private lastTime: string | null = null;
  private lastStartedAt = 0;
  private readonly counters: Counters;
  /** The context of the call the engine runs, reset for each. */
  private readonly context: Context;
  private current: EngineCall | null = null;
  /** Every prompt the engine says, by its number. */
  private readonly prompts: (Prompt | undefined)[] = [];
  /** Voices by locale, default locale and rate; the last one used at hand. */
  private readonly voices = new Map<string, Voice>();
  private lastVoice: Voice | null = null;

  private constructor(
    private readonly config: FlowMachineConfig,
    /** The machine's node ids in order (sub-flows' nodes qualified): a node's place is its index here. */
    readonly nodes: readonly string[],
    /** Whether results carry their route: without, a caller reads the path (`lastPath`) instead. */
    private readonly routes: boolean
  ) {
    const places = new Map(nodes.map((id, i) => [id, i]));
    const place = (node: string): number => {
      const at = places.get(node);
      if (at === undefined) throw new Error(`the engine cannot find the node ${JSON.stringify(node)}`);
      return at;
    };
    this.counters = new Counters(nodes.length);
    const numbered = new Map<Prompt | undefined, number>();
    const speak: Speak = (prompt) => {
      let n = numbered.get(prompt);
      if (n === undefined) {
        numbered.set(prompt, (n = this.prompts.length));
        this.prompts.push(prompt);
      }
      return n;
    };
    // Every state, nested ones included, gets a place in one flat table, keyed by its path.
    const flat = new Map<string, number>();
    const number = (states: Readonly<Record<string, StateConfig>>, prefix: string): void => {
      for (const [key, state] of Object.entries(states)) {
        flat.set(`${prefix}${key}`, flat.size);
        if (state.states !== undefined) number(state.states, `${prefix}${key}.`);
      }
    };
    number(config.states, '');
    const rootPrefix = `#${config.id}.`;
    /** A target as XState reads it in a scope: a sibling, a child ('.x'), or a state by the machine's id ('#id.x'). */
    const resolve = (t: string | undefined, scope: string, self: string): number => {
      if (t === undefined) return -1;
      const path = t.startsWith(rootPrefix) ? t.slice(rootPrefix.length) : t.startsWith('.') ? (self === '' ? t.slice(1) : `${self}${t}`) : `${scope}${t}`;
      const i = flat.get(path);
      if (i === undefined) throw new Error(`the engine cannot find the state ${JSON.stringify(t)}`);
      return i;
    };
    // A config shares objects between states (every state's step-limit
    // transitions, a menu's invalid transitions under KEY and SPEECH): each is
    // turned into the engine's once.
    const builtActions = new Map<readonly ActionRef[], readonly Action[]>();
    const actions = (refs: readonly ActionRef[] | undefined): readonly Action[] => {
      if (refs === undefined) return NO_ACTIONS;
      let built = builtActions.get(refs);
      if (built === undefined) {
        const list: Action[] = [];
        for (const ref of refs) {
          const a = action(ref, place, speak);
          if (a !== null) list.push(a);
        }
        builtActions.set(refs, (built = list));
      }
      return built;
    };
    const builtGuards = new Map<ActionRef, Guard | null>();
    const guardOf = (ref: ActionRef | undefined): Guard | null => {
      if (ref === undefined) return null;
      let built = builtGuards.get(ref);
      if (built === undefined) builtGuards.set(ref, (built = guard(ref, place)));
      return built;
    };
    const build = (states: Readonly<Record<string, StateConfig>>, scope: string, done: Transition | null): void => {
      // Targets are read in the scope; one relative to the state itself ('.x') is not shared.
      const builtTransitions = new Map<TransitionConfig, Transition>();
      const transition = (t: TransitionConfig, self: string): Transition => {
        const shared = t.target === undefined || !t.target.startsWith('.');
        let built = shared ? builtTransitions.get(t) : undefined;
        if (built === undefined) {
          built = { guard: guardOf(t.guard), actions: actions(t.actions), target: resolve(t.target, scope, self) };
          if (shared) builtTransitions.set(t, built);
        }
        return built;
      };
      for (const key of Object.keys(states)) {
        const s = states[key]!;
        const self = `${scope}${key}`;
        let on: Record<string, readonly Transition[]> = NO_EVENTS;
        if (s.on !== undefined) {
          on = {};
          for (const type of Object.keys(s.on)) on[type] = s.on[type]!.map((t) => transition(t, self));
        }
        const { keys, otherKeys, digits } = byKey(s.on?.['KEY'] ?? [], on['KEY'] ?? []);
        const nested = s.states !== undefined;
        if (nested && (s.on !== undefined || s.always !== undefined)) throw new Error(`the engine runs no transitions on the sub-flow state ${JSON.stringify(self)}`);
        const returns = s.type === 'final' && scope !== '';
        const state: State = {
          arrival: s.entry?.[0]?.type === 'enter' ? arrivalOf(s.entry[0], place, speak) : null,
          entry: s.entry?.[0]?.type !== 'enter' ? actions(s.entry) : s.entry.length === 1 ? NO_ACTIONS : actions(s.entry.slice(1)),
          always: s.always === undefined ? NO_TRANSITIONS : s.always.map((t) => transition(t, self)),
          limits: leadingLimits(s.always ?? []),
          on,
          keys,
          keypad: keypadOf(keys),
          otherKeys,
          digits,
          final: s.type === 'final' && !returns ? (key.slice(1) as CallResult['outcome']) : null,
          child: nested ? resolve(s.initial, `${self}.`, self) : -1,
          done: returns ? done : null,
          next: -1
        };
        state.next = goesOn(state);
        this.states[flat.get(self)!] = state;
        if (nested) {
          // The sub-flow node's own transition when its sub-flow returns, read in the node's scope.
          const onDone = s.onDone === undefined ? null : transition(s.onDone, self);
          build(s.states!, `${self}.`, onDone);
        }
      }
    };
    build(config.states, '', null);
    this.initial = resolve(config.initial, '', '');
    this.context = new Context(this.counters, new Voice(this.prompts, '', '', 0), nodes, routes);
    this.base = initialContext(config, { now: 0 });
    this.hangup = {
      guard: null,
      actions: actions(config.on['HANGUP']!.actions),
      target: resolve(config.on['HANGUP']!.target, '', '')
    };
  }

  static forFlow(flow: Flow, options: CompileOptions = {}): FlowEngine {
    return FlowEngine.forConfig(compile(flow, options));
  }

  /**
   * The engine for a config made by compile(). `routes: false` gives
   * results with an empty route, for a caller that counts calls by their
   * path and would only throw each route away.
   */
  static forConfig(config: FlowMachineConfig, options: { readonly routes?: boolean } = {}): FlowEngine {
    return new FlowEngine(
      config,
      compiledNodes(config).map((n) => n.id),
      options.routes ?? true
    );
  }

  /** A call, started: the first steps taken up to the first wait for the caller (or the end). */
  start(input: CallInput, world: World = null): EngineCall {
    return this.begin(input, world, new EngineCall(this, this.states, this.context));
  }

  /**
   * A call, started as `start` starts one, on the object of the engine's
   * last call, which that call then is no longer: for a caller that runs
   * calls one after another and never reads a call once the next has
   * started (a run of simulated traffic), one object serves them all.
   */
  startNext(input: CallInput, world: World = null): EngineCall {
    return this.begin(input, world, this.current ?? new EngineCall(this, this.states, this.context));
  }

  private begin(input: CallInput, world: World, call: EngineCall): EngineCall {
    const base = this.base;
    const startedAt = typeof input.now === 'string' ? this.startedAt(input.now) : (input.now ?? Date.now());
    const simple = input.caller === undefined && input.variables === undefined;
    // A call with no variables given starts with none, and makes its own object when it sets the first (see writableVariables).
    const variables = simple ? NO_VARIABLES : { ...initialContext(this.config, input).variables };
    this.counters.clear();
    const locale = input.locale ?? base.locale;
    const context = this.context;
    context.reset(
      locale,
      base.defaultLocale,
      base.wordsPerMinute,
      startedAt,
      input.stepLimit ?? base.stepLimit,
      variables,
      input.outcomes ?? NO_OUTCOMES,
      world,
      this.voice(locale, base.defaultLocale, base.wordsPerMinute)
    );
    this.current = call;
    call.enter(this.initial, null);
    return call;
  }

  /** The route of the call the engine runs or ran last, as places in `nodes`. */
  get lastPath(): ArrayLike<number> {
    return this.current?.context.path ?? [];
  }

  /** Whether this call is the one the engine runs now. */
  runs(call: EngineCall): boolean {
    return this.current === call;
  }

  private voice(locale: string, defaultLocale: string, rate: number): Voice {
    // Calls almost always share one voice: it is compared before any key is built.
    const last = this.lastVoice;
    if (last !== null && last.speaks(locale, defaultLocale, rate)) return last;
    const key = JSON.stringify([locale, defaultLocale, rate]);
    let voice = this.voices.get(key);
    if (voice === undefined) {
      // Scripts may each name a locale: the voices kept are bounded.
      if (this.voices.size >= 64) this.voices.clear();
      this.voices.set(key, (voice = new Voice(this.prompts, locale, defaultLocale, rate)));
    }
    this.lastVoice = voice;
    return voice;
  }

  private startedAt(now: string): number {
    // Every call of a simulation starts at the same time: the last answer is kept.
    if (now === this.lastTime) return this.lastStartedAt;
    let at = this.times.get(now);
    if (at === undefined) {
      at = initialContext(this.config, { now }).startedAt;
      this.times.set(now, at);
    }
    this.lastTime = now;
    this.lastStartedAt = at;
    return at;
  }

  /** The transition every state has: the caller hangs up. */
  get hangupTransition(): Transition {
    return this.hangup;
  }
}

/**
 * A call on an engine. Its context is the engine's own: once the engine has
 * started another call, this one is done, and its context is the other's.
 */
export class EngineCall {
  private state = -1;

  constructor(
    private readonly engine: FlowEngine,
    private readonly states: readonly State[],
    readonly context: Context
  ) {}

  get done(): boolean {
    return this.context.result !== null || !this.engine.runs(this);
  }

  /** Enters a state, then takes its eventless transitions until one waits or the call ends. */
  enter(target: number, event: CallerEvent | null): void {
    let next = target;
    const c = this.context;
    for (;;) {
      this.state = next;
      const s = this.states[next]!;
      if (s.arrival !== null) arrive(c, s.arrival);
      if (s.next >= 0 && c.steps <= c.stepLimit) {
        next = s.next;
        continue;
      }
      perform(s.entry, c, event);
      if (s.final !== null) return;
      if (s.child >= 0) {
        next = s.child;
        continue;
      }
      if (s.done !== null) {
        perform(s.done.actions, c, event);
        if (s.done.target < 0) return;
        next = s.done.target;
        continue;
      }
      const taken = firstTaken(s.always, c, event, c.steps > c.stepLimit ? 0 : s.limits);
      if (taken === undefined) return;
      perform(taken.actions, this.context, event);
      if (taken.target < 0) return;
      next = taken.target;
    }
  }

  /** A caller event: the first transition whose guard holds, if any. */
  send(event: CallerEvent): void {
    if (!this.engine.runs(this)) throw new Error('this call has ended: its engine has started another');
    if (this.context.result !== null) return;
    const s = this.states[this.state]!;
    const taken =
      event.type === 'HANGUP'
        ? this.engine.hangupTransition
        : event.type === 'KEY'
          ? keyTaken(s, event.key, this.context, event)
          : firstTaken(s.on[event.type], this.context, event);
    if (taken === undefined) return;
    perform(taken.actions, this.context, event);
    if (taken.target >= 0) this.enter(taken.target, event);
    else {
      // A targetless transition stays put; the state's eventless transitions are checked again.
      const c = this.context;
      const again = firstTaken(s.always, c, event, c.steps > c.stepLimit ? 0 : s.limits);
      if (again !== undefined) {
        perform(again.actions, this.context, event);
        if (again.target >= 0) this.enter(again.target, event);
      }
    }
  }
}

/** The variables of a call that has set none yet: shared, and never written. */
const NO_VARIABLES: Record<string, unknown> = Object.freeze({});

/** A call's variables, to set one: its own object, made when it sets its first (most calls of a run set none). */
function writableVariables(c: Context): Record<string, unknown> {
  if (c.variables === NO_VARIABLES) c.variables = {};
  return c.variables;
}

/** Runs a list of actions. */
function perform(actions: readonly Action[], c: Context, e: CallerEvent | null): void {
  for (let i = 0; i < actions.length; i++) actions[i]!(c, e);
}

/** The state a state goes on to with nothing to do but its arrival (see State.next), or -1. */
function goesOn(s: State): number {
  if (s.entry.length > 0 || s.final !== null || s.child >= 0 || s.done !== null || s.always.length !== s.limits + 1) return -1;
  const only = s.always[s.limits]!;
  return only.guard === null && only.actions.length === 0 && only.target >= 0 ? only.target : -1;
}

/** The first transition from `from` on whose guard holds, if any. */
function firstTaken(list: readonly Transition[] | undefined, c: Context, e: CallerEvent | null, from = 0): Transition | undefined {
  if (list === undefined) return undefined;
  for (let i = from; i < list.length; i++) {
    const t = list[i]!;
    if (t.guard === null || t.guard(c, e)) return t;
  }
  return undefined;
}

/** Each keypad key's slot by its character code: 0 to 15, or -1 for any other character. */
const KEY_SLOTS = new Int8Array(128).fill(-1);
for (const [slot, key] of DTMF_KEYS.entries()) KEY_SLOTS[key.charCodeAt(0)] = slot;
const NO_KEYPAD: readonly (readonly Transition[] | undefined)[] = [];
// What most states have none of, shared.
const NO_ACTIONS: readonly Action[] = [];
const NO_TRANSITIONS: readonly Transition[] = [];
const NO_KEYS: ReadonlyMap<string, readonly Transition[]> = new Map();
const NO_EVENTS: Readonly<Record<string, readonly Transition[]>> = Object.freeze({});
const NO_OUTCOMES: CallContext['outcomes'] = Object.freeze({});

function keypadOf(keys: ReadonlyMap<string, readonly Transition[]>): readonly (readonly Transition[] | undefined)[] {
  if (keys.size === 0) return NO_KEYPAD;
  const keypad: (readonly Transition[] | undefined)[] = new Array<readonly Transition[] | undefined>(DTMF_KEYS.length).fill(undefined);
  for (const [key, list] of keys) {
    const slot = key.length === 1 ? KEY_SLOTS[key.charCodeAt(0)] ?? -1 : -1;
    if (slot >= 0) keypad[slot] = list;
  }
  return keypad;
}

/** The transitions a key can take at a state: its own, or those for any other key. */
function keyTransitions(s: State, key: string): readonly Transition[] {
  if (key.length === 1) {
    const slot = KEY_SLOTS[key.charCodeAt(0)] ?? -1;
    if (slot >= 0) {
      const own = s.keypad[slot];
      if (own !== undefined) return own;
    }
  }
  return s.keys.size === 0 ? s.otherKeys : (s.keys.get(key) ?? s.otherKeys);
}

/**
 * The first of a state's transitions a key takes. A key for no transition of
 * its own, in the middle of an input's entry, goes straight past the entry's
 * transitions: as its guards find (see the engine's `entry` guard), only a
 * key that ends or fills the entry completes it.
 */
function keyTaken(s: State, key: string, c: Context, e: CallerEvent): Transition | undefined {
  const digits = s.digits;
  // An input without keys of its own (the common case) needs no look-up: every key has the other keys' transitions.
  const list = digits !== null && s.keys.size === 0 ? s.otherKeys : keyTransitions(s, key);
  if (list === s.otherKeys && digits !== null && key !== digits.terminator && c.buffer.length + key.length < digits.maxDigits) {
    return firstTaken(list, c, e, digits.count);
  }
  return firstTaken(list, c, e);
}

/** The run of `entry`-guarded transitions at the start of a list, when they share a terminator and length. */
function leadingEntries(list: readonly TransitionConfig[]): State['digits'] {
  let count = 0;
  let terminator: string | undefined;
  let maxDigits: number | undefined;
  for (const t of list) {
    if (t.guard?.type !== 'entry') break;
    const spec = t.guard.params as unknown as EntrySpec;
    if (count > 0 && (spec.terminator !== terminator || spec.maxDigits !== maxDigits)) break;
    terminator = spec.terminator;
    maxDigits = spec.maxDigits;
    count++;
  }
  return count === 0 || terminator === undefined || maxDigits === undefined ? null : { count, terminator, maxDigits };
}

/** How many transitions at the start of a list are guarded by the step limit alone (see compileNode). */
function leadingLimits(list: readonly TransitionConfig[]): number {
  let n = 0;
  while (n < list.length && list[n]!.guard?.type === 'overStepLimit') n++;
  return n;
}

/**
 * A state's KEY transitions looked up by key: for each key a `keyIs` guard
 * names, the transitions that key can take, in order, its own guards
 * dropped (they hold); for other keys, the transitions without a key guard.
 * The same first transition is taken as by trying every guard in turn.
 */
function byKey(list: readonly TransitionConfig[], built: readonly Transition[]): { keys: ReadonlyMap<string, readonly Transition[]>; otherKeys: readonly Transition[]; digits: State['digits'] } {
  if (list.length === 0) return { keys: NO_KEYS, otherKeys: NO_TRANSITIONS, digits: null };
  const keyOf = (t: TransitionConfig): string | undefined => {
    const key = t.guard?.type === 'keyIs' ? (t.guard.params as Record<string, unknown>)['key'] : undefined;
    return typeof key === 'string' ? key : undefined;
  };
  const named = new Set(list.map(keyOf).filter((k): k is string => k !== undefined));
  const keys = new Map<string, Transition[]>();
  for (const key of named) {
    keys.set(
      key,
      list.flatMap((t, i) => {
        const k = keyOf(t);
        if (k === undefined) return [built[i]!];
        return k === key ? [{ ...built[i]!, guard: null }] : [];
      })
    );
  }
  const others = list.flatMap((t, i) => (keyOf(t) === undefined ? [i] : []));
  return { keys, otherKeys: others.map((i) => built[i]!), digits: leadingEntries(others.map((i) => list[i]!)) };
}
