/**
 * `zeroout export <flow> --to <format> [-o file] [--env map.json]`: writes a
 * flow in another format: a vendor's (the formats registry lists them), an
 * XState machine or a Mermaid diagram.
 *
 * A vendor export is verified: imported back and checked against the design
 * (the calls `paths` finds end alike; lint adds no rule). Exit code 0 when
 * written, 1 when the export does not verify (nothing is written unless
 * --force), 2 when the flow, the environment map or the options cannot be
 * used, or the flow cannot be expressed in the target format (each problem
 * is said).
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { lintFlow } from '../../core/analysis/index.ts';
import {
  describeVerification,
  EXPORT_FORMATS,
  errorFindingsWarning,
  EXPORT_TARGETS,
  exportFlow,
  verifyExportText,
  type ExportTarget
} from '../../core/export/index.ts';
import { listOf, readEnvironment, VENDOR_FORMATS, type Environment, type EnvironmentResult } from '../../core/formats/index.ts';
import { locateDiagnostics } from '../../core/json/index.ts';
import { formatProblem, parseJson, type Flow } from '../../core/model/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors.ts';
import { describeFsError, readText } from '../files.ts';
import { writeErrors, type CliIo } from '../io.ts';
import { writeAtomically } from '../server/diskSafety.ts';
import { loadSingleFlow } from '../source.ts';
import { formatNote } from '../../core/diagnostic/index.ts';

export { EXPORT_TARGETS, type ExportTarget };

/** What the vendors call a reference to an account's resource, for help: "ARNs, SIDs". */
const REFERENCES = [...new Set(VENDOR_FORMATS.map((format) => `${format.reference}s`))].sort().join(', ');

export interface ExportCommandOptions {
  readonly to: ExportTarget;
  readonly output?: string;
  readonly env?: string;
  /** False with --no-verify. */
  readonly verify: boolean;
  /** Write the export even when it does not verify. */
  readonly force?: boolean;
}

/** Reads an environment map (by kind, or flat and read against the flow it ships). */
async function readEnvironmentFile(file: string, flow: Flow, io: CliIo): Promise<EnvironmentResult> {
  const read = await readText({ file, path: path.resolve(io.cwd, file), format: 'detect' });
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const parsed = parseJson(read.text, file);
  if (!parsed.ok) return { ok: false, problems: locateDiagnostics(parsed.problems, read.text) };
  const result = readEnvironment(parsed.value, file, flow);
  return result.ok ? result : { ok: false, problems: locateDiagnostics(result.problems, read.text) };
}

export async function runExport(input: string, options: ExportCommandOptions, io: CliIo): Promise<number> {
  const flow = await loadSingleFlow(input, io);
  if (!flow) return EXIT_USAGE;
  let environment: Environment | undefined;
  if (options.env !== undefined) {
    const read = await readEnvironmentFile(options.env, flow, io);
    if (!read.ok) {
      writeErrors(io, read.problems.map(formatProblem));
      return EXIT_USAGE;
    }
    environment = read.environment;
  }
  const asModule = options.output !== undefined && /\.m?ts$/i.test(options.output);
  const rendered = exportFlow(flow, input, options.to, environment === undefined ? {} : { environment }, asModule);
  if (!rendered.ok) {
    writeErrors(io, rendered.problems.map(formatProblem));
    return EXIT_USAGE;
  }
  writeErrors(io, rendered.notes.map(formatNote));
  const { findings } = lintFlow(flow);
  const warning = errorFindingsWarning(findings);
  if (warning !== undefined) writeErrors(io, [`${input}: warning: ${warning}`]);
  if (options.verify) {
    const verification = verifyExportText(flow, options.to, rendered.text, `${input}.${options.to}`, environment, findings, rendered.origins);
    if (verification !== undefined) {
      writeErrors(io, [`${input}: ${describeVerification(verification)}`]);
      if (!verification.ok && options.force !== true) {
        writeErrors(io, [`${input}: nothing written: the export would not treat callers as the design does (--force writes it all the same, --no-verify skips the check)`]);
        return EXIT_FINDINGS;
      }
    }
  }
  if (options.output === undefined) {
    io.stdout.write(rendered.text);
    return EXIT_OK;
  }
  try {
    // Whole or not at all: a temporary file beside it, removed again whatever fails (a folder in the way, a full disk).
    await writeAtomically(path.resolve(io.cwd, options.output), rendered.text, undefined);
  } catch (error) {
    writeErrors(io, [`${options.output}: cannot write the file: ${describeFsError(error)}`]);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

export function registerExport(program: Command, context: CommandContext): Command {
  return program
    .command('export')
    .description(`write a flow as ${listOf(EXPORT_FORMATS.map((format) => format.name), 'or')}`)
    .argument('<flow>', 'a flow file (native or vendor)')
    .addOption(new Option('--to <format>', 'the format to write').choices([...EXPORT_TARGETS]).makeOptionMandatory())
    .option('-o, --output <file>', 'write to a file instead of standard output (for xstate, a .ts file gets a TypeScript module)')
    .option(
      '--env <map.json>',
      `the account's references (${REFERENCES}) for the names the flow uses, by kind: {"queues": {…}, "mailboxes": {…}, "flows": {…}, "functions": {…}, "hours": {…}, "settings": {…}}`
    )
    .option('--no-verify', "skip importing the export back and checking it treats callers as the design does")
    .option('--force', 'write the export even when it does not verify')
    .action(async (input: string, options: ExportCommandOptions) => {
      context.exitCode = await runExport(input, options, context.io);
    });
}
