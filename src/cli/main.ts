/**
 * The `zeroout` command line. `main` parses the arguments, runs a command and
 * returns its exit code; it never calls `process.exit`, so it can run
 * in-process (tests pass their own io) as well as from `bin/zeroout.mjs`.
 *
 * Exit codes: 0 success, 1 lint found an error-severity finding, 2 usage
 * error or unusable input.
 */
import { Command, CommanderError } from 'commander';
import type { CommandContext } from './context.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.ts';
import { resolveIo, writeErrors, type CliIo } from './io.ts';
import { packageVersion } from './version.ts';

/** Adds one command to the program. */
export type RegisterCommand = (program: Command, context: CommandContext) => Command;

/**
 * Every command, in the order help lists them, each loaded only when it runs:
 * `zeroout lint` never reads the server's, the simulator's or the exporters'
 * code.
 */
const COMMANDS: ReadonlyMap<string, () => Promise<RegisterCommand>> = new Map([
  ['lint', async () => (await import('./commands/lint.ts')).registerLint],
  ['test', async () => (await import('./commands/test.ts')).registerTest],
  ['compile', async () => (await import('./commands/compile.ts')).registerCompile],
  ['export', async () => (await import('./commands/export.ts')).registerExport],
  ['graph', async () => (await import('./commands/graph.ts')).registerGraph],
  ['schema', async () => (await import('./commands/schema.ts')).registerSchema],
  ['rules', async () => (await import('./commands/rules.ts')).registerRules],
  ['serve', async () => (await import('./commands/serve.ts')).registerServe],
  ['paths', async () => (await import('./commands/paths.ts')).registerPaths],
  ['simulate', async () => (await import('./commands/simulate.ts')).registerSimulate],
  ['diff', async () => (await import('./commands/diff.ts')).registerDiff],
  ['report', async () => (await import('./commands/report.ts')).registerReport]
]);

/**
 * The commands `argv` needs: the one it names, or all of them for help, the
 * version and an unknown command (whose error suggests the nearest name).
 */
export async function commandsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  const load = argv[0] === undefined ? undefined : COMMANDS.get(argv[0]);
  if (load !== undefined) return [await load()];
  return Promise.all([...COMMANDS.values()].map((each) => each()));
}

/** The command tree, writing through `context.io` and throwing instead of exiting. */
export function createProgram(context: CommandContext, commands: readonly RegisterCommand[]): Command {
  const { io } = context;
  const program = new Command('zeroout');
  // Set before any subcommand is added: subcommands copy these settings when created.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false
    })
    .description('Design, lint and simulate phone menus (IVR flows) so no caller is ever trapped.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('Run "zeroout --help" for usage.');

  for (const register of commands) {
    const command = register(program, context);
    command.showHelpAfterError(
      `Usage: zeroout ${command.name()} ${command.usage()}\nRun "zeroout ${command.name()} --help" for details.`
    );
  }
  return program;
}

/**
 * Runs the CLI with `argv` (the arguments after the program name).
 *
 * @param io Where to write and which directory to resolve files against;
 *   defaults to the process's own.
 * @returns The exit code.
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const resolved = resolveIo(io);
  const context: CommandContext = { io: resolved, exitCode: EXIT_OK };
  try {
    await createProgram(context, await commandsFor(argv)).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or the error message.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      writeErrors(resolved, error.messages.map((message) => `error: ${message}`));
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeErrors(resolved, [`zeroout: internal error: ${message}`]);
    if (process.env['ZEROOUT_DEBUG'] && error instanceof Error && error.stack) resolved.stderr.write(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}
