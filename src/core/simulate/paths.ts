/**
 * The shortest caller script to each node and each transition of a flow:
 * what to press, say or leave silent, and what the world must do (a lookup
 * fails, the queue overflows, the office is closed, caller data), as a test
 * call. One breadth-first pass over the flow finds them, so a flow of any
 * size is handled in time linear in its nodes and transitions; each script
 * is then run on the flow's XState machine, which is the judge of whether
 * it really gets there.
 */
import { testCallRunner, type TestCallRun } from '../calls/run.ts';
import type { CompileOptions } from '../compile/compile.ts';
import { outcomesOf, type Outcome } from '../model/outcomes.ts';
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

export interface NodePath {
  readonly node: string;
  /** A script that reaches the node, when one was found. */
  readonly script?: CallScript;
  /** Whether running the script on the machine reached the node. */
  readonly verified: boolean;
}

export interface EdgePath {
  readonly from: string;
  readonly outcome: string;
  readonly to: string;
  readonly script?: CallScript;
  readonly verified: boolean;
}

export interface PathsResult {
  readonly nodes: readonly NodePath[];
  readonly edges: readonly EdgePath[];
  /** False when the flow was too large to run every script (see `verifyUpTo`). */
  readonly verifiedAll: boolean;
}

export interface PathsOptions extends CompileOptions {
  /** Scripts are run on the machine for flows of at most this many nodes (default 2,000). */
  readonly verifyUpTo?: number;
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
    if (name.startsWith('caller.')) caller[name.slice('caller.'.length)] = value;
    else variables[name] = value;
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

function extend(script: CallScript, move: Move): CallScript {
  const env = script.environment;
  const merged: { now?: string; caller?: Record<string, Scalar>; variables?: Record<string, Scalar>; outcomes?: Record<string, string> } = { ...env } as never;
  if (move.caller && Object.keys(move.caller).length > 0) merged.caller = { ...env.caller, ...move.caller };
  if (move.variables && Object.keys(move.variables).length > 0) merged.variables = { ...env.variables, ...move.variables };
  if (move.outcome) merged.outcomes = { ...env.outcomes, [move.outcome[0]]: move.outcome[1] };
  return { steps: [...script.steps, ...move.steps], environment: merged };
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
  const scripts = new Map<string, CallScript>();
  const edges: { from: string; outcome: string; to: string; script?: CallScript }[] = [];
  const queue: string[] = [];
  if (byId.has(flow.start)) {
    // A test call of a flow that checks opening hours must say when it is placed.
    const environment: Environment = flow.nodes.some((n) => n.kind === 'hours') ? { now: CALL_TIME } : {};
    scripts.set(flow.start, { steps: [], environment });
    queue.push(flow.start);
  }
  const seenEdges = new Set<string>();
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const node = byId.get(id)!;
    const here = scripts.get(id)!;
    outcomesOf(node).forEach((outcome, index) => {
      if (outcome.target === undefined || !byId.has(outcome.target)) return;
      const key = `${id}\u0000${outcome.name}\u0000${outcome.target}`;
      if (seenEdges.has(key)) return;
      seenEdges.add(key);
      const move = moveFor(node, outcome, index);
      const script = move === undefined ? undefined : extend(here, move);
      edges.push({ from: id, outcome: outcome.name, to: outcome.target, ...(script ? { script } : {}) });
      if (script !== undefined && !scripts.has(outcome.target)) {
        scripts.set(outcome.target, script);
        queue.push(outcome.target);
      }
    });
  }
  // Every script is run on the machine: it reached its node (or took its transition), or it is marked unverified.
  const verify = flow.nodes.length <= (options.verifyUpTo ?? 2000);
  const runs = new Map<CallScript, readonly string[]>();
  // One machine for every script: compiling it once per script would make the pass quadratic.
  let run: ((call: TestCall) => TestCallRun) | undefined;
  const routeOf = (script: CallScript): readonly string[] => {
    let route = runs.get(script);
    if (route === undefined) {
      run ??= testCallRunner(flow, options);
      route = run(asTestCall('path', script)).route;
      runs.set(script, route);
    }
    return route;
  };
  const nodes: NodePath[] = flow.nodes.map((node) => {
    const script = scripts.get(node.id);
    if (script === undefined) return { node: node.id, verified: false };
    return { node: node.id, script, verified: verify && routeOf(script).includes(node.id) };
  });
  return {
    nodes,
    edges: edges.map((e) => ({ ...e, verified: verify && e.script !== undefined && walked(routeOf(e.script), e.from, e.to) })),
    verifiedAll: verify
  };
}
