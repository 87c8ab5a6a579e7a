/** Saved test calls: running them against a flow's machine, and reading a file of them. */
export { parseTestCalls, type TestCallsResult } from './file.ts';
export { callInput, describeStep, runTestCalls, type TestCallRun } from './run.ts';
