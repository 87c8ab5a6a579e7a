/**
 * The edges a mapping takes from a step: its default edge, the error branch
 * it handles, where no condition holds, a condition by value; a missing one
 * is named as Connect would name it (in legacy words for a legacy export).
 */
import type { Step, StepEdge } from './steps.ts';

/** Legacy words for the flow-language names of missing edges. */
const LEGACY_NAMES: Record<string, string> = {
  NextAction: 'Success',
  NoMatchingError: 'Error',
  NoMatchingCondition: 'NoMatch',
  InputTimeLimitExceeded: 'Timeout',
  QueueAtCapacity: 'AtCapacity',
  InvalidCallbackNumber: 'InvalidPhoneNumber',
  CallbackNumberNotDialable: 'NonDialableNumber'
};

/** The name of an edge the step does not declare, in its format's words. */
export function missingName(step: Step, name: string): string {
  return step.legacy ? (LEGACY_NAMES[name] ?? name) : name;
}

/** An edge the step does not declare: no target, at its transitions. */
export function missing(step: Step, name: string): StepEdge {
  return { target: undefined, name: missingName(step, name), pointer: step.transitionsPointer };
}

/** The step's default edge (NextAction, legacy Success). */
export function nextEdge(step: Step): StepEdge {
  return step.next ?? missing(step, 'NextAction');
}

/**
 * The edge taken on an error: the first of `types` the action handles, else
 * its `NoMatchingError` branch (which catches every error not otherwise
 * handled); missing, it is named after the first of `types`.
 */
export function errorEdge(step: Step, ...types: string[]): StepEdge {
  for (const type of [...types, 'NoMatchingError']) {
    const found = step.errors.find((e) => e.type === type);
    if (found) return found;
  }
  return missing(step, types[0] ?? 'NoMatchingError');
}

/** Where the call goes when no condition holds. */
export function noMatchEdge(step: Step): StepEdge {
  return step.errors.find((e) => e.type === 'NoMatchingCondition') ?? step.next ?? errorEdge(step, 'NoMatchingCondition');
}

/** The condition branch on `value` (Equals, any case). */
export function conditionEdge(step: Step, value: string): StepEdge | undefined {
  return step.conditions.find((c) => c.operator === 'Equals' && c.value.toLowerCase() === value.toLowerCase());
}
