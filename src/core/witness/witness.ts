/**
 * Witness calls: for a finding about what a caller lives through, the
 * shortest call found that shows it, in the shape of a saved test call, run
 * on the flow's XState machine before it is given. A dead end's witness is
 * dropped at the node on that outcome; a trap loop's goes round the trap; a
 * no-human-route one reaches the node after which no help is possible and
 * goes on to where the call ends; an unbounded retry's hears the same step
 * again and again; a slow path's reaches the first person by the slow route;
 * a repeated input's is asked for the same variable twice; an unannounced
 * wait's waits in the queue; a deep menu's makes every choice on the way.
 *
 * One breadth-first pass from the start finds a route to every node, each
 * carrying what its branches decided about variables, so that a route never
 * takes a branch case its earlier branches ruled out (feasible.ts); each
 * witness then costs one run of its own length on the machine.
 */
import { analyse, type LintOptions } from '../analysis/engine.ts';
import { apply, buildDomains, edgeEffect, type Domains, type EdgeEffect } from '../analysis/feasible.ts';
import type { Edge, FlowGraph } from '../analysis/graph.ts';
import { carriesEntry } from '../analysis/rules/repeated-input.ts';
import { retryEdges } from '../analysis/rules/unbounded-retry.ts';
import { setField } from '../json/plain.ts';
import type { Finding } from '../analysis/types.ts';
import { WITNESSED_RULES } from '../analysis/witnessed.ts';
import { describeStep, HELPED, testCallRunner, type TestCallRun } from '../calls/run.ts';
import { evaluateCondition, evaluateWhen } from '../model/conditions.ts';
import type { CompileOptions } from '../compile/compile.ts';
import type { Outcome } from '../model/outcomes.ts';
import type { CallOutcome, CallStep, Condition, Flow, Scalar, TestCall } from '../model/types.ts';
import { CALL_TIME, moveFor } from '../simulate/paths.ts';

export { WITNESSED_RULES };

/** A witness: a test call with what it shows stated in `expect`. */
export interface WitnessCall extends TestCall {
  readonly expect: { outcome?: CallOutcome; endsAt?: string; visits: string[] };
}

/** One step of a witness as it happens at a node: for a code flow, step by step. */
export interface TraceStep {
  readonly node: string;
  /** What the caller or the world does there ("press 1", "silence", "lookup fails"); empty for what runs on its own. */
  readonly does: readonly string[];
}

export type WitnessResult =
  | {
      readonly witness: WitnessCall;
      readonly trace: readonly TraceStep[];
      /**
       * The same call as a request for a fix: a test call that fails on the
       * flow as it is and passes once the finding is fixed (it asks for what
       * the finding says is missing: not dropped there, help still within
       * reach, the wait told, no second ask, …).
       */
      readonly fix?: TestCall;
    }
  /** Why there is none: no call reaches the place, or none found shows it. */
  | { readonly witness?: undefined; readonly noWitness: string };

export interface WitnessOptions extends CompileOptions, Pick<LintOptions, 'thresholds' | 'resolveSubflow'> {
  /** Calls are run on the machine until this many steps and moves in all have run (default 200,000); later findings say so. */
  readonly budget?: number;
}

/** A move of a call: leaving `from` by `outcome` (to `to`, or nowhere when it is not wired). */
interface Hop {
  readonly from: number;
  readonly outcome: Outcome;
  readonly to: number;
}

/** The counters part of a search state's key: the counters that have a value, with it. */
function countKey(counts: readonly (number | undefined)[]): string {
  let key = '';
  for (let i = 0; i < counts.length; i++) if (counts[i] !== undefined) key += `${i}:${counts[i]},`;
  return key;
}

function sameMasks(a: Int32Array, b: Int32Array, k: number): boolean {
  for (let v = 0; v < k; v++) if (a[v] !== b[v]) return false;
  return true;
}

/** Search states per node, at most: counters multiply them. */
const MAX_STATES_PER_NODE = 8;
/** A counter is followed up to this value. */
const MAX_COUNT = 64;

/** Nodes whose outcome the world decides, named in a call's environment. */
const WORLD_KINDS: ReadonlySet<string> = new Set(['hours', 'queue', 'transfer', 'voicemail', 'callback', 'lookup', 'opaque']);

