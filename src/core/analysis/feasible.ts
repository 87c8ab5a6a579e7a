/**
 * What a call can know of its variables at each node, and the branch cases
 * no call can take because an earlier branch or `set` on the same call
 * contradicts them.
 *
 * Each variable that a branch tests is tracked as a set of value classes:
 * unset, empty, each value the flow compares it with or sets it to, the
 * number ranges between those values, and any other text. A condition holds
 * on every value of a class, on none, or (a pattern, or an order between a
 * number range and text) may do either. The facts at a node are the classes
 * each variable can be in on some call that gets there; one forward pass to a
 * fixed point finds them (each node's classes only grow, and there are few),
 * so the work stays linear in the flow. Facts are per variable: a relation
 * between two variables (`a == b`) is not tracked, and a case whose
 * conditions are joined with "and" narrows nothing when it fails.
 *
 * What is tracked is bounded: the first `MAX_VARIABLES` variables tested,
 * each with at most `MAX_CLASSES` classes; a counter (a variable some `set`
 * increments) and a variable compared with null are never tracked.
 */
import { evaluateCondition } from '../model/conditions.ts';
import type { Condition, FlowNode, Scalar } from '../model/types.ts';
import type { Edge, FlowGraph } from './graph.ts';

export const MAX_VARIABLES = 16;
export const MAX_CLASSES = 30;

/** One class of values of a variable, with a value that stands for it. */
interface ValueClass {
  readonly kind: 'unset' | 'empty' | 'value' | 'range' | 'other';
  /** A value of the class (undefined for unset). */
  readonly value: Scalar | undefined;
  /** For a range: its bounds (open), for the description. */
  readonly range?: readonly [number, number];
}

/** A tracked variable and its classes. */
export interface TrackedVariable {
  readonly name: string;
  readonly classes: readonly ValueClass[];
  /** Every class. */
  readonly all: number;
}

/** Which classes of its variable a condition may hold on, and may fail on. */
interface ConditionMasks {
  readonly variable: number;
  readonly mayHold: number;
  readonly mayFail: number;
}

export interface Domains {
  readonly variables: readonly TrackedVariable[];
  readonly index: ReadonlyMap<string, number>;
  /** The masks of a condition on a tracked variable (undefined for one not tracked). */
  masks(condition: Condition): ConditionMasks | undefined;
  /** The class a value is in. */
  classOf(variable: number, value: Scalar): number;
}

const isNumeric = (value: string): boolean => value.trim() !== '' && Number.isFinite(Number(value));

/** Whether a set value is written as a template the platform fills in. */
const isTemplate = (value: Scalar): boolean => typeof value === 'string' && (value.includes('{{') || value.includes('$.'));

function conditionsOf(node: FlowNode): Condition[] {
  if (node.kind !== 'branch') return [];
  const list: Condition[] = [];
  for (const c of node.cases) {
    if (Array.isArray(c.when)) list.push(...c.when);
    else list.push(c.when);
  }
  return list;
}

