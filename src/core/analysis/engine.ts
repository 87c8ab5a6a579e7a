/**
 * The lint engine: builds a flow's graph once, hands every enabled rule the
 * same lazily computed facts, and collects findings and per-node metrics.
 */
import type { Channel, Flow, FlowRole } from '../model/types.ts';
import { computeFacts, type Facts, type SubflowResolver } from './facts.ts';
import { computeFeasibility } from './feasible.ts';
import { buildGraph, withoutEdges, type FlowGraph } from './graph.ts';
import { readingPromptsOnce } from './keys-in-prompt.ts';
import { RULES } from './rules/index.ts';
import {
  DEFAULT_THRESHOLDS,
  type Finding,
  type ResolvedThresholds,
  type Rule,
  type SeveritySetting
} from './types.ts';

export { RULES };

export interface LintOptions {
  /** Rule id → severity; overrides the flow's own `lint.rules`. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /** Overrides the flow's own `lint.thresholds`. */
  readonly thresholds?: Partial<ResolvedThresholds>;
  /** Tells what is known of another flow that a sub-flow node runs. */
  readonly resolveSubflow?: SubflowResolver;
  /** An earlier version of the flow, for rules that compare with it (stale-translation); without it they find nothing. */
  readonly base?: Flow;
}

export interface NodeMetric {
  readonly node: string;
  /** Caller seconds from this node to the nearest person; null when none is reachable. */
  readonly secondsToHuman: number | null;
  /** Menu choices needed to reach this node; null when unreachable. */
  readonly menuDepth: number | null;
  readonly reachable: boolean;
}

export interface LintMetrics {
  readonly nodes: number;
  readonly edges: number;
  readonly menus: number;
  readonly reachableNodes: number;
  readonly humanEndpoints: number;
  /** Caller seconds from the start to the nearest person; null when no person is reachable. */
  readonly secondsToHuman: number | null;
  /** The deepest menu's depth in menu choices; null when the flow has no reachable menu. */
  readonly maxMenuDepth: number | null;
  readonly perNode: readonly NodeMetric[];
}

/** An entry point as lint analysed it: where it starts, on what channel, in what role (and the vendor event, when one starts it). */
export interface AnalysedEntry {
  readonly start: string;
  readonly channel: Channel;
  readonly role: FlowRole;
  readonly event?: string;
}

export interface LintResult {
  readonly findings: readonly Finding[];
  readonly metrics: LintMetrics;
  /** Every entry point, the start first. */
  readonly entries: readonly AnalysedEntry[];
}

/** A flow's entry points with their defaults filled in: the start (voice, inbound unless the flow says otherwise), then its other entries. */
export function entriesOf(flow: Flow): AnalysedEntry[] {
  const role = flow.role ?? 'inbound';
  return [
    { start: flow.start, channel: flow.channel ?? 'voice', role },
    ...(flow.entries ?? []).map((entry) => ({ start: entry.start, channel: entry.channel, role: entry.role ?? role, ...(entry.event === undefined ? {} : { event: entry.event }) }))
  ];
}

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

const round = (seconds: number): number | null => (Number.isFinite(seconds) ? Math.round(seconds * 10) / 10 : null);

export function resolveThresholds(flow: Flow, overrides?: Partial<ResolvedThresholds>): ResolvedThresholds {
  const fromFlow = Object.fromEntries(
    Object.entries(flow.lint?.thresholds ?? {}).filter(([, value]) => value !== undefined)
  ) as Partial<ResolvedThresholds>;
  return { ...DEFAULT_THRESHOLDS, ...fromFlow, ...overrides };
}

/** A flow as the rules see it: its graph (without the edges no call can take), the facts about it, the thresholds. */
export interface Analysed {
  readonly graph: FlowGraph;
  readonly facts: Facts;
  readonly thresholds: ResolvedThresholds;
}

