/**
 * What `zeroout rules no-human-route` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';
import type { NodeOfKind } from '../../../model/types.ts';

/** Weekdays nine to five, New York time. */
const OPEN_NOW: NodeOfKind<'hours'> = {
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
};

const docs: RuleDocs = {
  details: paragraphs(
    'From some point on, the caller can no longer reach a person, voicemail or a callback: every path from there ends the call, or goes round without help. A caller whose problem the menu did not foresee has to hang up and call again, and will likely end up in the same place.',
    'It fires where help is lost: at the node the caller reaches from one that could still lead to help, not at every node after it; and at the start when the flow offers no help at all. Choosing to end the call ("to hang up, press 9") is not losing help, and nothing after the caller has been helped counts.',
    'Route the path to a person, to voicemail or to a callback. A closing message can offer voicemail rather than hang up.'
  ),
  bad: {
    summary: 'After hours, the caller is told to call back and the call ends: there is no way to leave a message.',
    nodes: [
      OPEN_NOW,
      { id: 'closed', kind: 'hangup', prompt: 'We are closed. Please call again during business hours.' },
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'After hours, the caller can leave a message: help that comes later.',
    nodes: [
      OPEN_NOW,
      { id: 'closed', kind: 'prompt', prompt: 'We are closed. Please leave a message and we will call you back on the next business day.', next: 'voicemail' },
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
