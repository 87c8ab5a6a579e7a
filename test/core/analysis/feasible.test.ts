import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/index.ts';
import { agent, makeFlow, menu, voicemail } from '../../support/build.ts';

type Loose = Parameters<typeof makeFlow>[0][number];

const branch = (id: string, variable: string, op: string, value: unknown, next: string, otherwise: string): Loose => ({
  id,
  kind: 'branch',
  cases: [{ when: { var: variable, op, value }, next, label: `${variable} ${op} ${JSON.stringify(value)}` }],
  otherwise
});

const bye: Loose = { id: 'bye', kind: 'hangup' };

/** A first branch on `first`, then on the branch it leads to, `second`; its case goes to a hang-up. */
function twoBranches(first: [string, string, unknown], second: [string, string, unknown], between: Loose[] = []): Loose[] {
  const after = between[0]?.id ?? 'second';
  return [
    branch('first', first[0], first[1], first[2], after, 'main'),
    ...between,
    branch('second', second[0], second[1], second[2], 'bye', 'agent'),
    bye,
    menu('main', { '0': 'agent' }),
    agent,
    voicemail
  ];
}

const rulesAt = (nodes: Loose[], node: string): string[] =>
  lintFlow(makeFlow(nodes)).findings.filter((f) => f.node === node).map((f) => f.rule);

describe('findings only where a call can get', () => {
  it('hides a hang-up that only callers the first branch sent elsewhere could reach (the VIP example)', () => {
    const nodes = twoBranches(['caller.vip', 'eq', true], ['caller.vip', 'eq', false]);
    const findings = lintFlow(makeFlow(nodes)).findings.filter((f) => f.node === 'bye');
    expect(findings.map((f) => f.rule)).toEqual(['unreachable']);
    expect(findings[0]!.message).toBe(
      'Hang-up "bye" cannot be reached: "second" sends calls here only on "caller.vip eq false", and on every call that gets there caller.vip is "true"'
    );
    expect(findings[0]!.data).toEqual({ contradiction: { branch: 'second', outcome: 'caller.vip eq false', variable: 'caller.vip', fact: 'is "true"' } });
  });

  it('still reports a similar-looking flow whose second branch tests another variable', () => {
    expect(rulesAt(twoBranches(['caller.vip', 'eq', true], ['caller.tier', 'eq', 'gold']), 'bye')).toEqual(['no-human-route']);
  });

  it('still reports when the second test can hold (not equal to another value)', () => {
    expect(rulesAt(twoBranches(['caller.tier', 'ne', 'gold'], ['caller.tier', 'eq', 'silver']), 'bye')).toEqual(['no-human-route']);
  });

  it('follows number ranges', () => {
    expect(rulesAt(twoBranches(['caller.age', 'ge', 18], ['caller.age', 'eq', 12]), 'bye')).toEqual(['unreachable']);
    expect(rulesAt(twoBranches(['caller.age', 'gt', 10], ['caller.age', 'lt', 18]), 'bye')).toEqual(['no-human-route']);
    const set: Loose = { id: 'set', kind: 'set', assign: { score: 20 }, next: 'second' };
    expect(rulesAt(twoBranches(['caller.vip', 'eq', true], ['score', 'lt', 18], [set]), 'bye')).toEqual(['unreachable']);
  });

  it('lets text that is not a number go either way in an order test', () => {
    // "abc" >= 18 and "abc" < 18 each compare as text: a caller's value that is not a number may take either.
    expect(rulesAt(twoBranches(['caller.age', 'ge', 18], ['caller.age', 'lt', 18]), 'bye')).toEqual(['no-human-route']);
  });

  it('follows presence: a value tested present cannot be absent', () => {
    const nodes = twoBranches(['caller.account', 'exists', undefined], ['caller.account', 'in', ['', 'none']]);
    // "exists" excludes the empty text, so only "none" can get through.
    expect(rulesAt(nodes, 'bye')).toEqual(['no-human-route']);
    expect(rulesAt(twoBranches(['caller.account', 'exists', undefined], ['caller.account', 'eq', '']), 'bye')).toEqual(['unreachable']);
  });

  it('follows a value a set node gives, and forgets it when an input asks for it again', () => {
    const set: Loose = { id: 'set', kind: 'set', assign: { lang: 'es' }, next: 'second' };
    expect(rulesAt(twoBranches(['caller.vip', 'eq', true], ['lang', 'eq', 'en'], [set]), 'bye')).toEqual(['unreachable']);
    const ask: Loose = { id: 'ask', kind: 'input', prompt: 'Enter your PIN.', variable: 'pin', minDigits: 4, maxDigits: 4, next: 'second', noInput: 'agent', invalid: 'agent' };
    expect(rulesAt(twoBranches(['pin', 'eq', '1234'], ['pin', 'eq', '9999'], [ask]), 'bye')).toEqual(['no-human-route']);
  });

  it('forgets what a lookup that does not say what it sets may change', () => {
    const lookup: Loose = { id: 'look', kind: 'lookup', service: 'crm', success: 'second', failure: 'agent' };
    expect(rulesAt(twoBranches(['caller.vip', 'eq', true], ['caller.vip', 'eq', false], [lookup]), 'bye')).toEqual(['no-human-route']);
    const declared: Loose = { ...lookup, outputs: ['balance'] };
    expect(rulesAt(twoBranches(['caller.vip', 'eq', true], ['caller.vip', 'eq', false], [declared]), 'bye')).toEqual(['unreachable']);
  });

  it('learns nothing from a failed case of several conditions', () => {
    const nodes: Loose[] = [
      { id: 'first', kind: 'branch', cases: [{ when: [{ var: 'caller.vip', op: 'eq', value: true }, { var: 'caller.tier', op: 'eq', value: 'gold' }], next: 'main' }], otherwise: 'second' },
      branch('second', 'caller.vip', 'eq', true, 'bye', 'agent'),
      bye,
      menu('main', { '0': 'agent' }),
      agent,
      voicemail
    ];
    expect(rulesAt(nodes, 'bye')).toEqual(['no-human-route']);
  });

  it('keeps a loop whose only way out is a case no call can take a trap', () => {
    const nodes: Loose[] = [
      branch('first', 'caller.vip', 'eq', true, 'hold', 'main'),
      { id: 'hold', kind: 'prompt', prompt: 'Please hold.', next: 'check' },
      branch('check', 'caller.vip', 'eq', false, 'agent', 'hold'),
      menu('main', { '0': 'agent' }),
      agent,
      voicemail
    ];
    expect(rulesAt(nodes, 'hold')).toEqual(['trap-loop', 'no-human-route']);
  });
});
