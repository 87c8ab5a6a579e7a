/**
 * What `zeroout rules broken-reference` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'A transition (a choice’s next, a no-input or invalid route, a retry limit, a lookup’s success or failure, a queue’s overflow) names a node that is not in the flow. A caller who takes it goes nowhere: depending on the platform the call drops, a system error plays, or the flow cannot be published at all.',
    'It fires once per transition, at the field that names the missing node. Ids are matched exactly, case included: "Agent" is not "agent".',
    'Correct the id, or add the node it was meant to reach.'
  ),
  bad: {
    summary: 'Key 1 goes to "biling", a typo: callers who want billing are dropped, and the billing message is never heard.',
    nodes: [
      exampleMenu('main', 'For billing, press 1. For an agent, press 0.', [['1', 'biling'], ['0', 'agent']]),
      { id: 'billing', kind: 'prompt', prompt: 'Bills are due on the first of the month.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'Key 1 names the billing message as it is spelled.',
    nodes: [
      exampleMenu('main', 'For billing, press 1. For an agent, press 0.', [['1', 'billing'], ['0', 'agent']]),
      { id: 'billing', kind: 'prompt', prompt: 'Bills are due on the first of the month.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
