/**
 * `zeroout lint <files or folders…>`: checks flows and reports findings.
 *
 * Exit code 0 when no finding is an error, 1 when one is, and 2 when the
 * command was misused or an input could not be linted (the other inputs are
 * still linted and reported).
 */
import { Option, type Command } from 'commander';
import { DEFAULT_THRESHOLDS, lintFlow, ruleById, subflowResolver, type Finding, type LintOptions, type ResolvedThresholds, type SeveritySetting } from '../../core/analysis/index.ts';
import { escapeToken, indexedPointer, locateNearest, type Locate } from '../../core/json/index.ts';
import { formatProblem, ThresholdsSchema } from '../../core/model/index.ts';
import { collect, type CommandContext } from '../context.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../errors.ts';
import { FLOW_FILE_PATTERN } from '../files.ts';
import { writeErrors, type CliIo } from '../io.ts';
import { formatJson } from '../format/json.ts';
import type { FileReport, FindingWitness, LintFormatter } from '../format/report.ts';
import type { Flow } from '../../core/model/index.ts';
import type { WitnessOptions } from '../../core/witness/index.ts';
import { formatSarif } from '../format/sarif.ts';
import { formatStylish } from '../format/stylish.ts';
import { flowsById, loadPaths } from '../source.ts';
import { checkBaseUsage, loadBase, wantsBase } from '../lint-base.ts';
import { DIAGNOSTIC_CODES } from '../../core/diagnostic/index.ts';

const FORMATTERS = { stylish: formatStylish, json: formatJson, sarif: formatSarif } satisfies Record<
  string,
  LintFormatter
>;
type LintFormat = keyof typeof FORMATTERS;

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

type ThresholdKey = keyof ResolvedThresholds;

/** `maxSecondsToHuman` → `max-seconds-to-human`. */
const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Threshold names as written on the command line. */
export const THRESHOLD_OPTIONS: ReadonlyMap<string, ThresholdKey> = new Map(
  (Object.keys(DEFAULT_THRESHOLDS) as ThresholdKey[]).map((key) => [kebab(key), key])
);

export interface LintCommandOptions {
  readonly format: LintFormat;
  readonly rule: readonly string[];
  readonly threshold: readonly string[];
  /** A file holding the flow's earlier version (`--base`). */
  readonly base?: string | undefined;
  /** A git revision whose version of the flow file is the earlier one (`--rev`). */
  readonly rev?: string | undefined;
  /** Whether each finding gets the call that shows it (`--witness`). */
  readonly witness?: boolean | undefined;
}

/** Reads the `--rule` and `--threshold` options, collecting every mistake. */
export function parseLintOptions(options: Pick<LintCommandOptions, 'rule' | 'threshold'>): LintOptions {
  const mistakes: string[] = [];
  const rules: Record<string, SeveritySetting> = {};
  for (const setting of options.rule) {
    const match = /^([^=]+)=(.*)$/.exec(setting);
    if (!match) {
      mistakes.push(`--rule ${JSON.stringify(setting)}: expected <rule id>=<${SEVERITIES.join('|')}>`);
      continue;
    }
    const id = match[1]!.trim();
    const severity = match[2]!.trim();
    if (ruleById(id) === undefined) {
      mistakes.push(`--rule ${setting}: unknown rule ${JSON.stringify(id)} (run "zeroout rules" to list them)`);
    } else if (!(SEVERITIES as readonly string[]).includes(severity)) {
      mistakes.push(`--rule ${setting}: unknown severity ${JSON.stringify(severity)}: expected ${SEVERITIES.join(', ')}`);
    } else {
      rules[id] = severity as SeveritySetting;
    }
  }
  const thresholds: Partial<Record<ThresholdKey, number>> = {};
  for (const setting of options.threshold) {
    const match = /^([^=]+)=(.*)$/.exec(setting);
    const names = [...THRESHOLD_OPTIONS.keys()].join(', ');
    if (!match) {
      mistakes.push(`--threshold ${JSON.stringify(setting)}: expected <name>=<number>, with a name among ${names}`);
      continue;
    }
    const name = match[1]!.trim();
    const text = match[2]!.trim();
    const key = THRESHOLD_OPTIONS.get(name);
    if (key === undefined) {
      mistakes.push(`--threshold ${setting}: unknown threshold ${JSON.stringify(name)}: expected one of ${names}`);
      continue;
    }
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) {
      mistakes.push(`--threshold ${setting}: ${JSON.stringify(text)} is not a number`);
      continue;
    }
    const checked = ThresholdsSchema.safeParse({ [key]: value });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const reason =
        issue?.code === 'too_small'
          ? `must be at least ${String(issue.minimum)}`
          : issue?.code === 'invalid_type' && issue.expected === 'int'
            ? 'must be a whole number'
            : (issue?.message ?? 'invalid value');
      mistakes.push(`--threshold ${setting}: ${reason}`);
      continue;
    }
    thresholds[key] = value;
  }
  if (mistakes.length > 0) throw new UsageError(mistakes);
  return { rules, thresholds };
}

/**
 * The witness of each finding, with each step's place in the file. The
 * machine is loaded only when witnesses are asked for.
 */
