/**
 * Monte Carlo caller traffic on a flow's XState machine: each call is one
 * actor, driven by a caller drawn from the traffic model. This is the
 * reference every faster engine is checked against. Every decision is a
 * counter-based draw (see random.ts), so the same seed gives the same calls.
 */
import { createActor } from 'xstate';
import type { CallResult } from '../compile/compile.ts';
import { createFlowMachine, machineFromConfig, type CallerEvent, type CallInput } from '../compile/machine.ts';
import { compile, compiledNodes } from '../compile/compile.ts';
import type { CompileOptions } from '../compile/compile.ts';
import { outcomesOf } from '../model/outcomes.ts';
import { DTMF_KEYS } from '../model/schema.ts';
import type { Flow, FlowNode, NodeOfKind } from '../model/types.ts';
import { CALL_TIME, unusedKey, validEntry } from './paths.ts';
import { callStream, exponential, hashText, uniformIn } from './random.ts';
import { resolveModel, type ResolvedModel, type TrafficModel } from './model.ts';
import { FlowEngine, type EngineCall } from './engine.ts';
import { doubled } from './grow.ts';
import { setField } from '../json/plain.ts';

/**
 * How simulated calls count. `trapped`: the call went round without end (a
 * loop it never left, or sub-flows that run each other); `stepLimit`: it was
 * stopped, still going, without ever going round (a flow too long for the
 * simulation's limits), which says nothing bad of the flow.
 */
export const TRAFFIC_OUTCOMES = ['person', 'voicemail', 'callback', 'ended', 'dropped', 'abandoned', 'trapped', 'stepLimit'] as const;
export type TrafficOutcome = (typeof TRAFFIC_OUTCOMES)[number];

/** Each outcome in words, after a share: "55% reached a person". */
export const OUTCOME_LABELS: Readonly<Record<TrafficOutcome, string>> = {
  person: 'reached a person',
  voicemail: 'left a voicemail',
  callback: 'got a callback',
  ended: 'ended by design',
  dropped: 'were dropped',
  abandoned: 'hung up',
  trapped: 'were trapped',
  stepLimit: 'were stopped at the step limit'
};

/** One simulated call. */
export interface CallRecord {
  readonly outcome: TrafficOutcome;
  /** Where it ended (for an abandoned call, where the caller hung up). */
  readonly node: string | null;
  /** Caller seconds until a person answered, queue wait included; null when no person did. */
  readonly timeToPerson: number | null;
  /** Choices, silences and wrong keys at menus. */
  readonly menuSteps: number;
  readonly route: readonly string[];
}

/** Draw kinds, so each decision has its own stream of numbers. */
const DRAW = { intent: 1, patience: 2, world: 3, hours: 4, queueWait: 5, queuePatience: 6, act: 7, pick: 8, lost: 9 } as const;

/** Visits per node decided ahead (the machine repeats the last for more). */
const VISITS_AHEAD = 4;
/** Caller events a call that goes round a loop may take before it counts as trapped. */
const MAX_EVENTS = 400;
/**
 * Caller events a call that never goes round may take, per node of the
 * machine: as many as it may need at each (an entry of digits and its end),
 * so a long flow's calls are not cut short. Past them, it is stopped at the
 * step limit.
 */
const EVENTS_PER_NODE = 64;

/** The caller events a call may take in a machine of this many nodes. */
function eventLimit(nodes: number): number {
  return MAX_EVENTS + EVENTS_PER_NODE * nodes;
}

/**
 * Whether a route enters some node twice (the call went round a loop), read
 * as the route grows: each node is looked at once.
 */
class RoundCheck {
  /** Made on the first look: most calls end long before anyone asks. */
  private seen: Set<string> | null = null;
  private read = 0;
  private found = false;

  wentRound(route: readonly string[]): boolean {
    const seen = (this.seen ??= new Set());
    while (!this.found && this.read < route.length) {
      const node = route[this.read++]!;
      if (seen.has(node)) this.found = true;
      else seen.add(node);
    }
    return this.found;
  }
}

/** Whether a call may take another caller event: under the loop limit, or never gone round and under the flow's. */
function mayGoOn(events: number, limit: number, route: readonly string[], rounds: RoundCheck): boolean {
  return events < MAX_EVENTS || (events < limit && !rounds.wentRound(route));
}

/** Why a call loop stopped before the call was done: no answer the caller can give, or too many events. */
type Stopped = 'stuck' | 'events' | null;

interface QueueDraw {
  readonly result: 'answered' | 'overflow' | 'abandoned';
  /** Seconds in the queue before the result. */
  readonly seconds: number;
}

/** What happens at a queue on one visit: the wait and the caller's patience there, Erlang-A style. */
function queueDraw(node: NodeOfKind<'queue'>, model: ResolvedModel, stream: number, visit: number, key: number): QueueDraw {
  const wait = exponential(uniformIn(stream, key ^ DRAW.queueWait, visit), node.expectedWaitSeconds ?? model.defaultWaitSeconds);
  const patience = exponential(uniformIn(stream, key ^ DRAW.queuePatience, visit), model.queuePatienceSeconds);
  const limit = node.maxWaitSeconds ?? Number.POSITIVE_INFINITY;
  if (patience < Math.min(wait, limit)) return { result: 'abandoned', seconds: patience };
  if (wait > limit) return { result: 'overflow', seconds: limit };
  return { result: 'answered', seconds: wait };
}

/** The chances the world gives a step's outcomes: the first is what is left after the others. */
interface OutcomeTable {
  readonly names: readonly string[];
  readonly chances: readonly number[];
}

