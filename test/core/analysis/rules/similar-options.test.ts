import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail } from '../../../support/build.ts';

const RULE = 'similar-options';

type Prompt = string | Record<string, string>;

/** A flow whose start is a menu on keys 1, 2, 3 and 0 with this prompt. */
function flowWith(prompt: Prompt, extra: Record<string, unknown> = {}, flowExtra: Record<string, unknown> = {}) {
  return makeFlow([menu('main', { '1': 'agent', '2': 'agent', '3': 'agent', '0': 'agent' }, { prompt, ...extra }), agent, voicemail], flowExtra);
}

/** The pairs of keys reported, and their goals. */
const pairs = (prompt: Prompt, flowExtra: Record<string, unknown> = {}) =>
  findingsOf(RULE, flowWith(prompt, {}, flowExtra)).map((f) => [f.data?.['keys'], f.data?.['labels']]);

describe(RULE, () => {
  describe('valid', () => {
    it.each<[string, Prompt, Record<string, unknown>?]>([
      ['distinct goals', 'For your account balance, press 1. To report a lost or stolen card, press 2. For loans, press 3. To speak with a representative, press 0.'],
      ['goals that differ in the word that matters', 'To open a new account, press 1. For an existing account, press 2. For loans, press 3. For anything else, press 0.'],
      ['a goal that adds to another', 'For billing, press 1. For billing and payment plans, press 2. For sales, press 3. For an agent, press 0.'],
      ['keys with no goal', 'For help, press 0. Otherwise press 1, 2 or 3.'],
      ['a key the menu does not have', 'For support, press 1. For sales, press 2. For returns, press 3. For an agent, press 0. For technical support, press 9.'],
      [
        'Spanish, distinct goals',
        { 'es-US': 'Para el saldo de su cuenta, oprima 1. Para reportar una tarjeta perdida, oprima 2. Para préstamos, oprima 3. Para hablar con un representante, oprima 0.' },
        { locales: ['es-US'] }
      ],
      [
        'Korean, distinct goals',
        { 'ko-KR': '예약은 1번을 눌러 주세요. 처방약 재처방은 2번, 수납 및 청구 문의는 3번, 접수처 직원과 통화하시려면 0번을 눌러 주세요.' },
        { locales: ['ko-KR'] }
      ]
    ])('%s', (_, prompt, flowExtra = {}) => {
      expect(findingsOf(RULE, flowWith(prompt, {}, flowExtra))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports two choices whose goals sound alike, quoting both', () => {
      const findings = findingsOf(RULE, flowWith('For account services, press 1. For account support, press 2. For billing, press 3. To speak with an agent, press 0.'));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'warning',
        node: 'main',
        pointer: '/nodes/0/prompt',
        message: 'Menu "main": choices 1 ("for account services") and 2 ("for account support") sound alike; callers cannot tell which one is theirs',
        data: { locale: 'en-US', field: 'prompt', keys: ['1', '2'], labels: ['for account services', 'for account support'] }
      });
    });

    it.each<[string, Prompt, unknown[], Record<string, unknown>?]>([
      [
        'goals said after the keys',
        'Press 1 for billing questions, 2 for billing, 3 for sales, or 0 for an agent.',
        [[['1', '2'], ['billing questions', 'billing']]]
      ],
      [
        'goals made of words any choice could carry',
        'For customer service, press 1. For customer support, press 2. For returns, press 3. For an agent, press 0.',
        [[['1', '2'], ['for customer service', 'for customer support']]]
      ],
      [
        'the same goal in other words',
        'To speak with a representative, press 0. For orders, press 1. For returns, press 2. To talk to a representative, press 3.',
        [[['0', '3'], ['to speak with a representative', 'to talk to a representative']]]
      ],
      [
        'Spanish',
        { 'es-US': 'Para servicios de cuenta, oprima 1. Para soporte de cuenta, oprima 2. Para facturación, oprima 3. Para un agente, oprima 0.' },
        [[['1', '2'], ['para servicios de cuenta', 'para soporte de cuenta']]],
        { locales: ['es-US'] }
      ],
      [
        'Korean',
        { 'ko-KR': '요금 문의는 1번, 요금 안내는 2번, 결제는 3번, 상담원 연결은 0번을 눌러 주세요.' },
        [[['1', '2'], ['요금 문의는', '요금 안내는']]],
        { locales: ['ko-KR'] }
      ],
      [
        'Japanese',
        { 'ja-JP': '料金のお問い合わせは1番、料金に関するご相談は2番、お支払いは3番、オペレーターは0番を押してください。' },
        [[['1', '2'], ['料金のお問い合わせは', '料金に関するご相談は']]],
        { locales: ['ja-JP'] }
      ]
    ])('%s', (_, prompt, expected, flowExtra = {}) => {
      expect(pairs(prompt, flowExtra)).toEqual(expected);
    });

    it('reports a pair once, however many prompts repeat it, and names the locale', () => {
      const prompt = {
        'en-US': 'For account services, press 1. For account support, press 2. For billing, press 3. For an agent, press 0.',
        'es-US': 'Para servicios de cuenta, oprima 1. Para soporte de cuenta, oprima 2. Para facturación, oprima 3. Para un agente, oprima 0.'
      };
      const findings = findingsOf(RULE, flowWith(prompt, { reprompt: prompt }, { locales: ['en-US', 'es-US'] }));
      expect(findings.map((f) => [f.pointer, f.data?.['keys']])).toEqual([['/nodes/0/prompt/en-US', ['1', '2']]]);
      expect(findings[0]!.message).toContain('Menu "main" (en-US): choices 1');
    });
  });
});
