import { describe, expect, it } from 'vitest';
import { agent, makeFlow, voicemail, where } from '../../../support/build.ts';

describe('unannounced-wait', () => {
  it.each([
    ['a short wait', [{ ...agent, expectedWaitSeconds: 20 }, voicemail], []],
    ['a long wait announced', [{ ...agent, expectedWaitSeconds: 600, announceWait: true }, voicemail], []],
    ['a long wait never announced', [{ ...agent, expectedWaitSeconds: 600 }, voicemail], ['agent']],
    ['an unknown wait never announced', [{ ...agent, expectedWaitSeconds: undefined }, voicemail], ['agent']]
  ])('%s', (_, nodes, expected) => {
    expect(where('unannounced-wait', makeFlow(nodes))).toEqual(expected);
  });
});
