import { conditionVars } from '../../model/conditions.ts';
import { nodeLabel, outcomeLabel } from '../describe.ts';
import { stronglyConnected } from '../facts.ts';
import type { Edge, FlowGraph } from '../graph.ts';
import type { Rule } from '../types.ts';

function hasOwnLimit(graph: FlowGraph, v: number): boolean {
  const node = graph.nodes[v]!.node;
  return (node.kind === 'menu' || node.kind === 'input') && node.maxRetries !== undefined;
}

const rule: Rule = {
  meta: {
    id: 'unbounded-retry',
    severity: 'warning',
    description:
      'No input or invalid input leads back to the same menu or input without passing a retry limit, so a caller can go round forever.'
  },
  check({ graph, facts, report }) {
    const counters = facts.counters();
    const countsRetries = (v: number): boolean => {
      const node = graph.nodes[v]!.node;
      return node.kind === 'branch' && node.cases.some((c) => conditionVars(c.when).some((name) => counters.has(name)));
    };
    // The retry graph: the no-input / invalid edges of inputs without a limit of
    // their own, and the automatic edges of every other node except a branch on
    // a counter. A retry edge that closes a cycle in it is unbounded.
    const keep = (edge: Edge): boolean => {
      const from = graph.nodes[edge.from]!;
      if (edge.outcome.afterHelp) return false;
      if (from.input) {
        return (edge.outcome.retry === 'noInput' || edge.outcome.retry === 'invalid') && !hasOwnLimit(graph, edge.from);
      }
      return !countsRetries(edge.from);
    };
    const { of } = stronglyConnected(graph, keep);
    for (const g of graph.nodes) {
      if (!g.input || hasOwnLimit(graph, g.index)) continue;
      for (const edge of graph.out[g.index]!) {
        if (!keep(edge) || of[edge.to] !== of[g.index]) continue;
        const target = graph.nodes[edge.to]!;
        report({
          node: g.id,
          nodes: target.index === g.index ? [g.id] : [g.id, target.id],
          outcome: edge.outcome.name,
          message: `${nodeLabel(g)}: ${outcomeLabel(edge.outcome)} leads back here with no retry limit (set "maxRetries" and "onMaxRetries")`,
          pointer: g.pointer + edge.outcome.pointer
        });
      }
    }
  }
};

export default rule;
