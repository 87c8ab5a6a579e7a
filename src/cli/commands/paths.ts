/**
 * `zeroout paths <flow>`: the shortest call that reaches each node and takes
 * each transition, checked on the flow's XState machine, and how much of the
 * flow its saved test calls cover.
 *
 * Exit code 0, or 2 when the flow cannot be loaded.
 */
import { Option, type Command } from 'commander';
import { coverageOf, shortestPaths, type CallScript, type Coverage, type PathsResult } from '../../core/simulate/index.ts';
import type { CallStep, Flow } from '../../core/model/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { loadSingleFlow } from '../source.ts';

type PathsFormat = 'text' | 'json';

function stepText(step: CallStep): string {
  if ('press' in step) return `press ${step.press}`;
  if ('say' in step) return `say "${step.say}"`;
  if ('silence' in step) return 'silence';
  if ('hangup' in step) return 'hang up';
  return 'expect';
}

/** A script in one line: the caller's steps, then what the world must do. */
export function scriptText(script: CallScript): string {
  const parts = script.steps.map(stepText);
  const env = script.environment;
  const world = [
    // \`now\` only satisfies the rule that such calls say when they are placed; hours outcomes are forced.
    ...Object.entries(env.outcomes ?? {}).map(([node, outcome]) => `${node}: ${outcome}`),
    ...Object.entries(env.caller ?? {}).map(([name, value]) => `caller.${name} = ${JSON.stringify(value)}`),
    ...Object.entries(env.variables ?? {}).map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
  ];
  const said = parts.length === 0 ? '(no caller action)' : parts.join(', ');
  return world.length === 0 ? said : `${said}; with ${world.join(', ')}`;
}

const percent = (covered: number, total: number) => (total === 0 ? 100 : Math.round((covered / total) * 100));

function formatText(input: string, flow: Flow, paths: PathsResult, coverage: Coverage): string {
  const lines = [`${input}: ${flow.name}`, '', `Shortest calls to each node (${flow.nodes.length}):`];
  const width = Math.min(28, Math.max(...flow.nodes.map((n) => n.id.length)));
  for (const node of paths.nodes) {
    const label = node.node.padEnd(width);
    if (node.script === undefined) lines.push(`  ${label}  no call reaches it`);
    else if (node.node === flow.start) lines.push(`  ${label}  where calls start`);
    else lines.push(`  ${label}  ${scriptText(node.script)}${node.verified || !paths.verifiedAll ? '' : '  (not confirmed on the machine)'}`);
  }
  lines.push('', `Transitions (${paths.edges.length}), each with the shortest call that takes it:`);
  for (const edge of paths.edges) {
    lines.push(`  ${edge.from} —${edge.outcome}→ ${edge.to}  ${edge.script === undefined ? 'no call found' : scriptText(edge.script)}${edge.script !== undefined && !edge.verified && paths.verifiedAll ? '  (not confirmed on the machine)' : ''}`);
  }
  if (!paths.verifiedAll) lines.push('', 'The flow is too large to run every call on the machine: these calls were not confirmed.');
  lines.push(
    '',
    `Coverage by ${coverage.calls} saved test call${coverage.calls === 1 ? '' : 's'}: ` +
      `${coverage.nodes.covered} of ${coverage.nodes.total} nodes (${percent(coverage.nodes.covered, coverage.nodes.total)}%), ` +
      `${coverage.transitions.covered} of ${coverage.transitions.total} transitions (${percent(coverage.transitions.covered, coverage.transitions.total)}%)`
  );
  if (coverage.nodes.missing.length > 0) lines.push(`  nodes no test call reaches: ${coverage.nodes.missing.join(', ')}`);
  for (const t of coverage.transitions.missing) lines.push(`  not taken: ${t.from} —${t.outcomes.join('/')}→ ${t.to}`);
  return `${lines.join('\n')}\n`;
}

function formatJson(input: string, flow: Flow, paths: PathsResult, coverage: Coverage): string {
  const script = (s: CallScript | undefined) => (s === undefined ? null : { steps: s.steps, environment: s.environment });
  return `${JSON.stringify({
    file: input,
    flow: flow.id,
    verified: paths.verifiedAll,
    nodes: paths.nodes.map((n) => ({ node: n.node, call: script(n.script), verified: n.verified })),
    edges: paths.edges.map((e) => ({ from: e.from, outcome: e.outcome, to: e.to, call: script(e.script), verified: e.verified })),
    coverage
  })}\n`;
}

export async function runPaths(input: string, options: { format: PathsFormat }, io: CliIo): Promise<number> {
  const flow = await loadSingleFlow(input, io);
  if (!flow) return EXIT_USAGE;
  const paths = shortestPaths(flow);
  const coverage = coverageOf(flow);
  io.stdout.write(options.format === 'json' ? formatJson(input, flow, paths, coverage) : formatText(input, flow, paths, coverage));
  return EXIT_OK;
}

export function registerPaths(program: Command, context: CommandContext): Command {
  return program
    .command('paths')
    .description('the shortest call to each node and transition, and what the saved test calls cover')
    .argument('<flow>', 'a flow file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (input: string, options: { format: PathsFormat }) => {
      context.exitCode = await runPaths(input, options, context.io);
    });
}
