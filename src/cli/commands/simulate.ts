/**
 * `zeroout simulate <flow> --calls N --seed S [--model file]`: Monte Carlo
 * caller traffic. Reports the share of callers reaching a person, voicemail,
 * a callback, a designed ending, dropped, abandoned, trapped and stopped at
 * the step limit; time to a person; menu steps; the busiest nodes and where
 * callers give up. A traffic model's problems stop the command (exit 2); what
 * it says that the flow does not use is warned of.
 *
 * Sub-flow nodes run the flows they name, found among the flows in the
 * flow's own folder (and the folders below it), or in the files and folders
 * given with `--with`.
 *
 * Exit code 0, or 2 when the flow or the model cannot be used.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { flowFinder, formatProblem, parseJson, type Flow } from '../../core/model/index.ts';
import { locateDiagnostics } from '../../core/json/index.ts';
import { modelWarnings, OUTCOME_LABELS, parseModel, scorecard, TRAFFIC_OUTCOMES, type Pillar, type TrafficModel, type TrafficReport } from '../../core/simulate/index.ts';
import { lintFlow, subflowResolver } from '../../core/analysis/index.ts';
import { compile, compiledNodes, MAX_STATES, MAX_SUBFLOW_DEPTH } from '../../core/compile/index.ts';
import { defaultWorkers, simulateInParallel } from '../workers/parallel.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.ts';
import { readText } from '../files.ts';
import { textLines, writeErrors, type CliIo } from '../io.ts';
import { flowsById, loadPaths, loadSingleFlow } from '../source.ts';

/**
 * The flows sub-flow nodes may run: those given with --with (their problems
 * reported), or else the usable flows in the flow's own folder, quietly.
 */
export async function libraryFor(input: string, given: readonly string[] | undefined, io: CliIo): Promise<Flow[] | undefined> {
  if (given !== undefined) {
    const { files, unusable } = await loadPaths(given, io);
    const broken = files.flatMap((f) => (f.ok === true ? [] : f.problems));
    writeErrors(io, broken.map(formatProblem));
    return unusable || broken.length > 0 ? undefined : [...flowsById(files).values()];
  }
  const quiet: CliIo = { ...io, stderr: { write: () => true } as unknown as CliIo['stderr'] };
  try {
    const { files } = await loadPaths([path.dirname(input)], quiet);
    return [...flowsById(files).values()];
  } catch {
    return [];
  }
}

interface SubflowsRun {
  readonly run: string[];
  readonly missing: string[];
  /** Sub-flow nodes inside sub-flows (qualified ids) the calls pass over: nested too deep, or past the states a machine gets. */
  readonly passedOver?: readonly string[];
}

/** The sub-flow nodes of the flow whose flow is found, those whose flow is not, and those passed over. */
function subflowsOf(flow: Flow, library: readonly Flow[]): SubflowsRun {
  const find = flowFinder(library);
  const run: string[] = [];
  const missing: string[] = [];
  for (const node of flow.nodes) {
    if (node.kind !== 'subflow') continue;
    // A node that runs its own flow is run too: the call recurses, and ends trapped.
    (find(node.flow) !== undefined || node.flow === flow.id ? run : missing).push(node.id);
  }
  if (run.length === 0) return { run, missing };
  const passedOver = compile(flow, { resolveFlow: find }).meta?.subflowsNotInlined ?? [];
  return passedOver.length === 0 ? { run, missing } : { run, missing, passedOver };
}

type SimulateFormat = 'text' | 'json';

export interface SimulateOptions {
  readonly calls: string;
  readonly seed: string;
  readonly model?: string;
  readonly workers?: string;
  readonly with?: readonly string[];
  readonly format: SimulateFormat;
}

