import { nodeLabel } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'no-agent-option',
    severity: 'warning',
    description: 'A menu with no choice that leads straight to a person (no "press 0 for an agent").'
  },
  check({ graph, facts, report }) {
    const before = facts.reachableBeforeHelp();
    const auto = facts.autoReachesHuman();
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind !== 'menu' || !before[g.index]) continue;
      const hasAgent = graph.out[g.index]!.some((edge) => edge.outcome.choice && auto[edge.to]);
      if (hasAgent) continue;
      report({
        node: g.id,
        message: `${nodeLabel(g)} has no choice that leads to a person without another menu or input (such as "press 0 for an agent")`
      });
    }
  }
};

export default rule;
