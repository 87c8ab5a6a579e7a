/**
 * Comparing the open flow with another version on the canvas: the semantic
 * diff (the same as `zeroout diff`), turned into what the canvas marks.
 * Nodes added or changed are marked in place; removed nodes come back as
 * ghosts where they stood; routes rewired are marked, and the routes they
 * replaced are drawn as ghosts too.
 */
import { lintFlow, type LintResult } from '../../core/analysis/index.ts';
import { outcomesOf, type Flow, type FlowNode } from '../../core/model/index.ts';
import { diffFlows, outcomeLabel, type FlowDiff, type NodeChange } from '../../core/review/index.ts';

/** The version the open flow is compared with. */
export interface Comparison {
  /** What it is, for the reader: "the saved version", "bank-copy", "bank.json". */
  readonly label: string;
  readonly base: Flow;
}

/** A route of the other version that is no longer there: drawn as a ghost. */
export interface GoneRoute {
  /** The node it leaves from, as the canvas names it (a removed node's ghost id). */
  readonly source: string;
  readonly outcome: string;
  /** The node it led to, as the canvas names it. */
  readonly target: string;
}

export interface CompareView {
  readonly label: string;
  readonly diff: FlowDiff;
  readonly status: ReadonlyMap<string, 'added' | 'changed'>;
  /** Removed nodes, as they were, to draw as ghosts. */
  readonly removed: readonly FlowNode[];
  /** Routes new or rewired, as `node \0 outcome`. */
  readonly changedRoutes: ReadonlySet<string>;
  readonly goneRoutes: readonly GoneRoute[];
  /** The changes in order, to step through. */
  readonly steps: readonly CompareStep[];
}

export interface CompareStep {
  /** The canvas node to show: the node, or a removed node's ghost. */
  readonly canvasId: string;
  readonly change: NodeChange;
  /** One line: what changed. */
  readonly text: string;
}

/** The canvas id of a removed node's ghost (a prefix no designer writes). */
export function ghostId(id: string): string {
  return `~removed~${id}`;
}

export function routeKey(node: string, outcome: string): string {
  return `${node}\u0000${outcome}`;
}

/** What changed at a node, in a few words. */
function stepText(change: NodeChange): string {
  if (change.status === 'added') return `${change.node} (${change.kind}) added`;
  if (change.status === 'removed') return `${change.node} (${change.kind}) removed`;
  const parts: string[] = [];
  if (change.renamedFrom !== undefined) parts.push(`renamed from ${change.renamedFrom}`);
  if (change.kindBefore !== undefined) parts.push(`kind was ${change.kindBefore}`);
  if (change.name !== undefined) parts.push('name');
  if (change.prompts.length > 0) parts.push(change.prompts.map((p) => p.field).join(', '));
  if (change.routes.length > 0) parts.push(change.routes.map((r) => outcomeLabel(r.outcome)).join(', '));
  if (change.settings.length > 0) parts.push(change.settings.map((s) => s.pointer.slice(1)).join(', '));
  return `${change.node} (${change.kind}): ${parts.join('; ')}`;
}

/** The other version's lint, made once per version however often the open flow changes. */
const baseLint = new WeakMap<Flow, LintResult>();

/** The comparison as the canvas shows it; `currentLint`, the open flow's lint when it is at hand. */
export function compareView(comparison: Comparison, current: Flow, currentLint?: LintResult): CompareView {
  let before = baseLint.get(comparison.base);
  if (before === undefined) {
    before = lintFlow(comparison.base);
    baseLint.set(comparison.base, before);
  }
  const diff = diffFlows(comparison.base, current, { linted: { before, ...(currentLint === undefined ? {} : { after: currentLint }) } });
  const status = new Map<string, 'added' | 'changed'>();
  const changedRoutes = new Set<string>();
  const goneRoutes: GoneRoute[] = [];
  const removed: FlowNode[] = [];
  const baseById = new Map(comparison.base.nodes.map((n) => [n.id, n]));
  const currentIds = new Set(current.nodes.map((n) => n.id));
  const removedIds = new Set(diff.nodes.filter((c) => c.status === 'removed').map((c) => c.node));
  // A route's old target as the canvas names it: a node of the open flow, or a removed node's ghost.
  const canvasTarget = (id: string): string | undefined => (removedIds.has(id) ? ghostId(id) : currentIds.has(id) ? id : undefined);
  for (const change of diff.nodes) {
    if (change.status === 'removed') {
      const node = baseById.get(change.node);
      if (node === undefined) continue;
      removed.push(node);
      for (const o of outcomesOf(node)) {
        const target = o.target === undefined ? undefined : canvasTarget(o.target);
        if (target !== undefined) goneRoutes.push({ source: ghostId(node.id), outcome: o.name, target });
      }
      continue;
    }
    status.set(change.node, change.status);
    for (const route of change.routes) {
      if (route.after !== undefined && route.after !== null) changedRoutes.add(routeKey(change.node, route.outcome));
      const before = route.before === undefined || route.before === null ? undefined : canvasTarget(route.before);
      if (before !== undefined) goneRoutes.push({ source: change.node, outcome: route.outcome, target: before });
    }
  }
  const steps = diff.nodes.map((change) => ({ canvasId: change.status === 'removed' ? ghostId(change.node) : change.node, change, text: stepText(change) }));
  return { label: comparison.label, diff, status, removed, changedRoutes, goneRoutes, steps };
}
