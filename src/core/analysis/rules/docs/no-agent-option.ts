/**
 * What `zeroout rules no-agent-option` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const docs: RuleDocs = {
  details: paragraphs(
    'A menu where no choice leads to a person. A caller whose need is not on the list has no way to say so: they press 0, which does nothing, or press wrong keys until the retry limit sends them somewhere. Most callers expect 0 to reach someone.',
    'It fires for a menu the caller can reach before being helped when none of its choices leads to a person (a queue, or a transfer that reaches one) through steps that take no input. Messages, branches, hours checks and lookups on the way are fine; another menu or an input is not. Voicemail and callbacks are not a person, and a retry limit that goes to a person does not count: callers should not have to fail the menu to get help.',
    'Add a choice, usually 0, that leads straight to a person, and say so in the prompt.'
  ),
  bad: {
    summary: 'The menu only plays information: the one way to a person is to press wrong keys until the retry limit gives up.',
    nodes: [
      exampleMenu('main', 'For our opening hours, press 1. For our address, press 2.', [['1', 'hours'], ['2', 'address']]),
      { id: 'hours', kind: 'prompt', prompt: 'We are open from 9 am to 5 pm, Monday to Friday.', next: 'main' },
      { id: 'address', kind: 'prompt', prompt: 'We are at 1 Harbor Street, next to the post office.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'Key 0 goes straight to the agent queue, and the prompt says so.',
    nodes: [
      exampleMenu('main', 'For our opening hours, press 1. For our address, press 2. For anything else, press 0.', [
        ['1', 'hours'],
        ['2', 'address'],
        ['0', 'agent']
      ]),
      { id: 'hours', kind: 'prompt', prompt: 'We are open from 9 am to 5 pm, Monday to Friday.', next: 'main' },
      { id: 'address', kind: 'prompt', prompt: 'We are at 1 Harbor Street, next to the post office.', next: 'main' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
