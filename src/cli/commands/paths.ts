/**
 * `zeroout paths <flow>`: the shortest call that reaches each node and takes
 * each transition, checked on the flow's XState machine, and how much of the
 * flow its saved test calls cover.
 *
 * Exit code 0, or 2 when the flow cannot be loaded.
 */
import { Option, type Command } from 'commander';
import { coverageOf, shortestPaths, type CallScript, type Continuation, type Coverage, type PathsResult } from '../../core/simulate/index.ts';
import type { CallStep, Flow } from '../../core/model/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, EXIT_USAGE } from '../errors.ts';
import { textLines, type CliIo } from '../io.ts';
import { loadSingleFlow } from '../source.ts';

type PathsFormat = 'text' | 'json';

function stepText(step: CallStep): string {
  if ('press' in step) return `press ${step.press}`;
  if ('say' in step) return `say "${step.say}"`;
  if ('silence' in step) return 'silence';
  if ('hangup' in step) return 'hang up';
  return 'expect';
}

/**
 * The most steps and environment entries a call is written out with in full.
 * A longer one is written as the call it continues and what it adds, so the
 * output of a chain of a thousand menus grows with the chain, not with its
 * square (no real flow needs a hundred steps to reach a node).
 */
export const WRITTEN_OUT = 100;

/** A path's call: in full, or, when longer than {@link WRITTEN_OUT}, as the call it continues and what it adds. */
function callOf(path: { readonly script?: CallScript; readonly continues?: Continuation }): { full: CallScript } | { continues: Continuation } | undefined {
  if (path.continues !== undefined && path.continues.size > WRITTEN_OUT) return { continues: path.continues };
  return path.script === undefined ? undefined : { full: path.script };
}

/** A path's call in one line (see {@link callOf}). */
function callText(call: { full: CallScript } | { continues: Continuation }): string {
  if ('full' in call) return scriptText(call.full);
  const { after, steps, environment } = call.continues;
  const nothing = steps.length === 0 && Object.keys(environment).length === 0;
  return nothing ? `the call to ${after}` : `the call to ${after}, then ${scriptText(call.continues)}`;
}

/** A script in one line: the caller's steps, then what the world must do. */
export function scriptText(script: Pick<CallScript, 'steps' | 'environment'>): string {
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
    const call = callOf(node);
    if (call === undefined) lines.push(`  ${label}  no call reaches it`);
    else if (node.node === flow.start) lines.push(`  ${label}  where calls start`);
    else lines.push(`  ${label}  ${callText(call)}${node.verified || !paths.verifiedAll ? '' : '  (not confirmed on the machine)'}`);
  }
  lines.push('', `Transitions (${paths.edges.length}), each with the shortest call that takes it:`);
  for (const edge of paths.edges) {
    const call = callOf(edge);
    lines.push(`  ${edge.from} —${edge.outcome}→ ${edge.to}  ${call === undefined ? 'no call found' : callText(call)}${call !== undefined && !edge.verified && paths.verifiedAll ? '  (not confirmed on the machine)' : ''}`);
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
  return textLines(lines);
}

function formatJson(input: string, flow: Flow, paths: PathsResult, coverage: Coverage): string {
  // A call longer than WRITTEN_OUT names the node whose call it continues (`after`) and gives only what it adds.
  const script = (path: { readonly script?: CallScript; readonly continues?: Continuation }) => {
    const call = callOf(path);
    if (call === undefined) return null;
    if ('full' in call) return { steps: call.full.steps, environment: call.full.environment };
    return { after: call.continues.after, steps: call.continues.steps, environment: call.continues.environment };
  };
  return `${JSON.stringify({
    file: input,
    flow: flow.id,
    verified: paths.verifiedAll,
    nodes: paths.nodes.map((n) => ({ node: n.node, call: script(n), verified: n.verified })),
    edges: paths.edges.map((e) => ({ from: e.from, outcome: e.outcome, to: e.to, call: script(e), verified: e.verified })),
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
