/**
 * The shortest caller script to each node and each transition of a flow:
 * what to press, say or leave silent, and what the world must do (a lookup
 * fails, the queue overflows, the office is closed, caller data), as a test
 * call. One breadth-first pass over the flow finds them, so a flow of any
 * size is handled in time linear in its nodes and transitions; each script
 * is then run on the flow's XState machine, which is the judge of whether
 * it really gets there.
 */
import { callInput, eventsOf, testCallRunner } from '../calls/run.ts';
import { FlowEngine } from './engine.ts';
import type { CompileOptions } from '../compile/compile.ts';
import type { CallerEvent } from '../compile/machine.ts';
import { outcomesOf, type Outcome } from '../model/outcomes.ts';
import { setField } from '../json/plain.ts';
import { DTMF_KEYS } from '../model/schema.ts';
import type { CallStep, Condition, Flow, FlowNode, Scalar, TestCall } from '../model/types.ts';

export interface Environment {
  /** When the call is placed: set for a flow that checks opening hours (whose outcome the script forces anyway). */
  readonly now?: string;
  readonly caller?: Readonly<Record<string, Scalar>>;
  readonly variables?: Readonly<Record<string, Scalar>>;
  readonly outcomes?: Readonly<Record<string, string>>;
}

export interface CallScript {
  readonly steps: readonly CallStep[];
  readonly environment: Environment;
}

/**
 * A script as the script it continues and what it adds: the node whose
 * shortest call it goes on from (`after`), then its own steps and the
 * environment it adds. Scripts of a long chain grow with it; these do not.
 */
export interface Continuation {
  readonly after: string;
  /** Steps and environment entries of the whole script, at most. */
  readonly size: number;
  readonly steps: readonly CallStep[];
  readonly environment: Environment;
}

export interface NodePath {
  readonly node: string;
  /** A script that reaches the node, when one was found (written out when first read). */
  readonly script?: CallScript;
  /** The same script as the one it continues, and what it adds (absent for the start). */
  readonly continues?: Continuation;
  /** Whether running the script on the machine reached the node. */
  readonly verified: boolean;
}

export interface EdgePath {
  readonly from: string;
  readonly outcome: string;
  readonly to: string;
  /** A script that takes the transition, when one was found (written out when first read). */
  readonly script?: CallScript;
  /** The same script as the one to `from` and what it adds. */
  readonly continues?: Continuation;
  readonly verified: boolean;
}

export interface PathsResult {
  readonly nodes: readonly NodePath[];
  readonly edges: readonly EdgePath[];
  /** False when the flow was too large to run every script (see `verifyUpTo` and `verifyStepsUpTo`). */
  readonly verifiedAll: boolean;
}

export interface PathsOptions extends CompileOptions {
  /**
   * Scripts are run, to confirm them, for flows of at most this many nodes
   * (default 20,000): on the flow's XState machine up to `machineUpTo`
   * nodes, beyond on the table-driven engine, which takes every call the
   * same way (its differential tests run both on every example flow).
   */
  readonly verifyUpTo?: number;
  /** Flows of at most this many nodes run their scripts on the XState machine (default 2,000). */
  readonly machineUpTo?: number;
  /** … and whose scripts (one per node and per transition) have at most this many steps in all (default 100,000 on the machine, 2,000,000 on the engine). */
  readonly verifyStepsUpTo?: number;
}

/** Runs scripts on the table-driven engine: the route each takes. */
function engineRunner(flow: Flow, options: CompileOptions): (script: CallScript) => readonly string[] {
  const engine = FlowEngine.forFlow(flow, options);
  const eventsByStep = new Map<CallStep, readonly CallerEvent[]>();
  return ({ steps, environment }) => {
    // The script's environment as a test call's input, without copying its steps (the engine copies what it changes).
    const run = engine.start(callInput({ name: 'path', environment, steps: [] }));
    for (const step of steps) {
      // Scripts share their moves' steps: each step's events are made once.
      let events = eventsByStep.get(step);
      if (events === undefined) eventsByStep.set(step, (events = eventsOf(step)));
      for (const event of events) {
        if (run.done) return run.context.route;
        run.send(event);
      }
    }
    // The call's own route: each call the engine starts has a new one.
    return run.context.route;
  };
}

