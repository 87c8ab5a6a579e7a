/**
 * `zeroout report <flow> [--base <old> | --rev <revision>] > report.md`: one
 * Markdown document for a pull request. The flow's figures, what changed
 * since the base (with the changed nodes marked on a Mermaid diagram), the
 * findings, the saved test calls' results and simulated traffic.
 *
 * Exit code 0 when the report is written, 2 when a version cannot be read.
 * The report is information: findings and failing test calls are for `lint`
 * and `test` to fail a build on.
 */
import type { Command } from 'commander';
import { lintFlow, subflowResolver } from '../../core/analysis/index.ts';
import { runTestCalls } from '../../core/calls/index.ts';
import { flowFinder } from '../../core/model/index.ts';
import { diffFlows, reportMarkdown, type ReportInput } from '../../core/review/index.ts';
import { scorecard, simulate } from '../../core/simulate/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { loadSingleFlow } from '../source.ts';
import { flowAtRevision } from './diff.ts';
import { libraryFor } from './simulate.ts';

export interface ReportOptions {
  readonly base?: string;
  readonly rev?: string;
  readonly calls: string;
  readonly seed: string;
}

function count(text: string, flag: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a whole number`);
  return value;
}

export async function runReport(input: string, options: ReportOptions, io: CliIo): Promise<number> {
  if (options.base !== undefined && options.rev !== undefined) throw new UsageError('give either --base or --rev, not both');
  const calls = count(options.calls, '--calls');
  const seed = count(options.seed, '--seed');
  const flow = await loadSingleFlow(input, io);
  if (flow === undefined) return EXIT_USAGE;
  // Sub-flows are found as `simulate` finds them: in the flow's folder.
  const library = (await libraryFor(input, undefined, io)) ?? [];
  const lintOptions = { resolveSubflow: subflowResolver(library) };
  const resolveFlow = flowFinder(library);
  const lint = lintFlow(flow, lintOptions);
  let change: ReportInput['change'];
  if (options.base !== undefined || options.rev !== undefined) {
    const base = options.rev !== undefined ? await flowAtRevision(input, options.rev, io) : await loadSingleFlow(options.base!, io).then((f) => f && { flow: f, label: options.base! });
    if (base === undefined) return EXIT_USAGE;
    // Both versions linted alike, so the change's findings are the report's findings; the flow's own lint is used again.
    change = { diff: diffFlows(base.flow, flow, { lint: lintOptions, linted: { after: lint } }), labels: { before: base.label, after: input } };
  }
  const tests = runTestCalls(flow, { resolveFlow });
  let traffic: ReportInput['traffic'];
  if (calls > 0) {
    const report = simulate(flow, calls, { seed, resolveFlow });
    traffic = { report, scorecard: scorecard(flow, lint, report) };
  }
  io.stdout.write(reportMarkdown({ flow, file: input, lint, tests, ...(traffic === undefined ? {} : { traffic }), ...(change === undefined ? {} : { change }) }));
  return EXIT_OK;
}

export function registerReport(program: Command, context: CommandContext): Command {
  return program
    .command('report')
    .description('write a Markdown report of a flow for a pull request: changes, diagram, findings, test calls, traffic')
    .argument('<flow>', 'a flow file (native or vendor)')
    .option('-b, --base <old>', 'the flow before the change (a file), to report what changed')
    .option('-r, --rev <revision>', 'the flow before the change, as committed at this git revision')
    .option('-n, --calls <n>', 'simulated calls for the traffic section (0 leaves it out)', '10000')
    .option('-s, --seed <n>', 'random seed for the traffic', '1')
    .action(async (input: string, options: ReportOptions) => {
      context.exitCode = await runReport(input, options, context.io);
    });
}
