import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail } from '../../../support/build.ts';

const RULE = 'prompt-key-mismatch';

type Prompt = string | Record<string, string>;

/** A flow whose start is a menu with these keys (and phrases) and this prompt. */
function flowWith(
  keys: string[],
  prompt: Prompt,
  extra: Record<string, unknown> = {},
  flowExtra: Record<string, unknown> = {}
) {
  const options = keys.map((key) => (key.startsWith('say:') ? { phrases: [key.slice(4)], next: 'agent' } : { key, next: 'agent' }));
  return makeFlow([{ ...menu('main', {}), prompt, options, ...extra }, agent, voicemail], flowExtra);
}

describe(RULE, () => {
  describe('valid', () => {
    it.each<[string, string[], Prompt, Record<string, unknown>?, Record<string, unknown>?]>([
      ['every key announced', ['1', '2', '0'], 'For billing, press 1. For sales, press 2. For an agent, press 0.'],
      ['a list of keys', ['1', '2', '3'], 'Press 1, 2 or 3.'],
      ['a list that repeats its pattern', ['1', '2', '3'], 'Press 1 for billing, 2 for sales, or 3 for support.'],
      ['number words and the star key', ['1', '*'], 'Press one for billing, or press the star key to go back.'],
      ['a speech-only choice is not announced by key', ['1', 'say:agent'], 'Press 1 for billing, or say agent.'],
      ['a key announced only by the reprompt', ['1', '2'], 'Press 1 for billing.', { reprompt: 'Sorry. Press 1 for billing or 2 for sales.' }],
      ['a menu of speech only that names no key', ['say:billing', 'say:sales'], 'Say billing or sales.'],
      ['times and amounts are not keys', ['1'], 'We are open 9 to 5. To pay your $25 balance, press 1.'],
      ['a prompt read from data may announce keys we cannot see', ['1', '2'], 'Press 1 for billing. {{moreChoices}}'],
      [
        'every locale announces every key',
        ['1', '0'],
        { 'en-US': 'For billing, press 1. For an agent, press 0.', 'es-US': 'Para facturación, oprima 1. Para un agente, oprima 0.' },
        {},
        { locales: ['en-US', 'es-US'] }
      ],
      ['Korean', ['1', '0'], { 'ko-KR': '요금 문의는 1번, 상담원 연결은 0번을 눌러 주세요.' }, {}, { locales: ['ko-KR'] }],
      ['Japanese', ['1', '#'], { 'ja-JP': 'お支払いは1番を、終了はシャープを押してください。' }, {}, { locales: ['ja-JP'] }]
    ])('%s', (_, keys, prompt, extra = {}, flowExtra = {}) => {
      expect(findingsOf(RULE, flowWith(keys, prompt, extra, flowExtra))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a key no choice has and a choice never announced, in one finding', () => {
      const findings = findingsOf(RULE, flowWith(['1', '2', '3'], 'For billing, press 1. For sales, press 2. For anything else, press 9.'));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'warning',
        node: 'main',
        pointer: '/nodes/0/prompt',
        message: 'Menu "main": the prompt says "press 9" but no choice has key 9; choice 3 is never announced',
        data: { locale: 'en-US', locales: ['en-US'], unknownKeys: ['9'], unannouncedKeys: ['3'] }
      });
    });

    it.each<[string, string[], Prompt, Record<string, unknown>, string[], string[], string]>([
      [
        'a prompt that names no key',
        ['1', '2', '3'], 'Welcome to the main menu.', {},
        [], ['1', '2', '3'],
        'Menu "main": the prompt names no key, so choices 1, 2 and 3 are never announced'
      ],
      [
        'an unannounced zero',
        ['1', '0'], 'For billing, press 1.', {},
        [], ['0'],
        'Menu "main": choice 0 is never announced'
      ],
      [
        'two unknown keys in one list',
        ['1'], 'Press 1, 8 or 9.', {},
        ['8', '9'], [],
        'Menu "main": the prompt says "press 1, 8 or 9" but no choice has key 8 or 9'
      ],
      [
        'a pound key no choice has',
        ['1'], 'Press 1 for billing. When you are done, press the pound key.', {},
        ['#'], [],
        'Menu "main": the prompt says "press the pound key" but no choice has key #'
      ],
      [
        'a speech-only menu that asks for a key',
        ['say:billing'], 'Say billing, or press 1.', {},
        ['1'], [],
        'Menu "main": the prompt says "press 1" but no choice has key 1'
      ],
      [
        'a key only the reprompt names',
        ['1'], 'Press 1 for billing.', { reprompt: 'Sorry. Press 1 for billing or 2 for sales.' },
        ['2'], [],
        'Menu "main": the reprompt says "2 for sales" but no choice has key 2'
      ],
      [
        'a placeholder does not excuse an unknown key',
        ['1'], 'Press 1 or 5. {{more}}', {},
        ['5'], [],
        'Menu "main": the prompt says "press 1 or 5" but no choice has key 5'
      ]
    ])('%s', (_, keys, prompt, extra, unknownKeys, unannouncedKeys, message) => {
      const findings = findingsOf(RULE, flowWith(keys, prompt, extra));
      expect(findings.map((f) => [f.node, f.message, f.data?.['unknownKeys'], f.data?.['unannouncedKeys']])).toEqual([
        ['main', message, unknownKeys, unannouncedKeys]
      ]);
    });

    it('points at the reprompt when only the reprompt is wrong', () => {
      const [finding] = findingsOf(RULE, flowWith(['1'], 'Press 1.', { reprompt: 'Press 1 or 2.' }));
      expect(finding?.pointer).toBe('/nodes/0/reprompt');
    });

    it('checks each locale on its own and points at the text that forgets a key', () => {
      const flow = flowWith(
        ['1', '2', '0'],
        {
          'en-US': 'For billing, press 1. For sales, press 2. For an agent, press 0.',
          'es-US': 'Para facturación, oprima 1. Para un agente, oprima 0.'
        },
        {},
        { locales: ['en-US', 'es-US'] }
      );
      const findings = findingsOf(RULE, flow);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        node: 'main',
        pointer: '/nodes/0/prompt/es-US',
        message: 'Menu "main" (es-US): choice 2 is never announced',
        data: { locale: 'es-US', locales: ['es-US'], unknownKeys: [], unannouncedKeys: ['2'] }
      });
    });

    it('makes one finding for locales with the same mismatch', () => {
      const flow = flowWith(
        ['1', '2'],
        { 'en-US': 'For billing, press 1.', 'es-US': 'Para facturación, oprima 1.', 'ko-KR': '요금 문의는 1번을 누르세요.' },
        {},
        { locales: ['en-US', 'es-US', 'ko-KR'] }
      );
      const findings = findingsOf(RULE, flow);
      expect(findings.map((f) => [f.pointer, f.message, f.data?.['locales']])).toEqual([
        ['/nodes/0/prompt/en-US', 'Menu "main" (en-US, es-US, ko-KR): choice 2 is never announced', ['en-US', 'es-US', 'ko-KR']]
      ]);
    });

    it('makes a finding per different mismatch', () => {
      const flow = flowWith(
        ['1', '2'],
        { 'en-US': 'Press 1 or 2.', 'ja-JP': '1番を押してください。', 'ko-KR': '1번 또는 3번을 누르세요.' },
        {},
        { locales: ['en-US', 'ja-JP', 'ko-KR'] }
      );
      expect(findingsOf(RULE, flow).map((f) => [f.pointer, f.data?.['unknownKeys'], f.data?.['unannouncedKeys']])).toEqual([
        ['/nodes/0/prompt/ja-JP', [], ['2']],
        ['/nodes/0/prompt/ko-KR', ['3'], ['2']]
      ]);
    });

    it('reads a plain-text prompt as the first locale, with the pointer to the field', () => {
      const flow = flowWith(['1', '2'], 'Press 1.', { reprompt: { 'es-US': 'Oprima 1 o 2.' } }, { locales: ['en-US', 'es-US'] });
      expect(findingsOf(RULE, flow).map((f) => [f.pointer, f.data?.['locale']])).toEqual([['/nodes/0/prompt', 'en-US']]);
    });

    it('checks a locale only the reprompt has', () => {
      const flow = flowWith(['1', '2'], 'Press 1 or 2.', { reprompt: { 'es-US': 'Oprima 1.' } }, { locales: ['en-US', 'es-US'] });
      expect(findingsOf(RULE, flow).map((f) => [f.pointer, f.message])).toEqual([
        ['/nodes/0/reprompt/es-US', 'Menu "main" (es-US): choice 2 is never announced']
      ]);
    });

    it('escapes a locale in the pointer', () => {
      const flow = flowWith(['1', '2'], { 'x/y': 'Press 1.' }, {}, { locales: ['x/y'] });
      expect(findingsOf(RULE, flow)[0]?.pointer).toBe('/nodes/0/prompt/x~1y');
    });
  });
});

describe('prompt-key-mismatch: retry prompts', () => {
  it('reads the no-input and invalid prompts too', async () => {
    const { agent, makeFlow, menu, voicemail, where } = await import('../../../support/build.ts');
    const flow = makeFlow([
      menu('main', { '0': 'agent' }, { invalidPrompt: 'That is not a choice. For the operator, press 9.' }),
      agent,
      voicemail
    ]);
    expect(where('prompt-key-mismatch', flow)).toEqual(['main']);
  });
});
