import { nodeLabel, seconds } from '../describe.ts';
import { DEFAULT_THRESHOLDS, type Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'slow-path-to-human',
    severity: 'warning',
    description: `The fastest route from the start to a person takes more than ${DEFAULT_THRESHOLDS.maxSecondsToHuman} s of caller time (queue wait not counted).`
  },
  check({ graph, facts, thresholds, report }) {
    const { seconds: toHuman, next } = facts.toHuman();
    const total = toHuman[graph.start]!;
    if (!Number.isFinite(total) || total <= thresholds.maxSecondsToHuman) return;
    const route: string[] = [graph.nodes[graph.start]!.id];
    let v = graph.start;
    for (let edge = next[v]; edge !== undefined && route.length <= graph.nodes.length; edge = next[v]) {
      v = edge.to;
      route.push(graph.nodes[v]!.id);
    }
    const human = graph.nodes[v]!;
    report({
      node: human.id,
      nodes: [human.id, ...route.slice(0, -1)],
      message: `${nodeLabel(human)} is the fastest way to a person and takes ${seconds(total)} of caller time to reach (limit ${seconds(thresholds.maxSecondsToHuman)}): ${route.map((id) => JSON.stringify(id)).join(' → ')}`,
      data: { seconds: Math.round(total * 10) / 10, limit: thresholds.maxSecondsToHuman, route }
    });
  }
};

export default rule;
