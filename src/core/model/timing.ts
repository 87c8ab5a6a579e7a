/**
 * Caller time: how long each step takes to hear and to answer. Prompts are
 * timed from their words at a speaking rate; inputs from the keys pressed.
 * Queue waits are not counted (they are reported on their own).
 */
import type { Outcome } from './outcomes.ts';
import { promptText, speechSeconds } from './prompt.ts';
import type { FlowNode } from './types.ts';

/** Words a prompt is spoken at, a minute, unless a flow says otherwise (its `wordsPerMinute` threshold). */
export const DEFAULT_WORDS_PER_MINUTE = 150;

/** Seconds a caller takes to choose and press a key or say a phrase. */
export const CHOICE_SECONDS = 2;
/** Seconds per digit typed into an input. */
export const DIGIT_SECONDS = 0.5;
/** Default seconds of silence before no input is declared. */
export const DEFAULT_TIMEOUT_SECONDS = 5;
/** Default latency of a lookup. */
export const DEFAULT_LOOKUP_SECONDS = 1;
/** Seconds to reject an invalid entry. */
export const INVALID_SECONDS = 2;

/** Seconds spent in a node before any outcome: its prompt, or its latency. */
export function enterSeconds(node: FlowNode, locale: string, defaultLocale: string, wordsPerMinute: number): number {
  let seconds = 0;
  if ('prompt' in node && node.prompt !== undefined) {
    seconds += speechSeconds(promptText(node.prompt, locale, defaultLocale) ?? '', wordsPerMinute);
  }
  if (node.kind === 'lookup') seconds += node.seconds ?? DEFAULT_LOOKUP_SECONDS;
  return seconds;
}

/** Seconds the caller spends producing an outcome (pressing, typing, being silent). */
export function outcomeSeconds(node: FlowNode, outcome: Outcome): number {
  const timeout = 'timeoutSeconds' in node ? (node.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) : DEFAULT_TIMEOUT_SECONDS;
  if (outcome.choice) return CHOICE_SECONDS;
  if (outcome.entry && node.kind === 'input') {
    const digits = node.maxDigits ?? node.minDigits ?? 4;
    return CHOICE_SECONDS + digits * DIGIT_SECONDS;
  }
  if (outcome.retry === 'noInput' || outcome.retry === 'maxRetries') return timeout;
  if (outcome.retry === 'invalid') return INVALID_SECONDS;
  return 0;
}

/**
 * Seconds a silent caller spends at a menu or input before its retry limit
 * sends them on: the prompt and the silence once, then, for each retry, the
 * no-input reprompt, the prompt again and the silence again.
 */
export function retryLimitSeconds(node: FlowNode, enter: number, locale: string, defaultLocale: string, wordsPerMinute: number): number {
  if (node.kind !== 'menu' && node.kind !== 'input') return enter;
  const retries = node.maxRetries ?? 0;
  const timeout = node.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const reprompt = promptText(node.noInputPrompt ?? node.reprompt, locale, defaultLocale);
  const again = (reprompt === undefined ? 0 : speechSeconds(reprompt, wordsPerMinute)) + enter + timeout;
  return enter + timeout + retries * again;
}
