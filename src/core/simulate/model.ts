/**
 * The traffic model, as data: who calls and what they want, how they behave
 * at menus, how long they are willing to stay, how queues and the world
 * behave. Every field has a default, so `{}` is a model.
 *
 * Choices and outcomes are keyed by node ids, which are data: an id such as
 * `__proto__` or `constructor` is a key like any other (the schema library
 * skips a key named `__proto__`; this module reads those keys itself).
 */
import { z } from 'zod';
import type { Problem } from '../model/load.ts';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../diagnostic/index.ts';
import { issueToProblem } from '../json/issues.ts';
import { limitProblem } from '../json/limits.ts';
import { setField } from '../json/plain.ts';
import { toPointer } from '../json/pointer.ts';
import { outcomesOf } from '../model/outcomes.ts';
import type { FlowNode } from '../model/types.ts';

const Share = z.number().min(0).max(1);
const Seconds = z.number().min(0);
const Choice = z.string();
const OutcomeChances = z.record(z.string(), Share);

export const TrafficModelSchema = z.strictObject({
  intents: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        share: z.number().min(0).meta({ description: 'Relative weight of this kind of caller.' }),
        choices: z
          .record(z.string(), Choice)
          .optional()
          .meta({ description: 'Menu node id → the key (or phrase) this caller wants there.' })
      })
    )
    .optional()
    .meta({ description: 'Kinds of caller; at a menu without a choice for it, a caller picks one of the options at random.' }),
  silence: Share.optional().meta({ description: 'Chance a caller says nothing at a menu or input (default 0.05).' }),
  wrongKey: Share.optional().meta({ description: 'Chance of a wrong key at a menu, or a bad entry at an input (default 0.05).' }),
  zeroOutWhenLost: Share.optional().meta({
    description: 'Chance a caller presses 0 at a menu after a retry, when the menu has a 0 (default 0.5).'
  }),
  patienceSeconds: Seconds.optional().meta({ description: 'Mean caller time in the menus before hanging up, exponential (default 300).' }),
  queuePatienceSeconds: Seconds.optional().meta({ description: 'Mean time a caller will wait in a queue, exponential (default 240).' }),
  defaultWaitSeconds: Seconds.optional().meta({ description: 'Mean queue wait where a queue sets no expected wait (default 60).' }),
  openShare: Share.optional().meta({ description: 'Share of calls placed during opening hours (default 0.75).' }),
  outcomes: z
    .record(z.string(), OutcomeChances)
    .optional()
    .meta({ description: 'Node id → outcome → probability, for steps the world decides (a lookup fails, a transfer is not answered).' })
});

export type TrafficModel = z.infer<typeof TrafficModelSchema>;

export interface ResolvedIntent {
  readonly name: string;
  /** The intent's share over the largest share: at most 1, so any shares add up without overflow. */
  readonly weight: number;
  /** Menu node id → the key or phrase wanted there. */
  readonly choices: ReadonlyMap<string, string>;
}

export interface ResolvedModel {
  readonly intents: readonly ResolvedIntent[];
  /** The intents' weights added up, in their order. */
  readonly intentWeight: number;
  readonly silence: number;
  readonly wrongKey: number;
  readonly zeroOutWhenLost: number;
  readonly patienceSeconds: number;
  readonly queuePatienceSeconds: number;
  readonly defaultWaitSeconds: number;
  readonly openShare: number;
  /** Node id → outcome → probability. */
  readonly outcomes: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** A record's own entries, a key named `__proto__` included. */
function ownEntries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  if (record === undefined) return [];
  return Object.keys(record).map((key) => [key, record[key]!]);
}

/**
 * The model with every default filled in. Shares are divided by the largest,
 * so equal shares are equal weights at any magnitude (1e308 or 5e-324), and
 * their sum never overflows. A model whose intents all have a share of 0 is
 * refused by parseModel; given here, it is read as no intents.
 */
