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
import { CALL_TIME, validEntry } from './paths.ts';
import { exponential, hashText, uniform } from './random.ts';
import { resolveModel, type ResolvedModel, type TrafficModel } from './model.ts';

export const TRAFFIC_OUTCOMES = ['person', 'voicemail', 'callback', 'ended', 'dropped', 'abandoned', 'trapped'] as const;
export type TrafficOutcome = (typeof TRAFFIC_OUTCOMES)[number];

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

/** The caller's events at a menu or input, on this attempt there. */
function callerEvents(
  node: NodeOfKind<'menu'> | NodeOfKind<'input'>,
  intent: ResolvedModel['intents'][number],
  model: ResolvedModel,
  seed: number,
  call: number,
  attempt: number
): CallerEvent[] {
  const key = hashText(node.id);
  // Lost after a retry here, a caller may press 0 when the menu has it.
  if (node.kind === 'menu' && attempt > 0 && node.options.some((o) => o.key === '0') && uniform(seed, call, key ^ DRAW.lost, attempt) < model.zeroOutWhenLost) {
    return [{ type: 'KEY', key: '0' }];
  }
  const u = uniform(seed, call, key ^ DRAW.act, attempt);
  if (u < model.silence) return [{ type: 'NO_INPUT' }];
  if (node.kind === 'input') {
    const terminator = node.terminator ?? '#';
    const digits = u < model.silence + model.wrongKey ? undefined : validEntry(node);
    if (digits === undefined) return [{ type: 'KEY', key: terminator }];
    const keys = digits.length >= (node.maxDigits ?? 32) ? digits : `${digits}${terminator}`;
    return [...keys].map((k) => ({ type: 'KEY', key: k }));
  }
  const keys = new Set<string | undefined>(node.options.map((o) => o.key));
  if (u < model.silence + model.wrongKey) {
    const wrong = DTMF_KEYS.find((k) => !keys.has(k));
    return wrong === undefined ? [{ type: 'SPEECH', text: 'something else entirely' }] : [{ type: 'KEY', key: wrong }];
  }
  const wanted = Object.hasOwn(intent.choices, node.id) ? intent.choices[node.id] : undefined;
  let option = wanted === undefined ? undefined : node.options.find((o) => o.key === wanted || o.phrases?.includes(wanted));
  // A caller with no choice in mind here picks any option.
  if (option === undefined && node.options.length > 0) option = node.options[Math.floor(uniform(seed, call, key ^ DRAW.pick, attempt) * node.options.length)];
  if (option === undefined) return [{ type: 'NO_INPUT' }];
  if (option.key !== undefined) return [{ type: 'KEY', key: option.key }];
  return [{ type: 'SPEECH', text: option.phrases?.[0] ?? '' }];
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

/** Caller seconds when the call first reached a node, from its transcript. */
function reachedAt(transcript: readonly { at: number; node: string | null }[], node: string, fallback: number): number {
  return transcript.find((t) => t.node === node)?.at ?? fallback;
}

export interface TrafficOptions extends CompileOptions {
  readonly model?: TrafficModel;
  readonly seed?: number;
}

/** Runs call number `call` of a simulation on a prepared machine. */
export function simulateCall(flow: Flow, machine: ReturnType<typeof createFlowMachine>, model: ResolvedModel, seed: number, call: number): CallRecord {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const intent = pickIntent(model, seed, call);
  const patience = exponential(uniform(seed, call, DRAW.patience), model.patienceSeconds);
  // The world's decisions, per node and visit, ahead of the call.
  const outcomes: Record<string, string[]> = {};
  const queues = new Map<string, QueueDraw[]>();
  for (const node of flow.nodes) {
    if (node.kind === 'hours') {
      const open = uniform(seed, call, hashText(node.id) ^ DRAW.hours) < model.openShare;
      outcomes[node.id] = [open ? 'open' : 'closed'];
    } else if (node.kind === 'queue') {
      const draws = Array.from({ length: VISITS_AHEAD }, (_, v) => queueDraw(node, model, seed, call, v));
      queues.set(node.id, draws);
      outcomes[node.id] = draws.map((d) => (d.result === 'overflow' ? 'overflow' : 'answered'));
    } else if (node.kind === 'lookup' || node.kind === 'transfer' || node.kind === 'voicemail' || node.kind === 'callback' || node.kind === 'opaque') {
      outcomes[node.id] = Array.from({ length: VISITS_AHEAD }, (_, v) => worldOutcome(node, model, seed, call, v)!).filter(Boolean);
    }
  }
  const actor = createActor(machine, { input: { now: CALL_TIME, outcomes } });
  actor.start();
  const attempts = new Map<string, number>();
  let menuSteps = 0;
  let events = 0;
  let hungUpAt: string | null = null;
  while (actor.getSnapshot().status !== 'done' && events < MAX_EVENTS) {
    const context = actor.getSnapshot().context;
    const node = context.node === null ? undefined : byId.get(context.node);
    if (node === undefined || (node.kind !== 'menu' && node.kind !== 'input')) break;
    if (context.elapsed > patience) {
      hungUpAt = node.id;
      actor.send({ type: 'HANGUP' });
      break;
    }
    const attempt = attempts.get(node.id) ?? 0;
    attempts.set(node.id, attempt + 1);
    if (node.kind === 'menu') menuSteps++;
    for (const event of callerEvents(node, intent, model, seed, call, attempt)) {
      if (actor.getSnapshot().status === 'done') break;
      actor.send(event);
      events++;
    }
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  const result: CallResult | null = snapshot.status === 'done' ? (snapshot.output ?? null) : null;
  let route = snapshot.context.route;
  const transcript = snapshot.context.transcript;
  // A caller may give up in a queue before anyone answers.
  const visits = new Map<string, number>();
  for (let i = 0; i < route.length; i++) {
    const id = route[i]!;
    const visit = visits.get(id) ?? 0;
    visits.set(id, visit + 1);
    const draw = queues.get(id)?.[Math.min(visit, VISITS_AHEAD - 1)];
    if (draw?.result === 'abandoned') {
      route = route.slice(0, i + 1);
      return { outcome: 'abandoned', node: id, timeToPerson: null, menuSteps, route };
    }
    if (draw?.result === 'answered' && (result?.outcome === 'person' || result === null)) {
      return {
        outcome: 'person',
        node: result?.node ?? id,
        timeToPerson: reachedAt(transcript, id, result?.seconds ?? snapshot.context.elapsed) + draw.seconds,
        menuSteps,
        route
      };
    }
  }
  if (result === null) return { outcome: 'trapped', node: snapshot.context.node, timeToPerson: null, menuSteps, route };
  if (hungUpAt !== null) return { outcome: 'abandoned', node: hungUpAt, timeToPerson: null, menuSteps, route };
  const person = result.outcome === 'person';
  const transfer = person ? route.find((id) => byId.get(id)?.kind === 'transfer') : undefined;
  return {
    outcome: result.outcome,
    node: result.node,
    timeToPerson: person ? reachedAt(transcript, transfer ?? result.node ?? '', result.seconds) : null,
    menuSteps,
    route
  };
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

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

/** Sums calls into the report: shares of outcomes (summing to 1), time to a person, steps, busy nodes. */
export function summarise(records: readonly CallRecord[], seed: number): TrafficReport {
  const counts = Object.fromEntries(TRAFFIC_OUTCOMES.map((o) => [o, 0])) as Record<TrafficOutcome, number>;
  const times: number[] = [];
  const steps: number[] = [];
  const through = new Map<string, number>();
  const abandoned = new Map<string, number>();
  for (const r of records) {
    counts[r.outcome]++;
    if (r.timeToPerson !== null) times.push(r.timeToPerson);
    steps.push(r.menuSteps);
    for (const id of new Set(r.route)) through.set(id, (through.get(id) ?? 0) + 1);
    if (r.outcome === 'abandoned' && r.node !== null) abandoned.set(r.node, (abandoned.get(r.node) ?? 0) + 1);
  }
  const n = records.length;
  times.sort((a, b) => a - b);
  steps.sort((a, b) => a - b);
  // Shares rounded so they still sum to 1: the largest takes the rounding.
  const shares = Object.fromEntries(TRAFFIC_OUTCOMES.map((o) => [o, n === 0 ? 0 : Math.round((counts[o] / n) * 1e6) / 1e6])) as Record<TrafficOutcome, number>;
  if (n > 0) {
    const largest = TRAFFIC_OUTCOMES.reduce((a, b) => (counts[b] > counts[a] ? b : a));
    const rest = TRAFFIC_OUTCOMES.filter((o) => o !== largest).reduce((sum, o) => sum + shares[o], 0);
    shares[largest] = Math.round((1 - rest) * 1e6) / 1e6;
  }
  const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
  return {
    calls: n,
    seed,
    outcomes: shares,
    counts,
    timeToPerson: {
      p50: percentile(times, 0.5),
      p90: percentile(times, 0.9),
      p99: percentile(times, 0.99),
      mean: times.length === 0 ? null : Math.round((times.reduce((s, t) => s + t, 0) / times.length) * 10) / 10
    },
    menuSteps: { mean: n === 0 ? 0 : Math.round((steps.reduce((s, t) => s + t, 0) / n) * 100) / 100, p90: percentile(steps, 0.9) ?? 0 },
    busiestNodes: [...through].sort(byCount).slice(0, 10).map(([node, calls]) => ({ node, calls, share: Math.round((calls / n) * 1000) / 1000 })),
    abandonedAt: [...abandoned].sort(byCount).slice(0, 10).map(([node, calls]) => ({ node, calls }))
  };
}

/** Simulates `calls` calls, one XState actor each. */
export function simulateWithActors(flow: Flow, calls: number, options: TrafficOptions = {}): TrafficReport {
  const model = resolveModel(options.model);
  const seed = options.seed ?? 1;
  const machine = createFlowMachine(flow, options);
  const records: CallRecord[] = [];
  for (let call = 0; call < calls; call++) records.push(simulateCall(flow, machine, model, seed, call));
  return summarise(records, seed);
}