/** The variables to track and their classes, or none when no branch tests a variable. */
export function buildDomains(nodes: readonly FlowNode[]): Domains | undefined {
  const counters = new Set<string>();
  const refused = new Set<string>();
  const constants = new Map<string, Set<string>>();
  const order: string[] = [];
  const note = (name: string, value: Scalar): void => {
    if (value === null) {
      refused.add(name);
      return;
    }
    constants.get(name)?.add(String(value));
  };
  for (const node of nodes) {
    if (node.kind === 'set') for (const name of node.increment ?? []) counters.add(name);
    for (const condition of conditionsOf(node)) {
      if (!constants.has(condition.var)) {
        constants.set(condition.var, new Set());
        order.push(condition.var);
      }
      const value = condition.value;
      if (condition.op === 'matches') continue;
      if (Array.isArray(value)) for (const v of value) note(condition.var, v);
      else if (value !== undefined) note(condition.var, value);
    }
  }
  if (order.length === 0) return undefined;
  for (const node of nodes) {
    if (node.kind !== 'set' || node.assign === undefined) continue;
    for (const name of Object.keys(node.assign)) {
      const value = node.assign[name]!;
      if (constants.has(name) && !isTemplate(value)) note(name, value);
    }
  }
  const variables: TrackedVariable[] = [];
  const index = new Map<string, number>();
  for (const name of order) {
    if (variables.length >= MAX_VARIABLES) break;
    if (counters.has(name) || refused.has(name)) continue;
    const points = [...constants.get(name)!].filter((v) => v !== '');
    const numbers = [...new Set(points.filter(isNumeric).map(Number))].sort((a, b) => a - b);
    const classes: ValueClass[] = [{ kind: 'unset', value: undefined }, { kind: 'empty', value: '' }];
    for (const point of points) classes.push({ kind: 'value', value: point });
    if (numbers.length > 0) {
      classes.push({ kind: 'range', value: numbers[0]! - 1, range: [-Infinity, numbers[0]!] });
      for (let i = 1; i < numbers.length; i++) {
        const low = numbers[i - 1]!;
        const high = numbers[i]!;
        classes.push({ kind: 'range', value: low + (high - low) / 2, range: [low, high] });
      }
      classes.push({ kind: 'range', value: numbers[numbers.length - 1]! + 1, range: [numbers[numbers.length - 1]!, Infinity] });
    }
    let other = 'other';
    while (points.includes(other)) other = `${other}+`;
    classes.push({ kind: 'other', value: other });
    if (classes.length > MAX_CLASSES) continue;
    index.set(name, variables.length);
    variables.push({ name, classes, all: (1 << classes.length) - 1 });
  }
  if (variables.length === 0) return undefined;

  const cache = new Map<Condition, ConditionMasks | undefined>();
  const masks = (condition: Condition): ConditionMasks | undefined => {
    if (cache.has(condition)) return cache.get(condition);
    const v = index.get(condition.var);
    let result: ConditionMasks | undefined;
    if (v !== undefined) {
      const variable = variables[v]!;
      const numericValue = typeof condition.value === 'number' || (typeof condition.value === 'string' && isNumeric(condition.value));
      let mayHold = 0;
      let mayFail = 0;
      variable.classes.forEach((cls, bit) => {
        // A class of many values: an order with text, or a pattern, may go either way.
        const exact =
          cls.kind === 'unset' ||
          cls.kind === 'empty' ||
          cls.kind === 'value' ||
          condition.op === 'eq' ||
          condition.op === 'ne' ||
          condition.op === 'in' ||
          condition.op === 'exists' ||
          (cls.kind === 'range' && condition.op !== 'matches' && numericValue);
        if (!exact) {
          mayHold |= 1 << bit;
          mayFail |= 1 << bit;
          return;
        }
        const vars: Record<string, Scalar | undefined> = {};
        if (cls.value !== undefined) vars[condition.var] = cls.value;
        if (evaluateCondition(condition, vars)) mayHold |= 1 << bit;
        else mayFail |= 1 << bit;
      });
      result = { variable: v, mayHold, mayFail };
    }
    cache.set(condition, result);
    return result;
  };

  const classOf = (variable: number, value: Scalar): number => {
    const tracked = variables[variable]!;
    const text = value === null ? '' : String(value);
    for (let bit = 0; bit < tracked.classes.length; bit++) {
      const cls = tracked.classes[bit]!;
      if (cls.kind === 'empty' && text === '') return bit;
      if (cls.kind === 'value' && cls.value === text) return bit;
      if (cls.kind === 'range' && isNumeric(text)) {
        const n = Number(text);
        if (n > cls.range![0] && n < cls.range![1]) return bit;
      }
    }
    return tracked.classes.length - 1;
  };

  return { variables, index, masks, classOf };
}

/**
 * What the facts about one variable become on one edge: `narrow` keeps the
 * classes a branch case allows, `assign` gives it a known class (a `set`),
 * `forget` makes it anything (an input, a lookup, a step of another flow).
 */
export interface EdgeEffect {
  /** Variable index → classes kept. */
  readonly narrow: readonly (readonly [number, number])[];
  /** Variable index → the one class it now has, or -1 when it can be anything. */
  readonly assign: readonly (readonly [number, number])[];
  /** Every tracked variable can now be anything. */
  readonly forgetAll: boolean;
}

const NO_EFFECT: EdgeEffect = { narrow: [], assign: [], forgetAll: false };

/** The kinds of node whose edges can change what is known (see `edgeEffect`). */
const CHANGES_FACTS: ReadonlySet<string> = new Set(['branch', 'set', 'input', 'lookup', 'subflow', 'opaque']);

