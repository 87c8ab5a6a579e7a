/**
 * The outcomes of each node kind: every way a node can continue, where it is
 * wired to, and what happens to the call when it is not wired. This table is
 * the one place that knows node semantics; the compiler and the analysis both
 * read it.
 */
import type { FlowNode, OutcomeMeaning, Prompt } from './types.ts';
import { indexedPointer } from '../json/pointer.ts';

/** How the call ends when an outcome has no transition. */
export type UnwiredEnd =
  | 'dead-end' // the call just drops with the caller on the line
  | 'person'
  | 'voicemail'
  | 'callback'
  | 'ended' // a designed ending
  | 'return'; // back to the calling flow

export interface Outcome {
  /** The outcome's name, reported as a finding's `outcome`: a key, `noInput`, `failure`, … */
  readonly name: string;
  /** The node it leads to, as written. */
  readonly target: string | undefined;
  /** JSON pointer, relative to the node, of the field that holds the target. */
  readonly pointer: string;
  /** What happens when the outcome is not wired. */
  readonly unwired: UnwiredEnd;
  /** A menu choice the caller makes (a key or a phrase). */
  readonly choice?: boolean;
  /** A no-input, invalid-input or retries-exhausted outcome. */
  readonly retry?: 'noInput' | 'invalid' | 'maxRetries';
  /** Taken only after the caller has been helped (call completed, message left). */
  readonly afterHelp?: boolean;
  /** A failure of the step (lookup failure, queue overflow, transfer failed). */
  readonly failure?: boolean;
  /** For an input node: the caller typed a valid entry. */
  readonly entry?: boolean;
  /** For an imported step: what the outcome says of the person (they replied, an outgoing call went unanswered, …). */
  readonly means?: OutcomeMeaning;
}

/** What a node offers the caller: a person now, or help later. */
export type HelpKind = 'human' | 'deferred';

export function helpKind(node: FlowNode): HelpKind | undefined {
  switch (node.kind) {
    case 'queue':
      return 'human';
    case 'transfer':
      return node.reachesPerson ? 'human' : undefined;
    case 'voicemail':
    case 'callback':
      return 'deferred';
    default:
      return undefined;
  }
}

/** Nodes that wait for the caller to press or say something. */
export function isInputNode(node: FlowNode): boolean {
  return node.kind === 'menu' || node.kind === 'input';
}

/** The outcome name of a menu option: its key, or its first phrase. */
export function optionOutcome(option: { key?: string; phrases?: string[]; label?: string }, index: number): string {
  if (option.key !== undefined) return option.key;
  const phrase = option.phrases?.[0];
  if (phrase !== undefined) return `say:${phrase}`;
  return option.label ?? `option ${index + 1}`;
}

/** Keys that do not count as menu choices (help, repeat, back). */
export const SERVICE_KEYS: ReadonlySet<string> = new Set(['0', '*', '#']);

/** What an outcome is besides its name, target and pointer (see Outcome). */
type OutcomeFlags = Pick<Outcome, 'choice' | 'retry' | 'afterHelp' | 'failure' | 'entry' | 'means'>;

const PLAIN: OutcomeFlags = {};
const CHOICE: OutcomeFlags = { choice: true };
const ENTRY: OutcomeFlags = { entry: true };
const FAILURE: OutcomeFlags = { failure: true };
const AFTER_HELP: OutcomeFlags = { afterHelp: true };
const FAILED_AFTER_HELP: OutcomeFlags = { afterHelp: true, failure: true };
const NO_INPUT: OutcomeFlags = { retry: 'noInput' };
const INVALID: OutcomeFlags = { retry: 'invalid' };
const MAX_RETRIES: OutcomeFlags = { retry: 'maxRetries' };

/**
 * An outcome with every field in place, in one order, those it lacks
 * undefined: every outcome has one shape, so the analysis reads a field of
 * any of them in one step where outcomes of many shapes would each be looked up.
 */
function outcome(name: string, target: string | undefined, pointer: string, unwired: UnwiredEnd, flags: OutcomeFlags = PLAIN): Outcome {
  return {
    name,
    target,
    pointer,
    unwired,
    choice: flags.choice,
    retry: flags.retry,
    afterHelp: flags.afterHelp,
    failure: flags.failure,
    entry: flags.entry,
    means: flags.means
  };
}

/** Adds a menu's or input's retry outcomes to `list`. */
function addRetryOutcomes(
  list: Outcome[],
  node: {
    noInput?: string;
    invalid?: string;
    maxRetries?: number;
    onMaxRetries?: string;
  }
): Outcome[] {
  list.push(outcome('noInput', node.noInput, '/noInput', 'dead-end', NO_INPUT), outcome('invalid', node.invalid, '/invalid', 'dead-end', INVALID));
  if (node.maxRetries !== undefined) list.push(outcome('maxRetries', node.onMaxRetries, '/onMaxRetries', 'dead-end', MAX_RETRIES));
  return list;
}

