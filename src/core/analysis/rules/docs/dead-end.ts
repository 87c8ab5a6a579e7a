/**
 * What `zeroout rules dead-end` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'Something that can happen while the caller is on the line has nowhere to go, so the platform ends the call: the caller hears silence or a click, often halfway through a task and with no explanation. The usual cases are a lookup whose failure is not wired (the back end is down), a menu without no-input or invalid handling, a retry limit without onMaxRetries, a queue without overflow, and a message with no next step.',
    'It fires once per node and outcome. A goodbye is not a dead end: a hang-up node, or a prompt marked "end": true, ends the call by design. Outcomes after help (a queue answered, a voicemail recorded) may stay unwired.',
    'Wire every outcome, failures included: to a person, to voicemail, or to a message followed by a way on.'
  ),
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
};

export default docs;
