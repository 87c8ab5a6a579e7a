/**
 * Witness calls in the designer: which findings a call can show, known
 * without loading core/witness (it runs the flow's machine, so it is a lazy
 * chunk, loaded when a witness is asked for).
 */
import { WITNESSED_RULES } from '../../core/analysis/index.ts';
import type { ProblemItem } from './analysis.ts';

/** The rules whose findings have a witness call: core/analysis knows them, without the machine core/witness runs. */
export { WITNESSED_RULES };

/** Whether a line of the Problems panel is a lint finding (of `findings`) whose rule has witnesses. */
export function isWitnessed(problem: ProblemItem, findings: readonly ProblemItem[]): boolean {
  return WITNESSED_RULES.has(problem.code) && problem.node !== undefined && findings.includes(problem);
}

/** A name for a saved call not yet taken by the flow's test calls: the witness's own, or it with " (2)", " (3)", … */
export function freeTestName(name: string, tests: readonly { readonly name: string }[]): string {
  const taken = new Set(tests.map((t) => t.name));
  let free = name;
  for (let i = 2; taken.has(free); i++) free = `${name} (${i})`;
  return free;
}
