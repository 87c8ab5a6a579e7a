import { nodeLabel } from '../describe.ts';
import { DEFAULT_THRESHOLDS, type Rule } from '../types.ts';

/** How many of the menus on the way a finding lists. */
const ROUTE_SHOWN = 8;

const rule: Rule = {
  meta: {
    id: 'deep-menu',
    severity: 'warning',
    description: `A menu needs more than ${DEFAULT_THRESHOLDS.maxMenuDepth} menu choices to reach by its shortest route.`
  },
  check({ graph, facts, thresholds, report }) {
    const { depth, via } = facts.menuDepth();
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      const d = depth[g.index]!;
      if (g.node.kind !== 'menu' || !Number.isFinite(d) || d <= thresholds.maxMenuDepth) continue;
      // The menus passed on the way, nearest first. Only the last few: a
      // flow whose menus go a hundred deep would otherwise list them all for
      // every menu, and the report would grow with the square of the flow.
      const menus: string[] = [];
      for (let edge = via[g.index]; edge !== undefined && menus.length < Math.min(d, ROUTE_SHOWN); edge = via[edge.from]) {
        if (edge.outcome.choice) menus.push(graph.nodes[edge.from]!.id);
      }
      report({
        node: g.id,
        nodes: [g.id, ...menus],
        message: `${nodeLabel(g)} takes ${d} menu choices to reach; keep menus within ${thresholds.maxMenuDepth} levels`,
        data: { depth: d, limit: thresholds.maxMenuDepth }
      });
    }
  }
};

export default rule;
