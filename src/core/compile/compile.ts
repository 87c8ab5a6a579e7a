/**
 * Compiles a flow to a serializable XState v5 machine config. Every node is a
 * state; actions and guards are `{ type, params }` objects whose behaviour is
 * defined once in `./machine.ts`. The config is plain JSON, so it can be
 * printed, saved and opened in Stately's editor.
 */
import { displayName } from '../model/display.ts';
import { helpKind, outcomesOf, type Outcome, type UnwiredEnd } from '../model/outcomes.ts';
import { localesOf } from '../model/prompt.ts';
import type { Flow, FlowNode } from '../model/types.ts';
import { CHOICE_SECONDS, DEFAULT_LOOKUP_SECONDS, DEFAULT_TIMEOUT_SECONDS, DEFAULT_WORDS_PER_MINUTE, DIGIT_SECONDS, INVALID_SECONDS } from '../model/timing.ts';
import { FINAL_STATES, stateKey, type FinalState } from './stateKey.ts';
import { MAX_DEPTH } from '../json/limits.ts';

export interface ActionRef {
  readonly type: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface TransitionConfig {
  readonly target?: string;
  readonly guard?: ActionRef;
  readonly actions?: readonly ActionRef[];
  readonly reenter?: boolean;
}

export interface StateConfig {
  readonly type?: 'final';
  readonly description?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly entry?: readonly ActionRef[];
  readonly always?: readonly TransitionConfig[];
  readonly on?: Readonly<Record<string, readonly TransitionConfig[]>>;
  /** A sub-flow run inside this state. */
  readonly initial?: string;
  readonly states?: Readonly<Record<string, StateConfig>>;
  readonly onDone?: TransitionConfig;
}

/** The JSON-serializable machine config of a flow. */
export interface FlowMachineConfig {
  readonly id: string;
  readonly description?: string;
  readonly initial: string;
  /** `subflowsNotInlined`: sub-flow nodes (as qualified ids) the call passes over, past {@link MAX_STATES} or {@link MAX_SUBFLOW_DEPTH}. */
  readonly meta?: { readonly subflowsNotInlined: readonly string[] };
  readonly context: CallContext;
  readonly on: Readonly<Record<string, TransitionConfig>>;
  readonly states: Readonly<Record<string, StateConfig>>;
}

/** A line of the call's transcript. */
export interface TranscriptEntry {
  /** Caller seconds since the call started. */
  readonly at: number;
  readonly who: 'flow' | 'caller' | 'system';
  readonly node: string | null;
  readonly text: string;
}

export interface CallResult {
  /**
   * How the call counts: the help the caller got (person, voicemail,
   * callback) if they got any, whatever came after; otherwise how it ended.
   */
  readonly outcome: (typeof FINAL_STATES)[number] extends `$${infer O}` ? O : never;
  /** How the call itself ended, when that differs from `outcome` (a survey after a person: `ended`). */
  readonly ended?: (typeof FINAL_STATES)[number] extends `$${infer O}` ? O : never;
  /** The node the call ended at. */
  readonly node: string | null;
  /** For a dropped call, the outcome that had no transition. */
  readonly reason?: string;
  /** Caller seconds, queue waits not counted. */
  readonly seconds: number;
  /** Seconds spent waiting in queues. */
  readonly waitSeconds: number;
  readonly route: readonly string[];
  readonly variables: Readonly<Record<string, unknown>>;
}

/** The machine's context: the call so far. Plain JSON. */
export interface CallContext {
  readonly flowId: string;
  readonly locale: string;
  readonly defaultLocale: string;
  readonly wordsPerMinute: number;
  /** The time the call was placed, in epoch milliseconds. */
  readonly startedAt: number;
  /** Caller seconds so far (queue waits not counted). */
  readonly elapsed: number;
  readonly waited: number;
  readonly node: string | null;
  readonly route: readonly string[];
  readonly steps: number;
  readonly stepLimit: number;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly retries: Readonly<Record<string, number>>;
  readonly visits: Readonly<Record<string, number>>;
  /** Digits typed so far at an input. */
  readonly buffer: string;
  /** Node id → the outcome it takes, or one per visit (the call's environment). */
  readonly outcomes: Readonly<Record<string, string | readonly string[]>>;
  readonly transcript: readonly TranscriptEntry[];
  /** Set by a transition into a final state: where and why the call ends. */
  readonly ending: { readonly node: string | null; readonly reason?: string } | null;
  /** The help the caller got, once they got it: a person, voicemail or a callback. */
  readonly helped: 'person' | 'voicemail' | 'callback' | null;
  readonly result: CallResult | null;
}

/**
 * Node visits a call may make before it is stopped: this many, or twice the
 * nodes of a larger machine, so that a call that never goes round a loop
 * always ends on its own (it visits each node once at most).
 */
export const DEFAULT_STEP_LIMIT = 1000;

/** The step limit of a machine that runs `nodes` nodes (sub-flows' included). */
export function stepLimitFor(nodes: number): number {
  return Math.max(DEFAULT_STEP_LIMIT, 2 * nodes);
}

/** The final state an unwired outcome ends in; `$return` leaves a sub-flow. */
function finalFor(end: UnwiredEnd): FinalState | '$return' {
  switch (end) {
    case 'dead-end':
      return '$dropped';
    case 'return':
      return '$return';
    default:
      return `$${end}`;
  }
}

export interface CompileOptions {
  /**
   * Finds the flow a sub-flow node runs. A flow found here is compiled into
   * the sub-flow node's state, so the call runs through it and comes back;
   * otherwise the call goes straight on to the node's next step.
   */
  readonly resolveFlow?: (flowId: string) => Flow | undefined;
}

/** Where a scope's calls end: the machine's own finals, or a sub-flow's return. */
interface Scope {
  readonly machineId: string;
  readonly nested: boolean;
  /** Flow ids being compiled, outermost first: a sub-flow node that runs one of them again ends the call, trapped. */
  readonly stack: readonly string[];
  readonly options: CompileOptions;
  /** Shared by every scope of one compile: states made so far, sub-flows left out, and the nodes compiled. */
  readonly budget: { states: number; readonly notInlined: string[]; readonly nodes: FlowNode[] };
}

/**
 * The most states one machine gets. Sub-flows are copied into every node that
 * runs them, so flows that run each other many times over could otherwise
 * grow the machine exponentially; past this, a sub-flow is passed over (the
 * call goes straight on) and named in the config's `meta.subflowsNotInlined`.
 */
export const MAX_STATES = 20_000;

/**
 * The deepest sub-flows are run within each other: a sub-flow node this many
 * sub-flows down is passed over as one past {@link MAX_STATES} is (and named
 * in `meta.subflowsNotInlined`). Studio runs no sub-flow from a sub-flow at
 * all; a chain of a thousand flows each running the next would otherwise
 * make a machine a thousand states deep.
 */
export const MAX_SUBFLOW_DEPTH = MAX_DEPTH;

function finalTarget(scope: Scope, final: FinalState | '$return'): string {
  if (!scope.nested) return final === '$return' ? '$ended' : final;
  return final === '$return' ? '$return' : `#${scope.machineId}.${final}`;
}

/** Every node's states, for the flow's own scope. */
function compileStates(flow: Flow, scope: Scope): Record<string, StateConfig> {
  const ids = new Set(flow.nodes.map((n) => n.id));

  /** A transition along an outcome: to its target, or to the end it implies. */
  const go: Go = (node, outcome, extra = [], guard) => {
    const actions: ActionRef[] = [...extra, { type: 'outcome', params: { node: node.id, outcome: outcome.name } }];
    // The caller has been helped: remembered, so a survey or a goodbye after it
    // does not change how the call counts.
    if (outcome.afterHelp && !outcome.failure) {
      const help = helpKind(node);
      actions.unshift({ type: 'helped', params: { outcome: help === 'human' ? 'person' : node.kind } });
    }
    let target: string;
    if (outcome.target === undefined) {
      target = finalTarget(scope, finalFor(outcome.unwired));
      actions.push({ type: 'end', params: { node: node.id, reason: outcome.name } });
    } else if (!ids.has(outcome.target)) {
      target = finalTarget(scope, '$dropped');
      actions.push({ type: 'end', params: { node: node.id, reason: `${outcome.name} → missing node ${outcome.target}` } });
    } else {
      target = stateKey(outcome.target);
    }
    return { target, reenter: true, actions, ...(guard ? { guard } : {}) };
  };

  const limits = limitTransitions(scope);
  const states: Record<string, StateConfig> = {};
  for (const node of flow.nodes) {
    scope.budget.nodes.push(node);
    Object.defineProperty(states, stateKey(node.id), {
      value: compileNode(node, go, scope, limits),
      enumerable: true,
      writable: true,
      configurable: true
    });
  }
  return states;
}

const nodesByConfig = new WeakMap<FlowMachineConfig, readonly FlowNode[]>();

/**
 * The nodes a compiled machine runs, in the order compiled: the flow's own,
 * each sub-flow node followed by the nodes of the sub-flow compiled into it,
 * their ids qualified by the path of sub-flow nodes that runs them
 * (`help/menu`), as the machine's states and actions name them.
 */
export function compiledNodes(config: FlowMachineConfig): readonly FlowNode[] {
  const nodes = nodesByConfig.get(config);
  if (nodes === undefined) throw new Error('compiledNodes: this config was not made by compile()');
  return nodes;
}

export function compile(flow: Flow, options: CompileOptions = {}): FlowMachineConfig {
  const locales = localesOf(flow);
  const wordsPerMinute = flow.lint?.thresholds?.wordsPerMinute ?? DEFAULT_WORDS_PER_MINUTE;
  const machineId = flow.id.replace(/[.#]/g, '_');
  const budget = { states: flow.nodes.length + FINAL_STATES.length, notInlined: [] as string[], nodes: [] as FlowNode[] };
  const states = compileStates(flow, { machineId, nested: false, stack: [flow.id], options, budget });
  for (const final of FINAL_STATES) {
    states[final] = {
      type: 'final',
      description: FINAL_DESCRIPTIONS[final],
      entry: [{ type: 'finish', params: { outcome: final.slice(1) } }]
    };
  }

  const config: FlowMachineConfig = {
    id: machineId,
    ...(flow.description ? { description: flow.description } : {}),
    initial: stateKey(flow.start),
    context: {
      flowId: flow.id,
      locale: locales[0]!,
      defaultLocale: locales[0]!,
      wordsPerMinute,
      startedAt: 0,
      elapsed: 0,
      waited: 0,
      node: null,
      route: [],
      steps: 0,
      stepLimit: stepLimitFor(budget.nodes.length),
      variables: {},
      retries: {},
      visits: {},
      buffer: '',
      outcomes: {},
      transcript: [],
      ending: null,
      helped: null,
      result: null
    },
    ...(budget.notInlined.length > 0 ? { meta: { subflowsNotInlined: budget.notInlined } } : {}),
    on: {
      HANGUP: { target: '.$abandoned', actions: [{ type: 'callerEvent' }, { type: 'end', params: { reason: 'caller hung up' } }] }
    },
    states
  };
  nodesByConfig.set(config, budget.nodes);
  return config;
}

/**
 * A sub-flow's nodes with ids qualified by the path of sub-flow nodes that
 * runs it (`verify/ask`), so its nodes never collide with the caller's in the
 * route, retries or environment.
 */
function qualified(flow: Flow, prefix: string): Flow {
  const q = (id: string): string => `${prefix}${id}`;
  const nodes = flow.nodes.map((node) => {
    const copy = structuredClone(node) as Record<string, unknown>;
    copy['id'] = q(node.id);
    for (const outcome of outcomesOf(node)) {
      if (outcome.target === undefined) continue;
      const path = outcome.pointer.slice(1).split('/');
      let holder = copy as Record<string, unknown>;
      for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
      holder[path[path.length - 1]!] = q(outcome.target);
    }
    return copy as FlowNode;
  });
  return { ...flow, start: q(flow.start), nodes };
}

const FINAL_DESCRIPTIONS: Record<FinalState, string> = {
  $person: 'The caller reached a person.',
  $voicemail: 'The caller left a voicemail.',
  $callback: 'A callback was scheduled.',
  $ended: 'The call ended by design.',
  $dropped: 'The call dropped: an outcome had no transition.',
  $abandoned: 'The caller hung up.',
  $trapped: 'The call went round without end: a loop it never leaves (step limit reached), or sub-flows that run each other.',
  $stepLimit: 'The call reached the step limit without going round a loop.'
};

type Go = (
  node: FlowNode,
  outcome: Outcome,
  extra?: readonly ActionRef[],
  guard?: ActionRef
) => TransitionConfig;

/** The start of the reason a call ends with when a sub-flow runs a flow that is running already. */
export const SUBFLOW_RECURSION = 'sub-flow recursion';

/**
 * The reasons a call stopped by the step limit ends with: it went round a
 * loop (some node was entered twice), or it simply ran out of steps.
 */
export const STEP_LIMIT_REASONS = { trapped: 'step limit: went round a loop', stepLimit: 'step limit reached' } as const;

/**
 * The transitions every state checks before anything else it does: a call
 * over the step limit that has entered some node twice is trapped in a loop;
 * one that has not only ran out of steps. They depend on the scope alone, so
 * every state of a scope shares the same two.
 */
function limitTransitions(scope: Scope): readonly TransitionConfig[] {
  return [
    {
      guard: { type: 'overStepLimit', params: { wentRound: true } },
      target: finalTarget(scope, '$trapped'),
      actions: [{ type: 'end', params: { reason: STEP_LIMIT_REASONS.trapped } }]
    },
    {
      guard: { type: 'overStepLimit' },
      target: finalTarget(scope, '$stepLimit'),
      actions: [{ type: 'end', params: { reason: STEP_LIMIT_REASONS.stepLimit } }]
    }
  ];
}

/** The transcript's line for what the caller did: one object for every transition that writes it. */
const CALLER_EVENT: ActionRef = { type: 'callerEvent' };

function compileNode(node: FlowNode, go: Go, scope: Scope, LIMITS: readonly TransitionConfig[]): StateConfig {
  const outcomes = outcomesOf(node);
  const byName = new Map(outcomes.map((o) => [o.name, o]));
  const outcome = (name: string) => byName.get(name)!;
  const entry: ActionRef[] = [
    {
      type: 'enter',
      params: {
        node: node.id,
        ...('prompt' in node && node.prompt !== undefined ? { prompt: node.prompt } : {}),
        ...(node.kind === 'lookup' ? { seconds: node.seconds ?? DEFAULT_LOOKUP_SECONDS } : {})
      }
    }
  ];
  const meta = { nodeId: node.id, kind: node.kind };
  const base = { description: displayName(node), meta, entry };

  switch (node.kind) {
    case 'menu': {
      const retry = retryTransitions(node, outcome, go);
      const keyed = node.options
        .map((option, index) => ({ option, index }))
        .filter(({ option }) => option.key !== undefined);
      const spoken = node.options
        .map((option, index) => ({ option, index }))
        .filter(({ option }) => option.phrases !== undefined && option.phrases.length > 0);
      // A menu's options are its first outcomes, in order: option i is outcomes[i].
      const choose: readonly ActionRef[] = [CALLER_EVENT, { type: 'choose', params: { node: node.id, seconds: CHOICE_SECONDS } }];
      return {
        ...base,
        always: LIMITS,
        on: {
          KEY: [
            ...keyed.map(({ option, index }) =>
              go(node, outcomes[index]!, choose, { type: 'keyIs', params: { key: option.key } })
            ),
            ...retry.invalid
          ],
          SPEECH: [
            ...spoken.map(({ option, index }) =>
              go(node, outcomes[index]!, choose, {
                type: 'speechMatches',
                params: { phrases: option.phrases }
              })
            ),
            ...retry.invalid
          ],
          NO_INPUT: retry.noInput
        }
      };
    }
    case 'input': {
      const retry = retryTransitions(node, outcome, go);
      const spec = {
        node: node.id,
        minDigits: node.minDigits ?? 1,
        maxDigits: node.maxDigits ?? 32,
        terminator: node.terminator ?? '#',
        ...(node.pattern === undefined ? {} : { pattern: node.pattern })
      };
      const accept = go(
        node,
        outcome('next'),
        [CALLER_EVENT, { type: 'store', params: { ...spec, variable: node.variable, seconds: CHOICE_SECONDS, secondsPerDigit: DIGIT_SECONDS } }],
        { type: 'entry', params: { ...spec, result: 'valid' } }
      );
      // An entry that is complete but not valid takes the invalid route (or the
      // retry limit's); `exhausted` tells the two apart.
      const reject: TransitionConfig[] = retry.invalid.map((t) => ({
        ...t,
        guard: {
          type: 'entry',
          params: {
            ...spec,
            result: 'invalid',
            exhausted: t.guard !== undefined,
            ...(node.maxRetries === undefined ? {} : { maxRetries: node.maxRetries })
          }
        }
      }));
      return {
        ...base,
        always: LIMITS,
        on: {
          KEY: [
            accept,
            ...reject,
            { actions: [CALLER_EVENT, { type: 'appendDigit', params: { node: node.id } }] }
          ],
          SPEECH: [accept, ...reject],
          NO_INPUT: [accept, ...reject, ...retry.noInput]
        }
      };
    }
    case 'branch':
      return {
        ...base,
        always: [
          ...LIMITS,
          ...node.cases.map((c, index) =>
            go(node, outcomes[index]!, [], { type: 'condition', params: { when: c.when } })
          ),
          go(node, outcome('otherwise'))
        ]
      };
    case 'hours':
      return {
        ...base,
        always: [
          ...LIMITS,
          go(node, outcome('open'), [], {
            type: 'isOpen',
            params: { node: node.id, timeZone: node.timeZone, weekly: node.weekly, holidays: node.holidays ?? [] }
          }),
          go(node, outcome('closed'))
        ]
      };
    case 'set':
      return {
        ...base,
        always: [
          ...LIMITS,
          go(node, outcome('next'), [
            { type: 'assignVariables', params: { assign: node.assign ?? {}, increment: node.increment ?? [] } }
          ])
        ]
      };
    case 'prompt':
      return { ...base, always: [...LIMITS, go(node, outcome('next'))] };
    case 'subflow': {
      const found = scope.options.resolveFlow?.(node.flow);
      // A flow that is running already, run again: the caller would recurse for ever (or the
      // platform refuses the flow). The call ends here, trapped, rather than going straight on.
      const again = [node.flow, ...(found === undefined ? [] : [found.id])].find((id) => scope.stack.includes(id));
      if (again !== undefined) {
        const cycle = [...scope.stack.slice(scope.stack.indexOf(again)), again].join(' → ');
        return {
          ...base,
          meta: { ...meta, flow: again },
          always: [
            ...LIMITS,
            {
              target: finalTarget(scope, '$trapped'),
              actions: [{ type: 'end', params: { node: node.id, reason: `${SUBFLOW_RECURSION}: ${cycle}` } }]
            }
          ]
        };
      }
      let sub = found;
      // Its nodes, and the final state it returns through.
      if (sub && (scope.stack.length > MAX_SUBFLOW_DEPTH || scope.budget.states + sub.nodes.length + 1 > MAX_STATES)) {
        scope.budget.notInlined.push(node.id);
        sub = undefined;
      }
      if (!sub) return { ...base, always: [...LIMITS, go(node, outcome('next'))] };
      scope.budget.states += sub.nodes.length + 1;
      const inner = qualified(sub, `${node.id}/`);
      const states = compileStates(inner, { ...scope, nested: true, stack: [...scope.stack, sub.id] });
      states['$return'] = { type: 'final', description: `Back from ${sub.name}.` };
      return {
        ...base,
        meta: { ...meta, flow: sub.id },
        initial: stateKey(inner.start),
        states,
        onDone: go(node, outcome('next'))
      };
    }
    case 'return':
    case 'hangup':
      return {
        ...base,
        always: [
          {
            target: finalTarget(scope, node.kind === 'return' ? '$return' : '$ended'),
            actions: [{ type: 'end', params: { node: node.id, reason: node.kind === 'return' ? 'returned' : 'hangup' } }]
          }
        ]
      };
    case 'queue':
    case 'transfer':
    case 'voicemail':
    case 'callback':
    case 'lookup':
    case 'opaque': {
      // Steps whose outcome the world decides: the default is the first outcome
      // (a lookup succeeds, a queue answers); the call's environment can pick another.
      const [first, ...rest] = outcomes;
      const extra: ActionRef[] =
        node.kind === 'queue'
          ? [{ type: 'wait', params: { seconds: node.expectedWaitSeconds ?? 0 } }]
          : [];
      return {
        ...base,
        always: [
          ...LIMITS,
          ...rest.map((o) => go(node, o, [], { type: 'outcomeIs', params: { node: node.id, outcome: o.name } })),
          ...(first ? [go(node, first, extra)] : [])
        ]
      };
    }
  }
}

/** No-input and invalid transitions of a menu or input, with its retry limit. */
function retryTransitions(
  node: Extract<FlowNode, { kind: 'menu' | 'input' }>,
  outcome: (name: string) => Outcome,
  go: Go
): { noInput: TransitionConfig[]; invalid: TransitionConfig[] } {
  const timeout = node.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const build = (kind: 'noInput' | 'invalid'): TransitionConfig[] => {
    const seconds = kind === 'noInput' ? timeout : INVALID_SECONDS;
    const reprompt = (kind === 'noInput' ? node.noInputPrompt : node.invalidPrompt) ?? node.reprompt;
    const retry: ActionRef = {
      type: 'retry',
      params: { node: node.id, seconds, ...(reprompt === undefined ? {} : { reprompt }) }
    };
    const list: TransitionConfig[] = [];
    if (node.maxRetries !== undefined) {
      list.push(
        go(node, outcome('maxRetries'), [CALLER_EVENT, { type: 'giveUp', params: { node: node.id, seconds } }], {
          type: 'retriesExhausted',
          params: { node: node.id, maxRetries: node.maxRetries }
        })
      );
    }
    list.push(go(node, outcome(kind), [CALLER_EVENT, retry]));
    return list;
  };
  return { noInput: build('noInput'), invalid: build('invalid') };
}
