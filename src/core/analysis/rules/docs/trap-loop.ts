/**
 * What `zeroout rules trap-loop` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'A set of nodes the caller can enter but never leave: every way out leads back in. No key, no silence and no failure gets the caller out; the only escape is to hang up. Callers who get stuck hang up angry and call again, or give up.',
    'It fires once per trap, at its first node, listing all its nodes. A loop with any way out (a choice to a person, a retry limit that goes elsewhere, an outcome that ends the call) is not a trap, nor is a loop the caller can only reach after speaking to someone.',
    'Give the loop a way out: a choice back to the main menu or to a person, or a retry limit whose onMaxRetries leaves the loop.'
  ),
  bad: {
    summary: 'The opening hours repeat for as long as the caller stays on the line: "hours" and "repeat" lead only to each other.',
    nodes: [
      exampleMenu('main', 'For our opening hours, press 1. For an agent, press 0.', [['1', 'hours'], ['0', 'agent']]),
      { id: 'hours', kind: 'prompt', prompt: 'We are open from 9 am to 5 pm, Monday to Friday.', next: 'repeat' },
      { id: 'repeat', kind: 'prompt', prompt: 'To hear our opening hours again, stay on the line.', next: 'hours' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'After the hours, the caller is back at the main menu, where 0 reaches a person.',
    nodes: [
      exampleMenu('main', 'For our opening hours, press 1. For an agent, press 0.', [['1', 'hours'], ['0', 'agent']]),
      { id: 'hours', kind: 'prompt', prompt: 'We are open from 9 am to 5 pm, Monday to Friday.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