/** What a call in progress knows: the classes each tracked variable can be in, and each counter's value. */
interface CallState {
  readonly masks: Int32Array;
  readonly counts: readonly (number | undefined)[];
}

interface Script {
  readonly steps: CallStep[];
  readonly environment: NonNullable<TestCall['environment']>;
  readonly trace: TraceStep[];
}

/** What the world does, in a trace: "lookup fails" reads better than an outcome name. */
function worldDoes(kind: string, outcome: string): string {
  return `${kind} ${JSON.stringify(outcome)}`;
}

class Witnesses {
  private readonly graph: FlowGraph;
  private readonly domains: Domains | undefined;
  private readonly k: number;
  /** Per node, the first state of the search at it before the caller is helped, and after (-1: none). */
  private readonly beforeHelp: Int32Array;
  private readonly afterHelp: Int32Array;
  private states: { readonly parent: readonly number[]; readonly edge: readonly (Edge | undefined)[] } = { parent: [], edge: [] };
  /** Per search state, how many hops its route has. */
  private readonly hops: number[] = [];
  /** Counters (variables some `set` increments), followed by value in the search and in scripts. */
  private readonly counterNames: readonly string[];
  private readonly counterIndex: ReadonlyMap<string, number>;
  private readonly effects = new Map<Edge | Hop, EdgeEffect>();
  private readonly analysed;
  private readonly hasHours: boolean;
  private run: ((call: TestCall) => TestCallRun) | undefined;
  private spent = 0;

  constructor(
    private readonly flow: Flow,
    private readonly options: WitnessOptions
  ) {
    this.analysed = analyse(flow, options);
    this.graph = this.analysed.graph;
    this.domains = buildDomains(flow.nodes);
    this.k = this.domains?.variables.length ?? 0;
    this.hasHours = flow.nodes.some((node) => node.kind === 'hours');
    const n = this.graph.nodes.length;
    this.beforeHelp = new Int32Array(n).fill(-1);
    this.afterHelp = new Int32Array(n).fill(-1);
    this.counterNames = [...this.analysed.facts.counters()];
    this.counterIndex = new Map(this.counterNames.map((name, i) => [name, i]));
    this.search();
  }

  private effect(hop: Edge | Hop): EdgeEffect {
    let effect = this.effects.get(hop);
    if (effect === undefined) {
      const kind = this.graph.nodes[hop.from]!.node.kind;
      // The machine gives a lookup's or a vendor step's results from the call's environment, fixed for the call:
      // unlike the platform, it never changes a variable there, so a witness must not count on it.
      effect =
        this.domains === undefined || kind === 'lookup' || kind === 'opaque'
          ? { narrow: [], assign: [], forgetAll: false }
          : edgeEffect(this.domains, this.graph, { ...hop, seconds: 0 });
      this.effects.set(hop, effect);
    }
    return effect;
  }

  /** How the caller takes a hop, if that can be worked out; a branch on tracked variables needs nothing of them here. */
  private move(hop: Hop): ReturnType<typeof moveFor> {
    const g = this.graph.nodes[hop.from]!;
    const index = g.outcomes.indexOf(hop.outcome);
    const move = moveFor(g.node, hop.outcome, index);
    if (move !== undefined || g.node.kind !== 'branch' || this.domains === undefined) return move;
    const effect = this.effect(hop);
    return effect.narrow.length > 0 ? { steps: [] } : undefined;
  }

