/**
 * What `zeroout rules inconsistent-keys` prints: why the rule matters, a flow
 * it reports and the same flow fixed.
 */
import type { NodeOfKind } from '../../../model/types.ts';
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';

const queue = (id: string, name: string): NodeOfKind<'queue'> => ({ id, kind: 'queue', queue: name, expectedWaitSeconds: 20, overflow: 'voicemail' });

const MAIN = exampleMenu(
  'main',
  'For billing, press 1. For technical support, press 2. To speak with an agent, press 0.',
  [['1', 'billing'], ['2', 'support'], ['0', 'agent']]
);
const BILLING = exampleMenu(
  'billing',
  'To pay your bill, press 1. For questions about a charge, press 2. To go back to the main menu, press star. To speak with an agent, press 0.',
  [['1', 'payments'], ['2', 'billing-queue'], ['*', 'main'], ['0', 'agent']]
);

const docs: RuleDocs = {
  details: paragraphs(
    'Callers learn what a key does once and then press it without listening again: if 0 reached a person in the main menu, they press 0 in every menu to reach one; if star took them back once, they press star to go back. A key that does something else in one menu sends the caller where they did not mean to go, and they rarely notice why.',
    'It compares the menus a caller can reach before being helped. It fires at a menu whose 0 does not lead to a person (without another menu or input) when 0 does in other menus; at a menu whose star neither goes back (to a menu it is chosen from, or one nearer the start) nor repeats the menu when star does one of these elsewhere; and at a menu that offers pound as a choice when the flow’s digit entries end with pound. It names the key, what it does here, and the menus where it means the other thing (data: key, meaning, others).',
    'Sources: ISO/IEC 13714:1995, "User interface to telephone-based services: voice messaging applications", which standardises the basic use of the star and pound keys (clause 5.6) so that every service behaves alike; and the guidance on wording prompts in the Blueworx (formerly IBM WebSphere) Voice Response for AIX documentation, which says to use the zero key for the operator and the star key for the control menu, and to allocate similar functions to the same keys throughout. ITU-T E.161 fixes where star and pound sit on the keypad, not what they do, so the convention is all callers have to go on.',
    'Give 0, star and pound one meaning in the whole flow: 0 for a person, star for back (or repeat, in the main menu), pound only to end an entry. Move a choice that sits on one of them to a digit.'
  ),
  bad: {
    summary: 'In the main and billing menus 0 reaches an agent, but in the support menu 0 goes back to the main menu and star goes to a queue.',
    nodes: [
      MAIN,
      BILLING,
      exampleMenu(
        'support',
        'For internet problems, press 1. For TV problems, press 2. For the outage line, press star. To go back to the main menu, press 0.',
        [['1', 'internet'], ['2', 'tv'], ['*', 'outages'], ['0', 'main']]
      ),
      queue('payments', 'Payments'),
      queue('billing-queue', 'Billing'),
      queue('internet', 'Internet support'),
      queue('tv', 'TV support'),
      queue('outages', 'Outages'),
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'Every menu uses 0 for an agent and star to go back to the main menu; the outage line is on a digit.',
    nodes: [
      MAIN,
      BILLING,
      exampleMenu(
        'support',
        'For internet problems, press 1. For TV problems, press 2. To report an outage, press 3. To go back to the main menu, press star. To speak with an agent, press 0.',
        [['1', 'internet'], ['2', 'tv'], ['3', 'outages'], ['*', 'main'], ['0', 'agent']]
      ),
      queue('payments', 'Payments'),
      queue('billing-queue', 'Billing'),
      queue('internet', 'Internet support'),
      queue('tv', 'TV support'),
      queue('outages', 'Outages'),
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
