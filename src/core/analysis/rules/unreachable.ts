import { nodeLabel } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'unreachable',
    severity: 'warning',
    description: 'No path from the start reaches the node.'
  },
  check({ graph, facts, report }) {
    const reachable = facts.reachable();
    for (const g of graph.nodes) {
      if (reachable[g.index]) continue;
      report({ node: g.id, message: `${nodeLabel(g)} cannot be reached from the start "${graph.nodes[graph.start]!.id}"` });
    }
  }
};

export default rule;