  /**
   * Breadth first from the start over calls in progress: a node, whether the
   * caller has been helped yet, and the value of each counter (a `set` that
   * increments it, a branch that tests it), so that a route may go round a
   * retry loop as many times as its counter needs. Each node keeps the first
   * route found to it before help and after; what the branches decided
   * about other variables keeps a route from a case they ruled out. The
   * states looked at are bounded (`MAX_STATES_PER_NODE` per node).
   */
  private search(): void {
    const { graph, k } = this;
    const n = graph.nodes.length;
    if (n === 0) return;
    const c = this.counterNames.length;
    const limit = MAX_STATES_PER_NODE * n + 1000;
    const stateNode: number[] = [];
    const stateHelped: number[] = [];
    const stateParent: number[] = [];
    const stateEdge: (Edge | undefined)[] = [];
    const stateCounts: (readonly (number | undefined)[])[] = [];
    const stateMasks: Int32Array[] = [];
    const seen = new Set<string>();
    const next = new Int32Array(Math.max(1, k));
    // The counters part of a state's key, kept per state: most hops change no counter and share their parent's.
    const stateCountKey: string[] = [];
    const keyOf = (counts: readonly (number | undefined)[], parent: number): string =>
      c === 0 ? '' : parent >= 0 && stateCounts[parent] === counts ? stateCountKey[parent]! : countKey(counts);
    const add = (node: number, helped: number, parent: number, edge: Edge | undefined, counts: readonly (number | undefined)[], masks: Int32Array): void => {
      const counted = keyOf(counts, parent);
      const key = `${node}|${helped}|${counted}`;
      if (seen.has(key) || stateNode.length >= limit) return;
      seen.add(key);
      const index = stateNode.length;
      stateNode.push(node);
      stateHelped.push(helped);
      stateParent.push(parent);
      this.hops.push(parent < 0 ? 0 : this.hops[parent]! + 1);
      stateEdge.push(edge);
      stateCounts.push(counts);
      stateCountKey.push(counted);
      stateMasks.push(masks);
      const slot = helped ? this.afterHelp : this.beforeHelp;
      if (slot[node] === -1) slot[node] = index;
    };
    const initial = new Int32Array(Math.max(1, k));
    for (let v = 0; v < k; v++) initial[v] = this.domains!.variables[v]!.all;
    add(graph.start, 0, -1, undefined, this.counterNames.map(() => undefined), initial);
    for (let head = 0; head < stateNode.length; head++) {
      const u = stateNode[head]!;
      const counts = stateCounts[head]!;
      for (const edge of graph.out[u]!) {
        if (this.move(edge) === undefined) continue;
        if (this.domains !== undefined && !apply(this.domains, stateMasks[head]!, 0, this.effect(edge), next)) continue;
        const after = this.countsAfter(edge, counts);
        if (after === undefined) continue;
        // A hop that changes nothing known shares its parent's facts.
        const masks = k === 0 || sameMasks(stateMasks[head]!, next, k) ? stateMasks[head]! : next.slice();
        add(edge.to, stateHelped[head]! | (edge.outcome.afterHelp ? 1 : 0), head, edge, after, masks);
      }
    }
    this.states = { parent: stateParent, edge: stateEdge };
  }

  /** The counters after a hop, or undefined when their values rule the hop out (or a counter runs past its bound). */
  private countsAfter(hop: Hop, counts: readonly (number | undefined)[]): readonly (number | undefined)[] | undefined {
    if (this.counterNames.length === 0) return counts;
    const g = this.graph.nodes[hop.from]!;
    const node = g.node;
    if (node.kind === 'branch') {
      const position = g.outcomes.indexOf(hop.outcome);
      // Only the counters the branch tests.
      const values: Record<string, Scalar | undefined> = Object.create(null) as Record<string, Scalar | undefined>;
      for (const c of node.cases) {
        for (const condition of Array.isArray(c.when) ? c.when : [c.when]) {
          const i = this.counterIndex.get(condition.var);
          if (i !== undefined) values[condition.var] = counts[i];
        }
      }
      // A case is decided when all its conditions are on counters; the case taken must at least meet those it has.
      const decided = (when: Condition | Condition[]): boolean | undefined => {
        const list = Array.isArray(when) ? when : [when];
        const onCounters = list.filter((condition) => this.counterIndex.has(condition.var));
        if (onCounters.length === list.length) return evaluateWhen(when, values);
        return onCounters.every((condition) => evaluateCondition(condition, values)) ? undefined : false;
      };
      for (let i = 0; i < Math.min(position, node.cases.length); i++) if (decided(node.cases[i]!.when) === true) return undefined;
      if (position < node.cases.length && decided(node.cases[position]!.when) === false) return undefined;
      return counts;
    }
    if (node.kind !== 'set') return counts;
    let after: (number | undefined)[] | undefined;
    for (const name of Object.keys(node.assign ?? {})) {
      const i = this.counterIndex.get(name);
      if (i === undefined) continue;
      const value = Number(node.assign![name]);
      after ??= [...counts];
      after[i] = Number.isFinite(value) ? value : undefined;
    }
    for (const name of node.increment ?? []) {
      const i = this.counterIndex.get(name);
      if (i === undefined) continue;
      after ??= [...counts];
      after[i] = (after[i] ?? 0) + 1;
      if (after[i]! > MAX_COUNT) return undefined;
    }
    return after ?? counts;
  }

