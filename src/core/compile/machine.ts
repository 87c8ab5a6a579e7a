/**
 * The behaviour behind a compiled flow's actions and guards, and
 * `createFlowMachine`, which runs a flow under `createActor`. This machine is
 * the reference semantics of a flow: every simulation engine is checked
 * against it.
 */
import { assign, createMachine, setup } from 'xstate';
import { evaluateWhen } from '../model/conditions.ts';
import { isOpenAt } from '../model/hours.ts';
import { compiledPattern } from '../model/pattern.ts';
import { promptText, speechSeconds } from '../model/prompt.ts';
import type { Condition, Flow, NodeOfKind, Prompt, Scalar } from '../model/types.ts';
import { DIGIT_SECONDS } from '../model/timing.ts';
import { compile, type CallContext, type CallResult, type CompileOptions, type FlowMachineConfig, type TranscriptEntry } from './compile.ts';

/** What the caller does. */
export type CallerEvent =
  | { type: 'KEY'; key: string }
  | { type: 'SPEECH'; text: string }
  | { type: 'NO_INPUT' }
  | { type: 'HANGUP' };

/** The world a call happens in. */
export interface CallInput {
  /** When the call is placed: an ISO 8601 string or epoch milliseconds (default: now). */
  readonly now?: string | number;
  readonly locale?: string;
  /** Caller data, readable as `caller.<name>`. */
  readonly caller?: Readonly<Record<string, Scalar>>;
  readonly variables?: Readonly<Record<string, Scalar>>;
  /** Node id → the outcome it takes (or one per visit, the last repeating). */
  readonly outcomes?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Node visits after which the call is stopped (default 1000, or twice the
   * nodes of a larger flow): trapped when it has entered some node twice,
   * else ended at the step limit.
   */
  readonly stepLimit?: number;
}

type Params = Record<string, unknown>;

const own = (record: Readonly<Record<string, unknown>>, key: string): boolean =>
  Object.hasOwn(record, key);

