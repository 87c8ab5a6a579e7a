import { nodeLabel, nodeRef } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'trap-loop',
    severity: 'error',
    description: 'A set of nodes the caller can enter and never leave (reported once per trap, with all its nodes).'
  },
  check({ graph, facts, report }) {
    const { of, count, members } = facts.components();
    const reachable = facts.reachable();
    // A component is a trap when it has nodes and no way out: count, per
    // component, its nodes and whether anything leaves it, in one pass.
    const size = new Int32Array(count);
    const leaves = new Uint8Array(count);
    const entered = new Uint8Array(count);
    // An edge no call can take is no way out.
    const contradictedFrom = new Int32Array(graph.nodes.length);
    for (const { edge } of graph.contradicted) contradictedFrom[edge.from]!++;
    for (let v = 0; v < graph.nodes.length; v++) {
      const c = of[v]!;
      size[c]!++;
      if (reachable[v]) entered[c] = 1;
      // A way out: an edge to another component, an unwired outcome (the call
      // ends or drops there), a reference to a missing node, a node that ends
      // the call, or help.
      if (
        graph.nodes[v]!.terminal !== undefined ||
        // Help reached: whatever follows, the caller got what they called for.
        graph.nodes[v]!.outcomes.some((o) => o.afterHelp) ||
        graph.unwired[v]!.length > 0 ||
        graph.out[v]!.length + contradictedFrom[v]! !== graph.nodes[v]!.outcomes.length ||
        graph.out[v]!.some((edge) => of[edge.to] !== c)
      ) {
        leaves[c] = 1;
      }
    }
    for (let c = 0; c < count; c++) {
      if (leaves[c] || !entered[c]) continue;
      const component = members(c);
      const only = component[0]!;
      if (size[c] === 1 && !graph.out[only]!.some((edge) => edge.to === only)) continue;
      const ordered = [...component].sort((a, b) => a - b);
      const ids = ordered.map((v) => graph.nodes[v]!.id);
      const first = graph.nodes[ordered[0]!]!;
      report({
        node: first.id,
        nodes: ids,
        message:
          ids.length === 1
            ? `${nodeLabel(first)} loops to itself and every way out leads back: a caller who gets here can never leave`
            : `${nodeLabel(first)} is in a loop of ${ids.length} nodes (${ids.map((id) => nodeRef(graph.nodes[graph.byId.get(id) ?? -1]?.node, id)).join(', ')}) with no way out: a caller who gets here can never leave`,
        data: { size: ids.length }
      });
    }
  }
};

export default rule;