  /** The route from the start to a node (one before the caller is helped, when there is one), or undefined when none was found. */
  private routeTo(node: number, beforeHelpOnly = false): Hop[] | undefined {
    const state = this.beforeHelp[node] !== -1 ? this.beforeHelp[node]! : beforeHelpOnly ? -1 : this.afterHelp[node]!;
    if (state === -1) return undefined;
    const hops: Hop[] = [];
    for (let s = state; this.states.edge[s] !== undefined; s = this.states.parent[s]!) hops.push(this.states.edge[s]!);
    return hops.reverse();
  }

  /** How many hops the route to a node has (Infinity when none was found). */
  private distance(node: number): number {
    const state = this.beforeHelp[node] !== -1 ? this.beforeHelp[node]! : this.afterHelp[node]!;
    return state === -1 ? Infinity : this.hops[state]!;
  }

  /**
   * A call that makes the hops in turn: the caller's steps, and the
   * environment (caller data, variables, the world's outcomes) they need; a
   * string saying why when no call can.
   */
  private script(hops: readonly Hop[]): Script | string {
    const { graph, domains, k } = this;
    const steps: CallStep[] = [];
    const trace: TraceStep[] = [];
    // Names come from the file: objects without a prototype keep `__proto__` as data.
    const caller: Record<string, Scalar> = Object.create(null) as Record<string, Scalar>;
    const variables: Record<string, Scalar> = Object.create(null) as Record<string, Scalar>;
    const visits = new Map<number, string[]>();
    const forced = new Set<number>();
    // What each tracked variable is now, what it must have been at the start, and whether it was set since.
    const cur = new Int32Array(Math.max(1, k));
    const initial = new Int32Array(Math.max(1, k));
    const next = new Int32Array(Math.max(1, k));
    let written = 0;
    let counts: readonly (number | undefined)[] | undefined = this.counterNames.map(() => undefined);
    for (let v = 0; v < k; v++) cur[v] = initial[v] = domains!.variables[v]!.all;
    for (const hop of hops) {
      const g = graph.nodes[hop.from]!;
      const move = this.move(hop);
      if (move === undefined) return `no caller action takes ${JSON.stringify(hop.outcome.name)} at ${JSON.stringify(g.id)}`;
      if (domains !== undefined) {
        if (!apply(domains, cur, 0, this.effect(hop), next)) return `the route needs contradictory conditions at ${JSON.stringify(g.id)}`;
        const effect = this.effect(hop);
        for (let v = 0; v < k; v++) {
          if (!(written & (1 << v))) initial[v] = next[v]!;
          cur[v] = next[v]!;
        }
        if (effect.forgetAll) written = (1 << k) - 1;
        for (const [v] of effect.assign) written |= 1 << v;
      }
      for (const step of move.steps) steps.push(step);
      // Counters start unset on every call: the route itself counts them.
      counts = this.countsAfter(hop, counts);
      if (counts === undefined) return `the route takes a branch its counters rule out at ${JSON.stringify(g.id)}`;
      for (const [key, value] of Object.entries(move.caller ?? {})) if (!this.counterIndex.has(`caller.${key}`)) setField(caller, key, value);
      for (const [key, value] of Object.entries(move.variables ?? {})) if (!this.counterIndex.has(key)) setField(variables, key, value);
      const does = move.steps.map(describeStep);
      if (WORLD_KINDS.has(g.node.kind)) {
        const list = visits.get(hop.from) ?? [];
        list.push(hop.outcome.name);
        visits.set(hop.from, list);
        if (move.outcome !== undefined) {
          forced.add(hop.from);
          does.push(worldDoes(g.node.kind, hop.outcome.name));
        }
      }
      trace.push({ node: g.id, does });
    }
    const last = hops.length === 0 ? graph.start : hops[hops.length - 1]!.to;
    if (last >= 0) trace.push({ node: graph.nodes[last]!.id, does: [] });
    // Tracked variables take a value of a class their branches allow: unset when it may be, else the first such value.
    for (let v = 0; v < k; v++) {
      const variable = domains!.variables[v]!;
      if (initial[v] === variable.all) continue;
      const name = variable.name;
      const target = name.startsWith('caller.') ? caller : variables;
      const key = name.startsWith('caller.') ? name.slice('caller.'.length) : name;
      delete target[key];
      if (initial[v]! & 1) continue;
      const order = ['value', 'empty', 'range', 'other'];
      let chosen: Scalar | undefined;
      for (const kind of order) {
        const bit = variable.classes.findIndex((cls, i) => cls.kind === kind && (initial[v]! & (1 << i)) !== 0);
        if (bit >= 0) {
          chosen = variable.classes[bit]!.value;
          break;
        }
      }
      if (chosen !== undefined) setField(target, key, typeof chosen === 'string' && /^(true|false)$/.test(chosen) ? chosen === 'true' : chosen);
    }
    const outcomes: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
    for (const node of forced) {
      const list = visits.get(node)!;
      setField(outcomes, graph.nodes[node]!.id, list.every((name) => name === list[0]) ? list[0]! : list);
    }
    const environment = {
      ...(this.hasHours ? { now: CALL_TIME } : {}),
      ...(Object.keys(caller).length > 0 ? { caller } : {}),
      ...(Object.keys(variables).length > 0 ? { variables } : {}),
      ...(Object.keys(outcomes).length > 0 ? { outcomes } : {})
    };
    return { steps, environment, trace };
  }

