import { SERVICE_KEYS } from '../../model/outcomes.ts';
import { nodeLabel } from '../describe.ts';
import { DEFAULT_THRESHOLDS, type Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'too-many-options',
    severity: 'warning',
    description: `A menu offers more than ${DEFAULT_THRESHOLDS.maxOptions} choices (0, * and # not counted).`
  },
  check({ graph, thresholds, report }) {
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind !== 'menu') continue;
      const count = g.node.options.filter((o) => o.key === undefined || !SERVICE_KEYS.has(o.key)).length;
      if (count <= thresholds.maxOptions) continue;
      report({
        node: g.id,
        message: `${nodeLabel(g)} offers ${count} choices; callers remember at most ${thresholds.maxOptions} (0, * and # not counted)`,
        pointer: `${g.pointer}/options`,
        data: { options: count, limit: thresholds.maxOptions }
      });
    }
  }
};

export default rule;
