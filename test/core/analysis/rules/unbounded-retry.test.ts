import { describe, expect, it } from 'vitest';
import { agent, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

const unlimited = { maxRetries: undefined, onMaxRetries: undefined };

describe('unbounded-retry', () => {
  it.each([
    ['silence and wrong keys back to the same menu, no limit', [menu('main', { '0': 'agent' }, unlimited), agent, voicemail], ['main:noInput', 'main:invalid']],
    ['the same with a retry limit', [menu('main', { '0': 'agent' }), agent, voicemail], []],
    ['back through a sorry prompt', [
      menu('main', { '0': 'agent' }, { ...unlimited, noInput: 'sorry', invalid: 'agent' }), agent, voicemail,
      { id: 'sorry', kind: 'prompt', prompt: 'Sorry, I did not hear you.', next: 'main' }
    ], ['main:noInput']],
    ['a branch on a counter is a limit', [
      menu('main', { '0': 'agent' }, { ...unlimited, noInput: 'count', invalid: 'count' }), agent, voicemail,
      { id: 'count', kind: 'set', increment: ['tries'], next: 'check' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'tries', op: 'ge', value: 3 }, next: 'agent' }], otherwise: 'main' }
    ], []],
    ['a branch on something else is not', [
      menu('main', { '0': 'agent' }, { ...unlimited, noInput: 'check', invalid: 'agent' }), agent, voicemail,
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'caller.vip', op: 'eq', value: true }, next: 'agent' }], otherwise: 'main' }
    ], ['main:noInput']],
    ['an input that loops on invalid entries', [
      { id: 'acct', kind: 'input', prompt: 'Enter your account number', variable: 'account', next: 'agent', noInput: 'agent', invalid: 'acct' },
      agent, voicemail
    ], ['acct:invalid']],
    ['silence sending the caller to the main menu is a choice away, not a loop', [
      menu('main', { '1': 'sub', '0': 'agent' }), menu('sub', { '0': 'agent' }, { ...unlimited, noInput: 'main', invalid: 'main' }), agent, voicemail
    ], []]
  ])('%s', (_, nodes, expected) => {
    expect(where('unbounded-retry', makeFlow(nodes))).toEqual(expected);
  });
});

describe('unbounded-retry: limits that lead back', () => {
  it.each([
    ['a retry limit that goes back to its own menu', [menu('main', { '0': 'agent' }, { onMaxRetries: 'main' }), agent, voicemail], ['main:maxRetries']],
    ['silence bouncing between an unlimited menu and a limited one', [
      menu('a', { '1': 'b', '0': 'agent' }, { ...unlimited, noInput: 'b', invalid: 'agent' }),
      menu('b', { '0': 'agent' }, { maxRetries: 1, onMaxRetries: 'a' }),
      agent, voicemail
    ], ['a:noInput', 'b:maxRetries']],
    ['a limit that leads to another limited menu that ends the loop', [
      menu('sub', { '0': 'agent' }, { onMaxRetries: 'main' }),
      menu('main', { '1': 'sub', '0': 'agent' }),
      agent, voicemail
    ], []]
  ])('%s', (_, nodes, expected) => {
    expect(where('unbounded-retry', makeFlow(nodes))).toEqual(expected);
  });
});
