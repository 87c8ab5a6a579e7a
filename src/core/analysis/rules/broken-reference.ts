import { nodeLabel, outcomeLabel } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'broken-reference',
    severity: 'error',
    description: 'A transition names a node that does not exist.'
  },
  check({ graph, report }) {
    for (const broken of graph.broken) {
      const g = graph.nodes[broken.from]!;
      report({
        node: g.id,
        outcome: broken.outcome.name,
        message: `${nodeLabel(g)}: ${outcomeLabel(broken.outcome)} goes to ${JSON.stringify(broken.target)}, which does not exist`,
        pointer: g.pointer + broken.outcome.pointer,
        data: { target: broken.target }
      });
    }
  }
};

export default rule;
