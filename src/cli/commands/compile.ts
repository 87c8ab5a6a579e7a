/** `zeroout compile <flow>`: prints the flow's XState machine config, as JSON or as a TS module. */
import { Option, type Command } from 'commander';
import { compile } from '../../core/compile/index.ts';
import { machineModule } from '../../core/export/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { loadSingleFlow } from '../source.ts';

export type CompileFormat = 'json' | 'ts';

/**
 * The machine as a TypeScript module: the config, and the machine XState's
 * `createMachine` builds from it (for Stately's editor and for reading).
 */
export async function runCompile(input: string, options: { format: CompileFormat }, io: CliIo): Promise<number> {
  const flow = await loadSingleFlow(input, io);
  if (!flow) return EXIT_USAGE;
  const json = JSON.stringify(compile(flow), null, 2);
  io.stdout.write(options.format === 'ts' ? machineModule(json, input) : `${json}\n`);
  return EXIT_OK;
}

export function registerCompile(program: Command, context: CommandContext): Command {
  return program
    .command('compile')
    .description('print the XState v5 machine config of a flow')
    .argument('<flow>', 'a flow file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'ts']).default('json'))
    .action(async (input: string, options: { format: CompileFormat }) => {
      context.exitCode = await runCompile(input, options, context.io);
    });
}
