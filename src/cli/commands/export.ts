/**
 * `zeroout export <flow> --to <format> [-o file] [--env map.json]`: writes a
 * flow in another format: a vendor's (the formats registry lists them), an
 * XState machine or a Mermaid diagram.
 *
 * Exit code 0 when written, 2 when the flow, the environment map or the
 * options cannot be used, or the flow cannot be expressed in the target
 * format (each problem is said).
 */
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, EXPORT_TARGETS, exportFlow, type ExportTarget } from '../../core/export/index.ts';
import { listOf, VENDOR_FORMATS, type ExportOptions } from '../../core/formats/index.ts';
import { escapeToken } from '../../core/json/index.ts';
import { formatProblem, parseJson, type Problem } from '../../core/model/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE } from '../errors.ts';
import { describeFsError, readText } from '../files.ts';
import { writeErrors, type CliIo } from '../io.ts';
import { loadSingleFlow } from '../source.ts';
import { DIAGNOSTIC_CODES, formatNote } from '../../core/diagnostic/index.ts';

export { EXPORT_TARGETS, type ExportTarget };

/** What the vendors call a reference to an account's resource, for help: "ARNs, SIDs". */
const REFERENCES = [...new Set(VENDOR_FORMATS.map((format) => `${format.reference}s`))].sort().join(', ');

export interface ExportCommandOptions {
  readonly to: ExportTarget;
  readonly output?: string;
  readonly env?: string;
}

/** Reads an environment map: a JSON object of names to references (strings). */
async function readEnv(file: string, io: CliIo): Promise<{ ok: true; env: Record<string, string> } | { ok: false; problems: Problem[] }> {
  const read = await readText({ file, path: path.resolve(io.cwd, file), format: 'detect' });
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const parsed = parseJson(read.text, file);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: '', message: 'an environment map is a JSON object of names to references, such as {"Support": "arn:aws:connect:…"}' }] };
  }
  const env: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const [name, reference] of Object.entries(value)) {
    if (typeof reference !== 'string') {
      problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: `/${escapeToken(name)}`, message: `the reference for ${JSON.stringify(name)} must be a string` });
    } else {
      Object.defineProperty(env, name, { value: reference, enumerable: true, writable: true, configurable: true });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, env };
}

/** The text of the flow in the target format, or the problems that stop it. */
/** Writes a file whole or not at all: a temporary file beside it, then a rename. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

export async function runExport(input: string, options: ExportCommandOptions, io: CliIo): Promise<number> {
  let env: Record<string, string> | undefined;
  if (options.env !== undefined) {
    const read = await readEnv(options.env, io);
    if (!read.ok) {
      writeErrors(io, read.problems.map(formatProblem));
      return EXIT_USAGE;
    }
    env = read.env;
  }
  const flow = await loadSingleFlow(input, io);
  if (!flow) return EXIT_USAGE;
  const asModule = options.output !== undefined && /\.m?ts$/i.test(options.output);
  const rendered = exportFlow(flow, input, options.to, env === undefined ? {} : { env }, asModule);
  if (!rendered.ok) {
    writeErrors(io, rendered.problems.map(formatProblem));
    return EXIT_USAGE;
  }
  writeErrors(io, rendered.notes.map(formatNote));
  if (options.output === undefined) {
    io.stdout.write(rendered.text);
    return EXIT_OK;
  }
  try {
    await writeAtomically(path.resolve(io.cwd, options.output), rendered.text);
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
    .option('--env <map.json>', `names in the flow (queues, flows, services) mapped to the account's references (${REFERENCES})`)
    .action(async (input: string, options: ExportCommandOptions) => {
      context.exitCode = await runExport(input, options, context.io);
    });
}
