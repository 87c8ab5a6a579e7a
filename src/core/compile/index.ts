/** A flow compiled to an XState v5 machine config, and the machine that runs it. */
export { compile, compiledNodes, MAX_STATES, MAX_SUBFLOW_DEPTH, SUBFLOW_RECURSION, type CallResult, type TranscriptEntry } from './compile.ts';
export { createFlowMachine, machineFromConfig, type CallInput } from './machine.ts';