/** What taking `edge` does to what is known. */
export function edgeEffect(domains: Domains, graph: FlowGraph, edge: Edge): EdgeEffect {
  const node = graph.nodes[edge.from]!.node;
  switch (node.kind) {
    case 'branch': {
      const position = graph.nodes[edge.from]!.outcomes.indexOf(edge.outcome);
      const narrow = new Map<number, number>();
      const keep = (masks: ConditionMasks | undefined, holds: boolean): void => {
        if (masks === undefined) return;
        const mask = holds ? masks.mayHold : masks.mayFail;
        narrow.set(masks.variable, (narrow.get(masks.variable) ?? domains.variables[masks.variable]!.all) & mask);
      };
      const cases = node.cases;
      // Every earlier case failed; a case of several conditions may fail on any one, which says nothing of each.
      for (let i = 0; i < Math.min(position, cases.length); i++) {
        const when = cases[i]!.when;
        const single = Array.isArray(when) ? (when.length === 1 ? when[0] : undefined) : when;
        if (single !== undefined) keep(domains.masks(single), false);
      }
      if (position < cases.length) {
        const when = cases[position]!.when;
        for (const condition of Array.isArray(when) ? when : [when]) keep(domains.masks(condition), true);
      }
      return narrow.size === 0 ? NO_EFFECT : { narrow: [...narrow], assign: [], forgetAll: false };
    }
    case 'set': {
      const assign: [number, number][] = [];
      for (const name of Object.keys(node.assign ?? {})) {
        const v = domains.index.get(name);
        if (v === undefined) continue;
        const value = node.assign![name]!;
        assign.push([v, isTemplate(value) ? -1 : domains.classOf(v, value)]);
      }
      return assign.length === 0 ? NO_EFFECT : { narrow: [], assign, forgetAll: false };
    }
    case 'input': {
      const v = domains.index.get(node.variable);
      return v === undefined ? NO_EFFECT : { narrow: [], assign: [[v, -1]], forgetAll: false };
    }
    case 'lookup': {
      // A lookup that does not say what it sets may set anything (an imported Lambda or HTTP request sets what its answer holds).
      if (node.outputs === undefined || node.outputs.length === 0) return { narrow: [], assign: [], forgetAll: true };
      const assign: [number, number][] = [];
      for (const name of node.outputs) {
        const v = domains.index.get(name);
        if (v !== undefined) assign.push([v, -1]);
      }
      return assign.length === 0 ? NO_EFFECT : { narrow: [], assign, forgetAll: false };
    }
    case 'subflow':
    case 'opaque':
      // Another flow, or a vendor's step, may set anything.
      return { narrow: [], assign: [], forgetAll: true };
    default:
      return NO_EFFECT;
  }
}

/** Why no call takes an edge: what every call that reaches its branch has of a variable the case rules out. */
export interface Contradiction {
  readonly variable: string;
  /** What is known of it there, in words (`is "true"`). */
  readonly fact: string;
}

export interface Feasibility {
  readonly domains: Domains;
  /** Edges no call can take (every call that reaches their node contradicts their condition), with why. */
  readonly contradicted: ReadonlyMap<Edge, Contradiction>;
  /** What each variable can be at a node on a call that reaches it (undefined when no call does). */
  factsAt(node: number): Int32Array | undefined;
}

/**
 * The edges no call can take, found by one forward pass to a fixed point
 * from the entries (every variable may start as anything).
 */
