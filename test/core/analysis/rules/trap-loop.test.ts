import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

describe('trap-loop', () => {
  it.each([
    ['two prompts that loop forever', [
      { id: 'a', kind: 'prompt', prompt: 'a', next: 'b' },
      { id: 'b', kind: 'prompt', prompt: 'b', next: 'a' }
    ], ['a']],
    ['a menu whose every way out leads back', [
      menu('main', { '1': 'info' }, { maxRetries: undefined, onMaxRetries: undefined }),
      { id: 'info', kind: 'prompt', prompt: 'Visit our website.', next: 'main' }
    ], ['main']],
    ['a menu with a retry limit that leaves the loop', [
      menu('main', { '1': 'info' }),
      { id: 'info', kind: 'prompt', prompt: 'Visit our website.', next: 'main' }, agent, voicemail
    ], []],
    ['a loop with an exit to a queue', [
      menu('main', { '1': 'info', '0': 'agent' }, { maxRetries: undefined, onMaxRetries: undefined }),
      { id: 'info', kind: 'prompt', prompt: 'x', next: 'main' }, agent, voicemail
    ], []],
    ['an unreachable loop is not reported', [
      { id: 'h', kind: 'hangup' },
      { id: 'a', kind: 'prompt', prompt: 'a', next: 'a' }
    ], []],
    ['a set node looping to itself', [{ id: 's', kind: 'set', increment: ['n'], next: 's' }], ['s']]
  ])('%s', (_, nodes, expected) => {
    expect(where('trap-loop', makeFlow(nodes))).toEqual(expected);
  });

  it('reports a trap once, listing all its nodes', () => {
    const flow = makeFlow([
      { id: 'start', kind: 'prompt', prompt: 'hi', next: 'x' },
      { id: 'x', kind: 'prompt', prompt: 'x', next: 'y' },
      { id: 'y', kind: 'prompt', prompt: 'y', next: 'z' },
      { id: 'z', kind: 'prompt', prompt: 'z', next: 'x' }
    ]);
    const findings = findingsOf('trap-loop', flow);
    expect(findings).toHaveLength(1);
    expect([...findings[0]!.nodes].sort()).toEqual(['x', 'y', 'z']);
  });
});

describe('trap-loop after help', () => {
  it('a loop a caller enters only through a person is not a trap', () => {
    const flow = makeFlow([
      menu('main', { '1': 'info', '0': 'q' }, { maxRetries: undefined, onMaxRetries: undefined }),
      { id: 'info', kind: 'prompt', prompt: 'Visit our website.', next: 'main' },
      { id: 'q', kind: 'queue', queue: 'Support', overflow: 'main', answered: 'main' }
    ]);
    expect(where('trap-loop', flow)).toEqual([]);
  });
});
