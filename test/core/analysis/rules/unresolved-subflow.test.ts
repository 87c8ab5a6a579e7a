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
    const resolveSubflow = (id: string) => (id === 'authenticate' ? { resolved: true, reachesHelp: false, returns: true } : undefined);
    expect(where('unresolved-subflow', makeFlow(nodes), { resolveSubflow })).toEqual([]);
  });
  it('an unknown sub-flow is assumed to help; a known one without help does not', () => {
    const flow = makeFlow([{ id: 'auth', kind: 'subflow', flow: 'authenticate', next: 'bye' }, { id: 'bye', kind: 'hangup' }]);
    // Help is assumed inside the sub-flow, and lost once it returns.
    expect(where('no-human-route', flow)).toEqual(['bye']);
    const resolveSubflow = () => ({ resolved: true, reachesHelp: false, returns: true });
    expect(where('no-human-route', flow, { resolveSubflow })).toEqual(['auth']);
  });
});

describe('subflowResolver', () => {
  it('resolves sub-flows among the flows linted together', async () => {
    const { subflowResolver } = await import('../../../../src/core/analysis/subflows.ts');
    const main = makeFlow([{ id: 'auth', kind: 'subflow', flow: 'authenticate', next: 'bye' }, { id: 'bye', kind: 'hangup' }]);
    const authenticate = makeFlow([{ id: 'ask', kind: 'prompt', prompt: 'Hello', next: 'done' }, { id: 'done', kind: 'return' }], { id: 'authenticate' });
    const helpful = makeFlow([{ ...agent, overflow: 'back' }, { id: 'back', kind: 'return' }], { id: 'authenticate' });
    expect(where('no-human-route', main, { resolveSubflow: subflowResolver([main, authenticate]) })).toEqual(['auth']);
    expect(where('unresolved-subflow', main, { resolveSubflow: subflowResolver([main, authenticate]) })).toEqual([]);
    expect(where('no-human-route', main, { resolveSubflow: subflowResolver([main, helpful]) })).toEqual(['bye']);
  });

  it('does not loop on sub-flows that run each other', async () => {
    const { subflowResolver } = await import('../../../../src/core/analysis/subflows.ts');
    const a = makeFlow([{ id: 'x', kind: 'subflow', flow: 'b', next: 'end' }, { id: 'end', kind: 'hangup' }], { id: 'a' });
    const b = makeFlow([{ id: 'y', kind: 'subflow', flow: 'a', next: 'end' }, { id: 'end', kind: 'return' }], { id: 'b' });
    // a has no return of its own; b's help is assumed while a is being worked out.
    expect(subflowResolver([a, b])('a')).toEqual({ resolved: true, reachesHelp: true, returns: false });
  });
});

describe('a sub-flow that never returns', () => {
  it('ends the call inside it: what follows it is unreachable', async () => {
    const { subflowResolver } = await import('../../../../src/core/analysis/subflows.ts');
    const main = makeFlow([{ id: 'verify', kind: 'subflow', flow: 'pin', next: 'agent' }, agent, voicemail]);
    const pin = makeFlow([{ id: 'bye', kind: 'hangup', prompt: 'Goodbye.' }], { id: 'pin' });
    const resolveSubflow = subflowResolver([main, pin]);
    expect(resolveSubflow('pin')).toEqual({ resolved: true, reachesHelp: false, returns: false });
    expect(where('unreachable', main, { resolveSubflow })).toEqual(['agent', 'vm']);
    expect(where('no-human-route', main, { resolveSubflow })).toEqual(['verify']);
  });
});
