/**
 * `zeroout simulate <flow> --calls N --seed S [--model file]`: Monte Carlo
 * caller traffic. Reports the share of callers reaching a person, voicemail,
 * a callback, a designed ending, dropped, abandoned and trapped; time to a
 * person; menu steps; the busiest nodes and where callers give up.
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
import { OUTCOME_LABELS, parseModel, scorecard, TRAFFIC_OUTCOMES, type Pillar, type TrafficModel, type TrafficReport } from '../../core/simulate/index.ts';
import { lintFlow, subflowResolver } from '../../core/analysis/index.ts';
import { defaultWorkers, simulateInParallel } from '../workers/parallel.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.ts';
import { readText } from '../files.ts';
import { writeErrors, type CliIo } from '../io.ts';
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

/** The sub-flow nodes of the flow whose flow is found, and those whose flow is not. */
function subflowsOf(flow: Flow, library: readonly Flow[]): { run: string[]; missing: string[] } {
  const find = flowFinder(library);
  const run: string[] = [];
  const missing: string[] = [];
  for (const node of flow.nodes) {
    if (node.kind !== 'subflow') continue;
    (find(node.flow) !== undefined && node.flow !== flow.id ? run : missing).push(node.id);
  }
  return { run, missing };
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

async function readModel(file: string, io: CliIo): Promise<TrafficModel | undefined> {
  const read = await readText({ file, path: path.resolve(io.cwd, file), format: 'detect' });
  if (!read.ok) {
    writeErrors(io, [formatProblem(read.problem)]);
    return undefined;
  }
  const parsed = parseJson(read.text, file);
  if (!parsed.ok) {
    writeErrors(io, parsed.problems.map(formatProblem));
    return undefined;
  }
  const model = parseModel(parsed.value, file);
  if (!model.ok) {
    writeErrors(io, model.problems.map(formatProblem));
    return undefined;
  }
  return model.model;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const secs = (value: number | null) => (value === null ? '—' : `${Math.round(value)} s`);

function formatText(input: string, flow: Flow, report: TrafficReport, card: readonly Pillar[], subflows: { run: string[]; missing: string[] }): string {
  const lines = [`${input}: ${flow.name}`, `${report.calls} simulated calls (seed ${report.seed})`];
  if (subflows.run.length > 0) lines.push(`Sub-flows run at ${subflows.run.join(', ')}`);
  if (subflows.missing.length > 0) lines.push(`Sub-flows not found, passed over: ${subflows.missing.join(', ')} (give their flows with --with)`);
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
  return `${lines.join('\n')}\n`;
}

export async function runSimulate(input: string, options: SimulateOptions, io: CliIo): Promise<number> {
  const calls = wholeNumber(options.calls, '--calls', 1);
  const seed = wholeNumber(options.seed, '--seed', 0);
  const workers = options.workers === undefined ? defaultWorkers() : wholeNumber(options.workers, '--workers', 1);
  let model: TrafficModel | undefined;
  if (options.model !== undefined) {
    model = await readModel(options.model, io);
    if (model === undefined) return EXIT_USAGE;
  }
  const flow = await loadSingleFlow(input, io);
  if (!flow) return EXIT_USAGE;
  const library = await libraryFor(input, options.with, io);
  if (library === undefined) return EXIT_USAGE;
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
