import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

const keys = (list: string): Record<string, string> => Object.fromEntries([...list].map((k) => [k, 'agent']));

describe('too-many-options', () => {
  it.each([
    ['five choices', [menu('main', keys('12345')), agent, voicemail], []],
    ['five choices plus 0, * and #', [menu('main', keys('12345*#0')), agent, voicemail], []],
    ['six choices', [menu('main', keys('123456')), agent, voicemail], ['main']],
    ['nine choices and 0', [menu('main', keys('1234567890')), agent, voicemail], ['main']]
  ])('%s', (_, nodes, expected) => {
    expect(where('too-many-options', makeFlow(nodes))).toEqual(expected);
  });

  it('takes its limit from the flow and from the call', () => {
    const nodes = [menu('main', keys('123456')), agent, voicemail];
    expect(where('too-many-options', makeFlow(nodes, { lint: { thresholds: { maxOptions: 6 } } }))).toEqual([]);
    expect(where('too-many-options', makeFlow(nodes), { thresholds: { maxOptions: 7 } })).toEqual([]);
    expect(findingsOf('too-many-options', makeFlow(nodes))[0]?.data).toEqual({ options: 6, limit: 5 });
  });
});
