import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu } from '../../../support/build.ts';

const RULE = 'stale-translation';
const EN_ES = { locales: ['en-US', 'es-US'] };

type Loose = Parameters<typeof makeFlow>[0][number];

const vm: Loose = { id: 'vm', kind: 'voicemail', mailbox: 'general', prompt: { 'en-US': 'Please leave a message.', 'es-US': 'Deje un mensaje.' } };

/** The main menu with these texts, and a reprompt when given. */
const main = (prompt: Record<string, string>, reprompt?: Record<string, string>): Loose =>
  menu('main', { '1': 'agent', '0': 'agent' }, { prompt, ...(reprompt === undefined ? {} : { reprompt }) });

const flow = (node: Loose, extra: Record<string, unknown> = EN_ES) => makeFlow([node, agent, vm], extra);

const BEFORE = {
  'en-US': 'For billing, press 1. For an agent, press 0.',
  'es-US': 'Para facturación, oprima 1. Para hablar con un agente, oprima 0.'
};
const NEW_ENGLISH = 'To make a payment, press 1. For an agent, press 0.';

describe(RULE, () => {
  describe('valid', () => {
    it.each<[string, Loose, Loose]>([
      ['nothing changed', main(BEFORE), main(BEFORE)],
      ['the translation changed with the default text', main(BEFORE), main({ 'en-US': NEW_ENGLISH, 'es-US': 'Para hacer un pago, oprima 1. Para hablar con un agente, oprima 0.' })],
      ['only the translation changed', main(BEFORE), main({ ...BEFORE, 'es-US': 'Para pagos, oprima 1. Para hablar con un agente, oprima 0.' })],
      ['only white space and letter case changed', main(BEFORE), main({ ...BEFORE, 'en-US': 'for billing,  press 1.\nFor an agent, press 0.' })],
      ['a translation added since', main({ 'en-US': BEFORE['en-US'] }), main({ 'en-US': NEW_ENGLISH, 'es-US': 'Para hacer un pago, oprima 1. Para hablar con un agente, oprima 0.' })],
      ['a node new since the base', { ...main(BEFORE), id: 'old-main' }, main({ ...BEFORE, 'en-US': NEW_ENGLISH })],
      ['a field new since the base', main(BEFORE), main(BEFORE, { 'en-US': 'Sorry, I did not get that.', 'es-US': 'Lo siento, no le entendí.' })]
    ])('%s', (_, before, after) => {
      expect(findingsOf(RULE, flow(after), { base: flow(before) })).toEqual([]);
    });

    it('finds nothing without an earlier version', () => {
      expect(findingsOf(RULE, flow(main({ ...BEFORE, 'en-US': NEW_ENGLISH })))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a translation left as it was when the default text changed', () => {
      const findings = findingsOf(RULE, flow(main({ ...BEFORE, 'en-US': NEW_ENGLISH })), { base: flow(main(BEFORE)) });
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'warning',
        node: 'main',
        pointer: '/nodes/0/prompt/es-US',
        message: 'Node "main": the en-US text changed since the base version, but the es-US text did not (prompt)',
        data: { locales: ['es-US'], fields: ['prompt'], defaultLocale: 'en-US' }
      });
    });

    it('names every stale locale and field, in the flow’s order of locales', () => {
      const locales = { locales: ['en-US', 'es-US', 'ko-KR'] };
      const oldPrompt = { ...BEFORE, 'ko-KR': '요금 문의는 1번, 상담원 연결은 0번을 누르세요.' };
      const oldReprompt = { 'en-US': 'Sorry.', 'es-US': 'Lo siento.', 'ko-KR': '죄송합니다.' };
      const before = flow(main(oldPrompt, oldReprompt), locales);
      const after = flow(
        main({ ...oldPrompt, 'en-US': NEW_ENGLISH, 'es-US': 'Para hacer un pago, oprima 1. Para hablar con un agente, oprima 0.' }, { ...oldReprompt, 'en-US': 'Sorry, I did not get that.' }),
        locales
      );
      const findings = findingsOf(RULE, after, { base: before });
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        pointer: '/nodes/0/prompt/ko-KR',
        message: 'Node "main": the en-US text changed since the base version, but the es-US and ko-KR text did not (prompt, reprompt)',
        data: { locales: ['es-US', 'ko-KR'], fields: ['prompt', 'reprompt'] }
      });
    });

    it('compares plain text in the base with its default locale', () => {
      const before = flow({ id: 'hello', kind: 'prompt', prompt: 'Thank you for calling.', next: 'agent' }, { locales: ['en-US'] });
      const after = flow({ id: 'hello', kind: 'prompt', prompt: { 'en-US': 'Thank you for calling Harbor Bank.', 'es-US': 'Gracias por llamar.' }, next: 'agent' });
      // The Spanish text is new: nothing is stale.
      expect(findingsOf(RULE, after, { base: before })).toEqual([]);
      const later = flow({ id: 'hello', kind: 'prompt', prompt: { 'en-US': 'Thanks for calling Harbor Bank, we are glad you called.', 'es-US': 'Gracias por llamar.' }, next: 'agent' });
      expect(findingsOf(RULE, later, { base: after }).map((f) => f.node)).toEqual(['hello']);
    });
  });
});
