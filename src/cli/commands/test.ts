/**
 * `zeroout test [files or folders…] [--calls file.json]`: runs the flows'
 * saved test calls on their XState machines; with `--calls`, the calls of
 * that file instead, against every flow given, native or vendor (a Studio or
 * Connect file has nowhere to keep test calls).
 *
 * Exit code 0 when every call passes, 1 when one fails, and 2 when the
 * command was misused or an input could not be loaded.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { parseTestCalls, runTestCalls, type TestCallRun } from '../../core/calls/index.ts';
import { locateDiagnostics } from '../../core/json/index.ts';
import { flowFinder, formatProblem, parseJson, type Flow, type TestCall } from '../../core/model/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors.ts';
import { FLOW_FILE_PATTERN, readText } from '../files.ts';
import { textLines, writeErrors, type CliIo } from '../io.ts';
import { flowsById, loadPaths } from '../source.ts';

type TestFormat = 'text' | 'json';

interface FlowRuns {
  readonly file: string;
  readonly flow: string;
  readonly runs: readonly TestCallRun[];
}

function formatText(results: readonly FlowRuns[]): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const result of results) {
    lines.push(`${result.file}`);
    if (result.runs.length === 0) lines.push('  (no test calls)');
    for (const run of result.runs) {
      if (run.passed) passed++;
      else failed++;
      const ending = run.result ? `${run.result.outcome} at "${run.result.node}", ${Math.round(run.result.seconds)} s` : `waiting at "${run.node}"`;
      lines.push(`  ${run.passed ? 'pass' : 'FAIL'}  ${run.name}  (${ending})`);
      if (!run.passed) {
        for (const failure of run.failures) lines.push(`          ${failure}`);
        lines.push(`          route: ${run.route.map((id) => JSON.stringify(id)).join(' → ')}`);
      }
    }
    lines.push('');
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return textLines(lines);
}

function formatJson(results: readonly FlowRuns[]): string {
  const calls = results.flatMap((r) => r.runs);
  return `${JSON.stringify({
    passed: calls.filter((c) => c.passed).length,
    failed: calls.filter((c) => !c.passed).length,
    files: results.map((r) => ({
      file: r.file,
      flow: r.flow,
      calls: r.runs.map((run) => ({
        name: run.name,
        passed: run.passed,
        failures: run.failures,
        outcome: run.result?.outcome ?? null,
        node: run.node,
        seconds: run.result?.seconds ?? null,
        route: run.route
      }))
    }))
  })}\n`;
}

/** The test calls of a `--calls` file; its problems, each at its line and column, are written and undefined returned. */
async function readCalls(file: string, io: CliIo): Promise<readonly TestCall[] | undefined> {
  const read = await readText({ file, path: path.resolve(io.cwd, file), format: 'detect' });
  if (!read.ok) {
    writeErrors(io, [formatProblem(read.problem)]);
    return undefined;
  }
  const parsed = parseJson(read.text, file);
  const calls = parsed.ok ? parseTestCalls(parsed.value, file) : parsed;
  if (!calls.ok) {
    writeErrors(io, locateDiagnostics(calls.problems, read.text).map(formatProblem));
    return undefined;
  }
  return calls.calls;
}

export async function runTest(paths: readonly string[], options: { format: TestFormat; calls?: string }, io: CliIo): Promise<number> {
  const given = options.calls === undefined ? undefined : await readCalls(options.calls, io);
  if (options.calls !== undefined && given === undefined) return EXIT_USAGE;
  const { files, unusable: unreadable } = await loadPaths(paths, io);
  let unusable = unreadable;
  const loaded: { file: string; flow: Flow }[] = [];
  for (const file of files) {
    if (file.ok) {
      loaded.push({ file: file.file.file, flow: file.flow });
    } else {
      unusable = true;
      writeErrors(io, file.problems.map(formatProblem));
    }
  }
  // Sub-flows run inside the calling flow when their files are tested together.
  const resolveFlow = flowFinder(flowsById(files).values());
  const results: FlowRuns[] = loaded.map(({ file, flow }) => ({ file, flow: flow.id, runs: runTestCalls(given === undefined ? flow : { ...flow, tests: [...given] }, { resolveFlow }) }));
  io.stdout.write(options.format === 'json' ? formatJson(results) : formatText(results));
  if (unusable) return EXIT_USAGE;
  return results.some((r) => r.runs.some((run) => !run.passed)) ? EXIT_FINDINGS : EXIT_OK;
}

export function registerTest(program: Command, context: CommandContext): Command {
  return program
    .command('test')
    .description("run the flows' saved test calls on their XState machines")
    .argument('[paths...]', `flow files, or folders to search for ${FLOW_FILE_PATTERN}`, ['flows'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--calls <file>', 'run the test calls of this file ({"tests": […]} or the list) against every flow given, instead of their own')
    .action(async (paths: string[], options: { format: TestFormat; calls?: string }) => {
      context.exitCode = await runTest(paths, options, context.io);
    });
}