/** When a generated call is placed (a Monday morning); the hours outcome each script needs is forced. */
export const CALL_TIME = '2026-01-05T15:00:00Z';

/** What the caller does and what the world does to take one outcome of a node. */
interface Move {
  readonly steps: CallStep[];
  readonly caller?: Record<string, Scalar>;
  readonly variables?: Record<string, Scalar>;
  readonly outcome?: [node: string, outcome: string];
}

/** A value for which the condition holds (`want` true) or fails (`want` false), if one is simple to find. */
function valueFor(condition: Condition, want: boolean): Scalar | undefined | null {
  const v = condition.value;
  const scalar = Array.isArray(v) ? v[0] : v;
  const other = (x: Scalar | undefined): Scalar => (typeof x === 'number' ? x + 1 : typeof x === 'boolean' ? !x : `not ${String(x)}`);
  switch (condition.op) {
    case 'eq':
      return want ? (scalar ?? null) : other(scalar);
    case 'ne':
      return want ? other(scalar) : (scalar ?? null);
    case 'gt':
      return typeof scalar === 'number' ? (want ? scalar + 1 : scalar) : undefined;
    case 'ge':
      return typeof scalar === 'number' ? (want ? scalar : scalar - 1) : undefined;
    case 'lt':
      return typeof scalar === 'number' ? (want ? scalar - 1 : scalar) : undefined;
    case 'le':
      return typeof scalar === 'number' ? (want ? scalar : scalar + 1) : undefined;
    case 'in':
      return want ? (Array.isArray(v) ? (v[0] ?? null) : (scalar ?? null)) : `none of ${JSON.stringify(v)}`;
    case 'exists':
      // `undefined` leaves the variable unset.
      return want ? 'yes' : undefined;
    case 'matches':
      return undefined;
  }
}

/** Variables (or caller data) that make a branch case hold, or every case fail for `otherwise`. */
function branchMove(node: Extract<FlowNode, { kind: 'branch' }>, index: number): Move | undefined {
  const caller: Record<string, Scalar> = {};
  const variables: Record<string, Scalar> = {};
  const set = (name: string, value: Scalar) => {
    if (name.startsWith('caller.')) setField(caller, name.slice('caller.'.length), value);
    else setField(variables, name, value);
  };
  if (index < node.cases.length) {
    const when = node.cases[index]!.when;
    for (const condition of Array.isArray(when) ? when : [when]) {
      const value = valueFor(condition, true);
      if (value === undefined && condition.op !== 'exists') return undefined;
      if (value !== undefined) set(condition.var, value);
    }
  } else {
    // Otherwise: the first condition of each case made false.
    for (const c of node.cases) {
      const first = Array.isArray(c.when) ? c.when[0] : c.when;
      if (first === undefined) continue;
      const value = valueFor(first, false);
      if (value === undefined && first.op !== 'exists') return undefined;
      if (value !== undefined) set(first.var, value);
    }
  }
  return { steps: [], caller, variables };
}

