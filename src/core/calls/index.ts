/** Saved test calls: running them against a flow's machine. */
export { runTestCalls, type TestCallRun } from './run.ts';
