import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

describe('no-human-route', () => {
  it.each([
    ['a flow with no help at all is reported at the start', [
      { id: 'hi', kind: 'prompt', prompt: 'Hello', next: 'bye' },
      { id: 'bye', kind: 'hangup' }
    ], ['hi']],
    ['only the boundary is reported, not everything after it', [
      menu('main', { '1': 'info', '0': 'agent' }), agent, voicemail,
      { id: 'info', kind: 'prompt', prompt: 'We are at 1 Main St.', next: 'more' },
      { id: 'more', kind: 'prompt', prompt: 'Goodbye.', end: true }
    ], ['info']],
    ['a closed branch that hangs up', [
      { id: 'hours', kind: 'hours', timeZone: 'UTC', weekly: { mon: [['09:00', '17:00']] }, open: 'agent', closed: 'closed' },
      agent, voicemail,
      { id: 'closed', kind: 'hangup', prompt: 'We are closed.' }
    ], ['closed']],
    ['choosing to end the call is not losing help', [
      menu('main', { '9': 'bye', '0': 'agent' }), agent, voicemail, { id: 'bye', kind: 'hangup', prompt: 'Goodbye' }
    ], []],
    ['nodes after a completed call are exempt', [
      menu('main', { '0': 'agent' }), { ...agent, answered: 'survey' }, voicemail,
      { id: 'survey', kind: 'prompt', prompt: 'Thanks', next: 'end' }, { id: 'end', kind: 'hangup' }
    ], []],
    ['nodes after voicemail and its failure are exempt', [
      { id: 'vm', kind: 'voicemail', mailbox: 'm', recorded: 'thanks', failed: 'sorry' },
      { id: 'thanks', kind: 'hangup' }, { id: 'sorry', kind: 'hangup' }
    ], []],
    ['a queue overflow that hangs up still needs a person', [
      { ...agent, overflow: 'busy' }, { id: 'busy', kind: 'hangup', prompt: 'All agents are busy. Goodbye.' }
    ], ['busy']]
  ])('%s', (_, nodes, expected) => {
    expect(where('no-human-route', makeFlow(nodes))).toEqual(expected);
  });

  it('names the node where help was still possible', () => {
    const flow = makeFlow([
      menu('main', { '1': 'info', '0': 'agent' }), agent, voicemail,
      { id: 'info', kind: 'prompt', prompt: 'Visit us online.', next: 'bye' },
      { id: 'bye', kind: 'hangup', prompt: 'Goodbye.' }
    ]);
    expect(findingsOf('no-human-route', flow)[0]?.nodes).toEqual(['info', 'main']);
  });
});

describe('no-human-route: goodbyes in two steps', () => {
  it.each([
    ['choosing a goodbye message followed by a silent hang-up', [
      menu('main', { '9': 'bye', '0': 'agent' }), agent, voicemail,
      { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', next: 'off' }, { id: 'off', kind: 'hangup' }
    ], []],
    ['information followed by a hang-up that says its own goodbye is still a lost caller', [
      menu('main', { '1': 'info', '0': 'agent' }), agent, voicemail,
      { id: 'info', kind: 'prompt', prompt: 'We are at 1 Main Street.', next: 'off' }, { id: 'off', kind: 'hangup', prompt: 'Goodbye.' }
    ], ['info']]
  ])('%s', (_, nodes, expected) => {
    expect(where('no-human-route', makeFlow(nodes))).toEqual(expected);
  });
});
