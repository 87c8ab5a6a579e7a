/**
 * Monte Carlo caller traffic on a flow's XState machine: each call is one
 * actor, driven by a caller drawn from the traffic model. This is the
 * reference every faster engine is checked against. Every decision is a
 * counter-based draw (see random.ts), so the same seed gives the same calls.
 */
import { createActor } from 'xstate';
import type { CallResult } from '../compile/compile.ts';
import { createFlowMachine, type CallerEvent } from '../compile/machine.ts';
import type { CompileOptions } from '../compile/compile.ts';
import { outcomesOf } from '../model/outcomes.ts';
import { DTMF_KEYS } from '../model/schema.ts';
import type { Flow, FlowNode, NodeOfKind } from '../model/types.ts';
import { CALL_TIME, unusedKey, validEntry } from './paths.ts';
import { exponential, hashText, uniform } from './random.ts';
import { resolveModel, type ResolvedModel, type TrafficModel } from './model.ts';
import { FlowEngine } from './engine.ts';

export const TRAFFIC_OUTCOMES = ['person', 'voicemail', 'callback', 'ended', 'dropped', 'abandoned', 'trapped'] as const;
export type TrafficOutcome = (typeof TRAFFIC_OUTCOMES)[number];

/** Each outcome in words, after a share: "55% reached a person". */
export const OUTCOME_LABELS: Readonly<Record<TrafficOutcome, string>> = {
  person: 'reached a person',
  voicemail: 'left a voicemail',
  callback: 'got a callback',
  ended: 'ended by design',
  dropped: 'were dropped',
  abandoned: 'hung up',
  trapped: 'were trapped'
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
/** Events a call may take before it counts as trapped. */
const MAX_EVENTS = 400;

interface QueueDraw {
  readonly result: 'answered' | 'overflow' | 'abandoned';
  /** Seconds in the queue before the result. */
  readonly seconds: number;
}

/** What happens at a queue on one visit: the wait and the caller's patience there, Erlang-A style. */
export function queueDraw(node: NodeOfKind<'queue'>, model: ResolvedModel, seed: number, call: number, visit: number): QueueDraw {
  const key = hashText(node.id);
  const wait = exponential(uniform(seed, call, key ^ DRAW.queueWait, visit), node.expectedWaitSeconds ?? model.defaultWaitSeconds);
  const patience = exponential(uniform(seed, call, key ^ DRAW.queuePatience, visit), model.queuePatienceSeconds);
  const limit = node.maxWaitSeconds ?? Number.POSITIVE_INFINITY;
  if (patience < Math.min(wait, limit)) return { result: 'abandoned', seconds: patience };
  if (wait > limit) return { result: 'overflow', seconds: limit };
  return { result: 'answered', seconds: wait };
}

/** The outcome the world gives a step on one visit. */
function worldOutcome(node: FlowNode, model: ResolvedModel, seed: number, call: number, visit: number): string | undefined {
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
  const table = Object.hasOwn(model.outcomes, node.id) ? model.outcomes[node.id]! : defaults;
  let u = uniform(seed, call, hashText(node.id) ^ DRAW.world, visit);
  for (const o of outcomes.slice(1)) {
    const p = Object.hasOwn(table, o.name) ? table[o.name]! : 0;
    if (u < p) return o.name;
    u -= p;
  }
  return outcomes[0]!.name;
}

const NO_INPUT: CallerEvent = { type: 'NO_INPUT' };
const KEYS = new Map<string, CallerEvent>(DTMF_KEYS.map((k) => [k, { type: 'KEY', key: k }]));
const keyEvent = (key: string): CallerEvent => KEYS.get(key) ?? { type: 'KEY', key };

/** What a caller can do at a node, worked out once per node: the events of each kind of answer. */
interface Answers {
  readonly wrong: readonly CallerEvent[];
  /** For an input: a valid entry; for a menu: each option's events. */
  readonly valid: readonly CallerEvent[];
  readonly options: readonly (readonly CallerEvent[])[];
  readonly zero: boolean;
}

const answersOf = new WeakMap<FlowNode, Answers>();

function answers(node: NodeOfKind<'menu'> | NodeOfKind<'input'>): Answers {
  let known = answersOf.get(node);
  if (known !== undefined) return known;
  if (node.kind === 'input') {
    const terminator = node.terminator ?? '#';
    const digits = validEntry(node);
    const keys = digits === undefined ? undefined : digits.length >= (node.maxDigits ?? 32) ? digits : `${digits}${terminator}`;
    known = { wrong: [keyEvent(terminator)], valid: keys === undefined ? [keyEvent(terminator)] : [...keys].map(keyEvent), options: [], zero: false };
  } else {
    const wrong = unusedKey(node);
    known = {
      wrong: [wrong === undefined ? { type: 'SPEECH', text: 'something else entirely' } : keyEvent(wrong)],
      valid: [],
      options: node.options.map((o): CallerEvent[] => (o.key !== undefined ? [keyEvent(o.key)] : [{ type: 'SPEECH', text: o.phrases?.[0] ?? '' }])),
      zero: node.options.some((o) => o.key === '0')
    };
  }
  answersOf.set(node, known);
  return known;
}

/** The caller's events at a menu or input, on this attempt there. */
function callerEvents(
  node: NodeOfKind<'menu'> | NodeOfKind<'input'>,
  intent: ResolvedModel['intents'][number],
  model: ResolvedModel,
  seed: number,
  call: number,
  attempt: number
): readonly CallerEvent[] {
  const key = hashText(node.id);
  const can = answers(node);
  // Lost after a retry here, a caller may press 0 when the menu has it.
  if (node.kind === 'menu' && attempt > 0 && can.zero && uniform(seed, call, key ^ DRAW.lost, attempt) < model.zeroOutWhenLost) {
    return [keyEvent('0')];
  }
  const u = uniform(seed, call, key ^ DRAW.act, attempt);
  if (u < model.silence) return [NO_INPUT];
  if (u < model.silence + model.wrongKey) return can.wrong;
  if (node.kind === 'input') return can.valid;
  const wanted = Object.hasOwn(intent.choices, node.id) ? intent.choices[node.id] : undefined;
  let index = wanted === undefined ? -1 : node.options.findIndex((o) => o.key === wanted || o.phrases?.includes(wanted));
  // A caller with no choice in mind here picks any option.
  if (index < 0 && node.options.length > 0) index = Math.floor(uniform(seed, call, key ^ DRAW.pick, attempt) * node.options.length);
  return index < 0 ? [NO_INPUT] : can.options[index]!;
}

function pickIntent(model: ResolvedModel, seed: number, call: number): ResolvedModel['intents'][number] {
  const total = model.intents.reduce((sum, i) => sum + i.weight, 0);
  let u = uniform(seed, call, DRAW.intent) * total;
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
  readonly patience: number;
  /** The outcome the world gives a node on a visit (1-based), or undefined for a node it does not decide. */
  world(node: string, visit: number): string | undefined;
  /** What happens at a queue on a visit (1-based). */
  queue(node: string, visit: number): QueueDraw | undefined;
}

/** The nodes whose outcome the world decides, looked up once per flow. */
export class WorldPlan {
  readonly byId: ReadonlyMap<string, FlowNode>;
  private readonly decided = new Set<string>();

  constructor(readonly flow: Flow) {
    this.byId = new Map(flow.nodes.map((n) => [n.id, n]));
    for (const node of flow.nodes) {
      if (['hours', 'queue', 'lookup', 'transfer', 'voicemail', 'callback', 'opaque'].includes(node.kind) && outcomesOf(node).length > 0) this.decided.add(node.id);
    }
  }

  decides(node: string): boolean {
    return this.decided.has(node);
  }
}

/** A call's draws, computed when asked: a class, so nothing is built per call but the object. */
class Draws implements PreparedCall {
  readonly intent: ResolvedModel['intents'][number];
  readonly patience: number;

  constructor(
    private readonly plan: WorldPlan,
    private readonly model: ResolvedModel,
    private readonly seed: number,
    private readonly call: number
  ) {
    this.intent = pickIntent(model, seed, call);
    this.patience = exponential(uniform(seed, call, DRAW.patience), model.patienceSeconds);
  }

  world(id: string, visit: number): string | undefined {
    if (!this.plan.decides(id)) return undefined;
    const node = this.plan.byId.get(id)!;
    if (node.kind === 'hours') return uniform(this.seed, this.call, hashText(node.id) ^ DRAW.hours) < this.model.openShare ? 'open' : 'closed';
    if (node.kind === 'queue') return this.queue(id, visit)!.result === 'overflow' ? 'overflow' : 'answered';
    return worldOutcome(node, this.model, this.seed, this.call, visitIndex(visit));
  }

  queue(id: string, visit: number): QueueDraw | undefined {
    const node = this.plan.byId.get(id);
    return node?.kind === 'queue' ? queueDraw(node, this.model, this.seed, this.call, visitIndex(visit)) : undefined;
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
  for (const node of plan.flow.nodes) {
    if (!plan.decides(node.id)) continue;
    outcomes[node.id] = Array.from({ length: VISITS_AHEAD }, (_, v) => prepared.world(node.id, v + 1)!);
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
  private readonly attempts = new Map<string, number>();
  menuSteps = 0;
  hungUpAt: string | null = null;

  constructor(
    private readonly byId: ReadonlyMap<string, FlowNode>,
    private readonly model: ResolvedModel,
    private readonly prepared: PreparedCall,
    private readonly seed: number,
    private readonly call: number
  ) {}

  /** Events for the wait at `nodeId`, 'hangup', or undefined when the node takes no input (the call is stuck). */
  act(nodeId: string | null, elapsed: number): readonly CallerEvent[] | 'hangup' | undefined {
    const node = nodeId === null ? undefined : this.byId.get(nodeId);
    if (node === undefined || (node.kind !== 'menu' && node.kind !== 'input')) return undefined;
    if (elapsed > this.prepared.patience) {
      this.hungUpAt = node.id;
      return 'hangup';
    }
    const attempt = this.attempts.get(node.id) ?? 0;
    this.attempts.set(node.id, attempt + 1);
    if (node.kind === 'menu') this.menuSteps++;
    return callerEvents(node, this.prepared.intent, this.model, this.seed, this.call, attempt);
  }
}

/** How a call counts, from how the engine ended it. */
export function recordOf(
  byId: ReadonlyMap<string, FlowNode>,
  result: CallResult | null,
  endNode: string | null,
  fullRoute: readonly string[],
  prepared: PreparedCall,
  caller: Caller
): CallRecord {
  const menuSteps = caller.menuSteps;
  // A caller may give up in a queue before anyone answers.
  let visits: Map<string, number> | undefined;
  for (let i = 0; i < fullRoute.length; i++) {
    const id = fullRoute[i]!;
    if (byId.get(id)?.kind !== 'queue') continue;
    visits ??= new Map();
    const visit = visits.get(id) ?? 0;
    visits.set(id, visit + 1);
    const draw = prepared.queue(id, visit + 1);
    if (draw?.result === 'abandoned') return { outcome: 'abandoned', node: id, timeToPerson: null, menuSteps, route: fullRoute.slice(0, i + 1) };
    if (draw?.result === 'answered' && (result === null || result.outcome === 'person')) {
      const seconds = result?.seconds ?? 0;
      return { outcome: 'person', node: result?.node ?? id, timeToPerson: Math.round((seconds + draw.seconds) * 100) / 100, menuSteps, route: fullRoute };
    }
  }
  if (result === null) return { outcome: 'trapped', node: endNode, timeToPerson: null, menuSteps, route: fullRoute };
  if (caller.hungUpAt !== null) return { outcome: 'abandoned', node: caller.hungUpAt, timeToPerson: null, menuSteps, route: fullRoute };
  const person = result.outcome === 'person';
  return { outcome: result.outcome, node: result.node, timeToPerson: person ? result.seconds : null, menuSteps, route: fullRoute };
}

/** Runs call number `call` of a simulation as one XState actor. */
export function simulateCall(plan: WorldPlan, machine: ReturnType<typeof createFlowMachine>, model: ResolvedModel, seed: number, call: number): CallRecord {
  const byId = plan.byId;
  const prepared = prepareCall(plan, model, seed, call);
  const caller = new Caller(byId, model, prepared, seed, call);
  const actor = createActor(machine, { input: callInputOf(plan, prepared) });
  actor.start();
  let events = 0;
  while (actor.getSnapshot().status !== 'done' && events < MAX_EVENTS) {
    const context = actor.getSnapshot().context;
    const action = caller.act(context.node, context.elapsed);
    if (action === undefined) break;
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
  return recordOf(byId, result, snapshot.context.node, snapshot.context.route, prepared, caller);
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

function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

export interface TallyData {
  readonly n: number;
  readonly counts: Record<TrafficOutcome, number>;
  readonly times: readonly number[];
  readonly steps: readonly number[];
  readonly through: readonly [string, number][];
  readonly abandoned: readonly [string, number][];
}

/** Calls summed as they come, so a million calls need not be kept. */
export class Tally {
  private readonly counts = Object.fromEntries(TRAFFIC_OUTCOMES.map((o) => [o, 0])) as Record<TrafficOutcome, number>;
  private times: number[] = [];
  private steps: number[] = [];
  private readonly through = new Map<string, { calls: number; last: number }>();
  private readonly abandoned = new Map<string, number>();
  private n = 0;

  add(r: CallRecord): void {
    const call = this.n++;
    this.counts[r.outcome]++;
    if (r.timeToPerson !== null) this.times.push(r.timeToPerson);
    this.steps.push(r.menuSteps);
    for (const id of r.route) {
      const seen = this.through.get(id);
      if (seen === undefined) this.through.set(id, { calls: 1, last: call });
      else if (seen.last !== call) {
        seen.calls++;
        seen.last = call;
      }
    }
    if (r.outcome === 'abandoned' && r.node !== null) this.abandoned.set(r.node, (this.abandoned.get(r.node) ?? 0) + 1);
  }

  /** The tally as plain data, to send from a worker. */
  toData(): TallyData {
    return {
      n: this.n,
      counts: { ...this.counts },
      times: this.times,
      steps: this.steps,
      through: [...this.through].map(([node, v]) => [node, v.calls]),
      abandoned: [...this.abandoned]
    };
  }

  /** Adds another tally of other calls (another range of call numbers). */
  merge(data: TallyData): void {
    this.n += data.n;
    for (const o of TRAFFIC_OUTCOMES) this.counts[o] += data.counts[o];
    for (const t of data.times) this.times.push(t);
    for (const t of data.steps) this.steps.push(t);
    for (const [node, calls] of data.through) {
      const seen = this.through.get(node);
      if (seen === undefined) this.through.set(node, { calls, last: -1 });
      else seen.calls += calls;
    }
    for (const [node, calls] of data.abandoned) this.abandoned.set(node, (this.abandoned.get(node) ?? 0) + calls);
  }

  report(seed: number): TrafficReport {
    const n = this.n;
    const counts = { ...this.counts };
    const times = Float64Array.from(this.times).sort();
    const steps = Float64Array.from(this.steps).sort();
    // Shares rounded so they still sum to 1: the largest takes the rounding.
    const shares = Object.fromEntries(TRAFFIC_OUTCOMES.map((o) => [o, n === 0 ? 0 : Math.round((counts[o] / n) * 1e6) / 1e6])) as Record<TrafficOutcome, number>;
    if (n > 0) {
      const largest = TRAFFIC_OUTCOMES.reduce((a, b) => (counts[b] > counts[a] ? b : a));
      const rest = TRAFFIC_OUTCOMES.filter((o) => o !== largest).reduce((sum, o) => sum + shares[o], 0);
      shares[largest] = Math.round((1 - rest) * 1e6) / 1e6;
    }
    const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
    let timeSum = 0;
    for (const t of times) timeSum += t;
    let stepSum = 0;
    for (const t of steps) stepSum += t;
    return {
      calls: n,
      seed,
      outcomes: shares,
      counts,
      timeToPerson: {
        p50: percentile(times, 0.5),
        p90: percentile(times, 0.9),
        p99: percentile(times, 0.99),
        mean: times.length === 0 ? null : Math.round((timeSum / times.length) * 10) / 10
      },
      menuSteps: { mean: n === 0 ? 0 : Math.round((stepSum / n) * 100) / 100, p90: percentile(steps, 0.9) ?? 0 },
      busiestNodes: [...this.through]
        .map(([node, v]): [string, number] => [node, v.calls])
        .sort(byCount)
        .slice(0, 10)
        .map(([node, calls]) => ({ node, calls, share: Math.round((calls / n) * 1000) / 1000 })),
      abandonedAt: [...this.abandoned].sort(byCount).slice(0, 10).map(([node, calls]) => ({ node, calls }))
    };
  }
}

/** Sums calls into the report: shares of outcomes (summing to 1), time to a person, steps, busy nodes. */
export function summarise(records: readonly CallRecord[], seed: number): TrafficReport {
  const tally = new Tally();
  for (const r of records) tally.add(r);
  return tally.report(seed);
}

/** Simulates `calls` calls, one XState actor each. */
export function simulateWithActors(flow: Flow, calls: number, options: TrafficOptions = {}): TrafficReport {
  return tallyRange(flow, 0, calls, options, 'xstate-actor')!.tally.report(options.seed ?? 1);
}

/** Runs call number `call` on the table-driven engine: the same decisions, no actor. */
export function simulateEngineCall(plan: WorldPlan, engine: FlowEngine, model: ResolvedModel, seed: number, call: number): CallRecord {
  const byId = plan.byId;
  const prepared = prepareCall(plan, model, seed, call);
  const caller = new Caller(byId, model, prepared, seed, call);
  // The engine asks the world as the call goes, rather than deciding every node ahead.
  const run = engine.start({ now: CALL_TIME }, prepared);
  const context = run.context;
  let events = 0;
  while (!run.done && events < MAX_EVENTS) {
    const action = caller.act(context.node, context.elapsed);
    if (action === undefined) break;
    if (action === 'hangup') {
      run.send({ type: 'HANGUP' }, engine.hangupTransition);
      break;
    }
    for (const event of action) {
      if (run.done) break;
      run.send(event, engine.hangupTransition);
      events++;
    }
  }
  return recordOf(byId, context.result, context.node, context.route, prepared, caller);
}

/** Simulates `calls` calls on the table-driven engine; undefined when the flow needs the actor (inlined sub-flows). */
export function simulateWithEngine(flow: Flow, calls: number, options: TrafficOptions = {}): TrafficReport | undefined {
  return tallyRange(flow, 0, calls, options, 'table')?.tally.report(options.seed ?? 1);
}

/** Simulates on the engine, or with one actor per call where the engine does not apply. */
export function simulate(flow: Flow, calls: number, options: TrafficOptions = {}): TrafficReport & { readonly engine: 'table' | 'xstate-actor' } {
  const fast = simulateWithEngine(flow, calls, options);
  return fast !== undefined ? { ...fast, engine: 'table' } : { ...simulateWithActors(flow, calls, options), engine: 'xstate-actor' };
}

/**
 * Calls number `from` to `to` (excluded): every call's draws depend only on
 * the seed and its number, so ranges run apart (in workers) and merged give
 * the same report as one run.
 */
export function tallyRange(flow: Flow, from: number, to: number, options?: TrafficOptions): { tally: Tally; engine: 'table' | 'xstate-actor' };
/** The same, on one engine only: undefined when `'table'` is asked for and the flow needs actors. */
export function tallyRange(flow: Flow, from: number, to: number, options: TrafficOptions, only: 'table' | 'xstate-actor'): { tally: Tally; engine: 'table' | 'xstate-actor' } | undefined;
export function tallyRange(
  flow: Flow,
  from: number,
  to: number,
  options: TrafficOptions = {},
  only?: 'table' | 'xstate-actor'
): { tally: Tally; engine: 'table' | 'xstate-actor' } | undefined {
  const model = resolveModel(options.model);
  const seed = options.seed ?? 1;
  const plan = new WorldPlan(flow);
  const tally = new Tally();
  const engine = only === 'xstate-actor' ? undefined : FlowEngine.forFlow(flow, options);
  if (engine !== undefined) {
    for (let call = from; call < to; call++) tally.add(simulateEngineCall(plan, engine, model, seed, call));
    return { tally, engine: 'table' };
  }
  if (only === 'table') return undefined;
  const machine = createFlowMachine(flow, options);
  for (let call = from; call < to; call++) tally.add(simulateCall(plan, machine, model, seed, call));
  return { tally, engine: 'xstate-actor' };
}