  /** Runs a call on the machine, within the budget; undefined when the budget is spent. */
  private play(script: Script, expect?: TestCall['expect']): TestCallRun | undefined {
    const cost = script.steps.length + script.trace.length;
    if (this.spent + cost > (this.options.budget ?? 200_000)) return undefined;
    this.spent += cost;
    this.run ??= testCallRunner(this.flow, this.options);
    return this.run({
      name: 'witness',
      ...(Object.keys(script.environment).length > 0 ? { environment: script.environment } : {}),
      steps: script.steps,
      ...(expect === undefined ? {} : { expect })
    });
  }

  /** What a call knows after a route: the classes of each tracked variable, and each counter; undefined when no call can follow it. */
  private stateAfter(hops: readonly Hop[]): CallState | undefined {
    const k = this.k;
    let masks: Int32Array = new Int32Array(Math.max(1, k));
    for (let v = 0; v < k; v++) masks[v] = this.domains!.variables[v]!.all;
    let counts: readonly (number | undefined)[] | undefined = this.counterNames.map(() => undefined);
    for (const hop of hops) {
      const next = this.advance({ masks, counts }, hop);
      if (next === undefined) return undefined;
      ({ masks, counts } = next);
    }
    return { masks, counts };
  }

  /** The call after one more hop, or undefined when what it knows rules the hop out. */
  private advance(state: CallState, hop: Hop): CallState | undefined {
    const next = new Int32Array(Math.max(1, this.k));
    if (this.domains !== undefined && !apply(this.domains, state.masks, 0, this.effect(hop), next)) return undefined;
    const counts = this.countsAfter(hop, state.counts);
    return counts === undefined ? undefined : { masks: this.domains === undefined ? state.masks : next, counts };
  }

  /**
   * The shortest way on from the end of a route, by `allowed` edges, to a
   * node `goal` accepts (at least one hop on), carrying what the call knows
   * so that no hop contradicts it. `last` may add a final hop out of the goal
   * (an unwired outcome). Bounded like the search from the start.
   */
  private continueFrom(
    prefix: readonly Hop[],
    allowed: (edge: Edge) => boolean,
    goal: (node: number) => boolean,
    last?: (node: number) => Hop | undefined
  ): Hop[] | undefined {
    const start = this.stateAfter(prefix);
    if (start === undefined) return undefined;
    const from = prefix.length === 0 ? this.graph.start : prefix[prefix.length - 1]!.to;
    const limit = MAX_STATES_PER_NODE * this.graph.nodes.length + 1000;
    const node: number[] = [from];
    const parent: number[] = [-1];
    const edgeOf: (Edge | undefined)[] = [undefined];
    const states: CallState[] = [start];
    const seen = new Set<string>([`${from}|${countKey(start.counts)}`]);
    const path = (s: number): Hop[] => {
      const hops: Hop[] = [];
      for (let t = s; edgeOf[t] !== undefined; t = parent[t]!) hops.push(edgeOf[t]!);
      return hops.reverse();
    };
    for (let head = 0; head < node.length; head++) {
      const u = node[head]!;
      if (head > 0 && goal(u)) {
        const final = last?.(u);
        return final === undefined ? path(head) : [...path(head), final];
      }
      if (head === 0 && last !== undefined && goal(u)) {
        const final = last(u);
        if (final !== undefined || this.graph.nodes[u]!.terminal !== undefined) return final === undefined ? [] : [final];
      }
      for (const edge of this.graph.out[u]!) {
        if (!allowed(edge) || this.move(edge) === undefined) continue;
        const next = this.advance(states[head]!, edge);
        if (next === undefined) continue;
        const key = `${edge.to}|${countKey(next.counts)}`;
        // The way back to where it began is always looked at: a loop's goal is its start.
        if ((seen.has(key) && !(edge.to === from && goal(from))) || node.length >= limit) continue;
        seen.add(key);
        node.push(edge.to);
        parent.push(head);
        edgeOf.push(edge);
        states.push(next);
      }
    }
    return undefined;
  }

