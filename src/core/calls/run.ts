/**
 * Runs a saved test call on a flow's XState machine and compares what
 * happened with what the call expects.
 */
import { createActor } from 'xstate';
import { analyse, type Analysed } from '../analysis/engine.ts';
import type { CallResult, CompileOptions, TranscriptEntry } from '../compile/compile.ts';
import { createFlowMachine, type CallerEvent, type CallInput } from '../compile/machine.ts';
import { mentionsWait } from '../model/queue.ts';
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

/** The events a step of a test call sends: a key per key pressed, speech, silence, a hang-up (none for a check). */
export function eventsOf(step: CallStep): CallerEvent[] {
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

/** The outcomes by which a caller has been helped. */
export const HELPED: ReadonlySet<string> = new Set(['person', 'voicemail', 'callback']);

/** What is known of where a call stands, for the expectations that ask about the routes on from there. */
interface Standing {
  readonly done: boolean;
  readonly node: string | null;
  readonly outcome?: string;
  /** Caller seconds from the start of the call to its coming to `node` (this time round). */
  readonly cameAt: number;
}

/** When the call came to `node` for its latest stay there: the first line of the last run of lines spoken there. */
function cameAt(transcript: readonly TranscriptEntry[], node: string | null, elapsed: number): number {
  let at = elapsed;
  for (let i = transcript.length - 1; i >= 0 && transcript[i]!.node === node; i--) at = transcript[i]!.at;
  return at;
}

/** A call stopped going round: judged where it went round, as if still there. */
const ongoingOutcome = (outcome: string | undefined): boolean => outcome === 'trapped' || outcome === 'stepLimit';

/**
 * The expectations about the routes on from where a call is (help still
 * reachable, a person soon enough): the flow's analysis answers them, for
 * the node the call is at. A call that has ended was helped or it was not;
 * one stopped going round is judged where it went round.
 */
function routesOn(flow: Flow, analysed: () => Analysed) {
  // A queue set to announce its wait has the platform say it (exports write it into the prompt).
  const announcing = new Set(flow.nodes.filter((node) => node.kind === 'queue' && node.announceWait === true).map((node) => node.id));
  const indexOf = (standing: Standing): number | undefined => (standing.node === null ? undefined : analysed().graph.byId.get(standing.node));
  const ongoing = (standing: Standing): boolean => !standing.done || ongoingOutcome(standing.outcome);
  return {
    canReachHelp(standing: Standing): boolean {
      if (standing.done && HELPED.has(standing.outcome ?? '')) return true;
      const index = indexOf(standing);
      return ongoing(standing) && index !== undefined && analysed().facts.canReachHelp()[index] === 1;
    },
    /** Seconds of caller time to the nearest person from where the call came to; Infinity when none is reachable. */
    toPerson(standing: Standing): number {
      if (standing.done && standing.outcome === 'person') return 0;
      const index = indexOf(standing);
      return ongoing(standing) && index !== undefined ? analysed().facts.toHuman().seconds[index]! : Infinity;
    },
    /** Whether the caller has been told how long the wait is: in words heard, or by a queue that announces it. */
    told(transcript: readonly TranscriptEntry[], route: readonly string[]): boolean {
      return transcript.some((entry) => entry.who === 'flow' && mentionsWait(entry.text)) || route.some((node) => announcing.has(node));
    }
  };
}

export function callInput(call: TestCall): CallInput {
  const env = call.environment ?? {};
  // Field by field, not spread: `paths` makes one of these for each of tens of thousands of scripts.
  const input: { -readonly [K in keyof CallInput]: CallInput[K] } = {};
  if (env.now !== undefined) input.now = env.now;
  if (call.locale !== undefined) input.locale = call.locale;
  if (env.caller !== undefined) input.caller = env.caller;
  if (env.variables !== undefined) input.variables = env.variables;
  if (env.outcomes !== undefined) input.outcomes = env.outcomes;
  return input;
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
  let analysed: Analysed | undefined;
  const routes = routesOn(flow, () => (analysed ??= analyse(flow)));
  return (call) => runOn(machine, routes, call);
}

/** Whether a call that ended as `result` having passed `route` did all that `not` names. */
function matchesAll(not: NonNullable<NonNullable<TestCall['expect']>['not']>, result: CallResult | null, route: readonly string[]): boolean {
  if (not.outcome !== undefined && result?.outcome !== not.outcome) return false;
  if (not.endsAt !== undefined && result?.node !== not.endsAt) return false;
  return not.visits === undefined || inOrder(route, not.visits);
}

function runOn(machine: ReturnType<typeof createFlowMachine>, routes: ReturnType<typeof routesOn>, call: TestCall): TestCallRun {
  const actor = createActor(machine, { input: callInput(call) });
  const failures: string[] = [];
  actor.start();
  call.steps.forEach((step, index) => {
    const snapshot = actor.getSnapshot();
    const where = `step ${index + 1} (${describeStep(step)})`;
    if ('expect' in step) {
      const { hears, at, canReachHelp, personWithinSeconds, waitAnnounced } = step.expect;
      const node = snapshot.status === 'done' ? (snapshot.output?.node ?? null) : snapshot.context.node;
      const standing: Standing = {
        done: snapshot.status === 'done',
        node,
        ...(snapshot.output === undefined ? {} : { outcome: snapshot.output.outcome }),
        cameAt: cameAt(snapshot.context.transcript, node, snapshot.context.elapsed)
      };
      const here = standing.node === null ? 'the call' : `"${standing.node}"`;
      if (canReachHelp === true && !routes.canReachHelp(standing)) {
        failures.push(
          standing.done && !ongoingOutcome(standing.outcome)
            ? `${where}: expected help to be still within reach, but the call ended with "${standing.outcome}" at ${here}`
            : `${where}: expected a person, voicemail or callback to be still within reach, but no route on from ${here} leads to one`
        );
      }
      if (personWithinSeconds !== undefined) {
        const seconds = standing.cameAt + routes.toPerson(standing);
        if (seconds > personWithinSeconds) {
          failures.push(
            Number.isFinite(seconds)
              ? `${where}: expected a person within ${personWithinSeconds} s of caller time, but the fastest route on from ${here} reaches one ${Math.round(seconds)} s into the call`
              : `${where}: expected a person within ${personWithinSeconds} s of caller time, but no route on from ${here} leads to one`
          );
        }
      }
      if (waitAnnounced === true && !routes.told(snapshot.context.transcript, snapshot.context.route)) {
        failures.push(`${where}: expected the caller to have been told how long the wait is by now`);
      }
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
      // A call that must not do something may end sooner than its steps: a fixed flow often does.
      if (call.expect?.not !== undefined) return;
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
  if (expect.not !== undefined && matchesAll(expect.not, result, route)) {
    const parts = [
      ...(expect.not.outcome === undefined ? [] : [`end with "${expect.not.outcome}"`]),
      ...(expect.not.endsAt === undefined ? [] : [`end at "${expect.not.endsAt}"`]),
      ...(expect.not.visits === undefined ? [] : [`pass ${expect.not.visits.map((v) => `"${v}"`).join(' → ')}`])
    ];
    failures.push(`expected the call not to ${parts.join(' and ')}, but it did${result?.reason ? ` (${result.reason})` : ''}`);
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