function outcomeTable(node: FlowNode, model: ResolvedModel): OutcomeTable | undefined {
  const outcomes = outcomesOf(node);
  if (outcomes.length === 0) return undefined;
  const defaults: Record<string, number> =
    node.kind === 'lookup'
      ? { failure: 0.03 }
      : node.kind === 'transfer'
        ? { failed: 0.05 }
        : node.kind === 'voicemail' || node.kind === 'callback'
          ? { failed: 0.01 }
          : {};
  const given = model.outcomes.get(node.id);
  const chance = (name: string): number => (given !== undefined ? (given.get(name) ?? 0) : Object.hasOwn(defaults, name) ? defaults[name]! : 0);
  return { names: outcomes.map((o) => o.name), chances: outcomes.map((o) => chance(o.name)) };
}

/** The outcome the world gives a step on one visit. */
function worldOutcome(table: OutcomeTable, key: number, stream: number, visit: number): string {
  let u = uniformIn(stream, key ^ DRAW.world, visit);
  for (let i = 1; i < table.names.length; i++) {
    const p = table.chances[i]!;
    if (u < p) return table.names[i]!;
    u -= p;
  }
  return table.names[0]!;
}

const NO_INPUT: CallerEvent = { type: 'NO_INPUT' };
const KEYS = new Map<string, CallerEvent>(DTMF_KEYS.map((k) => [k, { type: 'KEY', key: k }]));
const keyEvent = (key: string): CallerEvent => KEYS.get(key) ?? { type: 'KEY', key };

/** What a caller can do at a node, worked out once per node: the events of each kind of answer. */
interface Answers {
  /** The node's id, hashed for its draws. */
  readonly key: number;
  readonly wrong: readonly CallerEvent[];
  /** For an input: a valid entry; for a menu: each option's events. */
  readonly valid: readonly CallerEvent[];
  readonly options: readonly (readonly CallerEvent[])[];
  readonly zero: boolean;
  /** Whether the node is a menu (else an input). */
  readonly menu: boolean;
}

function answers(node: NodeOfKind<'menu'> | NodeOfKind<'input'>): Answers {
  let known: Answers;
  if (node.kind === 'input') {
    const terminator = node.terminator ?? '#';
    const digits = validEntry(node);
    const keys = digits === undefined ? undefined : digits.length >= (node.maxDigits ?? 32) ? digits : `${digits}${terminator}`;
    known = { key: hashText(node.id), wrong: [keyEvent(terminator)], valid: keys === undefined ? [keyEvent(terminator)] : [...keys].map(keyEvent), options: [], zero: false, menu: false };
  } else {
    const wrong = unusedKey(node);
    known = {
      key: hashText(node.id),
      wrong: [wrong === undefined ? { type: 'SPEECH', text: 'something else entirely' } : keyEvent(wrong)],
      valid: [],
      options: node.options.map((o): CallerEvent[] => (o.key !== undefined ? [keyEvent(o.key)] : [{ type: 'SPEECH', text: o.phrases?.[0] ?? '' }])),
      zero: node.options.some((o) => o.key === '0'),
      menu: true
    };
  }
  return known;
}

function choicesOf(node: NodeOfKind<'menu'>): Map<string, number> {
  const choices = new Map<string, number>();
  node.options.forEach((option, index) => {
    for (const choice of [...(option.key === undefined ? [] : [option.key]), ...(option.phrases ?? [])]) {
      if (!choices.has(choice)) choices.set(choice, index);
    }
  });
  return choices;
}

const SILENT: readonly CallerEvent[] = [NO_INPUT];
const ZERO: readonly CallerEvent[] = [keyEvent('0')];

/** The caller's events at a menu or input, on this attempt there. */
function callerEvents(
  at: number,
  can: Answers,
  picks: Int32Array,
  model: ResolvedModel,
  stream: number,
  attempt: number
): readonly CallerEvent[] {
  const key = can.key;
  // Lost after a retry here, a caller may press 0 when the menu has it.
  if (can.menu && attempt > 0 && can.zero && uniformIn(stream, key ^ DRAW.lost, attempt) < model.zeroOutWhenLost) {
    return ZERO;
  }
  const u = uniformIn(stream, key ^ DRAW.act, attempt);
  if (u < model.silence) return SILENT;
  if (u < model.silence + model.wrongKey) return can.wrong;
  if (!can.menu) return can.valid;
  let index = picks[at]!;
  const options = can.options.length;
  // A caller with no choice in mind here picks any option.
  if (index < 0 && options > 0) index = Math.floor(uniformIn(stream, key ^ DRAW.pick, attempt) * options);
  return index < 0 ? SILENT : can.options[index]!;
}

function pickIntent(model: ResolvedModel, stream: number): ResolvedModel['intents'][number] {
  let u = uniformIn(stream, DRAW.intent) * model.intentWeight;
  for (const intent of model.intents) {
    if (u < intent.weight) return intent;
    u -= intent.weight;
  }
  return model.intents[model.intents.length - 1]!;
}

export interface TrafficOptions extends CompileOptions {
  readonly model?: TrafficModel;
  readonly seed?: number;
}

/** What is decided about a call before it starts: who calls, how patient, what the world does. */
export interface PreparedCall {
  readonly intent: ResolvedModel['intents'][number];
  /** Seconds the caller will spend in the menus before hanging up. */
  readonly patience: number;
  /** Whether a caller who has spent `elapsed` seconds in the menus has run out of patience (`elapsed > patience`). */
  outOfPatience(elapsed: number): boolean;
  /** The call's stream of draws (see random.ts). */
  readonly stream: number;
  /** The outcome the world gives a node on a visit (1-based), or undefined for a node it does not decide; `at` is its place in the flow's nodes, when known. */
  world(node: string, visit: number, at?: number): string | undefined;
  /** What happens at a queue on a visit (1-based). */
  queue(node: string, visit: number): QueueDraw | undefined;
  /** The same, for the node at this place in the flow's nodes. */
  queueAt(at: number, visit: number): QueueDraw | undefined;
}

