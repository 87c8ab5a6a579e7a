/**
 * What `zeroout rules unbounded-retry` prints: why the rule matters, a flow it
 * reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';
import type { NodeOfKind } from '../../../model/types.ts';

/** Silence and a wrong entry both ask again. */
const ACCOUNT: NodeOfKind<'input'> = {
  id: 'account',
  kind: 'input',
  prompt: 'Please enter your 10-digit account number.',
  variable: 'account',
  minDigits: 10,
  maxDigits: 10,
  next: 'find-account',
  noInput: 'account',
  invalid: 'account'
};

const FIND_ACCOUNT: NodeOfKind<'lookup'> = { id: 'find-account', kind: 'lookup', service: 'crm', inputs: ['account'], success: 'agent', failure: 'agent' };

const docs: RuleDocs = {
  details: paragraphs(
    'After silence or a wrong entry, the call comes back to the same menu or input with no limit on the number of tries. A caller who cannot answer (a noisy line, an old phone, a number they do not have to hand) hears the same prompt again and again, with no way forward.',
    'It fires at the menu or input, once per outcome (no input, invalid input) that leads back to it without passing a retry limit: the node’s own maxRetries, or a branch on a counter the flow increments. It also fires when onMaxRetries itself leads back into the loop.',
    'Set maxRetries (two or three is usual) and send onMaxRetries somewhere that ends the loop, usually a person.'
  ),
  bad: {
    summary: 'A caller who does not know their account number is asked for it again and again.',
    nodes: [
      ACCOUNT,
      FIND_ACCOUNT,
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'After two retries the caller goes to an agent, who can find the account another way.',
    nodes: [
      { ...ACCOUNT, maxRetries: 2, onMaxRetries: 'agent' },
      FIND_ACCOUNT,
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
