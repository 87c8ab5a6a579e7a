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

function retryOutcomes(node: {
  noInput?: string;
  invalid?: string;
  maxRetries?: number;
  onMaxRetries?: string;
}): Outcome[] {
  const list: Outcome[] = [
    { name: 'noInput', target: node.noInput, pointer: '/noInput', unwired: 'dead-end', retry: 'noInput' },
    { name: 'invalid', target: node.invalid, pointer: '/invalid', unwired: 'dead-end', retry: 'invalid' }
  ];
  if (node.maxRetries !== undefined) {
    list.push({
      name: 'maxRetries',
      target: node.onMaxRetries,
      pointer: '/onMaxRetries',
      unwired: 'dead-end',
      retry: 'maxRetries'
    });
  }
  return list;
}

/** Every outcome a node can produce, in a stable order. */
export function outcomesOf(node: FlowNode): Outcome[] {
  switch (node.kind) {
    case 'prompt':
      return [{ name: 'next', target: node.next, pointer: '/next', unwired: node.end ? 'ended' : 'dead-end' }];
    case 'menu':
      return [
        ...node.options.map((option, index): Outcome => ({
          name: optionOutcome(option, index),
          target: option.next,
          pointer: indexedPointer('/options', index, '/next'),
          unwired: 'dead-end',
          choice: true
        })),
        ...retryOutcomes(node)
      ];
    case 'input':
      return [
        { name: 'next', target: node.next, pointer: '/next', unwired: 'dead-end', entry: true },
        ...retryOutcomes(node)
      ];
    case 'branch':
      return [
        ...node.cases.map((c, index): Outcome => ({
          name: c.label ?? `case ${index + 1}`,
          target: c.next,
          pointer: indexedPointer('/cases', index, '/next'),
          unwired: 'dead-end'
        })),
        { name: 'otherwise', target: node.otherwise, pointer: '/otherwise', unwired: 'dead-end' }
      ];
    case 'hours':
      return [
        { name: 'open', target: node.open, pointer: '/open', unwired: 'dead-end' },
        { name: 'closed', target: node.closed, pointer: '/closed', unwired: 'dead-end' }
      ];
    case 'lookup':
      return [
        { name: 'success', target: node.success, pointer: '/success', unwired: 'dead-end' },
        { name: 'failure', target: node.failure, pointer: '/failure', unwired: 'dead-end', failure: true }
      ];
    case 'set':
    case 'subflow':
      return [{ name: 'next', target: node.next, pointer: '/next', unwired: 'dead-end' }];
    case 'queue':
      return [
        { name: 'answered', target: node.answered, pointer: '/answered', unwired: 'person', afterHelp: true },
        { name: 'overflow', target: node.overflow, pointer: '/overflow', unwired: 'dead-end', failure: true }
      ];
    case 'transfer':
      return [
        {
          name: 'connected',
          target: node.connected,
          pointer: '/connected',
          unwired: node.reachesPerson ? 'person' : 'ended',
          afterHelp: node.reachesPerson
        },
        { name: 'failed', target: node.failed, pointer: '/failed', unwired: 'dead-end', failure: true }
      ];
    case 'voicemail':
      return [
        { name: 'recorded', target: node.recorded, pointer: '/recorded', unwired: 'voicemail', afterHelp: true },
        ...(node.failed === undefined
          ? []
          : [{ name: 'failed', target: node.failed, pointer: '/failed', unwired: 'dead-end', afterHelp: true, failure: true } as const])
      ];
    case 'callback':
      return [
        { name: 'scheduled', target: node.scheduled, pointer: '/scheduled', unwired: 'callback', afterHelp: true },
        ...(node.failed === undefined
          ? []
          : [{ name: 'failed', target: node.failed, pointer: '/failed', unwired: 'dead-end', afterHelp: true, failure: true } as const])
      ];
    case 'return':
    case 'hangup':
      return [];
    case 'opaque':
      return node.outcomes.map((o, index): Outcome => ({
        name: o.name,
        target: o.next,
        pointer: indexedPointer('/outcomes', index, '/next'),
        unwired: o.required === false ? 'ended' : 'dead-end',
        ...(o.means === undefined ? {} : { means: o.means }),
        ...(o.means === 'failure' ? { failure: true } : {})
      }));
  }
}

/** How a node with no outcomes ends the call. */
export function terminalEnd(node: FlowNode): UnwiredEnd | undefined {
  if (node.kind === 'hangup') return 'ended';
  if (node.kind === 'return') return 'return';
  return undefined;
}

/** Every prompt a node plays, with the JSON pointer of its field. */
export function promptsOf(node: FlowNode): { field: string; prompt: Prompt }[] {
  const list: { field: string; prompt: Prompt }[] = [];
  if ('prompt' in node && node.prompt !== undefined) list.push({ field: '/prompt', prompt: node.prompt });
  if ('reprompt' in node && node.reprompt !== undefined) list.push({ field: '/reprompt', prompt: node.reprompt });
  if ('noInputPrompt' in node && node.noInputPrompt !== undefined) list.push({ field: '/noInputPrompt', prompt: node.noInputPrompt });
  if ('invalidPrompt' in node && node.invalidPrompt !== undefined) list.push({ field: '/invalidPrompt', prompt: node.invalidPrompt });
  return list;
}
