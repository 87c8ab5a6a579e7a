/**
 * Verified export: what an export wrote, imported back, must treat callers
 * as the design does. Two checks:
 *
 * - Calls. Every confirmed call `paths` finds for the design (the shortest
 *   to each node and each transition) that the caller alone decides (keys,
 *   speech, silence) is run on the design's machine and on the machine of
 *   the imported export; each must end the same way: the same outcome (a
 *   person, voicemail, a callback, a designed ending, dropped, trapped) and,
 *   when a queue helped, the same queue on the platform (the reference the
 *   environment gave it).
 * - Findings. Lint of the imported export may show no error or warning rule
 *   that the design's lint did not.
 *
 * Calls that need the world to act (a lookup's result, an hours check, caller
 * data) are counted apart as not compared: their conditions are written per
 * node, and the export's nodes are not the design's; an hours check becomes
 * a Function call or the platform's hours of operation.
 */
import { lintFlow } from '../analysis/engine.ts';
import type { Finding } from '../analysis/types.ts';
import { describeStep, testCallRunner, type TestCallRun } from '../calls/run.ts';
import type { CallStep, Flow, TestCall } from '../model/types.ts';
import { referenceOf, type Environment } from '../formats/environment.ts';
import { asTestCall, shortestPaths, type CallScript } from '../simulate/paths.ts';

/** A call the design and its export handle differently. */
export interface CallDifference {
  /** The caller's actions, as a test call's steps. */
  readonly steps: readonly CallStep[];
  /** What the call reaches in the design (the node or transition `paths` found it for). */
  readonly reaches: string;
  readonly design: string;
  readonly exported: string;
}

export interface Verification {
  readonly ok: boolean;
  /** Calls run on both, and how many of them ended alike. */
  readonly compared: number;
  /** Confirmed calls that need the world to act, not compared. */
  readonly notCompared: number;
  /** The calls that ended differently, first found first. */
  readonly differences: readonly CallDifference[];
  /** Error or warning rules lint reports on the export and not on the design: `rule at node: message`. */
  readonly newFindings: readonly string[];
  /** Why nothing could be compared: the export does not read back as a flow. */
  readonly unreadable?: string;
}

/** A flow the calls run on: its machine, compiled once, and its queues by node id. */
interface CallSide {
  readonly run: (call: TestCall) => TestCallRun;
  readonly queues: ReadonlyMap<string, string>;
}

function callSide(flow: Flow): CallSide {
  const queues = new Map<string, string>();
  for (const node of flow.nodes) if (node.kind === 'queue') queues.set(node.id, node.queue);
  return { run: testCallRunner(flow), queues };
}

/** How a call ended, in words: `person at "agent-queue" (queue "card-security")`. */
function ending(run: TestCallRun, side: CallSide, environment: Environment | undefined, resolve: boolean): { key: string; text: string } {
  if (run.result === null) return { key: `waiting`, text: `still waiting at ${JSON.stringify(run.node)}` };
  const queue = helpingQueue(run, side);
  const reference = queue === undefined ? undefined : resolve ? (referenceOf(environment, 'queues', queue) ?? queue) : queue;
  const key = `${run.result.outcome}${reference === undefined ? '' : ` ${reference}`}`;
  return { key, text: `${run.result.outcome} at ${JSON.stringify(run.result.node)}${queue === undefined ? '' : ` (queue ${JSON.stringify(queue)})`}` };
}

/** The queue a call reached a person through, when it did: the last queue on its route. */
function helpingQueue(run: TestCallRun, side: CallSide): string | undefined {
  if (run.result?.outcome !== 'person') return undefined;
  for (let i = run.route.length - 1; i >= 0; i--) {
    const queue = side.queues.get(run.route[i]!);
    if (queue !== undefined) return queue;
  }
  return undefined;
}

