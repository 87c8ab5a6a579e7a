import { describe, expect, it } from 'vitest';
import { agent, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

describe('dead-end', () => {
  it.each([
    ['a menu without no-input handling', [menu('main', { '0': 'agent' }, { noInput: undefined }), agent, voicemail], ['main:noInput']],
    ['a menu without invalid-input handling', [menu('main', { '0': 'agent' }, { invalid: undefined }), agent, voicemail], ['main:invalid']],
    ['a retry limit that goes nowhere', [menu('main', { '0': 'agent' }, { onMaxRetries: undefined }), agent, voicemail], ['main:maxRetries']],
    ['a lookup whose failure is unwired', [
      { id: 'look', kind: 'lookup', service: 'crm', success: 'agent' }, agent, voicemail
    ], ['look:failure']],
    ['a queue without overflow', [{ ...agent, overflow: undefined }], ['agent:overflow']],
    ['a transfer without a failure route', [{ id: 't', kind: 'transfer', number: '+15551230000', reachesPerson: true }], ['t:failed']],
    ['a prompt that just stops', [{ id: 'p', kind: 'prompt', prompt: 'Thanks', }, agent], ['p:next']],
    ['a goodbye prompt marked as the end is designed', [{ id: 'p', kind: 'prompt', prompt: 'Goodbye', end: true }], []],
    ['a hang-up is designed', [{ id: 'h', kind: 'hangup', prompt: 'Goodbye' }], []],
    ['a queue answered with no next ends with a person', [menu('main', { '0': 'agent' }), agent, voicemail], []],
    ['a key with no target', [menu('main', { '0': 'agent', '1': 'agent' }), agent, voicemail].map((n) =>
      n.id === 'main' ? { ...n, options: [{ key: '0', next: 'agent' }, { key: '1' }] } : n
    ), ['main:1']]
  ])('%s', (_, nodes, expected) => {
    expect(where('dead-end', makeFlow(nodes))).toEqual(expected);
  });
});
