import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

describe('broken-reference', () => {
  it.each([
    ['a key to a missing node', [menu('main', { '1': 'nowhere', '0': 'agent' }), agent, voicemail], ['main:1']],
    ['a missing no-input target', [menu('main', { '0': 'agent' }, { noInput: 'gone' }), agent, voicemail], ['main:noInput']],
    ['a prompt whose next differs in case', [{ id: 'hi', kind: 'prompt', prompt: 'Hi', next: 'Agent' }, agent, voicemail], ['hi:next']],
    ['a clean flow', [menu('main', { '0': 'agent' }), agent, voicemail], []]
  ])('%s', (_, nodes, expected) => {
    expect(where('broken-reference', makeFlow(nodes))).toEqual(expected);
  });

  it('names the missing target and points at the field', () => {
    const flow = makeFlow([menu('main', { '1': 'nowhere', '0': 'agent' }), agent, voicemail]);
    const [finding] = findingsOf('broken-reference', flow);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('"nowhere"');
    // The helper lists key 0 first, so key 1 is the second option.
    expect(finding?.pointer).toBe('/nodes/0/options/1/next');
  });
});
