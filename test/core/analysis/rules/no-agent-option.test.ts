import { describe, expect, it } from 'vitest';
import { agent, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

describe('no-agent-option', () => {
  it.each([
    ['a menu with press 0 for an agent', [menu('main', { '1': 'agent', '0': 'agent' }), agent, voicemail], []],
    ['a menu whose agent route passes a prompt and an hours check', [
      menu('main', { '0': 'hold' }), agent, voicemail,
      { id: 'hold', kind: 'prompt', prompt: 'Please hold.', next: 'hours' },
      { id: 'hours', kind: 'hours', timeZone: 'UTC', weekly: {}, open: 'agent', closed: 'vm' }
    ], []],
    ['a menu whose only agent route needs another menu', [
      menu('main', { '1': 'sub' }), menu('sub', { '0': 'agent' }), agent, voicemail
    ], ['main']],
    ['voicemail is not an agent', [menu('main', { '1': 'vm' }, { onMaxRetries: 'vm' }), voicemail], ['main']],
    ['a transfer that reaches a person counts', [
      menu('main', { '1': 'xfer' }, { onMaxRetries: 'xfer' }),
      { id: 'xfer', kind: 'transfer', number: '+15550000000', reachesPerson: true, failed: 'vm' }, voicemail
    ], []],
    ['a transfer to another system does not', [
      menu('main', { '1': 'xfer' }, { onMaxRetries: 'xfer' }),
      { id: 'xfer', kind: 'transfer', number: '+15550000000', reachesPerson: false, failed: 'vm' }, voicemail
    ], ['main']],
    ['a survey menu after the call is exempt', [
      menu('main', { '0': 'agent' }), { ...agent, answered: 'survey' }, voicemail,
      menu('survey', { '1': 'bye', '2': 'bye' }, { onMaxRetries: 'bye' }), { id: 'bye', kind: 'hangup' }
    ], []]
  ])('%s', (_, nodes, expected) => {
    expect(where('no-agent-option', makeFlow(nodes))).toEqual(expected);
  });
});
