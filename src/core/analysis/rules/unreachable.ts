import { nodeLabel, nodeRef, outcomeLabel } from '../describe.ts';
import type { ContradictedEdge } from '../graph.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'unreachable',
    severity: 'warning',
    description: 'No path from the start (or any other entry point) reaches the node.'
  },
  check({ graph, facts, report }) {
    const reachable = facts.reachable();
    // A node a wire reaches, but only by a branch case that no call reaching the branch can meet.
    const contradicted = new Map<number, ContradictedEdge>();
    for (const c of graph.contradicted) if (reachable[c.edge.from] && !contradicted.has(c.edge.to)) contradicted.set(c.edge.to, c);
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (reachable[g.index]) continue;
      const why = contradicted.get(g.index);
      if (why !== undefined) {
        const branch = graph.nodes[why.edge.from]!;
        report({
          node: g.id,
          nodes: [g.id, branch.id],
          message: `${nodeLabel(g)} cannot be reached: ${nodeRef(branch.node, branch.id)} sends calls here only on ${outcomeLabel(why.edge.outcome)}, and on every call that gets there ${why.variable} ${why.fact}`,
          data: { contradiction: { branch: branch.id, outcome: why.edge.outcome.name, variable: why.variable, fact: why.fact } }
        });
        continue;
      }
      const from =
        graph.entries.length === 1
          ? `the start ${nodeRef(graph.nodes[graph.start]!.node, graph.nodes[graph.start]!.id)}`
          : `any entry point (${graph.entries.map((entry) => nodeRef(graph.nodes[entry.index]!.node, graph.nodes[entry.index]!.id)).join(', ')})`;
      report({ node: g.id, message: `${nodeLabel(g)} cannot be reached from ${from}` });
    }
  }
};

export default rule;
