/**
 * Runs a saved test call on a flow's XState machine and compares what
 * happened with what the call expects.
 */
import { createActor } from 'xstate';
import type { CallResult, CompileOptions, TranscriptEntry } from '../compile/compile.ts';
import { createFlowMachine, type CallerEvent, type CallInput } from '../compile/machine.ts';
import type { CallStep, Flow, TestCall } from '../model/types.ts';

export interface TestCallRun {
  readonly name: string;
  readonly passed: boolean;
  /** One sentence per unmet expectation. */
  readonly failures: readonly string[];
  /** How the call ended; null when it was still waiting for the caller after the last step. */
  readonly result: CallResult | null;
  /** Where the call was after the last step. */
  readonly node: string | null;
  readonly route: readonly string[];
  readonly transcript: readonly TranscriptEntry[];
}

function eventsOf(step: CallStep): CallerEvent[] {
  if ('press' in step) return [...step.press].map((key) => ({ type: 'KEY', key }));
  if ('say' in step) return [{ type: 'SPEECH', text: step.say }];
  if ('silence' in step) return [{ type: 'NO_INPUT' }];
  if ('hangup' in step) return [{ type: 'HANGUP' }];
  return [];
}

export function describeStep(step: CallStep): string {
  if ('press' in step) return `press ${step.press}`;
  if ('say' in step) return `say "${step.say}"`;
  if ('silence' in step) return 'silence';
  if ('hangup' in step) return 'hang up';
  return 'expect';
}

const heard = (transcript: readonly TranscriptEntry[], text: string): boolean => {
  const wanted = text.toLowerCase();
  return transcript.some((entry) => entry.who === 'flow' && entry.text.toLowerCase().includes(wanted));
};

/** Whether `wanted` appears in `route` in order (not necessarily next to each other). */
function inOrder(route: readonly string[], wanted: readonly string[]): boolean {
  let i = 0;
  for (const node of route) if (i < wanted.length && node === wanted[i]) i++;
  return i === wanted.length;
}

export function callInput(call: TestCall): CallInput {
  const env = call.environment ?? {};
  return {
    ...(env.now === undefined ? {} : { now: env.now }),
    ...(call.locale === undefined ? {} : { locale: call.locale }),
    ...(env.caller === undefined ? {} : { caller: env.caller }),
    ...(env.variables === undefined ? {} : { variables: env.variables }),
    ...(env.outcomes === undefined ? {} : { outcomes: env.outcomes })
  };
}

/** Runs one test call on `flow` (compiling its machine for this call alone). */
export function runTestCall(flow: Flow, call: TestCall, options: CompileOptions = {}): TestCallRun {
  return testCallRunner(flow, options)(call);
}

/**
 * A runner of test calls on `flow`: the machine is compiled once, and each
 * call runs on an actor of its own. For running many calls on one flow.
 */
export function testCallRunner(flow: Flow, options: CompileOptions = {}): (call: TestCall) => TestCallRun {
  const machine = createFlowMachine(flow, options);
  return (call) => runOn(machine, call);
}

function runOn(machine: ReturnType<typeof createFlowMachine>, call: TestCall): TestCallRun {
  const actor = createActor(machine, { input: callInput(call) });
  const failures: string[] = [];
  actor.start();
  call.steps.forEach((step, index) => {
    const snapshot = actor.getSnapshot();
    const where = `step ${index + 1} (${describeStep(step)})`;
    if ('expect' in step) {
      const { hears, at } = step.expect;
      if (hears !== undefined && !heard(snapshot.context.transcript, hears)) {
        failures.push(`${where}: expected to have heard "${hears}" by now`);
      }
      if (at !== undefined && (snapshot.status === 'done' || snapshot.context.node !== at)) {
        failures.push(
          `${where}: expected to be at "${at}", but the call is ${snapshot.status === 'done' ? 'over' : `at "${snapshot.context.node}"`}`
        );
      }
      return;
    }
    if (snapshot.status === 'done') {
      failures.push(`${where}: the call had already ended (${snapshot.output?.outcome} at "${snapshot.output?.node}")`);
      return;
    }
    for (const event of eventsOf(step)) {
      if (actor.getSnapshot().status === 'done') break;
      actor.send(event);
    }
  });
  const snapshot = actor.getSnapshot();
  actor.stop();
  const result = snapshot.status === 'done' ? (snapshot.output ?? null) : null;
  const route = snapshot.context.route;
  const expect = call.expect ?? {};
  if (expect.outcome !== undefined) {
    if (result === null) {
      failures.push(`expected the call to end with "${expect.outcome}", but it is still waiting at "${snapshot.context.node}"`);
    } else if (result.outcome !== expect.outcome) {
      failures.push(
        `expected the call to end with "${expect.outcome}", but it ended with "${result.outcome}" at "${result.node}"${result.reason ? ` (${result.reason})` : ''}`
      );
    }
  }
  if (expect.endsAt !== undefined) {
    const actual = result?.node ?? snapshot.context.node;
    if (result === null || actual !== expect.endsAt) {
      failures.push(`expected the call to end at "${expect.endsAt}", but it ${result === null ? 'is still at' : 'ended at'} "${actual}"`);
    }
  }
  if (expect.visits !== undefined && !inOrder(route, expect.visits)) {
    failures.push(`expected the route to pass ${expect.visits.map((v) => `"${v}"`).join(' → ')}, but it was ${route.map((v) => `"${v}"`).join(' → ')}`);
  }
  for (const text of expect.hears ?? []) {
    if (!heard(snapshot.context.transcript, text)) failures.push(`expected the caller to hear "${text}"`);
  }
  if (expect.withinSeconds !== undefined) {
    const seconds = result?.seconds ?? snapshot.context.elapsed;
    if (seconds > expect.withinSeconds) {
      failures.push(`expected the call to take at most ${expect.withinSeconds} s of caller time, but it took ${Math.round(seconds)} s`);
    }
  }
  return {
    name: call.name,
    passed: failures.length === 0,
    failures,
    result,
    node: result?.node ?? snapshot.context.node,
    route,
    transcript: snapshot.context.transcript
  };
}

/** Runs every saved test call of a flow. */
export function runTestCalls(flow: Flow, options: CompileOptions = {}): TestCallRun[] {
  const tests = flow.tests ?? [];
  if (tests.length === 0) return [];
  const run = testCallRunner(flow, options);
  return tests.map(run);
}