/** Digits an input accepts: the shortest run of a repeated digit, or of 0-9 in turn, that fits. */
export function validEntry(node: Extract<FlowNode, { kind: 'input' }>): string | undefined {
  const min = node.minDigits ?? 1;
  const max = node.maxDigits ?? 32;
  const pattern = node.pattern === undefined ? undefined : safeRegExp(`^(?:${node.pattern})$`);
  const example = node.pattern === undefined ? undefined : exampleFor(node.pattern);
  if (example !== undefined && pattern && pattern.test(example) && example.length >= min && example.length <= max) return example;
  for (let length = Math.max(1, min); length <= Math.min(max, 32); length++) {
    for (const candidate of ['1'.repeat(length), '1234567890'.repeat(4).slice(0, length), '0'.repeat(length)]) {
      if (pattern === null) return undefined;
      if (pattern === undefined || pattern.test(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The shortest string a simple digit pattern accepts, built from the pattern
 * itself: literals, `\d`, `[…]` classes, groups with alternatives (the first
 * is taken), `?`, `*`, `+`, `{n}`, `{n,m}` and anchors. Undefined for
 * anything else.
 */
export function exampleFor(pattern: string): string | undefined {
  let i = 0;
  const alternatives = (): string | undefined => {
    const first = sequence();
    while (pattern[i] === '|') {
      i++;
      if (sequence() === undefined) return undefined;
    }
    return first;
  };
  const atom = (): string | undefined => {
    const c = pattern[i];
    if (c === '(') {
      i++;
      if (pattern.startsWith('?:', i)) i += 2;
      const inner = alternatives();
      if (pattern[i] !== ')') return undefined;
      i++;
      return inner;
    }
    if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) return undefined;
      const body = pattern.slice(i + 1, end);
      i = end + 1;
      if (body.startsWith('^')) return undefined;
      const digit = /\\d/.test(body) ? '0' : body.match(/[0-9*#]/)?.[0];
      return digit;
    }
    if (c === '\\') {
      const next = pattern[i + 1];
      i += 2;
      if (next === 'd') return '0';
      return next !== undefined && /[0-9*#]/.test(next) ? next : undefined;
    }
    if (c !== undefined && /[0-9*#]/.test(c)) {
      i++;
      return c;
    }
    return undefined;
  };
  const sequence = (): string | undefined => {
    let out = '';
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      if (pattern[i] === '^' || pattern[i] === '$') {
        i++;
        continue;
      }
      const piece = atom();
      if (piece === undefined) return undefined;
      const quantifier = /^(\?|\*|\+|\{(\d+)(?:,(\d*))?\})/.exec(pattern.slice(i));
      let times = 1;
      if (quantifier !== null) {
        i += quantifier[0].length;
        times = quantifier[1] === '?' || quantifier[1] === '*' ? 0 : quantifier[1] === '+' ? 1 : Number(quantifier[2]);
      }
      out += piece.repeat(times);
    }
    return out;
  };
  const result = alternatives();
  return i === pattern.length ? result : undefined;
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

/** A key the menu does not accept, or nothing when it accepts every key. */
export function unusedKey(node: Extract<FlowNode, { kind: 'menu' }>): string | undefined {
  const used = new Set<string | undefined>(node.options.map((o) => o.key));
  return DTMF_KEYS.find((k) => !used.has(k));
}

function retryMove(node: Extract<FlowNode, { kind: 'menu' | 'input' }>, kind: 'noInput' | 'invalid' | 'maxRetries'): Move | undefined {
  const silence: CallStep = { silence: true };
  const invalid: CallStep | undefined =
    node.kind === 'menu'
      ? (() => {
          const key = unusedKey(node);
          return key === undefined ? { say: 'something else entirely' } : { press: key };
        })()
      : // The terminator alone ends an empty entry, too short for any input that wants a digit.
        (node.minDigits ?? 1) >= 1
        ? { press: node.terminator ?? '#' }
        : undefined;
  if (kind === 'noInput') return { steps: [silence] };
  if (kind === 'invalid') return invalid === undefined ? undefined : { steps: [invalid] };
  // Used up: one more try than the limit, by whichever retry comes back here.
  const tries = (node.maxRetries ?? 0) + 1;
  if (node.noInput === node.id || node.noInput === undefined) return { steps: Array.from({ length: tries }, () => silence) };
  if (invalid !== undefined && (node.invalid === node.id || node.invalid === undefined)) return { steps: Array.from({ length: tries }, () => invalid) };
  return undefined;
}

/** How a caller (and the world) takes one outcome of a node, when that can be worked out. */
export function moveFor(node: FlowNode, outcome: Outcome, index: number): Move | undefined {
  switch (node.kind) {
    case 'menu': {
      if (outcome.retry !== undefined) return retryMove(node, outcome.retry);
      const option = node.options[index];
      if (option === undefined) return undefined;
      if (option.key !== undefined) return { steps: [{ press: option.key }] };
      const phrase = option.phrases?.[0];
      return phrase === undefined ? undefined : { steps: [{ say: phrase }] };
    }
    case 'input': {
      if (outcome.retry !== undefined) return retryMove(node, outcome.retry);
      const digits = validEntry(node);
      if (digits === undefined) return undefined;
      const terminator = node.terminator ?? '#';
      return { steps: [{ press: digits.length >= (node.maxDigits ?? 32) ? digits : `${digits}${terminator}` }] };
    }
    case 'branch':
      return branchMove(node, index);
    case 'hours':
      return { steps: [], outcome: [node.id, outcome.name] };
    case 'queue':
    case 'transfer':
    case 'voicemail':
    case 'callback':
    case 'lookup':
    case 'opaque':
      // The first outcome is what happens unless the environment says otherwise.
      return index === 0 ? { steps: [] } : { steps: [], outcome: [node.id, outcome.name] };
    case 'prompt':
    case 'set':
    case 'subflow':
      return { steps: [] };
    case 'return':
    case 'hangup':
      return undefined;
  }
}

/**
 * A script as the path that builds it: the script of the node before and one
 * move more. Scripts share their beginnings, so a chain of a thousand menus
 * keeps a thousand moves, not a million steps; a script is written out in
 * full only when asked for.
 */
interface Trail {
  readonly before: Trail | undefined;
  /** The node whose script `before` is. */
  readonly after: string | undefined;
  readonly move: Move | undefined;
  /** Steps and environment entries of the whole script (an upper bound of the latter). */
  readonly size: number;
  /** The start's environment. */
  readonly base: Environment;
}

const moveSize = (move: Move): number =>
  move.steps.length + Object.keys(move.caller ?? {}).length + Object.keys(move.variables ?? {}).length + (move.outcome === undefined ? 0 : 1);

function extend(trail: Trail, after: string, move: Move): Trail {
  return { before: trail, after, move, size: trail.size + moveSize(move), base: trail.base };
}

/** Copies a record's own fields into another, one named __proto__ included (Object.assign would set the prototype). */
function copyFields<T>(to: Record<string, T>, from: Readonly<Record<string, T>>): void {
  for (const key of Object.keys(from)) setField(to, key, from[key]!);
}

/** Whether a record has a field of its own (without listing them). */
function hasFields(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** What one move adds to a script's environment, as an environment. */
function moveEnvironment(move: Move): Environment {
  const environment: { -readonly [K in keyof Environment]: Environment[K] } = {};
  if (move.caller !== undefined && hasFields(move.caller)) environment.caller = move.caller;
  if (move.variables !== undefined && hasFields(move.variables)) environment.variables = move.variables;
  if (move.outcome) environment.outcomes = { [move.outcome[0]]: move.outcome[1] };
  return environment;
}

/** The whole script a trail builds, in time linear in its length. */
function scriptOf(trail: Trail): CallScript {
  const moves: Move[] = [];
  for (let t: Trail | undefined = trail; t !== undefined; t = t.before) if (t.move !== undefined) moves.push(t.move);
  const steps: CallStep[] = [];
  // The start's environment, each of its parts copied once before the moves add to it (in the order they first do).
  const environment: { now?: string; caller?: Record<string, Scalar>; variables?: Record<string, Scalar>; outcomes?: Record<string, string> } = { ...trail.base } as never;
  // Which parts are copies of the script's own yet (most scripts copy none: their moves are keys pressed).
  let copied = 0;
  const own = <K extends 'caller' | 'variables' | 'outcomes'>(part: K, bit: number): NonNullable<(typeof environment)[K]> => {
    if ((copied & bit) === 0) {
      environment[part] = { ...environment[part] } as (typeof environment)[K];
      copied |= bit;
    }
    return environment[part]!;
  };
  for (let i = moves.length - 1; i >= 0; i--) {
    const move = moves[i]!;
    for (const step of move.steps) steps.push(step);
    if (move.caller !== undefined && hasFields(move.caller)) copyFields(own('caller', 1), move.caller);
    if (move.variables !== undefined && hasFields(move.variables)) copyFields(own('variables', 2), move.variables);
    if (move.outcome) {
      const [node, outcome] = move.outcome;
      const outcomes = own('outcomes', 4);
      // A node may be named __proto__: setField keeps it a field.
      setField(outcomes, node, outcome);
    }
  }
  return { steps, environment };
}

/**
 * A path's script, written out when first read: a path's `script` costs
 * nothing until a caller of shortestPaths looks at it.
 */
function withScript<T extends object>(path: T, trail: Trail | undefined): T & { readonly script?: CallScript; readonly continues?: Continuation } {
  if (trail === undefined) return path;
  let script: CallScript | undefined;
  Object.defineProperty(path, 'script', {
    enumerable: true,
    get: () => (script ??= scriptOf(trail))
  });
  const continues: Continuation | undefined =
    trail.after === undefined || trail.move === undefined ? undefined : { after: trail.after, size: trail.size, steps: trail.move.steps, environment: moveEnvironment(trail.move) };
  return (continues === undefined ? path : Object.assign(path, { continues })) as T & { readonly script?: CallScript; readonly continues?: Continuation };
}

/** A script as a test call of the flow, expecting nothing (the caller of this decides what to check). */
export function asTestCall(name: string, script: CallScript): TestCall {
  const env = script.environment;
  const environment = {
    ...(env.now === undefined ? {} : { now: env.now }),
    ...(env.caller ? { caller: { ...env.caller } } : {}),
    ...(env.variables ? { variables: { ...env.variables } } : {}),
    ...(env.outcomes ? { outcomes: { ...env.outcomes } } : {})
  };
  return { name, ...(Object.keys(environment).length > 0 ? { environment } : {}), steps: [...script.steps] };
}

function walked(route: readonly string[], from: string, to: string): boolean {
  for (let i = 1; i < route.length; i++) if (route[i - 1] === from && route[i] === to) return true;
  return false;
}

/** The shortest script to every node and transition, each checked on the machine. */
export function shortestPaths(flow: Flow, options: PathsOptions = {}): PathsResult {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const trails = new Map<string, Trail>();
  const edges: { from: string; outcome: string; to: string; trail?: Trail }[] = [];
  const queue: string[] = [];
  if (byId.has(flow.start)) {
    // A test call of a flow that checks opening hours must say when it is placed.
    const environment: Environment = flow.nodes.some((n) => n.kind === 'hours') ? { now: CALL_TIME } : {};
    trails.set(flow.start, { before: undefined, after: undefined, move: undefined, size: 0, base: environment });
    queue.push(flow.start);
  }
  const seenEdges = new Set<string>();
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const node = byId.get(id)!;
    const here = trails.get(id)!;
    outcomesOf(node).forEach((outcome, index) => {
      if (outcome.target === undefined || !byId.has(outcome.target)) return;
      const key = `${id}\u0000${outcome.name}\u0000${outcome.target}`;
      if (seenEdges.has(key)) return;
      seenEdges.add(key);
      const move = moveFor(node, outcome, index);
      const trail = move === undefined ? undefined : extend(here, id, move);
      edges.push({ from: id, outcome: outcome.name, to: outcome.target, ...(trail ? { trail } : {}) });
      if (trail !== undefined && !trails.has(outcome.target)) {
        trails.set(outcome.target, trail);
        queue.push(outcome.target);
      }
    });
  }
  // Every script is run on the machine: it reached its node (or took its transition), or it is marked unverified.
  // Not for a flow too large, nor one whose scripts are long (a chain of a thousand menus: a million steps to run).
  let work = 0;
  for (const trail of trails.values()) work += trail.size + 1;
  for (const edge of edges) work += (edge.trail?.size ?? 0) + 1;
  const onMachine = flow.nodes.length <= (options.machineUpTo ?? 2000);
  const verify =
    flow.nodes.length <= (options.verifyUpTo ?? 20_000) && work <= (options.verifyStepsUpTo ?? (onMachine ? 100_000 : 2_000_000));
  const runs = new Map<Trail, readonly string[]>();
  // One machine (or engine) for every script: compiling it once per script would make the pass quadratic.
  let run: ((script: CallScript) => readonly string[]) | undefined;
  const routeOf = (trail: Trail): readonly string[] => {
    let route = runs.get(trail);
    if (route === undefined) {
      if (run === undefined) {
        const runner = onMachine ? testCallRunner(flow, options) : undefined;
        run = runner === undefined ? engineRunner(flow, options) : (script) => runner(asTestCall('path', script)).route;
      }
      route = run(scriptOf(trail));
      runs.set(trail, route);
    }
    return route;
  };
  const nodes: NodePath[] = flow.nodes.map((node) => {
    const trail = trails.get(node.id);
    if (trail === undefined) return { node: node.id, verified: false };
    return withScript({ node: node.id, verified: verify && routeOf(trail).includes(node.id) }, trail);
  });
  return {
    nodes,
    edges: edges.map((e) =>
      withScript({ from: e.from, outcome: e.outcome, to: e.to, verified: verify && e.trail !== undefined && walked(routeOf(e.trail), e.from, e.to) }, e.trail)
    ),
    verifiedAll: verify
  };
}