async function witnessFindings(
  flow: Flow,
  findings: readonly Finding[],
  locate: Locate,
  options: WitnessOptions
): Promise<(FindingWitness | undefined)[]> {
  const { witnessesFor } = await import('../../core/witness/index.ts');
  const pointers = new Map<string, string>();
  flow.nodes.forEach((node, index) => {
    if (!pointers.has(node.id)) pointers.set(node.id, node.source?.pointer ?? indexedPointer('/nodes', index));
  });
  return witnessesFor(flow, findings, options).map((result) => {
    if (result === undefined) return undefined;
    if (result.witness === undefined) return { noWitness: result.noWitness };
    const trace = result.trace.map((step) => {
      const pointer = pointers.get(step.node) ?? '';
      const where = locateNearest(locate, pointer);
      return { ...step, pointer, ...(where ? { line: where.line, column: where.column } : {}) };
    });
    return { witness: result.witness, trace, ...(result.fix === undefined ? {} : { fix: result.fix }) };
  });
}

export async function runLint(paths: readonly string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  const lintOptions = parseLintOptions(options);
  checkBaseUsage(paths, options);
  const { files: loadedFiles, unusable: unreadable } = await loadPaths(paths, io);
  // The earlier version the flow is compared with (--base, --rev).
  const base = wantsBase(options) ? await loadBase(loadedFiles, options, io) : undefined;
  if (wantsBase(options) && base === undefined) return EXIT_USAGE;
  let unusable = unreadable;
  // Sub-flows are resolved among the flows linted together.
  const byId = flowsById(loadedFiles);
  const resolveSubflow = subflowResolver(byId.values());

  const reports: FileReport[] = [];
  for (const loaded of loadedFiles) {
    const file = loaded.file;
    if (loaded.ok !== true) {
      unusable = true;
      writeErrors(io, loaded.problems.map(formatProblem));
      reports.push({ ok: false, file, problems: loaded.problems });
      continue;
    }
    // A flow's own rule settings are checked like --rule: a misspelt id must not go unnoticed.
    const unknownRules = Object.keys(loaded.flow.lint?.rules ?? {}).filter((id) => ruleById(id) === undefined);
    if (unknownRules.length > 0) {
      const problems = unknownRules.map((id) => {
        const pointer = `/lint/rules/${escapeToken(id)}`;
        const where = locateNearest(loaded.locate, pointer);
        return {
          code: DIAGNOSTIC_CODES.unknownRule,
          severity: 'error' as const,
          file: file.file,
          pointer,
          message: `unknown rule ${JSON.stringify(id)} (run "zeroout rules" to list them)`,
          ...(where ? { line: where.line, column: where.column } : {})
        };
      });
      unusable = true;
      writeErrors(io, problems.map(formatProblem));
      reports.push({ ok: false, file, problems });
      continue;
    }
    try {
      const result = lintFlow(loaded.flow, { ...lintOptions, resolveSubflow, ...(base === undefined ? {} : { base }) });
      // What an import could not carry over exactly is said too, as information.
      const notes: Finding[] = loaded.notes.map((note) => ({
        ...note,
        rule: note.code,
        node: note.node ?? loaded.flow.start,
        nodes: note.nodes ?? [note.node ?? loaded.flow.start]
      }));
      const witnessed = options.witness === true ? await witnessFindings(loaded.flow, result.findings, loaded.locate, { resolveSubflow, resolveFlow: (id) => byId.get(id) }) : [];
      const findings = [...result.findings, ...notes].map((finding, index) => {
        const where = locateNearest(loaded.locate, finding.pointer);
        const withWitness = witnessed[index] === undefined ? finding : { ...finding, ...witnessed[index] };
        return where ? { ...withWitness, line: where.line, column: where.column } : withWitness;
      });
      reports.push({ ok: true, file, findings, metrics: result.metrics, entries: result.entries });
    } catch (error) {
      // A bug in a rule must not hide the other files' results, nor print a stack trace.
      const problem = {
        code: DIAGNOSTIC_CODES.internalError,
        severity: 'error' as const,
        file: file.file,
        pointer: '',
        message: `internal error while linting: ${error instanceof Error ? error.message : String(error)}`
      };
      unusable = true;
      writeErrors(io, [formatProblem(problem)]);
      reports.push({ ok: false, file, problems: [problem] });
    }
  }

  io.stdout.write(FORMATTERS[options.format](reports, { cwd: io.cwd, color: io.color }));
  if (unusable) return EXIT_USAGE;
  const failed = reports.some((report) => report.ok && report.findings.some((f) => f.severity === 'error'));
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

export function registerLint(program: Command, context: CommandContext): Command {
  return program
    .command('lint')
    .description('check flows for dead ends, trap loops, missing routes to a person and more')
    .argument('<paths...>', `flow files, or folders to search for ${FLOW_FILE_PATTERN}`)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('stylish')
    )
    .option('--rule <id=severity>', 'set a rule to off, info, warning or error (repeatable)', collect)
    .option(
      '--threshold <name=value>',
      `override a threshold (repeatable): ${[...THRESHOLD_OPTIONS.keys()].join(', ')}`,
      collect
    )
    .option('--base <file>', 'compare the flow with this earlier version of it (stale-translation); one flow only')
    .option('-r, --rev <revision>', 'compare the flow with its version at this git revision (HEAD, main, a commit); one flow only')
    .option('--witness', 'give each finding about what a caller lives through the call that shows it, run on the flow\'s machine (json: "witness"; sarif: a code flow)')
    .action(async (paths: string[], options: Partial<LintCommandOptions>) => {
      context.exitCode = await runLint(
        paths,
        { format: options.format ?? 'stylish', rule: options.rule ?? [], threshold: options.threshold ?? [], base: options.base, rev: options.rev, witness: options.witness },
        context.io
      );
    });
}
