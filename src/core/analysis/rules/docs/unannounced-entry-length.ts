/**
 * What `zeroout rules unannounced-entry-length` prints: why the rule matters,
 * a flow it reports and the same flow fixed.
 */
import type { RuleDocs } from '../../types.ts';
import { AGENT, VOICEMAIL, paragraphs } from '../examples.ts';
import type { NodeOfKind } from '../../../model/types.ts';

/** An input with its retries handled, so that the example shows only what the rule is about. */
function input(id: string, prompt: string, fields: Partial<NodeOfKind<'input'>>): NodeOfKind<'input'> {
  return { id, kind: 'input', prompt, variable: id, noInput: id, invalid: id, maxRetries: 2, onMaxRetries: 'agent', ...fields };
}

const docs: RuleDocs = {
  details: paragraphs(
    'A caller typing digits cannot see a form field. Unless the prompt says how many digits to enter ("your 8-digit account number"), or which key ends an entry of no fixed length ("then press pound"), they stop too soon and wait in silence, or go on typing into the next step.',
    'It fires at an input node whose prompt, in some locale, does not say so. An input that takes a fixed number of digits (minDigits equal to maxDigits, or a pattern such as ^\\d{8}$) must state the number, in digits or words: "8-digit", "eight digits", "de 8 dígitos", "ocho cifras", "8자리", "8桁". Any other input ends on its terminator (# unless it names *), and the prompt must name that key ("pound", "hash", "#", "numeral", "almohadilla", "signo de número", "우물 정자", "シャープ") or say how many digits fill it (maxDigits; any number of digits, when the input sets none). A single digit, and the length of a code kept secret (a variable named like pin, passcode or password), need not be said. A text with parts only known when the call runs ({{…}}, recorded audio) may say it and is not reported; a locale with no text is missing-translation’s to report.',
    'Source: the chapter on interactive voice response interfaces in P. Kortum (ed.), HCI Beyond the GUI (Morgan Kaufmann, 2008), whose guidelines "Tell the user the number of digits to enter" and "Tell the user how to indicate that number entry is finished" (with the # key as the terminator) this rule checks, with their exception for numbers collected for security.',
    'Say the length in the prompt, and for an entry of no fixed length, the key that ends it.'
  ),
  bad: {
    summary: 'The caller is asked for an 8-digit account number and an amount without hearing how long the number is or how to end the amount.',
    nodes: [
      input('account', 'Please enter your account number.', { minDigits: 8, maxDigits: 8, next: 'amount' }),
      input('amount', 'Enter the amount you would like to pay, in dollars.', { minDigits: 1, maxDigits: 6, next: 'agent' }),
      AGENT,
      VOICEMAIL
    ]
  },
  good: {
    summary: 'The prompts say the number has 8 digits and that the amount ends with the pound key.',
    nodes: [
      input('account', 'Please enter your 8-digit account number.', { minDigits: 8, maxDigits: 8, next: 'amount' }),
      input('amount', 'Enter the amount you would like to pay, in dollars, then press pound.', { minDigits: 1, maxDigits: 6, next: 'agent' }),
      AGENT,
      VOICEMAIL
    ]
  }
};

export default docs;
