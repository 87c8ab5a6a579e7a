import type { Outcome } from '../../model/outcomes.ts';
import { nodeLabel } from '../describe.ts';
import type { GraphNode } from '../graph.ts';
import type { Rule } from '../types.ts';
import { CONTACT } from '../facts.ts';

/** What happens to the caller, as a sentence. */
function explain(g: GraphNode, outcome: Outcome): string {
  const missing = `"${outcome.name}" has no transition`;
  switch (outcome.retry) {
    case 'noInput':
      return `a caller who stays silent is dropped (${missing})`;
    case 'invalid':
      return `a caller who presses a key that is not offered is dropped (${missing})`;
    case 'maxRetries':
      return `a caller who runs out of retries is dropped (${missing})`;
  }
  if (outcome.choice) return `a caller who chooses ${outcome.name} is dropped (${missing})`;
  if (g.node.kind === 'prompt') {
    return 'the call drops after the message: it has no next step and is not marked as the end ("end": true)';
  }
  if (outcome.entry) return `a caller who enters a valid number is dropped (${missing})`;
  return `the call drops on "${outcome.name}": it has no transition`;
}

/** In a conversation by messages, what an unwired outcome leaves the person with, when it leaves them waiting. */
function explainMessaging(g: GraphNode, outcome: Outcome): string {
  const missing = `"${outcome.name}" has no transition`;
  if (outcome.retry === 'invalid' || (g.node.kind === 'branch' && outcome.name === 'otherwise')) {
    return `a reply it does not expect is never answered: the conversation just stops (${missing})`;
  }
  return `when this fails, the person's message is never answered: the conversation just stops (${missing})`;
}

/**
 * Whether an unwired outcome leaves someone waiting, in the contact the node
 * is reached in (`CONTACT` bits). On the phone, every such outcome drops the
 * call, but an outgoing call nobody answered. In a conversation by messages,
 * only a failure or an unexpected reply leaves the person without an answer:
 * a reply that never came, a message that could not be delivered or a step
 * that finished ends the conversation as it should. Before anyone is in
 * touch (an API request), nobody is left.
 */
function leavesWaiting(g: GraphNode, outcome: Outcome, contact: number): 'call' | 'messages' | undefined {
  if (contact & (CONTACT.owed | CONTACT.onCall) && outcome.means !== 'not-answered') return 'call';
  if (contact & CONTACT.messaging) {
    const unexpected = outcome.retry === 'invalid' || (g.node.kind === 'branch' && outcome.name === 'otherwise');
    if (outcome.failure || unexpected) return 'messages';
  }
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'dead-end',
    severity: 'error',
    description:
      'An outcome that can happen with the caller on the line has no transition, so the call drops; in a conversation by messages, a failure or an unexpected reply that ends it unanswered (reported per node and outcome, on nodes some entry reaches).'
  },
  check({ graph, facts, report }) {
    const contexts = facts.contexts();
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      const unwired = graph.unwired[g.index]!;
      for (let u = 0; u < unwired.length; u++) {
        const outcome = unwired[u]!;
        if (outcome.unwired !== 'dead-end') continue;
        const waiting = leavesWaiting(g, outcome, contexts[g.index]!);
        if (waiting === undefined) continue;
        report({
          node: g.id,
          outcome: outcome.name,
          message: `${nodeLabel(g)}: ${waiting === 'call' ? explain(g, outcome) : explainMessaging(g, outcome)}`,
          pointer: g.pointer + outcome.pointer
        });
      }
    }
  }
};

export default rule;
