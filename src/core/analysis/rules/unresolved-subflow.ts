import { nodeLabel } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'unresolved-subflow',
    severity: 'info',
    description:
      'A sub-flow that is not among the flows analysed together: it is assumed to return and to offer help.'
  },
  check({ graph, facts, report }) {
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind !== 'subflow') continue;
      if (facts.subflow(g.index)?.resolved) continue;
      report({
        node: g.id,
        message: `${nodeLabel(g)} runs flow ${JSON.stringify(g.node.flow)}, which was not found among the flows analysed; it is assumed to return and to offer help`,
        pointer: `${g.pointer}/flow`
      });
    }
  }
};

export default rule;