export function resolveModel(model: TrafficModel = {}): ResolvedModel {
  const intents = (model.intents ?? []).filter((i) => i.share > 0);
  let largest = 0;
  for (const intent of intents) largest = Math.max(largest, intent.share);
  const resolved: ResolvedIntent[] =
    intents.length > 0
      ? intents.map((i) => ({ name: i.name, weight: i.share / largest, choices: new Map(ownEntries(i.choices)) }))
      : [{ name: 'caller', weight: 1, choices: new Map() }];
  let intentWeight = 0;
  for (const intent of resolved) intentWeight += intent.weight;
  return {
    intents: resolved,
    intentWeight,
    silence: model.silence ?? 0.05,
    wrongKey: model.wrongKey ?? 0.05,
    zeroOutWhenLost: model.zeroOutWhenLost ?? 0.5,
    patienceSeconds: model.patienceSeconds ?? 300,
    queuePatienceSeconds: model.queuePatienceSeconds ?? 240,
    defaultWaitSeconds: model.defaultWaitSeconds ?? 60,
    openShare: model.openShare ?? 0.75,
    outcomes: new Map(ownEntries(model.outcomes).map(([node, chances]) => [node, new Map(ownEntries(chances))]))
  };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field of an object, when it is its own (`__proto__` included). */
const own = (object: unknown, key: string): unknown => (isObject(object) && Object.hasOwn(object, key) ? object[key] : undefined);

/** An object's own `__proto__` field, which the schema library passes over. */
const protoOf = (object: unknown): { found: boolean; value: unknown } =>
  isObject(object) && Object.hasOwn(object, '__proto__') ? { found: true, value: object['__proto__'] } : { found: false, value: undefined };

/** The places of a model where a node id or an outcome name is a key: a `__proto__` key there is data, checked here. */
function protoKeyProblems(document: unknown, file: string): Problem[] {
  const problems: Problem[] = [];
  const check = (schema: z.ZodType, value: unknown, path: (string | number)[]): void => {
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) problems.push(issueToProblem({ ...issue, path: [...path, ...issue.path] } as z.core.$ZodIssue, file, document));
  };
  const intents = own(document, 'intents');
  if (Array.isArray(intents)) {
    intents.forEach((intent, i) => {
      const proto = protoOf(own(intent, 'choices'));
      if (proto.found) check(Choice, proto.value, ['intents', i, 'choices', '__proto__']);
    });
  }
  const outcomes = own(document, 'outcomes');
  if (isObject(outcomes)) {
    for (const node of Object.keys(outcomes)) {
      const table = outcomes[node];
      if (node === '__proto__') check(OutcomeChances, table, ['outcomes', node]);
      const proto = protoOf(table);
      if (proto.found) check(Share, proto.value, ['outcomes', node, '__proto__']);
    }
  }
  return problems;
}

/** The model with the `__proto__` keys the schema library passed over put back, as data. */
function withProtoKeys(model: TrafficModel, document: unknown): TrafficModel {
  const intents = own(document, 'intents');
  const outcomes = own(document, 'outcomes');
  const restore = <T>(parsed: Record<string, T>, raw: unknown): Record<string, T> => {
    const proto = protoOf(raw);
    if (proto.found) setField(parsed, '__proto__', proto.value as T);
    return parsed;
  };
  return {
    ...model,
    ...(model.intents === undefined
      ? {}
      : {
          intents: model.intents.map((intent, i) => {
            const raw = Array.isArray(intents) ? own(intents[i], 'choices') : undefined;
            return intent.choices === undefined ? intent : { ...intent, choices: restore({ ...intent.choices }, raw) };
          })
        }),
    ...(model.outcomes === undefined || !isObject(outcomes)
      ? {}
      : {
          outcomes: Object.fromEntries(
            Object.keys(outcomes).map((node) => [node, restore({ ...(node === '__proto__' ? (outcomes[node] as Record<string, number>) : model.outcomes![node]!) }, outcomes[node])])
          )
        })
  };
}

const problem = (file: string, path: readonly (string | number)[], message: string): Problem => ({
  code: DIAGNOSTIC_CODES.schema,
  severity: 'error',
  file,
  pointer: toPointer(path),
  message
});

/** Chances within a float's rounding of 1 add up to 1. */
const OVER_ONE = 1 + 1e-9;

/** What the schema cannot say of a model: shares that give no caller, chances that add up to more than 1. */
function consistencyProblems(model: TrafficModel, file: string): Problem[] {
  const problems: Problem[] = [];
  const intents = model.intents ?? [];
  if (intents.length > 0 && intents.every((i) => i.share === 0)) {
    problems.push(problem(file, ['intents'], `every intent has a share of 0, so no caller has any of them: give at least one a share above 0 (shares are relative weights)`));
  }
  const silence = model.silence ?? 0.05;
  const wrongKey = model.wrongKey ?? 0.05;
  if (silence + wrongKey > OVER_ONE) {
    problems.push(
      problem(
        file,
        [model.wrongKey === undefined ? 'silence' : 'wrongKey'],
        `silence (${silence}) and wrongKey (${wrongKey}) add up to ${round(silence + wrongKey)}: they are chances of one answer at a menu, so together at most 1`
      )
    );
  }
  for (const [node, chances] of ownEntries(model.outcomes)) {
    let sum = 0;
    for (const [, chance] of ownEntries(chances)) sum += chance;
    if (sum > OVER_ONE) {
      problems.push(problem(file, ['outcomes', node], `the chances of ${JSON.stringify(node)}'s outcomes add up to ${round(sum)}: one of them happens on each visit, so together at most 1`));
    }
  }
  return problems;
}

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * A model file's content, or problems that name the file and the field, in
 * this tool's words. Line and column are the caller's to add, from the text
 * (see locateDiagnostics).
 */
