import { describe, expect, it } from 'vitest';
import { runTestCall } from '../../../src/core/calls/run.ts';
import { parseTestCalls } from '../../../src/core/calls/file.ts';
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

describe('expectations that ask for a fix', () => {
  it('fails a call that does what `not` names, and passes one that does not', () => {
    const call = (press: string) => ({ name: 'not to voicemail', steps: [{ press }], expect: { not: { outcome: 'voicemail' as const, endsAt: 'vm' } } });
    expect(runTestCall(flow, call('2')).failures).toEqual(['expected the call not to end with "voicemail" and end at "vm", but it did']);
    expect(runTestCall(flow, call('1')).failures).toEqual([]);
    // Every field given must match: the same outcome at another node is not what was ruled out.
    expect(runTestCall(flow, { name: 'x', steps: [{ press: '2' }], expect: { not: { outcome: 'voicemail', endsAt: 'agent' } } }).passed).toBe(true);
    expect(runTestCall(flow, { name: 'x', steps: [{ press: '1' }], expect: { not: { visits: ['main', 'agent'] } } }).failures).toEqual([
      'expected the call not to pass "main" → "agent", but it did'
    ]);
  });

  it('does not run the steps left once a call that must not do something has ended', () => {
    const run = runTestCall(flow, { name: 'sooner', steps: [{ press: '1' }, { press: '1' }], expect: { not: { endsAt: 'vm' } } });
    expect(run.failures).toEqual([]);
  });

  it('asks whether help is still within reach, and how soon a person can be', () => {
    const dead = makeFlow([
      menu('main', { '1': 'sorry', '0': 'agent' }),
      { id: 'sorry', kind: 'prompt', prompt: 'Sorry, goodbye.', next: 'menu2' },
      menu('menu2', { '1': 'bye' }, { onMaxRetries: 'bye' }),
      { id: 'bye', kind: 'hangup' },
      agent,
      voicemail
    ]);
    const at = (press: string[], expectation: Record<string, unknown>) =>
      runTestCall(dead, { name: 'x', steps: [...press.map((p) => ({ press: p })), { expect: expectation }] }).failures;
    expect(at([], { canReachHelp: true })).toEqual([]);
    expect(at(['1'], { canReachHelp: true })).toEqual([
      'step 2 (expect): expected a person, voicemail or callback to be still within reach, but no route on from "menu2" leads to one'
    ]);
    expect(at(['1', '1'], { canReachHelp: true })).toEqual(['step 3 (expect): expected help to be still within reach, but the call ended with "ended" at "bye"']);
    expect(at(['0'], { canReachHelp: true })).toEqual([]);
    expect(at([], { personWithinSeconds: 60 })).toEqual([]);
    expect(at([], { personWithinSeconds: 1 })[0]).toMatch(/^step 1 \(expect\): expected a person within 1 s of caller time, but the fastest route on from "main" reaches one \d+ s into the call$/);
    expect(at(['1'], { personWithinSeconds: 600 })).toEqual([
      'step 2 (expect): expected a person within 600 s of caller time, but no route on from "menu2" leads to one'
    ]);
  });

  it('asks whether the caller was told the wait, in words or by a queue that announces it', () => {
    const wait = (queue: Record<string, unknown>) =>
      runTestCall(makeFlow([menu('main', { '1': 'agent' }), { ...agent, ...queue }, voicemail]), {
        name: 'told',
        steps: [{ press: '1' }, { expect: { waitAnnounced: true } }]
      }).failures;
    expect(wait({ expectedWaitSeconds: 300 })).toEqual(['step 2 (expect): expected the caller to have been told how long the wait is by now']);
    expect(wait({ expectedWaitSeconds: 300, announceWait: true })).toEqual([]);
    expect(wait({ prompt: 'The wait is about 5 minutes.' })).toEqual([]);
  });
});

describe('parseTestCalls', () => {
  it('refuses a `not` that says nothing, at its place', () => {
    const result = parseTestCalls([{ name: 'empty', steps: [], expect: { not: {} } }], 'calls.json');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => [p.pointer, p.message])).toEqual([['/0/expect/not', expect.stringMatching(/says nothing: give outcome, endsAt or visits/)]]);
  });

  it('reads a fix request', () => {
    const result = parseTestCalls({ tests: [{ name: 'fix', steps: [{ press: '1' }, { expect: { canReachHelp: true } }], expect: { not: { outcome: 'dropped' } } }] }, 'calls.json');
    expect(result.ok && result.calls[0]!.expect).toEqual({ not: { outcome: 'dropped' } });
  });
});
