import { conditionVars } from '../../model/conditions.ts';
import { nodeLabel, nodeRef, outcomeLabel } from '../describe.ts';
import { stronglyConnected, type Facts } from '../facts.ts';
import type { Edge, FlowGraph } from '../graph.ts';
import type { Rule } from '../types.ts';

function hasOwnLimit(graph: FlowGraph, v: number): boolean {
  const node = graph.nodes[v]!.node;
  return (node.kind === 'menu' || node.kind === 'input') && node.maxRetries !== undefined;
}

/**
 * The retry graph: what a caller who only stays silent or presses wrong
 * keys goes through. An input without a limit of its own goes on by its
 * no-input and invalid edges; one with a limit, only once the limit is used
 * up; every other node by its automatic edges, except a branch on a counter,
 * which is a limit too. A retry edge that closes a cycle in it is unbounded:
 * the caller comes back to where they were, and round again.
 */
export function retryEdges(graph: FlowGraph, facts: Facts): (edge: Edge) => boolean {
  const counters = facts.counters();
  const countsRetries = (v: number): boolean => {
    const node = graph.nodes[v]!.node;
    return node.kind === 'branch' && node.cases.some((c) => conditionVars(c.when).some((name) => counters.has(name)));
  };
  return (edge) => {
    const from = graph.nodes[edge.from]!;
    if (edge.outcome.afterHelp) return false;
    if (from.input) {
      return hasOwnLimit(graph, edge.from)
        ? edge.outcome.retry === 'maxRetries'
        : edge.outcome.retry === 'noInput' || edge.outcome.retry === 'invalid';
    }
    return !countsRetries(edge.from);
  };
}

const rule: Rule = {
  meta: {
    id: 'unbounded-retry',
    severity: 'warning',
    description:
      'No input or invalid input leads back to the same menu or input without passing a retry limit, so a caller can go round forever.'
  },
  check({ graph, facts, report }) {
    const keep = retryEdges(graph, facts);
    const { of } = stronglyConnected(graph, keep);
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (!g.input) continue;
      const edges = graph.out[g.index]!;
      for (let e = 0; e < edges.length; e++) {
        const edge = edges[e]!;
        if (!keep(edge) || of[edge.to] !== of[g.index]) continue;
        const target = graph.nodes[edge.to]!;
        const limited = edge.outcome.retry === 'maxRetries';
        report({
          node: g.id,
          nodes: target.index === g.index ? [g.id] : [g.id, target.id],
          outcome: edge.outcome.name,
          message: limited
            ? `${nodeLabel(g)}: when the retries run out, the call comes back round to retry again (${nodeRef(target.node, target.id)}): send "onMaxRetries" somewhere that ends the loop`
            : `${nodeLabel(g)}: ${outcomeLabel(edge.outcome)} leads back here with no retry limit (set "maxRetries" and "onMaxRetries")`,
          pointer: g.pointer + edge.outcome.pointer
        });
      }
    }
  }
};

export default rule;
