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

describe('unannounced-wait: announcements in prompts', () => {
  it.each([
    ['the hold prompt says how long', [{ ...agent, expectedWaitSeconds: 600, prompt: 'Your expected wait is about 10 minutes.' }, voicemail], []],
    ['the prompt before the queue says how long', [
      { id: 'say', kind: 'prompt', prompt: 'The wait is about 10 minutes.', next: 'agent' },
      { ...agent, expectedWaitSeconds: 600 }, voicemail
    ], []],
    ['"please hold" is no announcement', [
      { id: 'say', kind: 'prompt', prompt: 'Please hold for the next agent.', next: 'agent' },
      { ...agent, expectedWaitSeconds: 600 }, voicemail
    ], ['agent']],
    ['one way in without the announcement is enough to miss it', [
      { id: 'menu', kind: 'menu', prompt: 'For billing, press 1. For an agent, press 0.', options: [{ key: '1', next: 'say' }, { key: '0', next: 'agent' }], noInput: 'menu', invalid: 'menu', maxRetries: 1, onMaxRetries: 'agent' },
      { id: 'say', kind: 'prompt', prompt: 'The wait is about 10 minutes.', next: 'agent' },
      { ...agent, expectedWaitSeconds: 600 }, voicemail
    ], ['agent']]
  ])('%s', (_, nodes, expected) => {
    expect(where('unannounced-wait', makeFlow(nodes))).toEqual(expected);
  });
});