/** The confirmed scripts of the design, one per distinct list of caller actions, with what each reaches. */
function confirmedScripts(design: Flow): { script: CallScript; reaches: string }[] {
  const paths = shortestPaths(design);
  const found = new Map<string, { script: CallScript; reaches: string }>();
  const add = (script: CallScript | undefined, verified: boolean, reaches: string): void => {
    if (script === undefined || !verified) return;
    const key = JSON.stringify([script.steps, script.environment]);
    if (!found.has(key)) found.set(key, { script, reaches });
  };
  for (const node of paths.nodes) add(node.script, node.verified, `node ${JSON.stringify(node.node)}`);
  for (const edge of paths.edges) add(edge.script, edge.verified, `${JSON.stringify(edge.from)} on ${edge.outcome}`);
  return [...found.values()];
}

/** Whether a call needs nothing but the caller's own actions (and, for an hours check, a time it is forced past anyway). */
function callerOnly(script: CallScript): boolean {
  const env = script.environment;
  return env.outcomes === undefined && env.caller === undefined && env.variables === undefined;
}

/**
 * Compares the design with the flow its export imports back as.
 *
 * @param design The flow that was exported.
 * @param exported The export, imported back.
 * @param environment The environment the export used, to name each queue as the platform knows it.
 * @param designFindings The design's lint findings, when the caller has them already.
 */
export function verifyExport(design: Flow, exported: Flow, environment?: Environment, designFindings?: readonly Finding[]): Verification {
  const differences: CallDifference[] = [];
  const designSide = callSide(design);
  const exportSide = callSide(exported);
  let compared = 0;
  let notCompared = 0;
  const hoursNodes = new Set(design.nodes.filter((node) => node.kind === 'hours').map((node) => node.id));
  for (const { script, reaches } of confirmedScripts(design)) {
    if (!callerOnly(script)) {
      notCompared++;
      continue;
    }
    const call = asTestCall(reaches, script);
    const designRun = designSide.run(call);
    // An hours check is the world's to decide on a platform (a Function, an hours of operation), not the time given.
    if (designRun.route.some((id) => hoursNodes.has(id))) {
      notCompared++;
      continue;
    }
    compared++;
    const onDesign = ending(designRun, designSide, environment, true);
    // The export's nodes are not the design's: only the time of the call carries over.
    const onExport = ending(exportSide.run({ ...call, ...(script.environment.now === undefined ? {} : { environment: { now: script.environment.now } }) }), exportSide, environment, false);
    if (onDesign.key !== onExport.key) differences.push({ steps: script.steps, reaches, design: onDesign.text, exported: onExport.text });
  }
  const designRules = new Set((designFindings ?? lintFlow(design).findings).filter((f) => f.severity !== 'info').map((f) => f.rule));
  const newFindings = lintFlow(exported)
    .findings.filter((f) => f.severity !== 'info' && !designRules.has(f.rule))
    .map((f) => `${f.rule} at ${JSON.stringify(f.node)}: ${f.message}`);
  return { ok: differences.length === 0 && newFindings.length === 0, compared, notCompared, differences, newFindings };
}

/** The first difference in words, for a message: the caller's actions and what each side did. */
export function describeDifference(difference: CallDifference): string {
  const steps = difference.steps.length === 0 ? 'no action' : difference.steps.map(describeStep).join(', ');
  return `the call that reaches ${difference.reaches} (${steps}) ends as ${difference.design} in the design, but as ${difference.exported} in the export`;
}

/** The verification in one line: what was compared, and the first thing that differs. */
export function describeVerification(verification: Verification): string {
  if (verification.unreadable !== undefined) return `not verified: ${verification.unreadable}`;
  const counts = `${verification.compared} ${verification.compared === 1 ? 'call' : 'calls'} compared, ${verification.notCompared} not compared (they need a lookup, an hours check or caller data to act)`;
  const first = verification.differences[0];
  if (first !== undefined) return `verification failed: ${describeDifference(first)} (${counts})`;
  if (verification.newFindings.length > 0) return `verification failed: lint of the export finds what the design does not have: ${verification.newFindings[0]} (${counts})`;
  if (verification.compared === 0) {
    return `lint of the export adds nothing, but no call could be compared: all ${verification.notCompared} need a lookup, an hours check or caller data to act`;
  }
  return `verified: ${counts}, each ending as in the design; lint of the export adds nothing`;
}