function wholeNumber(text: string, flag: string, min: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a whole number of at least ${min}`);
  return value;
}

/** A model file read: the model, and its text to place warnings in. */
interface ModelFile {
  readonly model: TrafficModel;
  readonly text: string;
}

/** Reads a traffic model; its problems, each at its line and column, are written and undefined returned. */
async function readModel(file: string, io: CliIo): Promise<ModelFile | undefined> {
  const read = await readText({ file, path: path.resolve(io.cwd, file), format: 'detect' });
  if (!read.ok) {
    writeErrors(io, [formatProblem(read.problem)]);
    return undefined;
  }
  const parsed = parseJson(read.text, file);
  if (!parsed.ok) {
    writeErrors(io, locateDiagnostics(parsed.problems, read.text).map(formatProblem));
    return undefined;
  }
  const model = parseModel(parsed.value, file);
  if (!model.ok) {
    writeErrors(io, locateDiagnostics(model.problems, read.text).map(formatProblem));
    return undefined;
  }
  return { model: model.model, text: read.text };
}

/** What the model says that this flow will not use (nodes it lacks, keys a menu does not offer), as warnings. */
function warnOfModel(file: string, given: ModelFile, flow: Flow, library: readonly Flow[], io: CliIo): void {
  const nodes = compiledNodes(compile(flow, library.length === 0 ? {} : { resolveFlow: flowFinder(library) }));
  const warnings = locateDiagnostics(modelWarnings(given.model, nodes, file), given.text);
  writeErrors(io, warnings.map((w) => formatProblem({ ...w, message: `warning: ${w.message}` })));
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const secs = (value: number | null) => (value === null ? '—' : `${Math.round(value)} s`);

function formatText(input: string, flow: Flow, report: TrafficReport, card: readonly Pillar[], subflows: SubflowsRun): string {
  const lines = [`${input}: ${flow.name}`, `${report.calls} simulated calls (seed ${report.seed})`];
  if (subflows.run.length > 0) lines.push(`Sub-flows run at ${subflows.run.join(', ')}`);
  if (subflows.missing.length > 0) lines.push(`Sub-flows not found, passed over: ${subflows.missing.join(', ')} (give their flows with --with)`);
  const passedOver = subflows.passedOver ?? [];
  if (passedOver.length > 0) {
    const named = passedOver.slice(0, 3).join(', ') + (passedOver.length > 3 ? ` and ${passedOver.length - 3} more` : '');
    lines.push(`Sub-flows passed over, run more than ${MAX_SUBFLOW_DEPTH} sub-flows deep or past ${MAX_STATES.toLocaleString('en-US')} states: ${named}`);
  }
  lines.push('');
  for (const outcome of TRAFFIC_OUTCOMES) {
    lines.push(`  ${pct(report.outcomes[outcome]).padStart(6)}  ${OUTCOME_LABELS[outcome]}`);
  }
  const t = report.timeToPerson;
  lines.push('', `Time to a person: median ${secs(t.p50)}, 90% within ${secs(t.p90)}, 99% within ${secs(t.p99)}`);
  lines.push(`Menu steps per call: ${report.menuSteps.mean} on average, 90% within ${report.menuSteps.p90}`);
  lines.push('', 'Busiest nodes:');
  for (const b of report.busiestNodes) lines.push(`  ${pct(b.share).padStart(6)}  ${b.node}`);
  if (report.abandonedAt.length > 0) {
    lines.push('', 'Where callers hang up:');
    for (const a of report.abandonedAt) lines.push(`  ${String(a.calls).padStart(6)}  ${a.node}`);
  }
  lines.push('', 'CX scorecard:');
  for (const p of card) {
    const findings = Object.entries(p.findings).map(([rule, n]) => `${rule} ×${n}`);
    lines.push(`  ${p.pillar.padEnd(16)} ${p.rating.padEnd(5)} ${p.evidence.join('; ')}${findings.length > 0 ? ` [${findings.join(', ')}]` : ''}`);
  }
  return textLines(lines);
}

export async function runSimulate(input: string, options: SimulateOptions, io: CliIo): Promise<number> {
  const calls = wholeNumber(options.calls, '--calls', 1);
  const seed = wholeNumber(options.seed, '--seed', 0);
  const workers = options.workers === undefined ? defaultWorkers() : wholeNumber(options.workers, '--workers', 1);
  let given: ModelFile | undefined;
  if (options.model !== undefined) {
    given = await readModel(options.model, io);
    if (given === undefined) return EXIT_USAGE;
  }
  const model = given?.model;
  const flow = await loadSingleFlow(input, io);
  if (!flow) return EXIT_USAGE;
  const library = await libraryFor(input, options.with, io);
  if (library === undefined) return EXIT_USAGE;
  if (given !== undefined) warnOfModel(options.model!, given, flow, library, io);
  const subflows = subflowsOf(flow, library);
  // The document is the same whatever the number of threads: it is left out.
  const { workers: _used, ...report } = await simulateInParallel(flow, calls, { seed, workers, library, ...(model === undefined ? {} : { model }) });
  const card = scorecard(flow, lintFlow(flow, { resolveSubflow: subflowResolver(library) }), report);
  io.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify({ file: input, flow: flow.id, ...report, ...(subflows.run.length + subflows.missing.length > 0 ? { subflows } : {}), scorecard: card })}\n`
      : formatText(input, flow, report, card, subflows)
  );
  return EXIT_OK;
}

export function registerSimulate(program: Command, context: CommandContext): Command {
  return program
    .command('simulate')
    .description('simulate caller traffic: who reaches a person, how long it takes, where callers give up')
    .argument('<flow>', 'a flow file (native or vendor)')
    .option('-n, --calls <n>', 'number of calls', '10000')
    .option('-s, --seed <n>', 'random seed: the same seed gives the same report', '1')
    .option('-m, --model <file>', 'traffic model (JSON): intents, silence, wrong keys, patience, queue and world behaviour')
    .option('-w, --workers <n>', 'threads to spread the calls over (default: the cores, at most 8)')
    .option('--with <paths...>', "files or folders of the flows its sub-flow nodes run (default: the flow's own folder)")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (input: string, options: SimulateOptions) => {
      context.exitCode = await runSimulate(input, options, context.io);
    });
}