const WORLD_DECIDES = new Set<FlowNode['kind']>(['hours', 'queue', 'lookup', 'transfer', 'voicemail', 'callback', 'opaque']);
/** How the world decides a node (see WorldPlan): not at all, by the hours, by a queue's draw, or by an outcome table. */
const NO_WORLD = 0;
const HOURS = 1;
const QUEUE = 2;
const TABLE = 3;
/** Where a caller is asked (see WorldPlan.waitsAt). */
const MENU = 1;
const INPUT = 2;

/**
 * A flow's nodes as the traffic sees them, worked out once per flow: each
 * node's place (its index in the flow's nodes), its hashed id, and whether
 * the world decides its outcome.
 */
export class WorldPlan {
  readonly byId: ReadonlyMap<string, FlowNode>;
  readonly places: ReadonlyMap<string, number>;
  readonly nodes: readonly FlowNode[];
  /** Each node's id, hashed for its draws. */
  readonly keys: Uint32Array;
  /** What the world decides at each place: NO_WORLD, or how (HOURS, QUEUE, or TABLE: by the outcome table). */
  private readonly decided: Uint8Array;
  /** 1 where the node is a queue. */
  private readonly queues: Uint8Array;
  /** Where a caller is asked: MENU, INPUT, or 0. */
  private readonly waits: Uint8Array;
  private readonly tables = new WeakMap<ResolvedModel, (OutcomeTable | undefined)[]>();
  private lastModel: ResolvedModel | null = null;
  private lastTables: readonly (OutcomeTable | undefined)[] = [];
  private readonly answerList: (Answers | undefined)[] = [];
  private readonly picks = new WeakMap<ResolvedModel['intents'][number], Int32Array>();
  private lastIntent: ResolvedModel['intents'][number] | null = null;
  private lastPicks: Int32Array = new Int32Array(0);

  /** `nodes`: the nodes the machine runs, when sub-flows are compiled in (see compiledNodes). */
  constructor(
    readonly flow: Flow,
    nodes: readonly FlowNode[] = flow.nodes
  ) {
    this.nodes = nodes;
    this.byId = new Map(nodes.map((n) => [n.id, n]));
    this.places = new Map(nodes.map((n, i) => [n.id, i]));
    this.keys = Uint32Array.from(nodes, (n) => hashText(n.id));
    this.decided = Uint8Array.from(nodes, (n) => (!WORLD_DECIDES.has(n.kind) || outcomesOf(n).length === 0 ? NO_WORLD : n.kind === 'hours' ? HOURS : n.kind === 'queue' ? QUEUE : TABLE));
    this.queues = Uint8Array.from(nodes, (n) => (n.kind === 'queue' ? 1 : 0));
    this.waits = Uint8Array.from(nodes, (n) => (n.kind === 'menu' ? MENU : n.kind === 'input' ? INPUT : 0));
  }

  decides(node: string): boolean {
    const at = this.places.get(node);
    return at !== undefined && this.decidesAt(at);
  }

  decidesAt(at: number): boolean {
    return this.decision(at) !== NO_WORLD;
  }

  /** How the world decides the node at this place (see `decided`). */
  decision(at: number): number {
    return this.decided[at] ?? NO_WORLD;
  }

  /** Whether the node at this place asks the caller: MENU, INPUT, or 0. */
  waitsAt(at: number): number {
    return this.waits[at] ?? 0;
  }

  /** Whether the node at this place is a queue. */
  queueAt(at: number): boolean {
    return this.queues[at] === 1;
  }

  /** The world's chances for the node at this place under a model. */
  outcomeTable(at: number, model: ResolvedModel): OutcomeTable | undefined {
    // A simulation asks under one model call after call: the last model's tables are kept at hand.
    if (model !== this.lastModel) {
      let tables = this.tables.get(model);
      if (tables === undefined) {
        tables = this.nodes.map((n) => outcomeTable(n, model));
        this.tables.set(model, tables);
      }
      this.lastModel = model;
      this.lastTables = tables;
    }
    return this.lastTables[at];
  }

  /**
   * For each place, the option an intent's caller picks at the menu there
   * (the first its choice names), or -1 where it has no choice in mind.
   * Worked out once per intent; the last intent's at hand.
   */
  picksOf(intent: ResolvedModel['intents'][number]): Int32Array {
    if (intent === this.lastIntent) return this.lastPicks;
    let picks = this.picks.get(intent);
    if (picks === undefined) {
      picks = new Int32Array(this.nodes.length).fill(-1);
      for (const [id, wanted] of intent.choices) {
        const at = this.places.get(id);
        const node = at === undefined ? undefined : this.nodes[at];
        if (node?.kind === 'menu') picks[at!] = choicesOf(node).get(wanted) ?? -1;
      }
      this.picks.set(intent, picks);
    }
    this.lastIntent = intent;
    this.lastPicks = picks;
    return picks;
  }

  /** What a caller can do at the menu or input at this place (see waitsAt), worked out when first asked. */
  answersAt(at: number): Answers {
    return (this.answerList[at] ??= answers(this.nodes[at] as NodeOfKind<'menu'> | NodeOfKind<'input'>));
  }
}

/**
 * A call's draws, computed when asked: a class, so nothing is built per call
 * but the object, and a run of calls can reuse one (see `reset`).
 */
