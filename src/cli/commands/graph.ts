/** `zeroout graph <flow>`: prints the flow as a Mermaid flowchart or a Graphviz digraph. */
import { Option, type Command } from 'commander';
import { toDot, toMermaid } from '../../core/export/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { loadSingleFlow } from '../source.ts';

export type GraphFormat = 'mermaid' | 'dot';

export async function runGraph(input: string, options: { format: GraphFormat }, io: CliIo): Promise<number> {
  const flow = await loadSingleFlow(input, io);
  if (!flow) return EXIT_USAGE;
  io.stdout.write(options.format === 'dot' ? toDot(flow) : toMermaid(flow));
  return EXIT_OK;
}

export function registerGraph(program: Command, context: CommandContext): Command {
  return program
    .command('graph')
    .description('print a flow as a diagram (Mermaid or Graphviz DOT)')
    .argument('<flow>', 'a flow file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['mermaid', 'dot']).default('mermaid'))
    .action(async (input: string, options: { format: GraphFormat }) => {
      context.exitCode = await runGraph(input, options, context.io);
    });
}
