import { describe, expect, it } from 'vitest';
import { agent, makeFlow, voicemail, where } from '../../../support/build.ts';

describe('unresolved-subflow', () => {
  const nodes = [
    { id: 'auth', kind: 'subflow', flow: 'authenticate', next: 'agent' }, agent, voicemail
  ];
  it('reports a sub-flow that is not among the flows analysed, as info', () => {
    expect(where('unresolved-subflow', makeFlow(nodes))).toEqual(['auth']);
  });
  it('is quiet when the sub-flow is known', () => {
    const resolveSubflow = (id: string) => (id === 'authenticate' ? { resolved: true, reachesHelp: false } : undefined);
    expect(where('unresolved-subflow', makeFlow(nodes), { resolveSubflow })).toEqual([]);
  });
  it('an unknown sub-flow is assumed to help; a known one without help does not', () => {
    const flow = makeFlow([{ id: 'auth', kind: 'subflow', flow: 'authenticate', next: 'bye' }, { id: 'bye', kind: 'hangup' }]);
    // Help is assumed inside the sub-flow, and lost once it returns.
    expect(where('no-human-route', flow)).toEqual(['bye']);
    const resolveSubflow = () => ({ resolved: true, reachesHelp: false });
    expect(where('no-human-route', flow, { resolveSubflow })).toEqual(['auth']);
  });
});
