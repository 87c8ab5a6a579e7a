import { nodeLabel } from '../describe.ts';
import type { Rule } from '../types.ts';

/** The flows of a cycle for a message: all of a short one, the ends of a long one. */
function chainText(cycle: readonly string[]): string {
  const names = cycle.map((id) => JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id));
  if (names.length <= 8) return names.join(' → ');
  return `${names.slice(0, 4).join(' → ')} → … → ${names.slice(-3).join(' → ')} (${cycle.length - 1} flows)`;
}

const rule: Rule = {
  meta: {
    id: 'subflow-cycle',
    severity: 'error',
    description:
      'A sub-flow node runs a flow that runs this flow again (A runs B runs A), or runs its own flow: the caller goes one flow deeper for ever, or the platform refuses the flows.'
  },
  check({ graph, facts, report }) {
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind !== 'subflow') continue;
      const cycle = facts.subflowCycle(g.index);
      if (cycle === undefined) continue;
      const itself = cycle.length === 2;
      report({
        node: g.id,
        message: itself
          ? `${nodeLabel(g)} runs this very flow again: each call goes one flow deeper for ever, or the platform refuses the flow`
          : `${nodeLabel(g)} runs flow ${JSON.stringify(g.node.flow)}, which runs this flow again (${chainText(cycle)}): each call goes one flow deeper for ever, or the platform refuses the flows`,
        pointer: `${g.pointer}/flow`,
        data: { flows: cycle.length > 8 ? [...cycle.slice(0, 4), ...cycle.slice(-3)] : cycle, length: cycle.length - 1 }
      });
    }
  }
};

export default rule;
