/**
 * `zeroout graph <flow> [--format mermaid|dot|svg] [-o file]`: the flow as a
 * Mermaid flowchart, a Graphviz digraph, or a picture of the designer's canvas
 * (SVG, with the lint's error and warning badges and trap loops in red).
 *
 * A flow whose nodes have no positions (a vendor file, a flow written by
 * hand) is laid out for the picture as the designer lays out an import: ELK,
 * left to right, keys in order.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { lintFlow } from '../../core/analysis/index.ts';
import { svgCardSizes, toDot, toMermaid, toSvg } from '../../core/export/index.ts';
import type { Flow } from '../../core/model/index.ts';
import { layoutPositions } from '../../core/layout/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE } from '../errors.ts';
import { describeFsError } from '../files.ts';
import { writeErrors, type CliIo } from '../io.ts';
import { writeAtomically } from '../server/diskSafety.ts';
import { loadSingleFlow } from '../source.ts';

export type GraphFormat = 'mermaid' | 'dot' | 'svg';

export interface GraphOptions {
  readonly format: GraphFormat;
  readonly output?: string;
}

/** The flow drawn as the designer draws it, laid out first when any node lacks a position. */
async function picture(flow: Flow): Promise<string> {
  let findings;
  try {
    findings = lintFlow(flow).findings;
  } catch {
    // A flow the lint cannot analyse is still drawn, without its findings.
    findings = undefined;
  }
  const positions = flow.nodes.some((node) => node.position === undefined) ? await layoutPositions(flow, svgCardSizes(flow)) : undefined;
  return toSvg(flow, { ...(positions === undefined ? {} : { positions }), ...(findings === undefined ? {} : { findings }) });
}

export async function runGraph(input: string, options: GraphOptions, io: CliIo): Promise<number> {
  const flow = await loadSingleFlow(input, io);
  if (!flow) return EXIT_USAGE;
  const text = options.format === 'svg' ? await picture(flow) : options.format === 'dot' ? toDot(flow) : toMermaid(flow);
  if (options.output === undefined) {
    io.stdout.write(text);
    return EXIT_OK;
  }
  try {
    // Whole or not at all, as `export -o` writes.
    await writeAtomically(path.resolve(io.cwd, options.output), text, undefined);
  } catch (error) {
    writeErrors(io, [`${options.output}: cannot write the file: ${describeFsError(error)}`]);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

export function registerGraph(program: Command, context: CommandContext): Command {
  return program
    .command('graph')
    .description('print a flow as a diagram (Mermaid, Graphviz DOT, or an SVG picture of the designer\'s canvas)')
    .argument('<flow>', 'a flow file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['mermaid', 'dot', 'svg']).default('mermaid'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (input: string, options: GraphOptions) => {
      context.exitCode = await runGraph(input, options, context.io);
    });
}
