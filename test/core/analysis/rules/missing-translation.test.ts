import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail } from '../../../support/build.ts';

const RULE = 'missing-translation';
const EN_ES = { locales: ['en-US', 'es-US'] };

type Loose = Parameters<typeof makeFlow>[0][number];

const hello = (prompt: unknown, extra: Record<string, unknown> = {}): Loose => ({
  id: 'hello',
  kind: 'prompt',
  prompt,
  next: 'agent',
  ...extra
});

describe(RULE, () => {
  describe('valid', () => {
    it.each<[string, Loose[], Record<string, unknown>]>([
      ['a flow with the default locale only', [hello('Hello'), agent, voicemail], {}],
      ['a flow with one declared locale', [hello({ 'es-US': 'Hola' }), agent, voicemail], { locales: ['es-US'] }],
      ['a flow with one locale and plain text', [hello('Hello'), agent, voicemail], { locales: ['en-US'] }],
      ['every prompt in every locale', [hello({ 'en-US': 'Hello', 'es-US': 'Hola' }), agent, voicemail], EN_ES],
      [
        'a menu with prompt and reprompt in every locale',
        [
          menu('main', { '0': 'agent' }, {
            prompt: { 'en-US': 'For an agent, press 0.', 'es-US': 'Para un agente, oprima 0.' },
            reprompt: { 'en-US': 'Sorry.', 'es-US': 'Lo siento.' }
          }),
          agent,
          voicemail
        ],
        EN_ES
      ],
      ['nodes without prompts', [{ id: 'look', kind: 'lookup', service: 'crm', success: 'agent', failure: 'agent' }, agent, voicemail], EN_ES],
      ['extra locales beyond those declared', [hello({ 'en-US': 'Hello', 'es-US': 'Hola', 'fr-CA': 'Bonjour' }), agent, voicemail], EN_ES]
    ])('%s', (_, nodes, extra) => {
      expect(findingsOf(RULE, makeFlow(nodes, extra))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports plain text as the first locale only', () => {
      const findings = findingsOf(RULE, makeFlow([hello('Hello'), agent, voicemail], EN_ES));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'warning',
        node: 'hello',
        pointer: '/nodes/0/prompt',
        message: 'Node "hello" has no es-US text (prompt)',
        data: { locales: ['es-US'], fields: ['prompt'] }
      });
    });

    it.each<[string, Loose, Record<string, unknown>, string[], string, string]>([
      ['a locale left out of the object', hello({ 'en-US': 'Hello' }), EN_ES, ['es-US'], '/nodes/0/prompt', 'Node "hello" has no es-US text (prompt)'],
      ['the first locale left out', hello({ 'es-US': 'Hola' }), EN_ES, ['en-US'], '/nodes/0/prompt', 'Node "hello" has no en-US text (prompt)'],
      ['a blank translation', hello({ 'en-US': 'Hello', 'es-US': '  ' }), EN_ES, ['es-US'], '/nodes/0/prompt', 'Node "hello" has no es-US text (prompt)'],
      [
        'several locales missing, in the flow’s order',
        hello({ 'es-US': 'Hola' }),
        { locales: ['en-US', 'es-US', 'ko-KR', 'ja-JP'] },
        ['en-US', 'ko-KR', 'ja-JP'],
        '/nodes/0/prompt',
        'Node "hello" has no en-US, ko-KR or ja-JP text (prompt)'
      ],
      [
        'a queue prompt',
        { ...agent, id: 'hello', prompt: { 'en-US': 'Please hold.' } },
        EN_ES,
        ['es-US'],
        '/nodes/0/prompt',
        'Node "hello" has no es-US text (prompt)'
      ]
    ])('%s', (_, node, extra, locales, pointer, message) => {
      const findings = findingsOf(RULE, makeFlow([node, agent, voicemail], extra));
      expect(findings.map((f) => [f.node, f.pointer, f.message, f.data?.['locales']])).toEqual([['hello', pointer, message, locales]]);
    });

    it('makes one finding per node across prompt and reprompt, pointing at the first field missing one', () => {
      const flow = makeFlow(
        [
          menu('main', { '0': 'agent' }, {
            prompt: { 'en-US': 'For an agent, press 0.', 'es-US': 'Para un agente, oprima 0.', 'ko-KR': '상담원은 0번을 누르세요.' },
            reprompt: { 'en-US': 'Sorry.' }
          }),
          menu('other', { '0': 'agent' }, {
            prompt: { 'en-US': 'For an agent, press 0.' },
            reprompt: { 'es-US': 'Lo siento.', 'ko-KR': '죄송합니다.' }
          }),
          agent,
          voicemail
        ],
        { locales: ['en-US', 'es-US', 'ko-KR'] }
      );
      expect(findingsOf(RULE, flow).map((f) => [f.node, f.pointer, f.data?.['locales'], f.data?.['fields']])).toEqual([
        ['main', '/nodes/0/reprompt', ['es-US', 'ko-KR'], ['reprompt']],
        ['other', '/nodes/1/prompt', ['en-US', 'es-US', 'ko-KR'], ['prompt', 'reprompt']]
      ]);
    });
  });
});