class Draws implements PreparedCall {
  intent: ResolvedModel['intents'][number];
  stream = 0;
  /** The uniform draw the patience is made from, and the patience once worked out (NaN before). */
  private patienceDraw = 0;
  private patienceSeconds = Number.NaN;
  /**
   * Seconds below which the caller is patient still, known without the
   * patience: an exponential draw -ln(1 - u) × mean is at least u × mean
   * (computed, to within far less than the margin taken off here).
   */
  private patientBelow = -1;
  /** The last queue draw (its place, visit index and draw), asked for again when the call is counted. */
  private lastAt = -1;
  private lastVisit = -1;
  private lastDraw: QueueDraw | null = null;

  constructor(
    private readonly plan: WorldPlan,
    private readonly model: ResolvedModel,
    private readonly seed: number,
    call: number
  ) {
    this.intent = model.intents[0]!;
    this.reset(call);
  }

  /** The draws of another call of the same simulation. */
  reset(call: number): void {
    this.stream = callStream(this.seed, call);
    this.intent = pickIntent(this.model, this.stream);
    // The logarithm of the patience is taken only when a call runs long enough to need it.
    const u = uniformIn(this.stream, DRAW.patience);
    this.patienceDraw = u;
    this.patienceSeconds = Number.NaN;
    this.patientBelow = u > 1e-9 ? u * this.model.patienceSeconds * (1 - 1e-6) : -1;
    this.lastAt = -1;
    this.lastDraw = null;
  }

  get patience(): number {
    if (Number.isNaN(this.patienceSeconds)) this.patienceSeconds = exponential(this.patienceDraw, this.model.patienceSeconds);
    return this.patienceSeconds;
  }

  outOfPatience(elapsed: number): boolean {
    return elapsed > this.patientBelow && elapsed > this.patience;
  }

  world(id: string, visit: number, at = this.plan.places.get(id) ?? -1): string | undefined {
    const plan = this.plan;
    const decision = at < 0 ? NO_WORLD : plan.decision(at);
    if (decision === NO_WORLD) return undefined;
    if (decision === HOURS) return uniformIn(this.stream, plan.keys[at]! ^ DRAW.hours) < this.model.openShare ? 'open' : 'closed';
    if (decision === QUEUE) return this.queueAt(at, visit)!.result === 'overflow' ? 'overflow' : 'answered';
    return worldOutcome(plan.outcomeTable(at, this.model)!, plan.keys[at]!, this.stream, visitIndex(visit));
  }

  queue(id: string, visit: number): QueueDraw | undefined {
    return this.queueAt(this.plan.places.get(id) ?? -1, visit);
  }

  queueAt(at: number, visit: number): QueueDraw | undefined {
    if (!this.plan.queueAt(at)) return undefined;
    const node = this.plan.nodes[at] as NodeOfKind<'queue'>;
    const index = visitIndex(visit);
    if (this.lastDraw !== null && this.lastAt === at && this.lastVisit === index) return this.lastDraw;
    const draw = queueDraw(node, this.model, this.stream, index, this.plan.keys[at]!);
    this.lastAt = at;
    this.lastVisit = index;
    this.lastDraw = draw;
    return draw;
  }
}

/** Visits past VISITS_AHEAD repeat the last one decided, as the machine's environment does. */
function visitIndex(visit: number): number {
  return Math.min(Math.max(visit, 1), VISITS_AHEAD) - 1;
}

export function prepareCall(plan: WorldPlan, model: ResolvedModel, seed: number, call: number): PreparedCall {
  return new Draws(plan, model, seed, call);
}

/** The world's decisions written out for the machine's input: per node, the outcome on each visit. */
export function outcomesFor(plan: WorldPlan, prepared: PreparedCall): Record<string, string[]> {
  const outcomes: Record<string, string[]> = {};
  for (const node of plan.nodes) {
    if (!plan.decides(node.id)) continue;
    setField(outcomes, node.id, Array.from({ length: VISITS_AHEAD }, (_, v) => prepared.world(node.id, v + 1)!));
  }
  return outcomes;
}

/** The input the machine starts a prepared call with. */
export function callInputOf(plan: WorldPlan, prepared: PreparedCall): { now: string; outcomes: Record<string, string[]> } {
  return { now: CALL_TIME, outcomes: outcomesFor(plan, prepared) };
}

/**
 * The caller at a menu or input: what they do on this attempt, or hang up
 * when their patience has run out. Any engine asks this at each wait.
 */
export class Caller {
  /** Attempts so far per node, as pairs (place, attempts), the first `used` of them: a caller meets few menus. */
  private readonly attempts: number[] = [];
  private used = 0;
  menuSteps = 0;
  /** The place where the caller hung up, or -1. */
  hungUpPlace = -1;

  constructor(
    private readonly plan: WorldPlan,
    private readonly model: ResolvedModel,
    private readonly prepared: PreparedCall
  ) {}

  /** The node where the caller hung up, or null. */
  get hungUpAt(): string | null {
    return this.hungUpPlace < 0 ? null : this.plan.nodes[this.hungUpPlace]!.id;
  }

  /** Events for the wait at `nodeId`, 'hangup', or undefined when the node takes no input (the call is stuck). */
  act(nodeId: string | null, elapsed: number): readonly CallerEvent[] | 'hangup' | undefined {
    return this.actAt(nodeId === null ? -1 : (this.plan.places.get(nodeId) ?? -1), elapsed);
  }

  /** The same, for the node at this place in the flow's nodes. */
  actAt(at: number, elapsed: number): readonly CallerEvent[] | 'hangup' | undefined {
    const plan = this.plan;
    const waits = at < 0 ? 0 : plan.waitsAt(at);
    if (waits === 0) return undefined;
    if (this.prepared.outOfPatience(elapsed)) {
      this.hungUpPlace = at;
      return 'hangup';
    }
    const attempt = this.attempt(at);
    if (waits === MENU) this.menuSteps++;
    return callerEvents(at, plan.answersAt(at), plan.picksOf(this.prepared.intent), this.model, this.prepared.stream, attempt);
  }

