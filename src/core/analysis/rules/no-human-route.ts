import { nodeLabel, nodeRef } from '../describe.ts';
import type { FlowGraph, GraphNode } from '../graph.ts';
import type { Rule } from '../types.ts';
import { CONTACT } from '../facts.ts';

/**
 * A goodbye by design: a hang-up node, a prompt marked as the end, or a
 * prompt followed only by a silent hang-up (the message, then the disconnect:
 * how platforms without an "end" mark say goodbye).
 */
function isDesignedEnding(graph: FlowGraph, g: GraphNode): boolean {
  const node = g.node;
  if (node.kind === 'hangup') return true;
  if (node.kind !== 'prompt') return false;
  if (node.next === undefined) return node.end === true;
  const after = graph.out[g.index]![0];
  if (after === undefined) return false;
  const next = graph.nodes[after.to]!.node;
  return next.kind === 'hangup' && next.prompt === undefined;
}

/**
 * Where help is owed: on an inbound call, and in a conversation by messages
 * that offers a person somewhere (a chat that can be handed to an agent).
 * An automated survey or notification, a call placed to someone, a queue,
 * hold, whisper or transfer flow owes no route to a person.
 */
function owed(graph: FlowGraph, contexts: Uint8Array, help: Uint8Array): Uint8Array {
  let messagingHelp = false;
  for (let v = 0; v < graph.nodes.length && !messagingHelp; v++) messagingHelp = help[v] === 1 && (contexts[v]! & CONTACT.messaging) !== 0;
  const mask = CONTACT.owed | (messagingHelp ? CONTACT.messaging : 0);
  // A plain loop: TypedArray.from with a mapping function walks its source through an iterator.
  const flags = new Uint8Array(contexts.length);
  for (let v = 0; v < contexts.length; v++) flags[v] = contexts[v]! & mask ? 1 : 0;
  return flags;
}

const rule: Rule = {
  meta: {
    id: 'no-human-route',
    severity: 'error',
    description:
      'The caller reaches a node from which no person, voicemail or callback can be reached any more (reported where help is lost; on inbound calls, and in conversations that offer a person; nodes after the caller was helped are exempt).'
  },
  check({ graph, facts, report }) {
    const before = facts.reachableBeforeHelp();
    const help = facts.canReachHelp();
    const promised = owed(graph, facts.contexts(), facts.isHelp());
    const entries = new Set(graph.entries.map((entry) => entry.index));
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      const v = g.index;
      if (!before[v] || help[v] || !promised[v]) continue;
      let lostFrom: GraphNode | undefined;
      if (entries.has(v)) {
        lostFrom = g;
      } else {
        for (const edge of graph.in[v]!) {
          if (edge.outcome.afterHelp || !before[edge.from] || !help[edge.from]) continue;
          // A caller who chooses to end the call has not lost anything.
          if (edge.outcome.choice && isDesignedEnding(graph, g)) continue;
          lostFrom = graph.nodes[edge.from]!;
          break;
        }
      }
      if (!lostFrom) continue;
      report({
        node: g.id,
        nodes: lostFrom === g ? [g.id] : [g.id, lostFrom.id],
        message:
          lostFrom === g
            ? `${nodeLabel(g)}: no person, voicemail or callback can be reached from the start of this flow`
            : `${nodeLabel(g)}: from here the caller can no longer reach a person, voicemail or callback (still possible at ${nodeRef(lostFrom.node, lostFrom.id)})`
      });
    }
  }
};

export default rule;
