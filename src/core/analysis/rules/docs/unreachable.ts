/**
 * What `zeroout rules unreachable` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'No path from the start leads to the node, so no caller ever hears it. The node itself does no harm; what led to it usually does: a choice that was meant to lead there goes somewhere else, or a message was rewritten and the old one left behind.',
    'It fires for every node the start cannot reach, including nodes reached only from other unreachable ones. Nodes reached only after help, such as a survey after the agent hangs up, count as reachable. What follows a sub-flow known to end the call is unreachable.',
    'Wire a transition to the node, or delete it.'
  ),
  bad: {
    summary: 'Key 1 was meant to play the opening hours but goes to the queue: nothing leads to the hours message.',
    nodes: [
      exampleMenu('main', 'For our opening hours, press 1. For an agent, press 0.', [['1', 'agent'], ['0', 'agent']]),
      { id: 'hours', kind: 'prompt', prompt: 'We are open from 8 am to 8 pm, Monday to Saturday.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'Key 1 plays the opening hours, then the caller is back at the menu.',
    nodes: [
      exampleMenu('main', 'For our opening hours, press 1. For an agent, press 0.', [['1', 'hours'], ['0', 'agent']]),
      { id: 'hours', kind: 'prompt', prompt: 'We are open from 8 am to 8 pm, Monday to Saturday.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
