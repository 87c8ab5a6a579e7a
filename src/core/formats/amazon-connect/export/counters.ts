/**
 * Retry counters as Connect Loops. Connect cannot add one to an attribute,
 * so a `set` that counts and the branch on the count after it are written as
 * one Loop action, which counts its own passes: "ContinueLooping" LoopCount
 * times, then "DoneLooping". The shapes are the one the importer reads a Loop
 * as (`le N`) and the ones a Studio user builds (`{{flow.variables.tries |
 * plus: 1}}` and a split `greater_than N`, or `less_than`, …). Sets that
 * count one variable alike (a Studio menu's silences and wrong keys) share
 * one Loop. A count anything else sets or reads stays an attribute.
 */
import { conditionVars } from '../../../model/conditions.ts';
import { outcomesOf, promptsOf, type Outcome } from '../../../model/outcomes.ts';
import { promptTexts } from '../../../model/prompt.ts';
import type { Condition, Flow, FlowNode } from '../../../model/types.ts';
import { helperOwner, vendorAction } from './kept.ts';

/** The most passes a Loop counts (Connect refuses a larger LoopCount). */
export const MAX_LOOP_COUNT = 100;

/** A counter loop: the set node(s) that count become one Loop action with the branch(es) on the count. */
export interface CounterLoop {
  /** The branch on the count after the set node written as the Loop. */
  readonly check: string;
  /** LoopCount: how many passes go on before the count is used up. */
  readonly count: number;
  /** The branch's outcome taken while the count is low (ContinueLooping)… */
  readonly more: Outcome;
  /** …and the one taken once it is high (DoneLooping). */
  readonly done: Outcome;
  /** Whether a caller who leaves by DoneLooping can come back to the Loop, which Connect starts again at zero. */
  readonly recounts: boolean;
  /** Other set nodes that count the same (each with its own branch, alike): they go to this Loop. */
  readonly alike: readonly { readonly set: string; readonly check: string }[];
}

/** Why a set that counts and a branch on the count is not written as a Loop. */
export type Refusal = string;

/** The counter loops of a flow, by the set node written as the Loop, and why the other evident ones are none. */
export interface CounterLoops {
  readonly loops: ReadonlyMap<string, CounterLoop>;
  readonly refusals: ReadonlyMap<string, Refusal>;
}

/** The one condition of a single-case branch on `counter` against a number, and that number. */
function countTest(check: Extract<FlowNode, { kind: 'branch' }>, counter: string): { op: Condition['op']; limit: number } | undefined {
  if (check.cases.length !== 1) return undefined;
  const when = check.cases[0]!.when;
  const condition = Array.isArray(when) ? (when.length === 1 ? when[0] : undefined) : when;
  if (condition === undefined || condition.var !== counter) return undefined;
  const value = condition.value;
  const limit = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(limit) ? { op: condition.op, limit } : undefined;
}

/**
 * The LoopCount of a test on the count, and whether its case is the way on
 * (it holds while the count is low) or the way out (it holds once the count
 * is high). On the k-th pass the count is k (it starts unset, as 0), so the
 * passes that go on are 1…LoopCount: `le N` and `gt N` let floor(N) through,
 * `lt N` and `ge N` ceil(N) − 1.
 */
export function loopCount(op: Condition['op'], limit: number): { count: number; caseGoesOn: boolean } | undefined {
  switch (op) {
    case 'le':
      return { count: Math.max(0, Math.floor(limit)), caseGoesOn: true };
    case 'lt':
      return { count: Math.max(0, Math.ceil(limit) - 1), caseGoesOn: true };
    case 'gt':
      return { count: Math.max(0, Math.floor(limit)), caseGoesOn: false };
    case 'ge':
      return { count: Math.max(0, Math.ceil(limit) - 1), caseGoesOn: false };
    default:
      return undefined;
  }
}