/** Every outcome a node can produce, in a stable order. */
export function outcomesOf(node: FlowNode): Outcome[] {
  switch (node.kind) {
    case 'prompt':
      return [outcome('next', node.next, '/next', node.end ? 'ended' : 'dead-end')];
    case 'menu':
      return addRetryOutcomes(
        node.options.map((option, index) => outcome(optionOutcome(option, index), option.next, indexedPointer('/options', index, '/next'), 'dead-end', CHOICE)),
        node
      );
    case 'input':
      return addRetryOutcomes([outcome('next', node.next, '/next', 'dead-end', ENTRY)], node);
    case 'branch': {
      const list = node.cases.map((c, index) => outcome(c.label ?? `case ${index + 1}`, c.next, indexedPointer('/cases', index, '/next'), 'dead-end'));
      list.push(outcome('otherwise', node.otherwise, '/otherwise', 'dead-end'));
      return list;
    }
    case 'hours':
      return [outcome('open', node.open, '/open', 'dead-end'), outcome('closed', node.closed, '/closed', 'dead-end')];
    case 'lookup':
      return [outcome('success', node.success, '/success', 'dead-end'), outcome('failure', node.failure, '/failure', 'dead-end', FAILURE)];
    case 'set':
    case 'subflow':
      return [outcome('next', node.next, '/next', 'dead-end')];
    case 'queue':
      return [outcome('answered', node.answered, '/answered', 'person', AFTER_HELP), outcome('overflow', node.overflow, '/overflow', 'dead-end', FAILURE)];
    case 'transfer':
      return [
        outcome('connected', node.connected, '/connected', node.reachesPerson ? 'person' : 'ended', { afterHelp: node.reachesPerson }),
        outcome('failed', node.failed, '/failed', 'dead-end', FAILURE)
      ];
    case 'voicemail':
    case 'callback': {
      const list = [
        node.kind === 'voicemail'
          ? outcome('recorded', node.recorded, '/recorded', 'voicemail', AFTER_HELP)
          : outcome('scheduled', node.scheduled, '/scheduled', 'callback', AFTER_HELP)
      ];
      if (node.failed !== undefined) list.push(outcome('failed', node.failed, '/failed', 'dead-end', FAILED_AFTER_HELP));
      return list;
    }
    case 'return':
    case 'hangup':
      return [];
    case 'opaque':
      return node.outcomes.map((o, index) =>
        outcome(o.name, o.next, indexedPointer('/outcomes', index, '/next'), o.required === false ? 'ended' : 'dead-end', {
          means: o.means,
          failure: o.means === 'failure' ? true : undefined
        })
      );
  }
}

/** How a node with no outcomes ends the call. */
export function terminalEnd(node: FlowNode): UnwiredEnd | undefined {
  if (node.kind === 'hangup') return 'ended';
  if (node.kind === 'return') return 'return';
  return undefined;
}

/** A prompt of a node, with the JSON pointer of its field. */
export interface PromptOfNode {
  readonly field: '/prompt' | '/reprompt' | '/noInputPrompt' | '/invalidPrompt';
  readonly prompt: Prompt;
}

const NO_PROMPTS: readonly PromptOfNode[] = Object.freeze([]);

/**
 * Every prompt a node plays, with the JSON pointer of its field. The list is
 * made at its length (several rules ask for every node's prompts; a list grown
 * by push starts with room for seventeen).
 */
export function promptsOf(node: FlowNode): readonly PromptOfNode[] {
  const prompt = 'prompt' in node ? node.prompt : undefined;
  const reprompt = 'reprompt' in node ? node.reprompt : undefined;
  const noInputPrompt = 'noInputPrompt' in node ? node.noInputPrompt : undefined;
  const invalidPrompt = 'invalidPrompt' in node ? node.invalidPrompt : undefined;
  const count = +(prompt !== undefined) + +(reprompt !== undefined) + +(noInputPrompt !== undefined) + +(invalidPrompt !== undefined);
  if (count === 0) return NO_PROMPTS;
  const list = new Array<PromptOfNode>(count);
  let k = 0;
  if (prompt !== undefined) list[k++] = { field: '/prompt', prompt };
  if (reprompt !== undefined) list[k++] = { field: '/reprompt', prompt: reprompt };
  if (noInputPrompt !== undefined) list[k++] = { field: '/noInputPrompt', prompt: noInputPrompt };
  if (invalidPrompt !== undefined) list[k++] = { field: '/invalidPrompt', prompt: invalidPrompt };
  return list;
}
