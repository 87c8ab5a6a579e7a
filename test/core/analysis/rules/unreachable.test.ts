import { describe, expect, it } from 'vitest';
import { agent, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

describe('unreachable', () => {
  it.each([
    ['an orphan prompt', [menu('main', { '0': 'agent' }), agent, voicemail, { id: 'orphan', kind: 'prompt', prompt: 'x', next: 'main' }], ['orphan']],
    ['a chain reached only from an orphan', [
      menu('main', { '0': 'agent' }), agent, voicemail,
      { id: 'o1', kind: 'prompt', prompt: 'x', next: 'o2' },
      { id: 'o2', kind: 'hangup' }
    ], ['o1', 'o2']],
    ['nodes reached only after help still count as reachable', [
      menu('main', { '0': 'agent' }), { ...agent, answered: 'survey' }, voicemail, { id: 'survey', kind: 'hangup' }
    ], []]
  ])('%s', (_, nodes, expected) => {
    expect(where('unreachable', makeFlow(nodes))).toEqual(expected);
  });
});
