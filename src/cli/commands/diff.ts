/**
 * `zeroout diff <old> <new> [--format text|json|markdown]`, or
 * `zeroout diff <flow> --rev <revision>`: what a change to a flow does to
 * callers. Nodes added, removed and renamed, prompts changed word by word,
 * routes rewired, settings changed; moved nodes are not news. Then what it
 * does to the analysis: findings fixed and introduced, and the time to a
 * person before and after. Native and vendor files alike.
 *
 * Exit code 0; with `--exit-code`, 1 when there is a change; 2 when a
 * version cannot be read.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Option, type Command } from 'commander';
import { formatProblem, type Flow } from '../../core/model/index.ts';
import { diffFlows, diffMarkdown, diffText, isEmptyDiff, type FlowDiff } from '../../core/review/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../errors.ts';
import { decodeText, flowFormatOf, type FlowFile } from '../files.ts';
import { writeErrors, type CliIo } from '../io.ts';
import { loadSingleFlow, loadText } from '../source.ts';

export type DiffFormat = 'text' | 'json' | 'markdown';

export interface DiffOptions {
  readonly rev?: string;
  readonly format: DiffFormat;
  readonly exitCode?: boolean;
}

const run = promisify(execFile);

/**
 * The flow as committed at a git revision: `git show <rev>:./<file>` run in
 * the file's folder, so the path is the file's own wherever the repository is.
 */
export async function flowAtRevision(input: string, rev: string, io: CliIo): Promise<{ flow: Flow; label: string } | undefined> {
  if (rev.startsWith('-')) throw new UsageError(`--rev ${JSON.stringify(rev)}: a revision cannot start with "-"`);
  const absolute = path.resolve(io.cwd, input);
  const label = `${input}@${rev}`;
  const folder = path.dirname(absolute);
  if (!(await stat(folder).then((s) => s.isDirectory(), () => false))) {
    writeErrors(io, [`${label}: cannot read this version from git: there is no folder ${folder}`]);
    return undefined;
  }
  let bytes: Buffer;
  try {
    ({ stdout: bytes } = await run('git', ['show', `${rev}:./${path.basename(absolute)}`], { cwd: folder, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' }));
  } catch (error) {
    const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'git is not installed' : (stderr?.split('\n')[0] ?? String(error));
    writeErrors(io, [`${label}: cannot read this version from git: ${reason}`]);
    return undefined;
  }
  const file: FlowFile = { file: label, path: absolute, format: flowFormatOf(input) === 'native' ? 'native' : 'detect' };
  const decoded = decodeText(bytes, label);
  if (!decoded.ok) {
    writeErrors(io, [formatProblem(decoded.problem)]);
    return undefined;
  }
  const loaded = loadText(file, decoded.text);
  if (loaded.ok === true) return { flow: loaded.flow, label };
  writeErrors(io, loaded.ok === false ? loaded.problems.map(formatProblem) : [`${label}: not a flow`]);
  return undefined;
}

/** The two versions a diff compares, from two files or a file and a revision. */
export async function versionsToCompare(
  first: string,
  second: string | undefined,
  rev: string | undefined,
  io: CliIo
): Promise<{ before: Flow; after: Flow; labels: { before: string; after: string } } | undefined> {
  if (rev !== undefined && second !== undefined) throw new UsageError('give either two files or one file and --rev, not both');
  if (rev === undefined && second === undefined) throw new UsageError('give two versions to compare: <old> <new>, or <flow> --rev <revision>');
  if (rev !== undefined) {
    const old = await flowAtRevision(first, rev, io);
    const now = await loadSingleFlow(first, io);
    if (old === undefined || now === undefined) return undefined;
    return { before: old.flow, after: now, labels: { before: old.label, after: first } };
  }
  const old = await loadSingleFlow(first, io);
  const now = await loadSingleFlow(second!, io);
  if (old === undefined || now === undefined) return undefined;
  return { before: old, after: now, labels: { before: first, after: second! } };
}

export function formatDiff(diff: FlowDiff, labels: { before: string; after: string }, format: DiffFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ files: labels, changed: !isEmptyDiff(diff), ...diff })}\n`;
    case 'markdown':
      return diffMarkdown(diff, labels);
    case 'text':
      return diffText(diff, labels);
  }
}

export async function runDiff(first: string, second: string | undefined, options: DiffOptions, io: CliIo): Promise<number> {
  const versions = await versionsToCompare(first, second, options.rev, io);
  if (versions === undefined) return EXIT_USAGE;
  const diff = diffFlows(versions.before, versions.after);
  io.stdout.write(formatDiff(diff, versions.labels, options.format));
  return options.exitCode === true && !isEmptyDiff(diff) ? EXIT_FINDINGS : EXIT_OK;
}

export function registerDiff(program: Command, context: CommandContext): Command {
  return program
    .command('diff')
    .description('what a change to a flow does to callers: nodes, prompts, routes and settings changed, findings fixed and introduced')
    .argument('<old>', 'the flow before (native or vendor file), or the flow with --rev')
    .argument('[new]', 'the flow after')
    .option('-r, --rev <revision>', 'compare the file with its version at this git revision (HEAD, HEAD~1, main, a commit)')
    .option('--exit-code', 'exit 1 when the versions differ')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action(async (first: string, second: string | undefined, options: DiffOptions) => {
      context.exitCode = await runDiff(first, second, options, context.io);
    });
}