/** A copy of a record with one key set; safe for keys like `__proto__`. */
function withKey<T>(record: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  const copy: Record<string, T> = { ...record };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const round = (seconds: number): number => Math.round(seconds * 100) / 100;

function line(context: CallContext, who: TranscriptEntry['who'], text: string, node: string | null = context.node): TranscriptEntry {
  return { at: round(context.elapsed), who, node, text };
}

function describeEvent(event: { type: string; key?: string; text?: string }): string {
  switch (event.type) {
    case 'KEY':
      return `pressed ${event.key}`;
    case 'SPEECH':
      return `said "${event.text}"`;
    case 'NO_INPUT':
      return '(silence)';
    case 'HANGUP':
      return 'hung up';
    default:
      return event.type;
  }
}

/** Digits in what a caller said: "1 2 3", "one two three", "123". */
export function spokenDigits(text: string): string {
  const words: Record<string, string> = {
    zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5',
    six: '6', seven: '7', eight: '8', nine: '9', star: '*', pound: '#', hash: '#'
  };
  return text
    .toLowerCase()
    .split(/[\s,.-]+/)
    .map((word) => (/^[0-9*#]+$/.test(word) ? word : (words[word] ?? '')))
    .join('');
}

export interface EntrySpec {
  node: string;
  minDigits: number;
  maxDigits: number;
  terminator: string;
  pattern?: string;
}

/** The digits an input event completes, or null while the caller is still typing. */
export function completedEntry(context: Pick<CallContext, 'buffer'>, event: { type: string; key?: string; text?: string }, spec: EntrySpec): string | null {
  switch (event.type) {
    case 'KEY': {
      if (event.key === spec.terminator) return context.buffer;
      const digits = context.buffer + (event.key ?? '');
      return digits.length >= spec.maxDigits ? digits : null;
    }
    case 'SPEECH':
      return spokenDigits(event.text ?? '').replace(spec.terminator, '');
    case 'NO_INPUT':
      return context.buffer.length > 0 ? context.buffer : null;
    default:
      return null;
  }
}

export function entryIsValid(digits: string, spec: EntrySpec): boolean {
  if (digits.length < spec.minDigits || digits.length > spec.maxDigits) return false;
  for (let i = 0; i < digits.length; i++) if (!isKeypadCode(digits.charCodeAt(i))) return false;
  if (spec.pattern !== undefined) return patternRegExp(spec.pattern)?.test(digits) ?? false;
  return true;
}

/** `0`–`9`, `*` or `#`. */
const isKeypadCode = (c: number): boolean => (c >= 48 && c <= 57) || c === 42 || c === 35;

/** An entry pattern as a whole-entry expression, compiled once; null when it does not compile. */
function patternRegExp(pattern: string): RegExp | null {
  return compiledPattern(`^(?:${pattern})$`);
}

/** The outcome the environment gives a node on its current visit, if any. */
function environmentOutcome(context: CallContext, node: string): string | undefined {
  if (!own(context.outcomes, node)) return undefined;
  const chosen = context.outcomes[node]!;
  if (typeof chosen === 'string') return chosen;
  if (chosen.length === 0) return undefined;
  const visit = own(context.visits, node) ? context.visits[node]! : 1;
  return chosen[Math.min(visit, chosen.length) - 1];
}

/** Whether the call has entered some node more than once: it went round a loop. */
function wentRound(context: CallContext): boolean {
  for (const node in context.visits) if (Object.hasOwn(context.visits, node) && context.visits[node]! > 1) return true;
  return false;
}

/** Variables a branch reads: flow variables and `caller.*` data. */
function variablesOf(context: CallContext): Record<string, Scalar | undefined> {
  return context.variables as Record<string, Scalar | undefined>;
}

function normalise(text: string): string {
  return text.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
}

const implementations = {
  actions: {
    enter: assign(({ context }: { context: CallContext }, params: Params) => {
      const node = params['node'] as string;
      const visits = withKey(context.visits, node, (own(context.visits, node) ? context.visits[node]! : 0) + 1);
      let elapsed = context.elapsed;
      const transcript = [...context.transcript];
      const prompt = params['prompt'] as Prompt | undefined;
      const text = promptText(prompt, context.locale, context.defaultLocale);
      if (text !== undefined && text !== '') {
        transcript.push(line({ ...context, elapsed }, 'flow', text, node));
        elapsed += speechSeconds(text, context.wordsPerMinute);
      }
      if (typeof params['seconds'] === 'number') elapsed += params['seconds'];
      return {
        node,
        visits,
        elapsed,
        transcript,
        buffer: '',
        steps: context.steps + 1,
        route: [...context.route, node]
      };
    }),
    callerEvent: assign(({ context, event }: { context: CallContext; event: CallerEvent }) => ({
      transcript: [...context.transcript, line(context, 'caller', describeEvent(event))]
    })),
    outcome: assign(({ context }: { context: CallContext }, params: Params) => {
      const name = params['outcome'] as string;
      const node = params['node'] as string;
      const note = NOTES[name];
      return note ? { transcript: [...context.transcript, line(context, 'system', note, node)] } : {};
    }),
    choose: assign(({ context }: { context: CallContext }, params: Params) => ({
      elapsed: context.elapsed + (params['seconds'] as number),
      retries: withKey(context.retries, params['node'] as string, 0)
    })),
    retry: assign(({ context }: { context: CallContext }, params: Params) => {
      const node = params['node'] as string;
      const transcript = [...context.transcript];
      let elapsed = context.elapsed + (params['seconds'] as number);
      const text = promptText(params['reprompt'] as Prompt | undefined, context.locale, context.defaultLocale);
      if (text !== undefined && text !== '') {
        transcript.push(line({ ...context, elapsed }, 'flow', text, node));
        elapsed += speechSeconds(text, context.wordsPerMinute);
      }
      return {
        elapsed,
        transcript,
        buffer: '',
        retries: withKey(context.retries, node, (own(context.retries, node) ? context.retries[node]! : 0) + 1)
      };
    }),
    giveUp: assign(({ context }: { context: CallContext }, params: Params) => ({
      elapsed: context.elapsed + (params['seconds'] as number),
      buffer: '',
      retries: withKey(context.retries, params['node'] as string, 0)
    })),
    appendDigit: assign(({ context, event }: { context: CallContext; event: CallerEvent }) => ({
      buffer: event.type === 'KEY' ? context.buffer + event.key : context.buffer,
      elapsed: context.elapsed + DIGIT_SECONDS
    })),
    store: assign(({ context, event }: { context: CallContext; event: CallerEvent }, params: Params) => {
      const spec = params as unknown as EntrySpec & { variable: string; seconds: number; secondsPerDigit: number };
      const digits = completedEntry(context, event, spec) ?? '';
      return {
        variables: withKey(context.variables, spec.variable, digits),
        buffer: '',
        retries: withKey(context.retries, spec.node, 0),
        elapsed: context.elapsed + spec.seconds + (event.type === 'SPEECH' ? digits.length * spec.secondsPerDigit : 0)
      };
    }),
    assignVariables: assign(({ context }: { context: CallContext }, params: Params) => {
      let variables = context.variables;
      for (const [name, value] of Object.entries(params['assign'] as Record<string, Scalar>)) {
        variables = withKey(variables, name, value);
      }
      for (const name of params['increment'] as string[]) {
        const current = Number(own(variables, name) ? variables[name] : 0);
        variables = withKey(variables, name, (Number.isFinite(current) ? current : 0) + 1);
      }
      return { variables };
    }),
    wait: assign(({ context }: { context: CallContext }, params: Params) => ({
      waited: context.waited + (params['seconds'] as number)
    })),
    end: assign(({ context }: { context: CallContext }, params: Params) => ({
      ending: {
        node: (params['node'] as string | undefined) ?? context.node,
        ...(params['reason'] === undefined ? {} : { reason: params['reason'] as string })
      }
    })),
    helped: assign(({ context }: { context: CallContext }, params: Params) =>
      context.helped === null ? { helped: params['outcome'] as NonNullable<CallContext['helped']> } : {}
    ),
    finish: assign(({ context }: { context: CallContext }, params: Params) => {
      const ended = params['outcome'] as CallResult['outcome'];
      const outcome = context.helped ?? ended;
      const result: CallResult = {
        outcome,
        ...(outcome === ended ? {} : { ended }),
        node: context.ending?.node ?? context.node,
        ...(ended === 'dropped' || ended === 'trapped' || ended === 'abandoned' || ended === 'stepLimit'
          ? { reason: context.ending?.reason ?? ended }
          : {}),
        seconds: round(context.elapsed),
        waitSeconds: round(context.waited),
        route: context.route,
        variables: context.variables
      };
      return {
        result,
        transcript: [...context.transcript, line(context, 'system', ENDINGS[ended], result.node)]
      };
    })
  },
  guards: {
    overStepLimit: ({ context }: { context: CallContext }, params: Params | undefined) =>
      context.steps > context.stepLimit && (params?.['wentRound'] !== true || wentRound(context)),
    keyIs: ({ event }: { event: CallerEvent }, params: Params) => event.type === 'KEY' && event.key === params['key'],
    speechMatches: ({ event }: { event: CallerEvent }, params: Params) => {
      if (event.type !== 'SPEECH') return false;
      const said = ` ${normalise(event.text)} `;
      return (params['phrases'] as string[]).some((phrase) => {
        const wanted = normalise(phrase);
        return wanted !== '' && said.includes(` ${wanted} `);
      });
    },
    retriesExhausted: ({ context }: { context: CallContext }, params: Params) => {
      const node = params['node'] as string;
      const used = own(context.retries, node) ? context.retries[node]! : 0;
      return used >= (params['maxRetries'] as number);
    },
    entry: ({ context, event }: { context: CallContext; event: CallerEvent }, params: Params) => {
      const spec = params as unknown as EntrySpec & { result: 'valid' | 'invalid'; exhausted?: boolean; maxRetries?: number };
      const digits = completedEntry(context, event, spec);
      if (digits === null) return false;
      if (spec.result === 'valid') return entryIsValid(digits, spec);
      if (entryIsValid(digits, spec)) return false;
      if (spec.maxRetries === undefined) return !spec.exhausted;
      const used = own(context.retries, spec.node) ? context.retries[spec.node]! : 0;
      return spec.exhausted === used >= spec.maxRetries;
    },
    condition: ({ context }: { context: CallContext }, params: Params) =>
      evaluateWhen(params['when'] as Condition | Condition[], variablesOf(context)),
    isOpen: ({ context }: { context: CallContext }, params: Params) => {
      const forced = environmentOutcome(context, params['node'] as string);
      if (forced !== undefined) return forced === 'open';
      const at = new Date(context.startedAt + context.elapsed * 1000);
      return isOpenAt(params as unknown as NodeOfKind<'hours'>, at);
    },
    outcomeIs: ({ context }: { context: CallContext }, params: Params) =>
      environmentOutcome(context, params['node'] as string) === params['outcome']
  }
};

/**
 * The guards, for engines that run a compiled config without XState: they
 * only read the context, so a mutable context of the same shape will do.
 */
export const GUARDS = implementations.guards as unknown as Readonly<
  Record<string, (args: { context: CallContext; event: CallerEvent }, params: Params) => boolean>
>;

const NOTES: Record<string, string> = {
  failure: 'The lookup failed.',
  overflow: 'The queue could not take the call.',
  failed: 'That did not go through.'
};

const ENDINGS: Record<CallResult['outcome'], string> = {
  person: 'Connected to a person.',
  voicemail: 'Voicemail left.',
  callback: 'Callback scheduled.',
  ended: 'The call ended.',
  dropped: 'The call dropped.',
  abandoned: 'The caller hung up.',
  trapped: 'The call went round without end.',
  stepLimit: 'The call reached the step limit.'
};

/** The context a call starts with. */
export function initialContext(config: FlowMachineConfig, input: CallInput = {}): CallContext {
  let variables: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(input.variables ?? {})) variables = withKey(variables, name, value);
  for (const [name, value] of Object.entries(input.caller ?? {})) variables = withKey(variables, `caller.${name}`, value);
  const startedAt =
    typeof input.now === 'number' ? input.now : input.now !== undefined ? Date.parse(input.now) : Date.now();
  return {
    ...config.context,
    locale: input.locale ?? config.context.locale,
    startedAt: Number.isFinite(startedAt) ? startedAt : Date.now(),
    stepLimit: input.stepLimit ?? config.context.stepLimit,
    variables,
    outcomes: input.outcomes ?? {}
  };
}

/** The flow's XState machine, ready for `createActor(machine, { input })`. */
export function createFlowMachine(flow: Flow, options: CompileOptions = {}) {
  return machineFromConfig(compile(flow, options));
}

/** A runnable machine from a compiled config. */
export function machineFromConfig(config: FlowMachineConfig) {
  const machine = setup({
    types: {} as {
      context: CallContext;
      events: CallerEvent;
      input: CallInput | undefined;
      output: CallResult;
    },
    actions: implementations.actions as never,
    guards: implementations.guards as never
  }).createMachine({
    ...(config as unknown as Parameters<typeof createMachine>[0]),
    context: ({ input }: { input: CallInput | undefined }) => initialContext(config, input),
    output: ({ context }: { context: CallContext }) => context.result!
  } as never);
  return machine;
}
