/**
 * repeated-input: a route asks the caller for the same thing twice. An input
 * node collecting a variable is reachable from a different input node that
 * collected it already. Asking again after a retry (no input, an invalid
 * entry) or a failure (a lookup that found nothing) is how re-entry is meant
 * to work, so those edges are not followed.
 *
 * One search per variable asked for by two or more inputs: every input of
 * the variable is a source, and each node keeps at most two distinct origins
 * (enough to know that some origin is not the node itself), so a node is
 * visited at most twice per variable.
 */
import { nodeRef } from '../describe.ts';
import type { Edge } from '../graph.ts';
import type { Rule } from '../types.ts';

/** Edges that carry a caller on with what they entered. */
export function carriesEntry(edge: Edge): boolean {
  return edge.outcome.retry === undefined && edge.outcome.failure !== true;
}

const rule: Rule = {
  meta: {
    id: 'repeated-input',
    severity: 'warning',
    description: 'A route asks the caller for the same variable twice.'
  },
  check(ctx) {
    const { graph } = ctx;
    const inputsByVariable = new Map<string, number[]>();
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind !== 'input') continue;
      const list = inputsByVariable.get(g.node.variable);
      if (list) list.push(g.index);
      else inputsByVariable.set(g.node.variable, [g.index]);
    }

    const n = graph.nodes.length;
    // Per node, for the variable being searched (`round`): the origins kept and whether it asks for it.
    const round = new Int32Array(n);
    const first = new Int32Array(n);
    const second = new Int32Array(n);
    const asks = new Int32Array(n);
    const queueNode: number[] = [];
    const queueOrigin: number[] = [];
    const found: { at: number; from: number; variable: string }[] = [];
    let current = 0;

    for (const [variable, inputs] of inputsByVariable) {
      if (inputs.length < 2) continue;
      current++;
      for (const index of inputs) asks[index] = current;
      const reported = new Set<number>();
      queueNode.length = 0;
      queueOrigin.length = 0;

      const offer = (to: number, origin: number): void => {
        if (asks[to] === current) {
          // Another input of the variable: a finding, and the search goes on from it with its own origin.
          if (origin !== to && !reported.has(to)) {
            reported.add(to);
            found.push({ at: to, from: origin, variable });
          }
          return;
        }
        if (round[to] !== current) {
          round[to] = current;
          first[to] = origin;
          second[to] = -1;
        } else if (first[to] !== origin && second[to] === -1) {
          second[to] = origin;
        } else {
          return;
        }
        queueNode.push(to);
        queueOrigin.push(origin);
      };

      for (const index of inputs) {
        for (const edge of graph.out[index]!) if (carriesEntry(edge)) offer(edge.to, index);
      }
      for (let head = 0; head < queueNode.length; head++) {
        const node = queueNode[head]!;
        const origin = queueOrigin[head]!;
        for (const edge of graph.out[node]!) if (carriesEntry(edge)) offer(edge.to, origin);
      }
    }

    found.sort((a, b) => a.at - b.at);
    for (const { at, from, variable } of found) {
      const b = graph.nodes[at]!;
      const a = graph.nodes[from]!;
      ctx.report({
        node: b.id,
        nodes: [b.id, a.id],
        message: `Input ${nodeRef(b.node, b.id)} asks for "${variable}" again: the caller already entered it at ${nodeRef(a.node, a.id)}`,
        pointer: `${b.pointer}/variable`,
        data: { variable, askedAt: a.id }
      });
    }
  }
};

export default rule;
