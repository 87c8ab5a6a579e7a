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
 * Calls that need the world to act (a lookup's result, a queue's overflow,
 * an hours check) are compared too when the export says which of its steps
 * each design node became (`origins`): the outcome the design's call forces
 * on a node is forced on the step the node became (an hours check that became
 * a Function and a split answers through the Function's result). A call that
 * needs what cannot be carried over (caller data or variables the export
 * names differently, a node with no step of the same outcome) is counted
 * apart as not compared.
 */
import { lintFlow } from '../analysis/engine.ts';
import type { Finding } from '../analysis/types.ts';
import { describeStep, testCallRunner, type TestCallRun } from '../calls/run.ts';
import { setField } from '../json/plain.ts';
import type { CallStep, Flow, FlowNode, Scalar, TestCall } from '../model/types.ts';
import { outcomesOf } from '../model/outcomes.ts';
import { isOpenAt } from '../model/hours.ts';
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
  // A path's script is written out when read: only confirmed ones are.
  for (const node of paths.nodes) if (node.verified) add(node.script, true, `node ${JSON.stringify(node.node)}`);
  for (const edge of paths.edges) if (edge.verified) add(edge.script, true, `${JSON.stringify(edge.from)} on ${edge.outcome}`);
  return [...found.values()];
}

/** The export's nodes by the design node each came from, and the variables its conditions read. */
interface Correspondence {
  readonly steps: ReadonlyMap<string, readonly FlowNode[]>;
  readonly nodes: ReadonlyMap<string, FlowNode>;
  readonly reads: ReadonlySet<string>;
}

function correspondence(exported: Flow, origins: ReadonlyMap<string, string> | undefined): Correspondence {
  const steps = new Map<string, FlowNode[]>();
  const reads = new Set<string>();
  for (const node of exported.nodes) {
    const origin = origins?.get(node.id);
    if (origin !== undefined) steps.set(origin, [...(steps.get(origin) ?? []), node]);
    if (node.kind === 'branch') for (const c of node.cases) for (const when of Array.isArray(c.when) ? c.when : [c.when]) reads.add(when.var);
  }
  return { steps, nodes: new Map(exported.nodes.map((node) => [node.id, node])), reads };
}

/** The Function and split a node became where the platform has no step for it (Studio): the split reads `parsed.<answer>`. */
function answeredBy(steps: readonly FlowNode[], nodes: ReadonlyMap<string, FlowNode>, answer: string): { lookup: string; variable: string } | undefined {
  for (const step of steps) {
    if (step.kind !== 'lookup' || step.success === undefined) continue;
    const split = nodes.get(step.success);
    const variable = `widgets.${step.id}.parsed.${answer}`;
    if (split?.kind === 'branch' && split.cases.some((c) => (Array.isArray(c.when) ? c.when : [c.when]).some((w) => w.var === variable))) return { lookup: step.id, variable };
  }
  return undefined;
}

/** The kinds of step whose outcome a call forces (the world decides it); a branch decides on data. */
const FORCED = new Set<FlowNode['kind']>(['queue', 'transfer', 'voicemail', 'callback', 'lookup', 'opaque']);

/** The variable a step's branch reads to take the way named `outcome` (a case `var eq outcome`), if one does. */
function choiceOf(steps: readonly FlowNode[], outcome: string): string | undefined {
  for (const step of steps) {
    if (step.kind !== 'branch') continue;
    for (const c of step.cases) {
      const when = Array.isArray(c.when) ? c.when : [c.when];
      if (when.length === 1 && when[0]!.op === 'eq' && when[0]!.value === outcome) return when[0]!.var;
    }
  }
  return undefined;
}

/**
 * The design's call as the export must be called: the outcomes it forces
 * moved onto the steps the nodes became, the caller data and variables kept
 * when the export reads them by the same names. Undefined when the call needs
 * something the export cannot be told (it is then not compared).
 */
