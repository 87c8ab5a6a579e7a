/**
 * Witness calls: the call that shows a finding, as a saved test call run on
 * the flow's machine. Kept apart from the analysis, so that linting alone
 * never loads the machine.
 */
export { WITNESSED_RULES, witnessesFor, type TraceStep, type WitnessCall, type WitnessOptions, type WitnessResult } from './witness.ts';
