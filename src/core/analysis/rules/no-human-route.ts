import { nodeLabel } from '../describe.ts';
import type { FlowGraph, GraphNode } from '../graph.ts';
import type { Rule } from '../types.ts';
import { AGENT, VOICEMAIL } from './examples.ts';

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

const rule: Rule = {
  meta: {
    id: 'no-human-route',
    severity: 'error',
    description:
      'The caller reaches a node from which no person, voicemail or callback can be reached any more (reported where help is lost; nodes after the caller was helped are exempt).',
    docs: {
      details: [
        'From some point on, the caller can no longer reach a person, voicemail or a callback: every path from there ends the call, or goes round without help. A caller whose problem the menu did not foresee has to hang up and call again, and will likely end up in the same place.',
        'It fires where help is lost: at the node the caller reaches from one that could still lead to help, not at every node after it; and at the start when the flow offers no help at all. Choosing to end the call ("to hang up, press 9") is not losing help, and nothing after the caller has been helped counts.',
        'Route the path to a person, to voicemail or to a callback. A closing message can offer voicemail rather than hang up.'
      ].join('\n\n'),
      bad: {
        summary: 'After hours, the caller is told to call back and the call ends: there is no way to leave a message.',
        nodes: [
          {
            id: 'open-now',
            kind: 'hours',
            timeZone: 'America/New_York',
            weekly: {
              mon: [['09:00', '17:00']],
              tue: [['09:00', '17:00']],
              wed: [['09:00', '17:00']],
              thu: [['09:00', '17:00']],
              fri: [['09:00', '17:00']]
            },
            open: 'agent',
            closed: 'closed'
          },
          { id: 'closed', kind: 'hangup', prompt: 'We are closed. Please call again during business hours.' },
          AGENT,
          VOICEMAIL
        ]
      },
      good: {
        summary: 'After hours, the caller can leave a message: help that comes later.',
        nodes: [
          {
            id: 'open-now',
            kind: 'hours',
            timeZone: 'America/New_York',
            weekly: {
              mon: [['09:00', '17:00']],
              tue: [['09:00', '17:00']],
              wed: [['09:00', '17:00']],
              thu: [['09:00', '17:00']],
              fri: [['09:00', '17:00']]
            },
            open: 'agent',
            closed: 'closed'
          },
          { id: 'closed', kind: 'prompt', prompt: 'We are closed. Please leave a message and we will call you back on the next business day.', next: 'voicemail' },
          AGENT,
          VOICEMAIL
        ]
      }
    }
  },
  check({ graph, facts, report }) {
    const before = facts.reachableBeforeHelp();
    const help = facts.canReachHelp();
    for (const g of graph.nodes) {
      const v = g.index;
      if (!before[v] || help[v]) continue;
      let lostFrom: GraphNode | undefined;
      if (v === graph.start) {
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
            : `${nodeLabel(g)}: from here the caller can no longer reach a person, voicemail or callback (still possible at ${JSON.stringify(lostFrom.id)})`
      });
    }
  }
};

export default rule;