  /** The caller of another call, with the same draws object (see Draws.reset). */
  restart(): void {
    this.used = 0;
    this.menuSteps = 0;
    this.hungUpPlace = -1;
  }

  /** Attempts before this one at the node, counting this one. */
  private attempt(at: number): number {
    const pairs = this.attempts;
    for (let i = 0; i < this.used; i += 2) {
      if (pairs[i] === at) return pairs[i + 1]!++;
    }
    pairs[this.used] = at;
    pairs[this.used + 1] = 1;
    this.used += 2;
    return 0;
  }
}

/** The ways a call can count (see Counting). */
const QUEUE_ABANDONED = 1;
const QUEUE_ANSWERED = 2;
const NO_RESULT = 3;
const HUNG_UP = 4;
const ENDED = 5;

/**
 * How a call counts, worked out from its route as places: a caller may give
 * up in a queue before anyone answers, or a queue may answer; else the
 * call's result (or its want of one) or the caller hanging up decides. One
 * object serves call after call.
 */
class Counting {
  /** QUEUE_ABANDONED, QUEUE_ANSWERED, NO_RESULT, HUNG_UP or ENDED. */
  kind = ENDED;
  /** For a queue's case: the queue's index in the route, and its draw. */
  index = -1;
  draw: QueueDraw | null = null;
  /** The queue places met so far, while a call is worked out. */
  private queues = new Int32Array(8);

  /** `path`: the first `length` places of the route, -1 for a node the plan does not have. */
  of(plan: WorldPlan, result: CallResult | null, path: ArrayLike<number>, length: number, prepared: PreparedCall, caller: Caller): this {
    let met = 0;
    for (let i = 0; i < length; i++) {
      const at = path[i]!;
      if (at < 0 || !plan.queueAt(at)) continue;
      let visit = 1;
      for (let q = 0; q < met; q++) if (this.queues[q] === at) visit++;
      if (met === this.queues.length) this.queues = doubled(this.queues);
      this.queues[met++] = at;
      const draw = prepared.queueAt(at, visit)!;
      if (draw.result === 'abandoned' || (draw.result === 'answered' && (result === null || result.outcome === 'person'))) {
        this.kind = draw.result === 'abandoned' ? QUEUE_ABANDONED : QUEUE_ANSWERED;
        this.index = i;
        this.draw = draw;
        return this;
      }
    }
    this.kind = result === null ? NO_RESULT : caller.hungUpPlace >= 0 ? HUNG_UP : ENDED;
    this.index = -1;
    this.draw = null;
    return this;
  }
}

const toHundredths = (seconds: number): number => Math.round(seconds * 100) / 100;

/**
 * How a call counts, from how the engine ended it. `path` is the route as
 * places in the flow's nodes, when the engine has it; `stopped`, why a call
 * with no result was stopped: out of events without going round, it counts
 * as stopped at the step limit, else as trapped.
 */
export function recordOf(
  plan: WorldPlan,
  result: CallResult | null,
  endNode: string | null,
  fullRoute: readonly string[],
  prepared: PreparedCall,
  caller: Caller,
  path?: ArrayLike<number>,
  stopped: Stopped = null
): CallRecord {
  const menuSteps = caller.menuSteps;
  const places = path ?? fullRoute.map((id) => plan.places.get(id) ?? -1);
  const counted = new Counting().of(plan, result, places, fullRoute.length, prepared, caller);
  switch (counted.kind) {
    case QUEUE_ABANDONED:
      return { outcome: 'abandoned', node: fullRoute[counted.index]!, timeToPerson: null, menuSteps, route: fullRoute.slice(0, counted.index + 1) };
    case QUEUE_ANSWERED:
      return { outcome: 'person', node: result?.node ?? fullRoute[counted.index]!, timeToPerson: toHundredths((result?.seconds ?? 0) + counted.draw!.seconds), menuSteps, route: fullRoute };
    case NO_RESULT: {
      const outcome = stopped === 'events' && !new RoundCheck().wentRound(fullRoute) ? 'stepLimit' : 'trapped';
      return { outcome, node: endNode, timeToPerson: null, menuSteps, route: fullRoute };
    }
    case HUNG_UP:
      return { outcome: 'abandoned', node: caller.hungUpAt, timeToPerson: null, menuSteps, route: fullRoute };
  }
  const person = result!.outcome === 'person';
  return { outcome: result!.outcome, node: result!.node, timeToPerson: person ? result!.seconds : null, menuSteps, route: fullRoute };
}

/** Runs call number `call` of a simulation as one XState actor. */
export function simulateCall(plan: WorldPlan, machine: ReturnType<typeof createFlowMachine>, model: ResolvedModel, seed: number, call: number): CallRecord {
  const prepared = prepareCall(plan, model, seed, call);
  const caller = new Caller(plan, model, prepared);
  const actor = createActor(machine, { input: callInputOf(plan, prepared) });
  actor.start();
  let events = 0;
  const limit = eventLimit(plan.nodes.length);
  const rounds = new RoundCheck();
  let stopped: Stopped = null;
  while (actor.getSnapshot().status !== 'done') {
    const context = actor.getSnapshot().context;
    if (!mayGoOn(events, limit, context.route, rounds)) {
      stopped = 'events';
      break;
    }
    const action = caller.act(context.node, context.elapsed);
    if (action === undefined) {
      stopped = 'stuck';
      break;
    }
    if (action === 'hangup') {
      actor.send({ type: 'HANGUP' });
      break;
    }
    for (const event of action) {
      if (actor.getSnapshot().status === 'done') break;
      actor.send(event);
      events++;
    }
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  const result = snapshot.status === 'done' ? (snapshot.output ?? null) : null;
  return recordOf(plan, result, snapshot.context.node, snapshot.context.route, prepared, caller, undefined, stopped);
}

export interface TrafficReport {
  readonly calls: number;
  readonly seed: number;
  readonly outcomes: Record<TrafficOutcome, number>;
  readonly counts: Record<TrafficOutcome, number>;
  readonly timeToPerson: { readonly p50: number | null; readonly p90: number | null; readonly p99: number | null; readonly mean: number | null };
  readonly menuSteps: { readonly mean: number; readonly p90: number };
  /** The nodes most calls pass through, with the share of calls that do. */
  readonly busiestNodes: readonly { readonly node: string; readonly calls: number; readonly share: number }[];
  /** Where callers hang up, in the menus or in a queue. */
  readonly abandonedAt: readonly { readonly node: string; readonly calls: number }[];
}

/** The place of the value a percentile reads in `n` sorted values (nearest rank). */
const rankOf = (n: number, p: number): number => Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));

