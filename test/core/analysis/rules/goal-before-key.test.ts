import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail } from '../../../support/build.ts';

const RULE = 'goal-before-key';

type Prompt = string | Record<string, string>;

/** A flow whose start is a menu on keys 1, 2 and 0 with this prompt. */
function flowWith(prompt: Prompt, extra: Record<string, unknown> = {}, flowExtra: Record<string, unknown> = {}) {
  return makeFlow([menu('main', { '1': 'agent', '2': 'agent', '0': 'agent' }, { prompt, ...extra }), agent, voicemail], flowExtra);
}

const phrases = (prompt: Prompt, flowExtra: Record<string, unknown> = {}): string[] =>
  findingsOf(RULE, flowWith(prompt, {}, flowExtra)).map((f) => String(f.data?.['phrase']));

describe(RULE, () => {
  describe('valid', () => {
    it.each<[string, Prompt, Record<string, unknown>?]>([
      ['English, goal first', 'For billing, press 1. For technical support, press 2. To speak with an agent, press 0.'],
      ['English, "please" before the key', 'To pay your bill, please press 1. To hear your balance, please press 2. For anything else, press 0.'],
      ['keys with no goal', 'Please press 1, 2 or 0.'],
      ['a key that ends an entry', 'Enter your account number followed by the pound key. For billing, press 1. For sales, press 2. For an agent, press 0.'],
      ['times are not keys', 'We are open 9 to 5. For billing, press 1. For sales, press 2. For an agent, press 0.'],
      [
        'Spanish, goal first, every verb',
        { 'es-US': 'Para facturación, oprima 1. Para ventas, marque 2. Para hablar con un agente, pulse 0. Para repetir, presione 1.' },
        { locales: ['es-US'] }
      ],
      ['Korean, goal first', { 'ko-KR': '요금 문의는 1번을 눌러 주세요. 결제는 2번, 상담원 연결은 0번을 눌러 주세요.' }, { locales: ['ko-KR'] }],
      ['Korean, goal first, "you can press"', { 'ko-KR': '요금 문의는 1번을 누르시면 됩니다. 결제는 2번, 상담원 연결은 0번을 눌러 주세요.' }, { locales: ['ko-KR'] }],
      ['Japanese, goal first', { 'ja-JP': '料金のお問い合わせは1を押してください。お支払いは2番、オペレーターは0番を押してください。' }, { locales: ['ja-JP'] }]
    ])('%s', (_, prompt, flowExtra = {}) => {
      expect(findingsOf(RULE, flowWith(prompt, {}, flowExtra))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports the first key said before its goal, with the goal-first wording', () => {
      const findings = findingsOf(RULE, flowWith('Press 1 for billing. Press 2 for technical support. Press 0 to speak with an agent.'));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'info',
        node: 'main',
        pointer: '/nodes/0/prompt',
        message:
          'Menu "main": the prompt says "press 1 for billing", the key before the goal; callers listen for their goal, then the key: say the goal first: "For billing, press 1"',
        data: { locale: 'en-US', field: 'prompt', key: '1', phrase: 'press 1 for billing', suggestion: 'For billing, press 1' }
      });
    });

    it.each<[string, Prompt, string[], Record<string, unknown>?]>([
      ['a list after a key said first', 'Press 1 for billing, 2 for sales, or 0 for an agent.', ['press 1 for billing']],
      ['only one choice of several', 'For billing, press 1. For sales, press 2. Press 0 at any time to speak with an agent.', ['press 0 at any time to speak with an agent']],
      ['"if" after the key', 'Press 1 if you are a new patient. For billing, press 2. For an agent, press 0.', ['press 1 if you are a new patient']],
      ['Spanish, oprima', { 'es-US': 'Oprima 1 para facturación. Para ventas, oprima 2. Para un agente, oprima 0.' }, ['oprima 1 para facturación'], { locales: ['es-US'] }],
      ['Spanish, marque', { 'es-US': 'Para facturación, marque 1. Marque 2 para ventas. Para un agente, marque 0.' }, ['marque 2 para ventas'], { locales: ['es-US'] }],
      ['Spanish, pulse', { 'es-US': 'Pulse 1 si es un paciente nuevo. Para ventas, pulse 2. Para un agente, pulse 0.' }, ['pulse 1 si es un paciente nuevo'], { locales: ['es-US'] }],
      ['Spanish, presione', { 'es-US': 'Presione 0 para hablar con un agente. Para facturación, presione 1. Para ventas, presione 2.' }, ['presione 0 para hablar con un agente'], { locales: ['es-US'] }],
      [
        'Korean, the key as the condition of the goal',
        { 'ko-KR': '1번을 누르시면 요금 문의로 연결됩니다. 2번을 누르시면 결제 안내로 연결됩니다. 상담원 연결은 0번을 눌러 주세요.' },
        ['1번을 누르시면 요금 문의로 연결됩니다'],
        { locales: ['ko-KR'] }
      ],
      ['Korean, the key as the topic', { 'ko-KR': '1번은 요금 문의, 2번은 결제, 0번은 상담원 연결입니다.' }, ['1번은 요금 문의'], { locales: ['ko-KR'] }],
      [
        'Japanese, "if you press"',
        { 'ja-JP': '1を押すと料金のお問い合わせにつながります。お支払いは2番、オペレーターは0番を押してください。' },
        ['1を押すと料金のお問い合わせにつながります'],
        { locales: ['ja-JP'] }
      ],
      [
        'Japanese, "press and then"',
        { 'ja-JP': '1番を押して料金のお問い合わせへお進みください。お支払いは2番、オペレーターは0番を押してください。' },
        ['1番を押して料金のお問い合わせへお進みください'],
        { locales: ['ja-JP'] }
      ]
    ])('%s', (_, prompt, expected, flowExtra = {}) => {
      expect(phrases(prompt, flowExtra)).toEqual(expected);
    });

    it('reads each locale on its own, and says which locale', () => {
      const flow = flowWith(
        {
          'en-US': 'For billing, press 1. For sales, press 2. For an agent, press 0.',
          'es-US': 'Oprima 1 para facturación. Oprima 2 para ventas. Oprima 0 para un agente.'
        },
        {},
        { locales: ['en-US', 'es-US'] }
      );
      const findings = findingsOf(RULE, flow);
      expect(findings.map((f) => [f.pointer, f.data?.['locale']])).toEqual([['/nodes/0/prompt/es-US', 'es-US']]);
      expect(findings[0]!.message).toContain('Menu "main" (es-US): the prompt says "oprima 1 para facturación"');
      expect(findings[0]!.data?.['suggestion']).toBe('Para facturación, oprima 1');
    });

    it('reports each prompt field once, and a reprompt that repeats the prompt not again', () => {
      const prompt = 'Press 1 for billing. Press 2 for sales. Press 0 for an agent.';
      expect(findingsOf(RULE, flowWith(prompt, { reprompt: prompt }))).toHaveLength(1);
      const findings = findingsOf(RULE, flowWith(prompt, { reprompt: 'Sorry, I did not get that. Press 1 for billing, 2 for sales, or 0 for an agent.' }));
      expect(findings.map((f) => f.pointer)).toEqual(['/nodes/0/prompt', '/nodes/0/reprompt']);
    });

    it('reads the prompts of nodes other than menus', () => {
      const flow = makeFlow([
        { id: 'zip', kind: 'input', variable: 'zip', maxDigits: 5, prompt: 'Enter your ZIP code. Press star to go back.', next: 'agent', noInput: 'agent', invalid: 'agent' },
        agent,
        voicemail
      ]);
      expect(findingsOf(RULE, flow).map((f) => [f.node, f.data?.['phrase']])).toEqual([['zip', 'press star to go back']]);
    });
  });
});