function translated(call: TestCall, design: Flow, to: Correspondence): TestCall | undefined {
  const env = call.environment;
  if (env === undefined) return call;
  const outcomes: Record<string, string> = {};
  const variables: Record<string, Scalar> = { ...env.variables };
  for (const name of Object.keys(env.variables ?? {})) if (!to.reads.has(name)) return undefined;
  for (const name of Object.keys(env.caller ?? {})) if (!to.reads.has(`caller.${name}`)) return undefined;
  const byId = new Map(design.nodes.map((node) => [node.id, node]));
  const forcedOutcomes: [string, string | readonly string[]][] = Object.entries(env.outcomes ?? {});
  // An hours check the call does not force is decided by the call's time: the export is told the same answer.
  if (env.now !== undefined) {
    const at = new Date(env.now);
    for (const node of design.nodes) {
      if (node.kind === 'hours' && !Object.hasOwn(env.outcomes ?? {}, node.id)) forcedOutcomes.push([node.id, isOpenAt(node, at) ? 'open' : 'closed']);
    }
  }
  for (const [id, forced] of forcedOutcomes) {
    // One outcome for every visit (`paths` forces no sequence of them).
    if (typeof forced !== 'string') return undefined;
    const outcome = forced;
    const node = byId.get(id);
    const steps = to.steps.get(id) ?? [];
    const same = steps.find((step) => FORCED.has(step.kind) && outcomesOf(step).some((o) => o.name === outcome));
    if (same !== undefined) {
      setField(outcomes, same.id, outcome);
      continue;
    }
    const hours = node?.kind === 'hours' || (node?.kind === 'opaque' && node.vendorType === 'CheckHoursOfOperation');
    const open = outcome === 'open' || outcome === 'True';
    // An hours check: Connect's CheckHoursOfOperation (True/False), or Studio's Function answering isOpen.
    const check = hours ? steps.find((step) => step.kind === 'opaque' && outcomesOf(step).some((o) => o.name === 'True')) : undefined;
    if (check !== undefined) {
      setField(outcomes, check.id, open ? 'True' : 'False');
      continue;
    }
    if (hours) {
      const answer = answeredBy(steps, to.nodes, 'isOpen');
      if (answer === undefined) return undefined;
      setField(variables, answer.variable, open ? 'true' : 'false');
      continue;
    }
    // A step the platform lacks, written as a branch on the outcome's name (a Compare, a Function's answer).
    const chosen = choiceOf(steps, outcome);
    if (chosen === undefined) return undefined;
    setField(variables, chosen, outcome);
  }
  const environment = {
    ...(env.now === undefined ? {} : { now: env.now }),
    ...(env.caller === undefined ? {} : { caller: { ...env.caller } }),
    ...(Object.keys(variables).length === 0 ? {} : { variables }),
    ...(Object.keys(outcomes).length === 0 ? {} : { outcomes })
  };
  return { ...call, environment };
}

/**
 * The export read back, analysed where the design is deployed: on the
 * design's channel and in its role, with its other entry points at the steps
 * they became. How a flow is attached (an inbound number, a customer queue, a
 * chat channel) is the deployment's, and a vendor that cannot write it down
 * says so in a note; the question here is whether the steps treat the person
 * as the design's do.
 */
function inDesignContext(design: Flow, exported: Flow, origins: ReadonlyMap<string, string> | undefined): Flow {
  // The step a design node is entered by: of the steps it became, the one no other of them leads to.
  const inside = new Set<string>();
  for (const node of exported.nodes) {
    const origin = origins?.get(node.id);
    for (const o of outcomesOf(node)) {
      if (o.target !== undefined && o.target !== node.id && origin !== undefined && origins?.get(o.target) === origin) inside.add(o.target);
    }
  }
  const firstStep = new Map<string, string>();
  for (const node of exported.nodes) {
    const origin = origins?.get(node.id);
    if (origin !== undefined && !inside.has(node.id) && !firstStep.has(origin)) firstStep.set(origin, node.id);
  }
  const entries = (design.entries ?? []).flatMap((entry) => {
    const start = firstStep.get(entry.start);
    return start === undefined ? [] : [{ ...entry, start }];
  });
  const { channel: _channel, role: _role, entries: _entries, ...steps } = exported;
  return {
    ...steps,
    ...(design.channel === undefined ? {} : { channel: design.channel }),
    ...(design.role === undefined ? {} : { role: design.role }),
    ...(entries.length === 0 ? {} : { entries })
  };
}

/** Whether a call needs the world to act: an outcome forced on a node, caller data or variables. */
function worldActs(script: CallScript): boolean {
  const env = script.environment;
  return env.outcomes !== undefined || env.caller !== undefined || env.variables !== undefined;
}

/** The nodes a call is helped, sent on or ended at: the ones whose order the export must keep. */
const MILESTONES = new Set<FlowNode['kind']>(['menu', 'input', 'lookup', 'queue', 'transfer', 'voicemail', 'callback', 'subflow', 'hangup']);

