import type { Outcome } from '../../model/outcomes.ts';
import { nodeLabel } from '../describe.ts';
import type { GraphNode } from '../graph.ts';
import type { Rule } from '../types.ts';
import { AGENT, VOICEMAIL } from './examples.ts';

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

const rule: Rule = {
  meta: {
    id: 'dead-end',
    severity: 'error',
    description: 'An outcome that can happen with the caller on the line has no transition, so the call drops (reported per node and outcome).',
    docs: {
      details: [
        'Something that can happen while the caller is on the line has nowhere to go, so the platform ends the call: the caller hears silence or a click, often halfway through a task and with no explanation. The usual cases are a lookup whose failure is not wired (the back end is down), a menu without no-input or invalid handling, a retry limit without onMaxRetries, a queue without overflow, and a message with no next step.',
        'It fires once per node and outcome. A goodbye is not a dead end: a hang-up node, or a prompt marked "end": true, ends the call by design. Outcomes after help (a queue answered, a voicemail recorded) may stay unwired.',
        'Wire every outcome, failures included: to a person, to voicemail, or to a message followed by a way on.'
      ].join('\n\n'),
      bad: {
        summary: 'When the account lookup fails (the service is down, or finds no match), its failure has no transition and the call drops.',
        nodes: [
          { id: 'welcome', kind: 'prompt', prompt: 'Thank you for calling. One moment while we find your account.', next: 'find-account' },
          { id: 'find-account', kind: 'lookup', service: 'crm', inputs: ['caller.ani'], success: 'agent' },
          AGENT,
          VOICEMAIL
        ]
      },
      good: {
        summary: 'A failed lookup goes to the agent queue too: a person can help without the account data.',
        nodes: [
          { id: 'welcome', kind: 'prompt', prompt: 'Thank you for calling. One moment while we find your account.', next: 'find-account' },
          { id: 'find-account', kind: 'lookup', service: 'crm', inputs: ['caller.ani'], success: 'agent', failure: 'agent' },
          AGENT,
          VOICEMAIL
        ]
      }
    }
  },
  check({ graph, report }) {
    for (const g of graph.nodes) {
      for (const outcome of graph.unwired[g.index]!) {
        if (outcome.unwired !== 'dead-end') continue;
        report({
          node: g.id,
          outcome: outcome.name,
          message: `${nodeLabel(g)}: ${explain(g, outcome)}`,
          pointer: g.pointer + outcome.pointer
        });
      }
    }
  }
};

export default rule;
