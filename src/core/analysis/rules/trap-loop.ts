import { nodeLabel } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'trap-loop',
    severity: 'error',
    description: 'A set of nodes the caller can enter and never leave.'
  },
  check({ graph, facts, report }) {
    const { of, members } = facts.components();
    const reachable = facts.reachable();
    members.forEach((component, c) => {
      const entry = component.find((v) => reachable[v]);
      if (entry === undefined) return;
      if (component.length === 1 && !graph.out[entry]!.some((edge) => edge.to === entry)) return;
      // A way out: an edge to another component, an unwired outcome (the call
      // ends or drops there), a reference to a missing node, or a node that ends the call.
      for (const v of component) {
        if (graph.nodes[v]!.terminal !== undefined) return;
        if (graph.unwired[v]!.length > 0) return;
        if (graph.out[v]!.length !== graph.nodes[v]!.outcomes.length) return;
        if (graph.out[v]!.some((edge) => of[edge.to] !== c)) return;
      }
      const ordered = [...component].sort((a, b) => a - b);
      const ids = ordered.map((v) => graph.nodes[v]!.id);
      const first = graph.nodes[ordered[0]!]!;
      report({
        node: first.id,
        nodes: ids,
        message:
          ids.length === 1
            ? `${nodeLabel(first)} loops to itself and every way out leads back: a caller who gets here can never leave`
            : `${nodeLabel(first)} is in a loop of ${ids.length} nodes (${ids.map((id) => JSON.stringify(id)).join(', ')}) with no way out: a caller who gets here can never leave`,
        data: { size: ids.length }
      });
    });
  }
};

export default rule;
