/**
 * What `zeroout rules prompt-key-mismatch` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'What the menu says and what it does disagree. A prompt that says "press 9" for a choice that is on 0 sends callers down the invalid-input path, and a choice the prompt never names is one no caller finds.',
    'It reads the menu’s prompt, reprompt, no-input and invalid prompts, in English, Spanish, Korean and Japanese phrasing ("press 1", "oprima 1", "1번", "1番"), and compares the keys they name with the menu’s choices. Each locale is checked on its own, so a translation that leaves out a key is found too. Times and amounts ("9 to 5", "$25") are not keys, choices made by speech only need no key, and a prompt with text filled in at run time ({{…}}) may announce choices it cannot show, so only the keys it names wrongly are reported.',
    'Make every prompt name exactly the menu’s keys, in every locale.'
  ),
  bad: {
    summary: 'The prompt says 9 for an agent, but the agent is on 0: pressing 9 is an invalid entry, and 0 is never announced.',
    nodes: [
      exampleMenu('main', 'For billing, press 1. To speak to an agent, press 9.', [['1', 'billing'], ['0', 'agent']]),
      { id: 'billing', kind: 'prompt', prompt: 'Bills are due on the first of the month.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'The prompt names the keys the menu has.',
    nodes: [
      exampleMenu('main', 'For billing, press 1. To speak to an agent, press 0.', [['1', 'billing'], ['0', 'agent']]),
      { id: 'billing', kind: 'prompt', prompt: 'Bills are due on the first of the month.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