/** Whether a prompt's placeholders (`{{…}}`, `${…}`) name `counter`. */
function placeholderReads(text: string, counter: string): boolean {
  for (const match of text.matchAll(/\{\{([^{}]*)\}\}|\$\{([^{}]*)\}/g)) {
    const inside = match[1] ?? match[2] ?? '';
    if (inside.split(/[\s|]+/).includes(counter)) return true;
  }
  return false;
}

/** Whether a node sets, counts, reads or says the variable `counter`. */
export function touches(node: FlowNode, counter: string): boolean {
  switch (node.kind) {
    case 'set':
      if ((node.assign !== undefined && Object.hasOwn(node.assign, counter)) || (node.increment ?? []).includes(counter)) return true;
      break;
    case 'branch':
      if (node.cases.some((c) => conditionVars(c.when).includes(counter))) return true;
      break;
    case 'input':
      if (node.variable === counter) return true;
      break;
    case 'lookup':
      if ((node.inputs ?? []).includes(counter) || (node.outputs ?? []).includes(counter)) return true;
      break;
    case 'callback':
      if (node.numberVariable === counter) return true;
      break;
    default:
      break;
  }
  return promptsOf(node).some(({ prompt }) => promptTexts(prompt, '').some(([, text]) => placeholderReads(text, counter)));
}

/** Whether `to` can be reached from `from` by the flow's wired outcomes. */
function reaches(byId: ReadonlyMap<string, FlowNode>, from: string | undefined, to: string): boolean {
  if (from === undefined) return false;
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === to) return true;
    const node = byId.get(id);
    if (node === undefined) continue;
    for (const o of outcomesOf(node)) {
      if (o.target !== undefined && !seen.has(o.target)) {
        seen.add(o.target);
        queue.push(o.target);
      }
    }
  }
  return false;
}

/** The Loop one set and its branch would be: its LoopCount and the branch's ways on and out. */
interface Shape {
  readonly count: number;
  readonly more: Outcome;
  readonly done: Outcome;
}

/** A set that counts for the branch after it, before the rest of the flow is looked at. */
interface Candidate {
  readonly set: Extract<FlowNode, { kind: 'set' }>;
  readonly counter: string;
  readonly check: Extract<FlowNode, { kind: 'branch' }>;
  /** The Loop it would be, or why it cannot be one alone. */
  readonly shape: Shape | Refusal;
}

/** A candidate that can be a Loop alone. */
type Fit = Omit<Candidate, 'shape'> & { readonly shape: Shape };

/** A set node that counts one variable and goes to a branch on it: what Loop it would be. */
function candidate(flow: Flow, byId: ReadonlyMap<string, FlowNode>, node: FlowNode): Candidate | undefined {
  if (node.kind !== 'set' || vendorAction(node) !== undefined || node.increment?.length !== 1 || node.next === undefined) return undefined;
  const counter = node.increment[0]!;
  const check = byId.get(node.next);
  if (check === undefined || check.kind !== 'branch' || !check.cases.some((c) => conditionVars(c.when).includes(counter))) return undefined;
  const refuse = (why: Refusal): Candidate => ({ set: node, counter, check, shape: why });
  const test = countTest(check, counter);
  const shape = test === undefined ? undefined : loopCount(test.op, test.limit);
  if (shape === undefined) {
    return refuse(`the branch ${JSON.stringify(check.id)} after it is not one comparison of the count with a number (less than, at most, more than, at least) besides "otherwise"`);
  }
  if (vendorAction(check) !== undefined || helperOwner(check) !== undefined) return refuse(`the branch ${JSON.stringify(check.id)} after it is an imported action, kept as it is`);
  if (check.id === flow.start || flow.nodes.some((n) => n !== node && outcomesOf(n).some((o) => o.target === check.id))) {
    return refuse(`the branch ${JSON.stringify(check.id)} after it is also reached from elsewhere`);
  }
  if (shape.count > MAX_LOOP_COUNT) return refuse(`a Loop counts to ${MAX_LOOP_COUNT} at most, and this one would need ${shape.count}`);
  const outcomes = outcomesOf(check);
  const [caseOutcome, otherwise] = [outcomes[0]!, outcomes[outcomes.length - 1]!];
  return { set: node, counter, check, shape: { count: shape.count, more: shape.caseGoesOn ? caseOutcome : otherwise, done: shape.caseGoesOn ? otherwise : caseOutcome } };
}