/**
 * Where the export's route leaves the design's: the design's milestones in
 * order, against the design nodes the export's steps came from. Undefined
 * when both pass the same milestones in the same order.
 */
function firstDetour(
  designRoute: readonly string[],
  exportRoute: readonly string[],
  origins: ReadonlyMap<string, string>,
  design: Flow
): { design: string; exported: string } | undefined {
  const kinds = new Map(design.nodes.map((node) => [node.id, node.kind]));
  const milestones = (ids: readonly string[]): string[] => {
    const out: string[] = [];
    for (const id of ids) if (MILESTONES.has(kinds.get(id)!) && out[out.length - 1] !== id) out.push(id);
    return out;
  };
  const mine = milestones(designRoute);
  const theirs = milestones(exportRoute.map((id) => origins.get(id) ?? ''));
  const length = Math.max(mine.length, theirs.length);
  for (let i = 0; i < length; i++) {
    if (mine[i] === theirs[i]) continue;
    const at = (id: string | undefined): string => (id === undefined ? 'nothing more' : JSON.stringify(id));
    return { design: `passing ${at(mine[i])} after ${i} of its steps`, exported: `passing ${at(theirs[i])} there` };
  }
  return undefined;
}

/**
 * Compares the design with the flow its export imports back as.
 *
 * @param design The flow that was exported.
 * @param exported The export, imported back.
 * @param environment The environment the export used, to name each queue as the platform knows it.
 * @param designFindings The design's lint findings, when the caller has them already.
 * @param origins The export's step ids (as the import names its nodes) → the design node each came from.
 */
export function verifyExport(
  design: Flow,
  exported: Flow,
  environment?: Environment,
  designFindings?: readonly Finding[],
  origins?: ReadonlyMap<string, string>
): Verification {
  const differences: CallDifference[] = [];
  const designSide = callSide(design);
  const exportSide = callSide(exported);
  const to = correspondence(exported, origins);
  let compared = 0;
  let notCompared = 0;
  const hoursNodes = new Set(design.nodes.filter((node) => node.kind === 'hours').map((node) => node.id));
  for (const { script, reaches } of confirmedScripts(design)) {
    const call = asTestCall(reaches, script);
    // Without the export's origins, only what the caller alone decides carries over.
    const onExport = origins === undefined ? (worldActs(script) ? undefined : { ...call, ...(script.environment.now === undefined ? {} : { environment: { now: script.environment.now } }) }) : translated(call, design, to);
    if (onExport === undefined) {
      notCompared++;
      continue;
    }
    const designRun = designSide.run(call);
    // An hours check is the world's to decide on a platform: without origins it cannot be told which way to go.
    if (origins === undefined && designRun.route.some((id) => hoursNodes.has(id))) {
      notCompared++;
      continue;
    }
    compared++;
    const onDesign = ending(designRun, designSide, environment, true);
    const exportRun = exportSide.run(onExport);
    const ended = ending(exportRun, exportSide, environment, false);
    const detour = onDesign.key === ended.key && origins !== undefined ? firstDetour(designRun.route, exportRun.route, origins, design) : undefined;
    if (onDesign.key !== ended.key) differences.push({ steps: script.steps, reaches, design: onDesign.text, exported: ended.text });
    else if (detour !== undefined) differences.push({ steps: script.steps, reaches, design: `${onDesign.text}, ${detour.design}`, exported: `${ended.text}, ${detour.exported}` });
  }
  const designRules = new Set((designFindings ?? lintFlow(design).findings).filter((f) => f.severity !== 'info').map((f) => f.rule));
  const newFindings = lintFlow(inDesignContext(design, exported, origins))
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
  const counts = `${verification.compared} ${verification.compared === 1 ? 'call' : 'calls'} compared, ${verification.notCompared} not compared (they need caller data or variables the export names differently)`;
  const first = verification.differences[0];
  if (first !== undefined) return `verification failed: ${describeDifference(first)} (${counts})`;
  if (verification.newFindings.length > 0) return `verification failed: lint of the export finds what the design does not have: ${verification.newFindings[0]} (${counts})`;
  if (verification.compared === 0) {
    return `lint of the export adds nothing, but no call could be compared: all ${verification.notCompared} need caller data or variables the export names differently`;
  }
  return `verified: ${counts}, each ending as in the design; lint of the export adds nothing`;
}