export function analyse(flow: Flow, options: Pick<LintOptions, 'thresholds' | 'resolveSubflow'> = {}): Analysed {
  const thresholds = resolveThresholds(flow, options.thresholds);
  const resolve = options.resolveSubflow;
  const built = buildGraph(flow, thresholds.wordsPerMinute, resolve && ((id) => resolve(id)?.returns === false));
  // Branch cases that no call can take, given what earlier branches and sets on the same call decided, are left out.
  const feasibility = computeFeasibility(built);
  const graph = feasibility === undefined ? built : withoutEdges(built, feasibility.contradicted);
  return { graph, facts: computeFacts(graph, options.resolveSubflow, { flowId: flow.id }), thresholds };
}

export function lintFlow(flow: Flow, options: LintOptions = {}): LintResult {
  // Several rules read each prompt's keys and goals: each text is read once.
  return readingPromptsOnce(() => lintAnalysed(flow, options));
}

function lintAnalysed(flow: Flow, options: LintOptions): LintResult {
  const { graph, facts, thresholds } = analyse(flow, options);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const id = rule.meta.id;
    const setting =
      (options.rules && Object.hasOwn(options.rules, id) ? options.rules[id] : undefined) ??
      (flow.lint?.rules && Object.hasOwn(flow.lint.rules, id) ? flow.lint.rules[id] : undefined) ??
      rule.meta.severity;
    if (setting === 'off') continue;
    rule.check({
      flow,
      graph,
      facts,
      thresholds,
      ...(options.base === undefined ? {} : { base: options.base }),
      report(report) {
        const index = graph.byId.get(report.node);
        const nodes = report.nodes && report.nodes.length > 0 ? [...report.nodes] : [report.node];
        if (nodes[0] !== report.node) nodes.unshift(report.node);
        let outcome = report.outcome;
        let pointer = report.pointer ?? (index === undefined ? '' : graph.nodes[index]!.pointer);
        let message = report.message;
        // An imported node speaks the vendor's language: its outcome names and
        // the place in the vendor file.
        const source = index === undefined ? undefined : graph.nodes[index]!.node.source;
        if (source !== undefined) {
          const vendor =
            outcome !== undefined && source.outcomes !== undefined && Object.hasOwn(source.outcomes, outcome)
              ? source.outcomes[outcome]
              : undefined;
          if (vendor !== undefined && vendor.name !== outcome) {
            message = message.split(`"${outcome}"`).join(`"${vendor.name}"`);
            outcome = vendor.name;
          }
          pointer = vendor?.pointer ?? source.pointer;
        }
        findings.push({
          code: id,
          rule: id,
          severity: setting,
          node: report.node,
          nodes,
          ...(outcome === undefined ? {} : { outcome }),
          message,
          pointer,
          ...(report.data === undefined ? {} : { data: report.data })
        });
      }
    });
  }

  const reachable = facts.reachable();
  const toHuman = facts.toHuman().seconds;
  const depth = facts.menuDepth().depth;
  let maxMenuDepth: number | null = null;
  let reachableNodes = 0;
  let menus = 0;
  let humanEndpoints = 0;
  for (let i = 0; i < graph.nodes.length; i++) {
    const g = graph.nodes[i]!;
    if (reachable[i]) reachableNodes++;
    if (g.help === 'human') humanEndpoints++;
    if (g.node.kind === 'menu') {
      menus++;
      if (reachable[i] && Number.isFinite(depth[i]!)) maxMenuDepth = Math.max(maxMenuDepth ?? 0, depth[i]!);
    }
  }
  // A line per node, made when it is first read (the designer's overlays, --format json): a lint in CI reads none.
  let perNode: NodeMetric[] | undefined;
  const nodeMetrics = (): NodeMetric[] =>
    (perNode ??= graph.nodes.map((g, i) => ({
      node: g.id,
      secondsToHuman: round(toHuman[i]!),
      menuDepth: Number.isFinite(depth[i]!) ? depth[i]! : null,
      reachable: reachable[i] === 1
    })));
  return {
    findings,
    entries: entriesOf(flow),
    metrics: {
      nodes: graph.nodes.length,
      edges: graph.edgeCount + graph.contradicted.length,
      menus,
      reachableNodes,
      humanEndpoints,
      secondsToHuman: round(toHuman[graph.start]!),
      maxMenuDepth,
      get perNode() {
        return nodeMetrics();
      }
    }
  };
}