/**
 * Why counters that count alike cannot be one Loop, if they cannot: one
 * Loop needs the same LoopCount, the same way on and way out, and nothing
 * else to do (a Studio menu counts its silences and its wrong keys in one
 * variable, in a set-variables on each retry path). A Loop counts every pass
 * through it, whichever way the caller came, just as the shared count does.
 */
function whyNotAlike(group: readonly Fit[]): Refusal | undefined {
  if (group.length === 1) return undefined;
  const first = group[0]!.shape;
  for (const { set, counter, shape } of group) {
    if (Object.keys(set.assign ?? {}).length > 0) return `${JSON.stringify(set.id)} also counts ${counter} and sets other variables`;
    if (shape.count !== first.count || shape.more.target !== first.more.target || shape.done.target !== first.done.target) {
      return `${JSON.stringify(set.id)} also counts ${counter}, to another limit or with other ways on, and a Loop's count is its own`;
    }
  }
  return undefined;
}

/** Why the sets that count `counter` are no Loop, if they are not: one cannot be, or another node uses the count. */
function whyNot(flow: Flow, counter: string, group: readonly Candidate[], fits: readonly Fit[]): Refusal | undefined {
  const misfit = group.find((c) => typeof c.shape === 'string');
  if (misfit !== undefined) return `${JSON.stringify(misfit.set.id)} also counts ${counter}, and is no Loop`;
  const parts = new Set<FlowNode>(group.flatMap((c) => [c.set, c.check]));
  const other = flow.nodes.find((n) => !parts.has(n) && touches(n, counter));
  if (other !== undefined) return `${JSON.stringify(other.id)} also sets or reads ${counter}, and a Loop's count is its own`;
  return whyNotAlike(fits);
}

/**
 * The set nodes written as Loops. A set is one when it counts one variable,
 * its next is a branch with one case comparing that count with a number (and
 * `otherwise`), nothing else goes to that branch, and nothing else in the
 * flow sets, counts or reads the count (a Loop's count is its own: no other
 * action can read or change it), except other such sets whose branches go
 * the same ways at the same count: they share the Loop. A refusal says why an
 * evident counter loop is not one.
 */
export function counterLoops(flow: Flow, byId: ReadonlyMap<string, FlowNode>): CounterLoops {
  const loops = new Map<string, CounterLoop>();
  const refusals = new Map<string, Refusal>();
  const groups = new Map<string, Candidate[]>();
  for (const node of flow.nodes) {
    const found = candidate(flow, byId, node);
    if (found !== undefined) groups.set(found.counter, [...(groups.get(found.counter) ?? []), found]);
  }
  for (const [counter, group] of groups) {
    const fits = group.filter((c): c is Fit => typeof c.shape !== 'string');
    const why = whyNot(flow, counter, group, fits);
    if (why !== undefined) {
      for (const c of group) refusals.set(c.set.id, typeof c.shape === 'string' ? c.shape : why);
      continue;
    }
    // The flow's start, when it is one of them, is the Loop: the flow starts at its action.
    const [owner, ...alike] = [...fits].sort((a, b) => Number(b.set.id === flow.start) - Number(a.set.id === flow.start));
    const shape = owner!.shape;
    loops.set(owner!.set.id, {
      check: owner!.check.id,
      ...shape,
      recounts: fits.some((c) => reaches(byId, shape.done.target, c.set.id)),
      alike: alike.map((c) => ({ set: c.set.id, check: c.check.id }))
    });
  }
  return { loops, refusals };
}
