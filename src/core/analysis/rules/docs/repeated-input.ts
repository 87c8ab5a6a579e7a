/**
 * What `zeroout rules repeated-input` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, exampleMenu, paragraphs } from '../examples.ts';
import type { NodeOfKind } from '../../../model/types.ts';

/** The account number, asked for at the start of the call. */
const ACCOUNT: NodeOfKind<'input'> = {
  id: 'account',
  kind: 'input',
  prompt: 'Please enter your account number, then press the pound key.',
  variable: 'account',
  next: 'main',
  noInput: 'account',
  invalid: 'account',
  maxRetries: 2,
  onMaxRetries: 'agent'
};

const PAY: NodeOfKind<'lookup'> = { id: 'pay', kind: 'lookup', service: 'payments', inputs: ['account'], success: 'paid', failure: 'agent' };
const PAID: NodeOfKind<'prompt'> = { id: 'paid', kind: 'prompt', prompt: 'Your payment is complete.', next: 'main' };

const docs: RuleDocs = {
  details: paragraphs(
    'The caller is asked for something they already entered on the same call, such as an account number typed at the start and asked for again before a payment. It wastes the caller’s time, and sounds as though the system was not listening.',
    'It fires at an input node that asks for a variable another input node already collected on the way there. Asking again after a retry (no input, an invalid entry) or after a failure (a lookup that found nothing, a queue that overflowed) is how entering it again is meant to work, and is not reported.',
    'Use the value already collected: route to the step that needs it instead of asking again.'
  ),
  bad: {
    summary: 'The caller enters their account number at the start, and the payment asks for it again.',
    nodes: [
      ACCOUNT,
      exampleMenu('main', 'To make a payment, press 1. For an agent, press 0.', [['1', 'pay-account'], ['0', 'agent']]),
      {
        id: 'pay-account',
        kind: 'input',
        prompt: 'To make a payment, please enter your account number.',
        variable: 'account',
        next: 'pay',
        noInput: 'pay-account',
        invalid: 'pay-account',
        maxRetries: 2,
        onMaxRetries: 'agent'
      },
      PAY,
      PAID,
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'The payment uses the account number entered at the start.',
    nodes: [
      ACCOUNT,
      exampleMenu('main', 'To make a payment, press 1. For an agent, press 0.', [['1', 'pay'], ['0', 'agent']]),
      PAY,
      PAID,
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
