import { nodeLabel, nodeRef } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'unreachable',
    severity: 'warning',
    description: 'No path from the start (or any other entry point) reaches the node.'
  },
  check({ graph, facts, report }) {
    const reachable = facts.reachable();
    for (const g of graph.nodes) {
      if (reachable[g.index]) continue;
      const from =
        graph.entries.length === 1
          ? `the start ${nodeRef(graph.nodes[graph.start]!.node, graph.nodes[graph.start]!.id)}`
          : `any entry point (${graph.entries.map((entry) => nodeRef(graph.nodes[entry.index]!.node, graph.nodes[entry.index]!.id)).join(', ')})`;
      report({ node: g.id, message: `${nodeLabel(g)} cannot be reached from ${from}` });
    }
  }
};

export default rule;
