import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, voicemail } from '../../../support/build.ts';

const RULE = 'unannounced-entry-length';

type Loose = Parameters<typeof makeFlow>[0][number];

/** An input with its retries handled, going on to the agent queue. */
const input = (prompt: unknown, fields: Record<string, unknown> = {}): Loose => ({
  id: 'account',
  kind: 'input',
  prompt,
  variable: 'account',
  next: 'agent',
  noInput: 'account',
  invalid: 'account',
  maxRetries: 2,
  onMaxRetries: 'agent',
  ...fields
});

const EIGHT = { minDigits: 8, maxDigits: 8 };
const flow = (node: Loose, extra: Record<string, unknown> = {}) => makeFlow([node, agent, voicemail], extra);
const locales = (...list: string[]) => ({ locales: list });

describe(RULE, () => {
  describe('valid', () => {
    it.each<[string, Loose, Record<string, unknown>]>([
      ['a fixed length in digits', input('Please enter your 8-digit account number.', EIGHT), {}],
      ['a fixed length in words', input('Please enter your eight digit account number.', EIGHT), {}],
      ['a fixed length said after the request', input('Enter your account number. It has 8 digits.', EIGHT), {}],
      ['a fixed length as a pattern', input('Please enter your 10-digit phone number.', { pattern: '^\\d{10}$' }), {}],
      ['"the last four numbers"', input('Enter the last four numbers of your Social Security number.', { minDigits: 4, maxDigits: 4 }), {}],
      ['a variable entry ended with "then press pound"', input('Enter the amount you would like to pay, in dollars, then press pound.', { minDigits: 1, maxDigits: 6 }), {}],
      ['a variable entry "followed by the pound key"', input('Please enter your account number, followed by the pound key.'), {}],
      ['a variable entry ended with the hash key', input('Type your reference number and then the hash key.'), {}],
      ['a variable entry ended with "#"', input('Enter your member ID, then #.'), {}],
      ['a star terminator named', input('Enter your extension, then press star.', { terminator: '*' }), {}],
      ['a variable entry that says its most digits', input('Please enter your 10 digit phone number.', { maxDigits: 10 }), {}],
      ['a variable entry of no most digits that says a length', input('Please enter your 10 digit phone number, beginning with the area code.'), {}],
      ['a single digit', input('How many tickets would you like? Enter a number from 1 to 9.', { maxDigits: 1 }), {}],
      ['a PIN, whose length is kept secret', input('Please enter your PIN.', { variable: 'pin', minDigits: 4, maxDigits: 4 }), {}],
      ['a placeholder that may say it', input('Please enter your {{idLabel}}.', EIGHT), {}],
      ['recorded audio that may say it', input('<audio src="enter-account.wav"/>', EIGHT), {}],
      [
        'every locale says it',
        input(
          {
            'en-US': 'Please enter your 8-digit account number.',
            'es-US': 'Por favor, ingrese su número de cuenta de 8 dígitos.',
            'ko-KR': '8자리 계좌 번호를 입력해 주세요.',
            'ja-JP': '8桁の口座番号を入力してください。'
          },
          EIGHT
        ),
        locales('en-US', 'es-US', 'ko-KR', 'ja-JP')
      ],
      [
        'numbers in words in Spanish, Korean and Japanese',
        input(
          {
            'en-US': 'Please enter your eight-digit account number.',
            'es-US': 'Ingrese su número de cuenta de ocho dígitos.',
            'ko-KR': '계좌 번호 여덟 자리를 입력해 주세요.',
            'ja-JP': '八桁の口座番号を入力してください。'
          },
          EIGHT
        ),
        locales('en-US', 'es-US', 'ko-KR', 'ja-JP')
      ],
      [
        'the terminator in every locale',
        input(
          {
            'en-US': 'Enter your account number, then press pound.',
            'es-US': 'Marque su número de cuenta, seguido de la tecla numeral.',
            'ko-KR': '계좌 번호를 입력하신 후 우물 정자를 눌러 주세요.',
            'ja-JP': '口座番号を入力し、最後にシャープを押してください。'
          }
        ),
        locales('en-US', 'es-US', 'ko-KR', 'ja-JP')
      ],
      ['"signo de número" and "almohadilla"', input({ 'en-US': 'Enter your account number, then press the hash key.', 'es-US': 'Ingrese su número de cuenta y luego el signo de número.' }), locales('en-US', 'es-US')],
      ['a locale with no text (missing-translation’s)', input({ 'en-US': 'Please enter your 8-digit account number.' }, EIGHT), locales('en-US', 'es-US')],
      ['a language not read, with the number in digits', input({ 'en-US': 'Please enter your 8-digit account number.', 'fr-CA': 'Veuillez entrer votre numéro de compte à 8 chiffres.' }, EIGHT), locales('en-US', 'fr-CA')]
    ])('%s', (_, node, extra) => {
      expect(findingsOf(RULE, flow(node, extra))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a fixed length the prompt never states', () => {
      const findings = findingsOf(RULE, flow(input('Please enter your account number.', EIGHT)));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'warning',
        node: 'account',
        pointer: '/nodes/0/prompt',
        message: 'Input "account" takes 8 digits, but its prompt never says how many',
        data: { locales: ['en-US'], digits: 8 }
      });
    });

    it('reports a variable entry whose terminator is never named', () => {
      const findings = findingsOf(RULE, flow(input('Enter the amount you would like to pay, in dollars.', { minDigits: 1, maxDigits: 6 })));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        node: 'account',
        message: 'Input "account" ends when the caller presses #, but its prompt never says so nor that it takes 6 digits',
        data: { locales: ['en-US'], terminator: '#', maxDigits: 6 }
      });
    });

    it.each<[string, Loose]>([
      ['the wrong number', input('Please enter your 10-digit account number.', EIGHT)],
      ['the wrong number for a pattern of 8 digits', input('Please enter your 10-digit account number.', { pattern: '^\\d{8}$' })],
      ['a number that is not the length', input('Please enter your account number. Press 8 to hear this again.', EIGHT)],
      ['a number glued into another', input('Enter your account number from the 18 digits on your card.', EIGHT)],
      ['the pound key named for a star terminator', input('Enter your extension, then press pound.', { terminator: '*' })],
      ['the terminator said only in the reprompt', input('Please enter your account number.', { reprompt: 'Enter your account number, then press pound.' })],
      ['a variable entry that says a length other than its most digits', input('Please enter your 4-digit extension.', { maxDigits: 6 })]
    ])('%s', (_, node) => {
      expect(findingsOf(RULE, flow(node)).map((f) => f.node)).toEqual(['account']);
    });

    it('reports each locale that does not say it, pointing at the first', () => {
      const node = input(
        {
          'en-US': 'Please enter your 8-digit account number.',
          'es-US': 'Por favor, ingrese su número de cuenta.',
          'ko-KR': '계좌 번호를 입력해 주세요.',
          'ja-JP': '8桁の口座番号を入力してください。'
        },
        EIGHT
      );
      const findings = findingsOf(RULE, flow(node, locales('en-US', 'es-US', 'ko-KR', 'ja-JP')));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        pointer: '/nodes/0/prompt/es-US',
        message: 'Input "account" takes 8 digits, but its prompt never says how many (es-US, ko-KR)',
        data: { locales: ['es-US', 'ko-KR'], digits: 8 }
      });
    });

    it('reads a Spanish terminator that names another key as not naming it', () => {
      const node = input({ 'en-US': 'Enter your account number, then press pound.', 'es-US': 'Ingrese su número de cuenta y oprima asterisco.' });
      const findings = findingsOf(RULE, flow(node, locales('en-US', 'es-US')));
      expect(findings.map((f) => f.data)).toEqual([{ locales: ['es-US'], terminator: '#' }]);
    });
  });
});
