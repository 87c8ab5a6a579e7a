import { nodeLabel, nodeRef, seconds } from '../describe.ts';
import { DEFAULT_THRESHOLDS, type Rule } from '../types.ts';

/** A route this long or shorter is named whole in the message. */
const WHOLE_ROUTE = 12;
/** How many nodes a longer route's message names at each end. */
const ROUTE_ENDS = 4;

/**
 * A route in words, `"a" → "b" → "c"`; a long one by its first and last few
 * nodes and how many lie between, so that a straight line of thousands of
 * prompts does not make a message of kilobytes. The finding's data keeps
 * the whole route.
 */
export function routeWords(route: readonly string[], name: (id: string) => string = (id) => JSON.stringify(id)): string {
  const quoted = (ids: readonly string[]): string => ids.map(name).join(' → ');
  if (route.length <= WHOLE_ROUTE) return quoted(route);
  const between = route.length - 2 * ROUTE_ENDS;
  return `${quoted(route.slice(0, ROUTE_ENDS))} → … ${between.toLocaleString('en-US')} more … → ${quoted(route.slice(-ROUTE_ENDS))} (${route.length.toLocaleString('en-US')} nodes)`;
}

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
      message: `${nodeLabel(human)} is the fastest way to a person and takes ${seconds(total)} of caller time to reach (limit ${seconds(thresholds.maxSecondsToHuman)}): ${routeWords(route, (id) => nodeRef(graph.nodes[graph.byId.get(id) ?? -1]?.node, id))}`,
      data: { seconds: Math.round(total * 10) / 10, limit: thresholds.maxSecondsToHuman, route }
    });
  }
};

export default rule;