  /**
   * From a node that can no longer reach help, the shortest way on to where
   * the call ends (a hang-up, an unwired outcome, a return); none when it
   * only goes round.
   */
  private toEnd(prefix: readonly Hop[]): Hop[] {
    const { graph } = this;
    const unwired = (u: number): Hop | undefined => {
      const outcome = graph.unwired[u]!.find((o) => this.move({ from: u, outcome: o, to: -1 }) !== undefined);
      return outcome === undefined ? undefined : { from: u, outcome, to: -1 };
    };
    const ends = (u: number): boolean => graph.nodes[u]!.terminal !== undefined || unwired(u) !== undefined;
    return this.continueFrom(prefix, (edge) => !edge.outcome.afterHelp, ends, unwired) ?? [];
  }

  private unreached(node: number): string {
    const g = this.graph.nodes[node]!;
    const blocked = this.graph.contradicted.some((c) => c.edge.to === node);
    return blocked
      ? `No call reaches ${JSON.stringify(g.id)}: every route to it needs contradictory conditions`
      : `No call reaches ${JSON.stringify(g.id)} from the start ${JSON.stringify(this.graph.nodes[this.graph.start]!.id)}`;
  }

  /** The outcome of a node a finding names: by its own name, or by the vendor's name the finding speaks. */
  private outcomeNamed(node: number, name: string | undefined): Outcome | undefined {
    if (name === undefined) return undefined;
    const g = this.graph.nodes[node]!;
    const own = g.outcomes.find((o) => o.name === name);
    if (own !== undefined) return own;
    const source = g.node.source?.outcomes;
    return g.outcomes.find((o) => source !== undefined && Object.hasOwn(source, o.name) && source[o.name]!.name === name);
  }

  /** Runs a script, checks it shows the finding, and states what happens. */
  private confirm(
    name: string,
    script: Script | string,
    shows: (run: TestCallRun) => boolean,
    visits: (run: TestCallRun) => readonly string[],
    fix?: (witness: WitnessCall) => Pick<TestCall, 'steps' | 'expect'>
  ): WitnessResult {
    if (typeof script === 'string') return { noWitness: `No call found that shows it: ${script}` };
    const run = this.play(script);
    if (run === undefined) return { noWitness: 'Not looked for: the flow has more findings than the witness budget covers' };
    if (!shows(run)) return { noWitness: `No call found that shows it: the shortest candidate ${run.result === null ? `stops at ${JSON.stringify(run.node)}` : `ends with "${run.result.outcome}" at ${JSON.stringify(run.result.node)}`}` };
    const result = run.result;
    const witness: WitnessCall = {
      name,
      ...(Object.keys(script.environment).length > 0 ? { environment: script.environment } : {}),
      steps: script.steps,
      expect: {
        ...(result === null ? {} : { outcome: result.outcome }),
        ...(result === null || result.node === null ? {} : { endsAt: result.node }),
        visits: [...visits(run)]
      }
    };
    return { witness, trace: script.trace, ...this.fixRequest(witness, fix) };
  }

  /** The fix request for a witness, when it fails on the flow as it is (one that passes would ask for nothing). */
  private fixRequest(witness: WitnessCall, make: ((witness: WitnessCall) => Pick<TestCall, 'steps' | 'expect'>) | undefined): { fix?: TestCall } {
    if (make === undefined) return {};
    const fix: TestCall = {
      name: `Fix ${witness.name}`,
      ...(witness.environment === undefined ? {} : { environment: witness.environment }),
      ...make(witness)
    };
    const run = this.play({ steps: fix.steps, environment: witness.environment ?? {}, trace: [] }, fix.expect);
    return run === undefined || run.passed ? {} : { fix };
  }