export function computeFeasibility(graph: FlowGraph): Feasibility | undefined {
  const domains = buildDomains(graph.nodes.map((g) => g.node));
  if (domains === undefined) return undefined;
  const k = domains.variables.length;
  const n = graph.nodes.length;
  const facts = new Int32Array(n * k);
  const reached = new Uint8Array(n);
  const queued = new Uint8Array(n);
  const work: number[] = [];
  // Per node, what each of its edges does, worked out when the node is first left; most kinds of step change
  // nothing known, and their edges pass the facts on as they are.
  const effects: (readonly EdgeEffect[] | undefined)[] = new Array(n);
  const changes = new Uint8Array(n);
  for (let u = 0; u < n; u++) changes[u] = CHANGES_FACTS.has(graph.nodes[u]!.node.kind) ? 1 : 0;
  const effectsOf = (u: number): readonly EdgeEffect[] => (effects[u] ??= graph.out[u]!.map((edge) => edgeEffect(domains, graph, edge)));
  for (const entry of graph.entries) {
    const base = entry.index * k;
    for (let v = 0; v < k; v++) facts[base + v] = domains.variables[v]!.all;
    if (!reached[entry.index]) {
      reached[entry.index] = 1;
      queued[entry.index] = 1;
      work.push(entry.index);
    }
  }
  const next = new Int32Array(k);
  /** Merges what is known after an edge (in `from`, at `offset`) into its target, queueing the target when it learns something. */
  const merge = (to: number, from: Int32Array, offset: number): void => {
    const base = to * k;
    let grew = reached[to] === 0;
    for (let v = 0; v < k; v++) {
      const merged = facts[base + v]! | from[offset + v]!;
      if (merged !== facts[base + v]) {
        facts[base + v] = merged;
        grew = true;
      }
    }
    reached[to] = 1;
    if (grew && queued[to] === 0) {
      queued[to] = 1;
      work.push(to);
    }
  };
  for (let head = 0; head < work.length; head++) {
    const u = work[head]!;
    queued[u] = 0;
    const out = graph.out[u]!;
    if (changes[u] === 0) {
      for (let e = 0; e < out.length; e++) merge(out[e]!.to, facts, u * k);
    } else {
      const each = effectsOf(u);
      for (let e = 0; e < out.length; e++) if (apply(domains, facts, u * k, each[e]!, next)) merge(out[e]!.to, next, 0);
    }
    // Keep the work list from growing without bound: compact what has been done.
    if (head > 4096 && head * 2 > work.length) {
      work.splice(0, head + 1);
      head = -1;
    }
  }
  // Only a branch case narrows what is known, so only a branch's edges can be ones no call takes.
  const contradicted = new Map<Edge, Contradiction>();
  for (let u = 0; u < n; u++) {
    if (!reached[u] || graph.nodes[u]!.node.kind !== 'branch') continue;
    const out = graph.out[u]!;
    const each = effectsOf(u);
    for (let e = 0; e < out.length; e++) {
      const effect = each[e]!;
      if (apply(domains, facts, u * k, effect, next)) continue;
      const [v] = effect.narrow.find(([v, mask]) => (facts[u * k + v]! & mask) === 0)!;
      const variable = domains.variables[v]!;
      contradicted.set(out[e]!, { variable: variable.name, fact: describeFact(variable, facts[u * k + v]!) });
    }
  }
  return {
    domains,
    contradicted,
    factsAt: (node) => (reached[node] ? facts.subarray(node * k, node * k + k) : undefined)
  };
}

/** The facts after an edge, into `out`; false when some variable is left with no class (no call takes the edge). */
export function apply(domains: Domains, facts: Int32Array, base: number, effect: EdgeEffect, out: Int32Array): boolean {
  const k = domains.variables.length;
  if (effect.forgetAll) {
    for (let v = 0; v < k; v++) out[v] = domains.variables[v]!.all;
    return true;
  }
  for (let v = 0; v < k; v++) out[v] = facts[base + v]!;
  for (const [v, mask] of effect.narrow) {
    out[v] = out[v]! & mask;
    if (out[v] === 0) return false;
  }
  for (const [v, cls] of effect.assign) out[v] = cls < 0 ? domains.variables[v]!.all : 1 << cls;
  return true;
}

/** What is known of a variable, in words: `is "true"`, `is not "gold" or "silver"`, `is set`. */
export function describeFact(variable: TrackedVariable, mask: number): string {
  const values = variable.classes.filter((cls, bit) => (mask & (1 << bit)) !== 0);
  const quote = (cls: ValueClass): string => (cls.kind === 'unset' ? 'unset' : cls.kind === 'empty' ? '""' : JSON.stringify(String(cls.value)));
  const definite = values.filter((cls) => cls.kind === 'unset' || cls.kind === 'empty' || cls.kind === 'value');
  if (values.length === definite.length && values.length <= 3) {
    return values.length === 1 && values[0]!.kind === 'unset' ? 'is unset' : `is ${values.map(quote).join(' or ')}`;
  }
  const missing = variable.classes.filter((cls, bit) => (mask & (1 << bit)) === 0);
  if (missing.length > 0 && missing.length <= 3 && missing.every((cls) => cls.kind !== 'range' && cls.kind !== 'other')) {
    const unsetOnly = missing.length === 1 && missing[0]!.kind === 'unset';
    return unsetOnly ? 'is set' : `is not ${missing.map(quote).join(' or ')}`;
  }
  const ranges = values.filter((cls) => cls.kind === 'range');
  if (ranges.length === values.length) {
    const low = Math.min(...ranges.map((r) => r.range![0]));
    const high = Math.max(...ranges.map((r) => r.range![1]));
    return Number.isFinite(low) && Number.isFinite(high) ? `is between ${low} and ${high}` : Number.isFinite(low) ? `is over ${low}` : `is under ${high}`;
  }
  return 'is limited by earlier branches';
}
