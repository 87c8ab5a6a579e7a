/**
 * What `zeroout rules hours-fail-closed` prints: why the rule matters, a flow
 * it reports and the same flow fixed.
 */
import type { NodeOfKind } from '../../../model/types.ts';
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';

const welcome: NodeOfKind<'prompt'> = { id: 'welcome', kind: 'prompt', prompt: 'Thank you for calling.', next: 'check-hours' };
const isOpen: NodeOfKind<'branch'> = {
  id: 'is-open',
  kind: 'branch',
  cases: [{ label: 'open', when: { var: 'isOpen', op: 'eq', value: true }, next: 'agent' }],
  otherwise: 'closed'
};
const closed: NodeOfKind<'prompt'> = {
  id: 'closed',
  kind: 'prompt',
  prompt: 'We are closed. Our hours are 8 am to 6 pm, Monday to Friday. Please leave a message after the tone.',
  next: 'voicemail'
};

const docs: RuleDocs = {
  details: paragraphs(
    'An opening-hours check can fail as well as answer: the schedule service times out, the Function or Lambda errors, Connect cannot read the hours of operation. When the failure takes the caller where a closed line does, every caller who rings while the check is failing is told you are closed, in the middle of your opening hours. Nothing looks wrong: the calls end politely, the queue is quiet, and the team does not see the callers it lost.',
    'It fires at an hours check whose failure goes to the very node its closed answer goes to, or to a message that tells the caller the line is closed. An hours check is an Amazon Connect CheckHoursOfOperation step (True, False and its error branch), or a lookup whose success goes to a branch on whether the line is open (a variable named isOpen, such as a Twilio Studio Function and a split on widgets.<name>.parsed.isOpen). The native hours node has no failure, so it never fires there; exported, its failure goes where open goes.',
    'Send a failed check where an open line goes (to the menu or the queue: if the line is in fact closed, the queue’s own overflow still catches the caller), or to a message that says the hours could not be checked and offers a way on.'
  ),
  bad: {
    summary: 'The schedule lookup’s failure goes to the closed message, so when the lookup fails callers are told the line is closed, even at 10 am on a Tuesday.',
    nodes: [
      welcome,
      { id: 'check-hours', kind: 'lookup', service: 'opening-hours', outputs: ['isOpen'], success: 'is-open', failure: 'closed' },
      isOpen,
      closed,
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'A failed lookup goes where an open line goes, to the agent queue: if the line is in fact closed, the queue overflows to voicemail.',
    nodes: [
      welcome,
      { id: 'check-hours', kind: 'lookup', service: 'opening-hours', outputs: ['isOpen'], success: 'is-open', failure: 'agent' },
      isOpen,
      closed,
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
