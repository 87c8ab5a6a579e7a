import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

const RULE = 'inconsistent-keys';

const queue = (id: string) => ({ id, kind: 'queue', queue: id, expectedWaitSeconds: 20, overflow: 'vm' });

/** A main menu (0 for an agent) with a billing and a support menu under it. */
function flowWith(billing: Record<string, string>, support: Record<string, string>, more: Parameters<typeof makeFlow>[0] = [], mainExtra: Record<string, string> = {}) {
  return makeFlow([
    menu('main', { '1': 'billing', '2': 'support', '0': 'agent', ...mainExtra }),
    menu('billing', billing),
    menu('support', support),
    queue('payments'),
    queue('internet'),
    queue('outages'),
    agent,
    voicemail,
    ...more
  ]);
}

describe(RULE, () => {
  describe('valid', () => {
    it.each<[string, ReturnType<typeof flowWith>]>([
      ['0 reaches a person in every menu', flowWith({ '1': 'payments', '0': 'agent' }, { '1': 'internet', '0': 'agent' })],
      ['a menu without 0 (no-agent-option’s matter)', flowWith({ '1': 'payments', '0': 'agent' }, { '1': 'internet' })],
      [
        '0 reaches a person through an opening-hours check',
        flowWith({ '1': 'payments', '0': 'agent' }, { '1': 'internet', '0': 'hours' }, [
          { id: 'hours', kind: 'hours', timeZone: 'America/New_York', weekly: { mon: [['08:00', '18:00']] }, open: 'agent', closed: 'vm' }
        ])
      ],
      ['* goes back in the sub-menus and repeats the main menu', flowWith({ '1': 'payments', '*': 'main' }, { '1': 'internet', '*': 'main' }, [], { '*': 'main' })],
      [
        '* repeats through a prompt that leads back to the menu',
        flowWith({ '1': 'payments', '*': 'billing-again' }, { '1': 'internet', '*': 'main' }, [
          { id: 'billing-again', kind: 'prompt', prompt: 'Here are the billing choices again.', next: 'billing' }
        ])
      ],
      ['# as a choice in a flow that asks for no digits', flowWith({ '1': 'payments', '#': 'main' }, { '1': 'internet' })],
      [
        '# as a choice where the digit entry ends with *',
        flowWith({ '1': 'account', '#': 'main' }, { '1': 'internet' }, [
          { id: 'account', kind: 'input', variable: 'account', maxDigits: 8, terminator: '*', prompt: 'Enter your account number, then press star.', next: 'payments', noInput: 'agent', invalid: 'agent' }
        ])
      ],
      [
        'a survey after the call, where 0 means a score',
        makeFlow([
          menu('main', { '1': 'billing', '0': 'agent' }),
          { ...queue('billing'), answered: 'survey' },
          menu('survey', { '1': 'bye', '0': 'bye' }, { onMaxRetries: 'bye' }),
          { id: 'bye', kind: 'hangup', prompt: 'Thank you. Goodbye.' },
          agent,
          voicemail
        ])
      ]
    ])('%s', (_, flow) => {
      expect(findingsOf(RULE, flow)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a menu whose 0 reaches no person, naming the menus where it does', () => {
      const flow = flowWith({ '1': 'payments', '0': 'agent' }, { '1': 'internet', '0': 'main' });
      const findings = findingsOf(RULE, flow);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: RULE,
        severity: 'warning',
        node: 'support',
        outcome: '0',
        // Integer-like keys come first in an object: 0 is the first option.
        pointer: '/nodes/2/options/0',
        message:
          'Menu "support": key 0 does not reach a person here, but in "main" and "billing" it reaches a person; callers learn a key once and expect it everywhere',
        data: { key: '0', meaning: 'no person', others: ['main', 'billing'] }
      });
    });

    it.each<[string, ReturnType<typeof flowWith>, string[]]>([
      ['* to a queue where * goes back elsewhere', flowWith({ '1': 'payments', '*': 'main' }, { '1': 'internet', '*': 'outages' }), ['support:*']],
      ['* to a sibling menu where * repeats elsewhere', flowWith({ '1': 'payments', '*': 'support' }, { '1': 'internet', '*': 'support' }), ['billing:*']],
      [
        '# as a choice where digit entries end with #',
        flowWith({ '1': 'account', '#': 'main' }, { '1': 'internet' }, [
          { id: 'account', kind: 'input', variable: 'account', maxDigits: 8, prompt: 'Enter your account number, then press pound.', next: 'payments', noInput: 'agent', invalid: 'agent' }
        ]),
        ['billing:#']
      ],
      ['0 and * both off in one menu', flowWith({ '1': 'payments', '*': 'main', '0': 'agent' }, { '1': 'internet', '*': 'outages', '0': 'internet-menu' }, [menu('internet-menu', { '1': 'internet', '0': 'agent' })]), ['support:0', 'support:*']]
    ])('%s', (_, flow, expected) => {
      expect(where(RULE, flow)).toEqual(expected);
    });

    it('gives what the key means here and where it means the other thing', () => {
      const star = findingsOf(RULE, flowWith({ '1': 'payments', '*': 'main' }, { '1': 'internet', '*': 'outages' }, [], { '*': 'main' }));
      expect(star.map((f) => f.data)).toEqual([{ key: '*', meaning: 'other', others: ['main', 'billing'] }]);
      expect(star[0]!.message).toContain('in "main" and "billing" it goes back or repeats the menu');
      const pound = findingsOf(
        RULE,
        flowWith({ '1': 'account', '#': 'main' }, { '1': 'internet' }, [
          { id: 'account', kind: 'input', variable: 'account', maxDigits: 8, prompt: 'Enter your account number, then press pound.', next: 'payments', noInput: 'agent', invalid: 'agent' }
        ])
      );
      expect(pound.map((f) => f.data)).toEqual([{ key: '#', meaning: 'choice', others: ['account'] }]);
      expect(pound[0]!.message).toBe(
        'Menu "billing": key # is a menu choice here, but in "account" it ends an entry; callers learn a key once and expect it everywhere'
      );
    });
  });
});