  witnessFor(finding: Finding): WitnessResult | undefined {
    if (!WITNESSED_RULES.has(finding.rule)) return undefined;
    const { graph } = this;
    const at = graph.byId.get(finding.node);
    if (at === undefined) return { noWitness: `No node ${JSON.stringify(finding.node)} in the flow` };
    const name = `${finding.rule}: ${finding.node}${finding.outcome === undefined ? '' : ` on ${finding.outcome}`}`;
    const id = graph.nodes[at]!.id;
    const count = (route: readonly string[], node: string): number => route.reduce((n, v) => (v === node ? n + 1 : n), 0);
    switch (finding.rule) {
      case 'dead-end':
      case 'broken-reference': {
        const route = this.routeTo(at);
        if (route === undefined) return { noWitness: this.unreached(at) };
        const outcome = this.outcomeNamed(at, finding.outcome);
        if (outcome === undefined) return { noWitness: `No outcome ${JSON.stringify(finding.outcome)} at ${JSON.stringify(id)}` };
        const target = finding.rule === 'broken-reference' ? (finding.data?.['target'] as string | undefined) : undefined;
        return this.confirm(
          name,
          this.script([...route, { from: at, outcome, to: -1 }]),
          // After help (a transfer that completed), the call still ends there, as the caller's help.
          (run) => run.result !== null && (outcome.afterHelp === true || !HELPED.has(run.result.ended ?? run.result.outcome)) && (run.result.node === id || run.result.node === target),
          () => [id],
          (w) => ({ steps: w.steps, expect: { not: { ...(w.expect.outcome === undefined ? {} : { outcome: w.expect.outcome }), ...(w.expect.endsAt === undefined ? {} : { endsAt: w.expect.endsAt }) } } })
        );
      }
      case 'unannounced-wait': {
        const route = this.routeTo(at);
        if (route === undefined) return { noWitness: this.unreached(at) };
        return this.confirm(name, this.script(route), (run) => run.route.includes(id), () => [id], (w) => ({
          steps: [...w.steps, { expect: { waitAnnounced: true } }]
        }));
      }
      case 'no-human-route': {
        const route = this.routeTo(at, true);
        if (route === undefined) return { noWitness: this.unreached(at) };
        // On to where the call ends: nothing after this node offers help.
        const onward = this.toEnd(route);
        // The fix asked for: where the call stands on reaching the node, help still within reach.
        const there = this.script(route);
        return this.confirm(
          name,
          this.script([...route, ...onward]),
          (run) => run.route.includes(id) && (run.result === null || !HELPED.has(run.result.outcome)),
          () => [id],
          typeof there === 'string' ? undefined : () => ({ steps: [...there.steps, { expect: { canReachHelp: true } }] })
        );
      }
      case 'deep-menu': {
        const route = this.routeTo(at);
        if (route === undefined) return { noWitness: this.unreached(at) };
        const menus = route.filter((hop) => hop.outcome.choice).map((hop) => graph.nodes[hop.from]!.id);
        return this.confirm(name, this.script(route), (run) => run.route.includes(id), () => [...menus, id], (w) => ({
          steps: w.steps,
          expect: { not: { visits: w.expect.visits } }
        }));
      }
      case 'repeated-input': {
        const askedAt = graph.byId.get(String(finding.data?.['askedAt'] ?? ''));
        if (askedAt === undefined) return { noWitness: 'The finding names no earlier input' };
        const route = this.routeTo(askedAt);
        if (route === undefined) return { noWitness: this.unreached(askedAt) };
        const node = graph.nodes[at]!.node;
        const variable = node.kind === 'input' ? node.variable : undefined;
        const asks = (v: number): boolean => {
          const other = graph.nodes[v]!.node;
          return other.kind === 'input' && other.variable === variable;
        };
        const onward = this.continueFrom(route, (edge) => carriesEntry(edge) && (edge.to === at || !asks(edge.to)), (v) => v === at);
        if (onward === undefined) {
          return { noWitness: `No call found that goes on from ${JSON.stringify(graph.nodes[askedAt]!.id)} to ${JSON.stringify(id)}: the branches on the way rule it out (in a simulated call, a lookup's results stay what the call's environment says)` };
        }
        const first = graph.nodes[askedAt]!.id;
        return this.confirm(
          name,
          this.script([...route, ...onward]),
          (run) => run.route.indexOf(first) >= 0 && run.route.lastIndexOf(id) > run.route.indexOf(first),
          () => [first, id],
          (w) => ({ steps: w.steps, expect: { not: { visits: [first, id] } } })
        );
      }
      case 'trap-loop': {
        // Into the trap by its nearest node, then once round back to it.
        let entry = -1;
        for (const member of finding.nodes) {
          const v = graph.byId.get(member);
          if (v !== undefined && this.distance(v) < (entry === -1 ? Infinity : this.distance(entry))) entry = v;
        }
        if (entry === -1) return { noWitness: this.unreached(at) };
        const inside = new Set(finding.nodes.map((member) => graph.byId.get(member)));
        const into = this.routeTo(entry)!;
        const round = this.continueFrom(into, (edge) => inside.has(edge.to) && inside.has(edge.from), (v) => v === entry);
        if (round === undefined) return { noWitness: 'No call found that goes round the loop: the branches on the way rule it out' };
        const entryId = graph.nodes[entry]!.id;
        const loop = [entryId, ...round.map((hop) => graph.nodes[hop.to]!.id)];
        return this.confirm(
          `${finding.rule}: ${entryId}`,
          this.script([...into, ...round]),
          (run) => count(run.route, entryId) >= 2 && (run.result === null || run.result.outcome === 'trapped' || run.result.outcome === 'stepLimit'),
          () => loop,
          // A way out of the loop to help: what a caller going round needs.
          (w) => ({ steps: [...w.steps, { expect: { canReachHelp: true } }] })
        );
      }
      case 'unbounded-retry': {
        const route = this.routeTo(at);
        if (route === undefined) return { noWitness: this.unreached(at) };
        const outcome = this.outcomeNamed(at, finding.outcome);
        const first = graph.out[at]!.find((edge) => edge.outcome === outcome);
        if (first === undefined) return { noWitness: `No outcome ${JSON.stringify(finding.outcome)} at ${JSON.stringify(id)}` };
        const keep = retryEdges(graph, this.analysed.facts);
        const back = first.to === at ? [] : this.continueFrom([...route, first], keep, (v) => v === at);
        if (back === undefined) return { noWitness: `No call found that comes back to ${JSON.stringify(id)}: the branches on the way rule it out (in a simulated call, a lookup's results stay what the call's environment says)` };
        // Round three times: more than any limit would allow, were there one.
        const lap = [first, ...back];
        const laps = [...lap, ...lap, ...lap];
        return this.confirm(
          name,
          this.script([...route, ...laps]),
          (run) => count(run.route, id) >= 4 && run.result === null,
          () => [id, id, id, id],
          (w) => ({ steps: w.steps, expect: { not: { visits: [id, id, id, id] } } })
        );
      }
      case 'slow-path-to-human': {
        const { next } = this.analysed.facts.toHuman();
        const hops: Hop[] = [];
        for (let v = graph.start, edge = next[v]; edge !== undefined && hops.length <= graph.nodes.length; edge = next[v]) {
          hops.push(edge);
          v = edge.to;
        }
        const route = [graph.nodes[graph.start]!.id, ...hops.map((hop) => graph.nodes[hop.to]!.id)];
        const limit = this.analysed.thresholds.maxSecondsToHuman;
        return this.confirm(
          name,
          this.script(hops),
          (run) => run.route.includes(id) && run.result?.outcome === 'person' && run.result.seconds > limit,
          () => route,
          () => ({ steps: [{ expect: { personWithinSeconds: limit } }] })
        );
      }
      default:
        return undefined;
    }
  }

}

/**
 * A witness for each finding (undefined for one of a rule no call can
 * show, such as a missing translation), in the order given.
 */
export function witnessesFor(flow: Flow, findings: readonly Finding[], options: WitnessOptions = {}): (WitnessResult | undefined)[] {
  if (!findings.some((finding) => WITNESSED_RULES.has(finding.rule))) return findings.map(() => undefined);
  const witnesses = new Witnesses(flow, options);
  return findings.map((finding) => witnesses.witnessFor(finding));
}