/**
 * Puts the value of rank `k` (0-based, as if sorted) at `values[k]`, with
 * every smaller-ranked value before it and every larger-ranked after, looking
 * only at `values[from..to]` (Hoare's selection: linear on average, where a
 * sort of a million times costs n log n).
 */
function select(values: Float64Array, k: number, from: number, to: number): void {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    // The median of three as the pivot, so sorted or equal times stay linear.
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Percentiles (nearest rank, rounded to a tenth) of the values, which are
 * reordered. Asked from the highest down, each selection looks only at the
 * values below the one before.
 */
function percentiles(values: Float64Array, ps: readonly number[]): (number | null)[] {
  const n = values.length;
  if (n === 0) return ps.map(() => null);
  const order = ps.map((p, i) => ({ i, k: rankOf(n, p) })).sort((a, b) => b.k - a.k);
  const found: (number | null)[] = ps.map(() => null);
  let to = n - 1;
  for (const { i, k } of order) {
    select(values, k, 0, to);
    found[i] = Math.round(values[k]! * 10) / 10;
    to = k;
  }
  return found;
}

export interface TallyData {
  readonly n: number;
  readonly counts: Record<TrafficOutcome, number>;
  /** Seconds to a person, one per call that reached one, in no order. */
  readonly times: Float64Array;
  /** Calls by menu steps: `steps[k]` calls took k steps. */
  readonly steps: readonly number[];
  readonly through: readonly [string, number][];
  readonly abandoned: readonly [string, number][];
}

/** An outcome's place in TRAFFIC_OUTCOMES: a switch over the names, where a record keyed by them is read at a different field each call. */
function outcomeSlot(outcome: TrafficOutcome): number {
  switch (outcome) {
    case 'person':
      return 0;
    case 'voicemail':
      return 1;
    case 'callback':
      return 2;
    case 'ended':
      return 3;
    case 'dropped':
      return 4;
    case 'abandoned':
      return 5;
    case 'trapped':
      return 6;
    case 'stepLimit':
      return 7;
  }
}

const PERSON = outcomeSlot('person');
/** A route of no places, for a call the tally counts by id. */
const NO_PLACES: ArrayLike<number> = new Int32Array(0);
const ABANDONED = outcomeSlot('abandoned');

/**
 * Calls summed as they come, so a million calls need not be kept. Given the
 * flow's node ids, it counts a route given as places in that list without
 * looking ids up.
 */
export class Tally {
  /** Calls by outcome, in the order of TRAFFIC_OUTCOMES. */
  private readonly slots = new Float64Array(TRAFFIC_OUTCOMES.length);
  /** Seconds to a person: the first `timeCount` of `times`, grown by doubling. */
  private times = new Float64Array(1024);
  private timeCount = 0;
  private readonly steps: number[] = [];
  private readonly through = new Map<string, { calls: number; last: number }>();
  /** Calls through each place, and the last call counted there. */
  private readonly throughAt: Float64Array;
  private readonly lastAt: Float64Array;
  private readonly abandoned = new Map<string, number>();
  /** Calls abandoned at each place, for calls counted by place. */
  private readonly abandonedAt: Float64Array;
  private n = 0;

  constructor(private readonly nodes: readonly string[] = []) {
    this.throughAt = new Float64Array(nodes.length);
    this.lastAt = new Float64Array(nodes.length).fill(-1);
    this.abandonedAt = new Float64Array(nodes.length);
  }

  /** Calls by outcome, as a record. */
  private counts(): Record<TrafficOutcome, number> {
    const counts = {} as Record<TrafficOutcome, number>;
    for (const o of TRAFFIC_OUTCOMES) counts[o] = this.slots[outcomeSlot(o)]!;
    return counts;
  }

  /** Adds a call; `path` is its route as places in the tally's node ids. */
  add(r: CallRecord, path?: ArrayLike<number>): void {
    // A route given as places is counted by place; else (or when the route was cut short) by id.
    const byPlace = path !== undefined && path.length === r.route.length;
    this.count(outcomeSlot(r.outcome), r.timeToPerson, r.menuSteps, byPlace ? path : NO_PLACES, byPlace ? path.length : 0, -1);
    if (!byPlace) {
      const call = this.n - 1;
      for (const id of r.route) {
        const seen = this.through.get(id);
        if (seen === undefined) this.through.set(id, { calls: 1, last: call });
        else if (seen.last !== call) {
          seen.calls++;
          seen.last = call;
        }
      }
    }
    if (r.outcome === 'abandoned' && r.node !== null) this.abandoned.set(r.node, (this.abandoned.get(r.node) ?? 0) + 1);
  }


  /**
   * Adds a call given as numbers: its outcome's slot (see outcomeSlot), its
   * seconds to a person or null, its menu steps, the first `length` places
   * of `path` as its route, and for a call abandoned at a node, the node's
   * place (else -1).
   */
  count(slot: number, timeToPerson: number | null, menuSteps: number, path: ArrayLike<number>, length: number, abandonedAt: number): void {
    const call = this.n++;
    this.slots[slot]!++;
    if (timeToPerson !== null) this.addTime(timeToPerson);
    const steps = this.steps;
    while (steps.length <= menuSteps) steps.push(0);
    steps[menuSteps]!++;
    const throughAt = this.throughAt;
    const lastAt = this.lastAt;
    for (let i = 0; i < length; i++) {
      const at = path[i]!;
      if (lastAt[at] !== call) {
        throughAt[at]!++;
        lastAt[at] = call;
      }
    }
    if (abandonedAt >= 0) this.abandonedAt[abandonedAt]!++;
  }

  private addTime(seconds: number): void {
    if (this.timeCount === this.times.length) this.times = doubled(this.times);
    this.times[this.timeCount++] = seconds;
  }

  /** Calls through each node, counted by place or by id. */
  private throughNodes(): [string, number][] {
    return this.byNode(this.throughAt, [...this.through].map(([node, v]) => [node, v.calls]));
  }

  /** Calls abandoned at each node, counted by place or by id. */
  private abandonedNodes(): [string, number][] {
    return this.byNode(this.abandonedAt, this.abandoned);
  }

  /** Calls per node: those counted at each place of the tally's nodes, and those counted by id. */
  private byNode(atPlaces: Float64Array, byId: Iterable<readonly [string, number]>): [string, number][] {
    const totals = new Map<string, number>();
    for (let at = 0; at < this.nodes.length; at++) if (atPlaces[at]! > 0) totals.set(this.nodes[at]!, atPlaces[at]!);
    for (const [node, calls] of byId) totals.set(node, (totals.get(node) ?? 0) + calls);
    return [...totals];
  }

  /** The tally as plain data, to send from a worker. */
  toData(): TallyData {
    return {
      n: this.n,
      counts: this.counts(),
      times: this.times.slice(0, this.timeCount),
      steps: this.steps,
      through: this.throughNodes(),
      abandoned: this.abandonedNodes()
    };
  }

  /** Adds another tally of other calls (another range of call numbers). */
  merge(data: TallyData): void {
    this.n += data.n;
    for (const o of TRAFFIC_OUTCOMES) this.slots[outcomeSlot(o)]! += data.counts[o];
    for (const t of data.times) this.addTime(t);
    data.steps.forEach((calls, k) => {
      while (this.steps.length <= k) this.steps.push(0);
      this.steps[k]! += calls;
    });
    for (const [node, calls] of data.through) {
      const seen = this.through.get(node);
      if (seen === undefined) this.through.set(node, { calls, last: -1 });
      else seen.calls += calls;
    }
    for (const [node, calls] of data.abandoned) this.abandoned.set(node, (this.abandoned.get(node) ?? 0) + calls);
  }

  report(seed: number): TrafficReport {
    const n = this.n;
    const counts = this.counts();
    const times = this.times.slice(0, this.timeCount);
    // Shares rounded so they still sum to 1: the largest takes the rounding.
    const shares = Object.fromEntries(TRAFFIC_OUTCOMES.map((o) => [o, n === 0 ? 0 : Math.round((counts[o] / n) * 1e6) / 1e6])) as Record<TrafficOutcome, number>;
    if (n > 0) {
      const largest = TRAFFIC_OUTCOMES.reduce((a, b) => (counts[b] > counts[a] ? b : a));
      const rest = TRAFFIC_OUTCOMES.filter((o) => o !== largest).reduce((sum, o) => sum + shares[o], 0);
      shares[largest] = Math.round((1 - rest) * 1e6) / 1e6;
    }
    const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
    let timeSum = 0;
    // By index: a loop over a typed array's iterator goes through the iterator protocol for each of a million values.
    for (let i = 0; i < times.length; i++) timeSum += times[i]!;
    const [p50 = null, p90 = null, p99 = null] = percentiles(times, [0.5, 0.9, 0.99]);
    let stepSum = 0;
    this.steps.forEach((calls, k) => (stepSum += calls * k));
    return {
      calls: n,
      seed,
      outcomes: shares,
      counts,
      timeToPerson: { p50, p90, p99, mean: times.length === 0 ? null : Math.round((timeSum / times.length) * 10) / 10 },
      menuSteps: { mean: n === 0 ? 0 : Math.round((stepSum / n) * 100) / 100, p90: countedPercentile(this.steps, 0.9) ?? 0 },
      busiestNodes: this.throughNodes()
        .sort(byCount)
        .slice(0, 10)
        .map(([node, calls]) => ({ node, calls, share: Math.round((calls / n) * 1000) / 1000 })),
      abandonedAt: this.abandonedNodes().sort(byCount).slice(0, 10).map(([node, calls]) => ({ node, calls }))
    };
  }
}

/** The percentile of values given as counts: `counts[k]` values equal k. */
function countedPercentile(counts: readonly number[], p: number): number | null {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return null;
  const rank = Math.min(total - 1, Math.max(0, Math.ceil(p * total) - 1));
  let seen = 0;
  for (let k = 0; k < counts.length; k++) {
    seen += counts[k]!;
    if (seen > rank) return k;
  }
  return counts.length - 1;
}

/** Simulates `calls` calls, one XState actor each. */
export function simulateWithActors(flow: Flow, calls: number, options: TrafficOptions = {}): TrafficReport {
  return tallyRange(flow, 0, calls, options, 'xstate-actor').tally.report(options.seed ?? 1);
}

/**
 * Drives a call on the table-driven engine to its end: the caller answers at
 * each wait until the call is done, stuck, or out of events. Why a call with
 * no result stopped, or null.
 */
function drive(run: EngineCall, caller: Caller, limit: number): Stopped {
  const context = run.context;
  let events = 0;
  while (!run.done) {
    // The engine counts visits: a call has gone round when it has entered some node twice.
    if (events >= MAX_EVENTS && (events >= limit || context.counters.wentRound)) return 'events';
    const action = caller.actAt(context.at, context.elapsed);
    if (action === undefined) return 'stuck';
    if (action === 'hangup') {
      run.send(HANGUP);
      return null;
    }
    for (let i = 0; i < action.length && !run.done; i++) {
      run.send(action[i]!);
      events++;
    }
  }
  return null;
}

/**
 * Runs call number `call` on the table-driven engine: the same decisions, no
 * actor. Its route as places in the flow's nodes, for a tally to count by,
 * is the engine's `lastPath` until the engine's next call.
 */
export function simulateEngineCall(plan: WorldPlan, engine: FlowEngine, model: ResolvedModel, seed: number, call: number): CallRecord {
  const prepared = prepareCall(plan, model, seed, call);
  const caller = new Caller(plan, model, prepared);
  // The engine asks the world as the call goes, rather than deciding every node ahead.
  const run = engine.start(CALL_INPUT, prepared);
  const stopped = drive(run, caller, eventLimit(plan.nodes.length));
  const context = run.context;
  return recordOf(plan, context.result, context.node, context.route, prepared, caller, context.path, stopped);
}

const HANGUP: CallerEvent = { type: 'HANGUP' };
const CALL_INPUT: CallInput = { now: CALL_TIME };

/**
 * The calls of one simulation run on the table-driven engine one after
 * another, each counted straight into a tally as numbers: the draws, the
 * caller and the engine's arrays are kept from call to call, and no record
 * or route is built. A call counts as `recordOf` counts it: both ask Counting.
 */
class EngineTraffic {
  private readonly draws: Draws;
  private readonly caller: Caller;
  private readonly limit: number;
  private readonly counting = new Counting();

  constructor(
    private readonly plan: WorldPlan,
    private readonly engine: FlowEngine,
    model: ResolvedModel,
    seed: number,
    private readonly tally: Tally
  ) {
    this.draws = new Draws(plan, model, seed, 0);
    this.caller = new Caller(plan, model, this.draws);
    this.limit = eventLimit(plan.nodes.length);
  }

  /** Runs call number `call` and counts it. */
  run(call: number): void {
    const { draws, caller, tally } = this;
    draws.reset(call);
    caller.restart();
    const run = this.engine.startNext(CALL_INPUT, draws);
    const stopped = drive(run, caller, this.limit);
    const context = run.context;
    const { trail, entered } = context.counters;
    const result = context.result;
    const menuSteps = caller.menuSteps;
    const counted = this.counting.of(this.plan, result, trail, entered, draws, caller);
    switch (counted.kind) {
      case QUEUE_ABANDONED:
        return tally.count(ABANDONED, null, menuSteps, trail, counted.index + 1, trail[counted.index]!);
      case QUEUE_ANSWERED:
        return tally.count(PERSON, toHundredths((result?.seconds ?? 0) + counted.draw!.seconds), menuSteps, trail, entered, -1);
      case NO_RESULT:
        return tally.count(outcomeSlot(stopped === 'events' && !context.counters.wentRound ? 'stepLimit' : 'trapped'), null, menuSteps, trail, entered, -1);
      case HUNG_UP:
        return tally.count(ABANDONED, null, menuSteps, trail, entered, caller.hungUpPlace);
    }
    tally.count(outcomeSlot(result!.outcome), result!.outcome === 'person' ? result!.seconds : null, menuSteps, trail, entered, -1);
  }
}

/** Simulates `calls` calls on the table-driven engine. */
export function simulateWithEngine(flow: Flow, calls: number, options: TrafficOptions = {}): TrafficReport {
  return tallyRange(flow, 0, calls, options, 'table').tally.report(options.seed ?? 1);
}

/** Simulates on the table-driven engine, and says so. */
export function simulate(flow: Flow, calls: number, options: TrafficOptions = {}): TrafficReport & { readonly engine: 'table' | 'xstate-actor' } {
  return { ...simulateWithEngine(flow, calls, options), engine: 'table' };
}

/**
 * Calls number `from` to `to` (excluded): every call's draws depend only on
 * the seed and its number, so ranges run apart (in workers) and merged give
 * the same report as one run. Sub-flows that `options.resolveFlow` finds are
 * compiled in and run. The table-driven engine runs them unless
 * `'xstate-actor'` asks for one XState actor per call, the reference.
 */
export function tallyRange(
  flow: Flow,
  from: number,
  to: number,
  options: TrafficOptions = {},
  engine: 'table' | 'xstate-actor' = 'table'
): { tally: Tally; engine: 'table' | 'xstate-actor' } {
  const model = resolveModel(options.model);
  const seed = options.seed ?? 1;
  const config = compile(flow, options);
  const plan = new WorldPlan(flow, compiledNodes(config));
  if (engine === 'table') {
    const table = FlowEngine.forConfig(config, { routes: false });
    const tally = new Tally(table.nodes);
    const traffic = new EngineTraffic(plan, table, model, seed, tally);
    for (let call = from; call < to; call++) traffic.run(call);
    return { tally, engine };
  }
  const tally = new Tally();
  const machine = machineFromConfig(config);
  for (let call = from; call < to; call++) tally.add(simulateCall(plan, machine, model, seed, call));
  return { tally, engine };
}