export function parseModel(document: unknown, file: string): { ok: true; model: TrafficModel } | { ok: false; problems: Problem[] } {
  // Nothing deeper or longer than a file may hold is read (json/limits.ts).
  const tooBig = limitProblem(document, file);
  if (tooBig !== undefined) return { ok: false, problems: [tooBig] };
  const result = TrafficModelSchema.safeParse(document);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const found = issueToProblem(issue, file, document, explainModelIssue);
        // A seed is the command's to give, not the model's.
        return found.pointer === '/seed' ? { ...found, message: `${found.message}: the seed is given with --seed, not in the model` } : found;
      });
  problems.push(...protoKeyProblems(document, file));
  if (problems.length > 0 || !result.success) return { ok: false, problems };
  const model = withProtoKeys(result.data, document);
  const inconsistent = consistencyProblems(model, file);
  if (inconsistent.length > 0) return { ok: false, problems: inconsistent };
  return { ok: true, model };
}

/** The model's own words for an issue: a model that is not an object. */
function explainModelIssue(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.path.length === 0) return `a traffic model is a JSON object (every field optional: {} is a model)`;
  return undefined;
}

/** A warning about a model: something it says that the flow simulated will not use. */
export type ModelWarning = Diagnostic & { readonly file: string; readonly severity: 'warning' };

const KIND_WORDS: Readonly<Record<string, string>> = {
  hours: 'an hours check (its outcome is drawn from openShare)',
  queue: 'a queue (its outcome comes from the wait and the caller\'s patience: defaultWaitSeconds, queuePatienceSeconds)'
};

/** Steps whose outcome the model's `outcomes` decide. */
const DECIDED = new Set<FlowNode['kind']>(['lookup', 'transfer', 'voicemail', 'callback', 'opaque']);

/** Keys and phrases as a list for a message. */
function listed(values: readonly string[]): string {
  const shown = values.slice(0, 8).map((v) => JSON.stringify(v));
  return values.length > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * What a model says that a flow will not use, as warnings: choices and
 * outcomes for nodes the flow does not have (or of the wrong kind), keys a
 * menu does not offer, outcomes a step does not have. `nodes`: the nodes the
 * simulation runs, sub-flows' included with their qualified ids (see
 * compiledNodes).
 */
export function modelWarnings(model: TrafficModel, nodes: readonly FlowNode[], file: string): ModelWarning[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const warnings: ModelWarning[] = [];
  const warn = (path: readonly (string | number)[], message: string, node?: string): void => {
    warnings.push({ code: DIAGNOSTIC_CODES.schema, severity: 'warning', file, pointer: toPointer(path), message, ...(node === undefined ? {} : { node }) });
  };
  if (model.intents !== undefined && model.intents.length === 0) {
    warn(['intents'], 'no intents: every caller picks options at random, as with no "intents" at all');
  }
  (model.intents ?? []).forEach((intent, i) => {
    for (const [id, wanted] of ownEntries(intent.choices)) {
      const path = ['intents', i, 'choices', id];
      const node = byId.get(id);
      if (node === undefined) {
        warn(path, `the flow has no node ${JSON.stringify(id)}: intent ${JSON.stringify(intent.name)}'s choice there is never used`);
      } else if (node.kind !== 'menu') {
        warn(path, `node ${JSON.stringify(id)} is ${node.kind === 'input' ? 'an input' : `a ${node.kind}`}, not a menu: intent ${JSON.stringify(intent.name)}'s choice there is never used`, id);
      } else {
        const offered = node.options.flatMap((o) => [...(o.key === undefined ? [] : [o.key]), ...(o.phrases ?? [])]);
        if (!offered.includes(wanted)) {
          warn(path, `menu ${JSON.stringify(id)} offers no ${JSON.stringify(wanted)} (it offers ${listed(offered)}): callers with intent ${JSON.stringify(intent.name)} pick an option at random there`, id);
        }
      }
    }
  });
  for (const [id, chances] of ownEntries(model.outcomes)) {
    const node = byId.get(id);
    if (node === undefined) {
      warn(['outcomes', id], `the flow has no node ${JSON.stringify(id)}: its outcomes are never used`);
      continue;
    }
    if (!DECIDED.has(node.kind)) {
      warn(['outcomes', id], `node ${JSON.stringify(id)} is ${KIND_WORDS[node.kind] ?? `a ${node.kind}, whose outcome the caller decides`}: these outcomes are never used`, id);
      continue;
    }
    const names = outcomesOf(node).map((o) => o.name);
    for (const [name] of ownEntries(chances)) {
      if (!names.includes(name)) warn(['outcomes', id, name], `node ${JSON.stringify(id)} has no outcome ${JSON.stringify(name)} (its outcomes: ${listed(names)}): this chance is never used`, id);
    }
    const first = names[0];
    if (first !== undefined && Object.hasOwn(chances, first)) {
      let others = 0;
      for (const [name, chance] of ownEntries(chances)) if (name !== first && names.includes(name)) others += chance;
      const left = round(Math.max(0, 1 - others));
      if (Math.abs(left - chances[first]!) > 1e-9) {
        warn(['outcomes', id, first], `${JSON.stringify(first)} is what the other outcomes of ${JSON.stringify(id)} leave: a chance of ${left}, not the ${chances[first]} given`, id);
      }
    }
  }
  return warnings;
}
