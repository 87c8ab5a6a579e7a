import { describe, expect, it } from 'vitest';
import { runTestCall } from '../../../src/core/calls/run.ts';
import { agent, makeFlow, menu, voicemail } from '../../support/build.ts';

const flow = makeFlow([
  { id: 'hi', kind: 'prompt', prompt: 'Welcome to Maple Street Clinic.', next: 'main' },
  menu('main', { '1': 'agent', '2': 'vm', '0': 'agent' }),
  agent,
  voicemail
]);

describe('runTestCall', () => {
  it('passes when every expectation holds', () => {
    const run = runTestCall(flow, {
      name: 'agent',
      steps: [{ expect: { hears: 'welcome', at: 'main' } }, { press: '0' }],
      expect: { outcome: 'person', endsAt: 'agent', visits: ['hi', 'agent'], hears: ['press 0'], withinSeconds: 30 }
    });
    expect(run.failures).toEqual([]);
    expect(run.passed).toBe(true);
  });

  it('says what differed', () => {
    const run = runTestCall(flow, {
      name: 'wrong',
      steps: [{ press: '2' }, { press: '1' }],
      expect: { outcome: 'person', visits: ['agent'] }
    });
    expect(run.passed).toBe(false);
    expect(run.failures).toEqual([
      'step 2 (press 1): the call had already ended (voicemail at "vm")',
      'expected the call to end with "person", but it ended with "voicemail" at "vm"',
      'expected the route to pass "agent", but it was "hi" → "main" → "vm"'
    ]);
  });

  it('reports a call still waiting for the caller', () => {
    const run = runTestCall(flow, { name: 'silent', steps: [{ silence: true }], expect: { outcome: 'person' } });
    expect(run.failures).toEqual(['expected the call to end with "person", but it is still waiting at "main"']);
  });
});
