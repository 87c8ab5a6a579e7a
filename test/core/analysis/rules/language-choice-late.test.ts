import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu } from '../../../support/build.ts';

const RULE = 'language-choice-late';
const EN_ES = { locales: ['en-US', 'es-US'] };

type Loose = Parameters<typeof makeFlow>[0][number];

/** The same text in both locales: a language menu speaks both languages. */
const both = (text: string) => ({ 'en-US': text, 'es-US': text });
const vm: Loose = { id: 'vm', kind: 'voicemail', mailbox: 'general', prompt: { 'en-US': 'Please leave a message.', 'es-US': 'Deje un mensaje.' } };

const language = (text = 'For English, press 1. Para español, oprima 2.', extra: Record<string, unknown> = {}): Loose =>
  menu('language', { '1': 'agent', '2': 'agent' }, { prompt: both(text), ...extra });

const welcome = (en: string, es = 'Gracias por llamar.', next = 'language'): Loose => ({ id: 'welcome', kind: 'prompt', prompt: { 'en-US': en, 'es-US': es }, next });

const LONG_WELCOME =
  'Thank you for calling Harbor Bank. Please listen carefully, as our menu options have changed. You can check your balance, pay a bill or find a branch near you at harbor bank dot com, any time of the day or night.';

describe(RULE, () => {
  describe('valid', () => {
    it.each<[string, Loose[], Record<string, unknown>]>([
      ['the language menu first', [language(), agent, vm], EN_ES],
      ['a short welcome, then the language menu', [welcome('Thank you for calling Harbor Bank. This call may be recorded.'), language(), agent, vm], EN_ES],
      ['the other language offered at the start of the main menu', [menu('main', { '1': 'agent', '9': 'agent', '0': 'agent' }, { prompt: both('Welcome to Harbor Bank. Para español, oprima 9. For billing, press 1. For an agent, press 0.') }), agent, vm], EN_ES],
      ['a flow in one locale', [welcome(LONG_WELCOME), language(), agent, vm], { locales: ['en-US'] }],
      ['two locales of one language', [welcome(LONG_WELCOME), language('For US English, press 1. For British English, press 2.'), agent, vm], { locales: ['en-US', 'en-GB'] }],
      ['no language choice at all (the platform picks the language)', [welcome(LONG_WELCOME, 'Gracias por llamar.', 'main'), menu('main', { '0': 'agent' }, { prompt: { 'en-US': 'For an agent, press 0.', 'es-US': 'Para un agente, oprima 0.' } }), agent, vm], EN_ES],
      ['a customer queue flow, which runs after the choice', [welcome(LONG_WELCOME), language(), agent, vm], { ...EN_ES, role: 'customer-queue' }],
      ['Korean and Japanese offered first', [language('For English, press 1. 한국어는 2번을 누르세요. 日本語は3番を押してください。', { options: [{ key: '1', next: 'agent' }, { key: '2', next: 'agent' }, { key: '3', next: 'agent' }] }), agent, vm], { locales: ['en-US', 'ko-KR', 'ja-JP'] }]
    ])('%s', (_, nodes, extra) => {
      expect(findingsOf(RULE, makeFlow(nodes, extra))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a long welcome before the language menu', () => {
      const findings = findingsOf(RULE, makeFlow([welcome(LONG_WELCOME), language(), agent, vm], EN_ES));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'warning',
        node: 'language',
        nodes: ['language'],
        pointer: '/nodes/1/prompt',
        data: { before: [], locale: 'en-US' }
      });
      expect(findings[0]!.message).toMatch(/^The language choice at "language" comes late: \d+(\.\d)? s of en-US speech come first; a caller who does not understand en-US cannot use any of it$/);
      expect((findings[0]!.data as { seconds: number }).seconds).toBeGreaterThan(10);
    });

    it('reports a menu the caller must answer before the language menu', () => {
      const main = menu('main', { '1': 'language', '0': 'agent' }, { prompt: { 'en-US': 'For other languages, press 1. For an agent, press 0.', 'es-US': 'Para otros idiomas, oprima 1. Para un agente, oprima 0.' } });
      const findings = findingsOf(RULE, makeFlow([main, language(), agent, vm], EN_ES));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        node: 'language',
        nodes: ['language', 'main'],
        message: 'The language choice at "language" comes late: the caller must answer menu "main" first; a caller who does not understand en-US cannot use any of it',
        data: { before: ['main'] }
      });
    });

    it('reports an account number asked for before the language menu', () => {
      const account = { id: 'account', kind: 'input', variable: 'account', prompt: both('Please enter your 8-digit account number.'), minDigits: 8, maxDigits: 8, next: 'language' };
      expect(findingsOf(RULE, makeFlow([account, language(), agent, vm], EN_ES)).map((f) => f.data)).toEqual([
        expect.objectContaining({ before: ['account'] })
      ]);
    });

    it('reports "para español" at the end of a long main menu', () => {
      const main = menu('main', { '1': 'agent', '2': 'agent', '3': 'agent', '9': 'agent', '0': 'agent' }, {
        prompt: both('Thank you for calling Harbor Bank. For account balances, press 1. To report a lost or stolen card, press 2. For loans and mortgages, press 3. For an agent, press 0. Para español, oprima 9.')
      });
      expect(findingsOf(RULE, makeFlow([main, agent, vm], EN_ES)).map((f) => f.node)).toEqual(['main']);
    });

    it('recognises a language menu by the variable its choices set', () => {
      const pick = menu('pick', { '1': 'set-en', '2': 'set-es' }, { prompt: both('<audio src="languages.wav"/> Press 1 or 2.') });
      const nodes: Loose[] = [
        welcome(LONG_WELCOME, 'Gracias por llamar.', 'pick'),
        pick,
        { id: 'set-en', kind: 'set', assign: { callerLanguage: 'en-US' }, next: 'agent' },
        { id: 'set-es', kind: 'set', assign: { callerLanguage: 'es-US' }, next: 'agent' },
        agent,
        vm
      ];
      expect(findingsOf(RULE, makeFlow(nodes, EN_ES)).map((f) => f.node)).toEqual(['pick']);
    });

    it('takes the quickest route: a menu on a longer route does not count, the long welcome does', () => {
      const nodes: Loose[] = [
        { id: 'hours', kind: 'hours', timeZone: 'America/New_York', weekly: { mon: [['09:00', '17:00']] }, open: 'welcome', closed: 'closed-menu' },
        welcome(LONG_WELCOME),
        menu('closed-menu', { '1': 'language', '0': 'vm' }, { prompt: { 'en-US': 'We are closed. For other languages, press 1. To leave a message, press 0.', 'es-US': 'Estamos cerrados. Para otros idiomas, oprima 1. Para dejar un mensaje, oprima 0.' } }),
        language(),
        agent,
        vm
      ];
      const findings = findingsOf(RULE, makeFlow(nodes, EN_ES));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.data).toMatchObject({ before: [] });
    });
  });
});
