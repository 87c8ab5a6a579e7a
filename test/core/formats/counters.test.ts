/**
 * Retry counters across the vendors: a Studio counter (set-variables
 * `{{flow.variables.tries | plus: 1}}` and a split on it) is a Connect Loop,
 * and a Connect Loop is a Studio counter. Whatever the way there, a caller
 * who keeps pressing a wrong key leaves the loop after as many tries as in
 * the design, and lint of the export finds no retry loop the design lacks.
 */
import { describe, expect, it } from 'vitest';
import { runTestCall } from '../../../src/core/calls/run.ts';
import type { CallStep, Condition, Flow, NodeOfKind } from '../../../src/core/model/types.ts';
import { agent, makeFlow, voicemail } from '../../support/build.ts';

import { imported, shipped, type Action, type Json, type State } from '../../support/ship.ts';

/**
 * How many wrong keys a caller presses before the call leaves the menu's
 * loop, and how it ends then (what was said last): undefined when twelve
 * wrong keys still leave the caller waiting.
 */
function wrongKeysToLeave(flow: Flow, step: (i: number) => CallStep = () => ({ press: '9' })): { tries: number; outcome: string; lastSaid: string | undefined } | undefined {
  for (let tries = 1; tries <= 12; tries++) {
    const run = runTestCall(flow, { name: 'wrong keys', steps: Array.from({ length: tries }, (_, i) => step(i)) });
    if (run.result !== null) {
      const said = run.transcript.filter((entry) => entry.who === 'flow');
      return { tries, outcome: run.result.outcome, lastSaid: said[said.length - 1]?.text };
    }
  }
  return undefined;
}

const studioTrigger = { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage' }, { event: 'incomingCall', next: 'menu' }, { event: 'incomingRequest' }], properties: { offset: { x: 0, y: 0 } } };

/** The Studio flow of the issue: a menu whose wrong keys count up in a set-variables, and a split on the count. */
function studioRetryFlow(limit: { type: string; value: string; argument?: string } = { type: 'greater_than', value: '2' }) {
  const tooMany = limit.type === 'greater_than';
  const argument = limit.argument ?? '{{flow.variables.tries}}';
  return {
    description: 'Retry counter',
    flags: { allow_concurrent_calls: true },
    initial_state: 'Trigger',
    states: [
      studioTrigger,
      {
        name: 'menu',
        type: 'gather-input-on-call',
        transitions: [{ event: 'keypress', next: 'split_menu' }, { event: 'speech', next: 'split_menu' }, { event: 'timeout', next: 'count' }],
        properties: { say: 'For sales, press 1.', number_of_digits: 1, timeout: 5, offset: { x: 0, y: 200 } }
      },
      {
        name: 'split_menu',
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: 'count' },
          { event: 'match', next: 'agent', conditions: [{ friendly_name: 'sales', arguments: ['{{widgets.menu.Digits}}'], type: 'equal_to', value: '1' }] }
        ],
        properties: { input: '{{widgets.menu.Digits}}', offset: { x: 0, y: 400 } }
      },
      {
        name: 'count',
        type: 'set-variables',
        transitions: [{ event: 'next', next: 'check' }],
        properties: { variables: [{ key: 'tries', value: '{{flow.variables.tries | default: 0 | plus: 1}}' }], offset: { x: 300, y: 400 } }
      },
      {
        name: 'check',
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: tooMany ? 'menu' : 'goodbye' },
          { event: 'match', next: tooMany ? 'goodbye' : 'menu', conditions: [{ friendly_name: 'limit', arguments: [argument], type: limit.type, value: limit.value }] }
        ],
        properties: { input: argument, offset: { x: 300, y: 600 } }
      },
      {
        name: 'agent',
        type: 'send-to-flex',
        transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue', next: 'goodbye' }, { event: 'callFailure', next: 'goodbye' }],
        properties: { workflow: 'WW0123', channel: 'TC0123', offset: { x: 0, y: 600 } }
      },
      { name: 'goodbye', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Goodbye.', offset: { x: 0, y: 800 } } }
    ]
  };
}

/** A Connect flow whose wrong keys go through a Loop of `count` passes back to the menu. */
function connectLoopFlow(count: number) {
  return {
    Version: '2019-10-30',
    StartAction: 'menu',
    Metadata: { entryPointPosition: { x: 0, y: 0 }, ActionMetadata: {}, name: 'Loop' },
    Actions: [
      {
        Identifier: 'menu',
        Type: 'GetParticipantInput',
        Parameters: { Text: 'For sales, press 1.', StoreInput: 'False', InputTimeLimitSeconds: '5' },
        Transitions: {
          NextAction: 'retry-loop',
          Conditions: [{ NextAction: 'set-queue', Condition: { Operator: 'Equals', Operands: ['1'] } }],
          Errors: [
            { NextAction: 'retry-loop', ErrorType: 'InputTimeLimitExceeded' },
            { NextAction: 'retry-loop', ErrorType: 'NoMatchingCondition' },
            { NextAction: 'retry-loop', ErrorType: 'NoMatchingError' }
          ]
        }
      },
      {
        Identifier: 'retry-loop',
        Type: 'Loop',
        Parameters: { LoopCount: String(count) },
        Transitions: {
          NextAction: 'goodbye',
          Conditions: [
            { NextAction: 'menu', Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
            { NextAction: 'goodbye', Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } }
          ]
        }
      },
      {
        Identifier: 'set-queue',
        Type: 'UpdateContactTargetQueue',
        Parameters: { QueueId: 'arn:aws:connect:us-east-1:111122223333:instance/example/queue/sales' },
        Transitions: { NextAction: 'transfer', Errors: [{ NextAction: 'goodbye', ErrorType: 'NoMatchingError' }] }
      },
      { Identifier: 'transfer', Type: 'TransferContactToQueue', Parameters: {}, Transitions: { Errors: [{ NextAction: 'goodbye', ErrorType: 'QueueAtCapacity' }, { NextAction: 'goodbye', ErrorType: 'NoMatchingError' }] } },
      { Identifier: 'goodbye', Type: 'MessageParticipant', Parameters: { Text: 'Goodbye.' }, Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] } },
      { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }
    ]
  };
}

/** A native menu whose wrong keys count in `tries`, and a branch on the count with one case `op value`. */
function nativeCounter(op: Condition['op'], value: number): Flow {
  const goesOn = op === 'le' || op === 'lt';
  return makeFlow([
    { id: 'menu', kind: 'menu', prompt: 'For sales, press 1.', options: [{ key: '1', next: 'agent' }], noInput: 'count', invalid: 'count' },
    { id: 'count', kind: 'set', increment: ['tries'], next: 'check' },
    { id: 'check', kind: 'branch', cases: [{ label: 'limit', when: { var: 'tries', op, value }, next: goesOn ? 'menu' : 'bye' }], otherwise: goesOn ? 'bye' : 'menu' },
    { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', end: true },
    agent,
    voicemail
  ]);
}

function loops(document: Json): Action[] {
  return (document.Actions as Action[]).filter((action) => action.Type === 'Loop');
}

describe('a Studio retry counter exported to Amazon Connect', () => {
  it('is a Loop that lets the caller go round as often as the design does', () => {
    const design = imported('twilio-studio', studioRetryFlow());
    expect(wrongKeysToLeave(design)).toEqual({ tries: 3, outcome: 'ended', lastSaid: 'Goodbye.' });
    const { document, notes, verification, back } = shipped(design, 'amazon-connect');
    expect(verification.differences).toEqual([]);
    expect(verification.newFindings.filter((finding) => finding.startsWith('unbounded-retry'))).toEqual([]);
    expect(verification.ok).toBe(true);
    // Two wrong keys go round again ("greater_than 2" holds on the third): LoopCount 2.
    const [loop, ...more] = loops(document);
    expect(more).toEqual([]);
    expect(loop!.Parameters).toEqual({ LoopCount: '2' });
    // No UpdateContactAttributes that updates nothing, no Compare on an attribute that never changes.
    expect((document.Actions as Action[]).some((action) => action.Type === 'UpdateContactAttributes')).toBe(false);
    expect(JSON.stringify(document)).not.toContain('tries');
    expect(wrongKeysToLeave(back)).toEqual({ tries: 3, outcome: 'ended', lastSaid: 'Goodbye.' });
    expect(notes.some((note) => note.includes('one Loop (LoopCount 2) for'))).toBe(true);
  });

  it('reads a split on the count through a default filter as the count', () => {
    const design = imported('twilio-studio', studioRetryFlow({ type: 'greater_than', value: '2', argument: '{{flow.variables.tries | default: 0}}' }));
    const check = design.nodes.find((node) => node.id === 'check') as NodeOfKind<'branch'>;
    expect(check.cases[0]!.when).toEqual({ var: 'flow.variables.tries', op: 'gt', value: 2 });
    const { document, verification, back } = shipped(design, 'amazon-connect');
    expect(verification.ok).toBe(true);
    expect(loops(document).map((loop) => loop.Parameters)).toEqual([{ LoopCount: '2' }]);
    expect(wrongKeysToLeave(back)).toEqual(wrongKeysToLeave(design));
  });

  it('counts a split "less_than" that keeps the caller going while the count is low', () => {
    const design = imported('twilio-studio', studioRetryFlow({ type: 'less_than', value: '4' }));
    expect(wrongKeysToLeave(design)?.tries).toBe(4);
    const { document, verification, back } = shipped(design, 'amazon-connect');
    expect(verification.ok).toBe(true);
    expect(loops(document).map((loop) => loop.Parameters)).toEqual([{ LoopCount: '3' }]);
    expect(wrongKeysToLeave(back)).toEqual(wrongKeysToLeave(design));
  });
});

describe('a native counter exported to Amazon Connect', () => {
  const ops: Condition['op'][] = ['le', 'lt', 'gt', 'ge'];
  const limits = [0, 1, 2, 2.5, 3];
  it.each(ops.flatMap((op) => limits.map((limit) => [op, limit] as const)))('a branch "%s %s" on the count: the same number of wrong keys before the caller leaves', (op, limit) => {
    const design = nativeCounter(op, limit);
    const { document, verification, back } = shipped(design, 'amazon-connect');
    expect(loops(document)).toHaveLength(1);
    const left = wrongKeysToLeave(design);
    expect(left?.lastSaid).toBe('Goodbye.');
    expect(wrongKeysToLeave(back)).toEqual(left);
    expect(verification.ok).toBe(true);
  });

  it('keeps a counter that something else reads as an attribute, and says why it is not a Loop', () => {
    const design = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'For sales, press 1.', options: [{ key: '1', next: 'agent' }], noInput: 'count', invalid: 'count' },
      { id: 'count', kind: 'set', increment: ['tries'], next: 'check' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'tries', op: 'gt', value: 2 }, next: 'survey' }], otherwise: 'menu' },
      { id: 'survey', kind: 'branch', cases: [{ when: { var: 'tries', op: 'gt', value: 5 }, next: 'bye' }], otherwise: 'bye' },
      { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', end: true },
      agent,
      voicemail
    ]);
    const { document, notes } = shipped(design, 'amazon-connect');
    expect(loops(document)).toEqual([]);
    expect(notes.some((note) => note.includes('not written as a Loop') && note.includes('"survey" also sets or reads tries'))).toBe(true);
  });

  it('keeps the assignments beside a count in an UpdateContactAttributes before the Loop', () => {
    const design = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'For sales, press 1.', options: [{ key: '1', next: 'agent' }], noInput: 'count', invalid: 'count' },
      { id: 'count', kind: 'set', assign: { 'flow.variables.reason': 'retry' }, increment: ['tries'], next: 'check' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'tries', op: 'gt', value: 1 }, next: 'bye' }], otherwise: 'menu' },
      { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', end: true },
      agent,
      voicemail
    ]);
    const { document, verification, back } = shipped(design, 'amazon-connect');
    const update = (document.Actions as Action[]).find((action) => action.Type === 'UpdateContactAttributes')!;
    expect(update.Parameters.Attributes).toEqual({ reason: 'retry' });
    const [loop] = loops(document);
    expect(update.Transitions.NextAction).toBe(loop!.Identifier);
    expect(loop!.Parameters).toEqual({ LoopCount: '1' });
    expect(verification.ok).toBe(true);
    expect(wrongKeysToLeave(back)).toEqual(wrongKeysToLeave(design));
  });

  it('says that a Loop counts again once done, when the caller can come back to it', () => {
    const design = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'For sales, press 1.', options: [{ key: '1', next: 'agent' }], noInput: 'count', invalid: 'count' },
      { id: 'count', kind: 'set', increment: ['tries'], next: 'check' },
      { id: 'check', kind: 'branch', cases: [{ label: 'too many', when: { var: 'tries', op: 'gt', value: 2 }, next: 'help' }], otherwise: 'menu' },
      { id: 'help', kind: 'menu', prompt: 'Press 1 to try again.', options: [{ key: '1', next: 'menu' }], noInput: 'agent', invalid: 'agent' },
      agent,
      voicemail
    ]);
    const { notes } = shipped(design, 'amazon-connect');
    expect(notes.some((note) => note.includes('starts counting again') && note.includes('"too many"'))).toBe(true);
  });
});

describe('a menu retry limit through Twilio Studio to Amazon Connect', () => {
  it('is one Loop for silence and wrong keys, as Studio counts them in one variable', () => {
    const design = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'For sales, press 1.', options: [{ key: '1', next: 'agent' }], noInput: 'menu', invalid: 'menu', maxRetries: 2, onMaxRetries: 'bye' },
      { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', end: true },
      agent,
      voicemail
    ]);
    const studio = shipped(design, 'twilio-studio').back;
    const { document, verification, back } = shipped(studio, 'amazon-connect');
    expect(verification.ok).toBe(true);
    expect(loops(document).map((loop) => loop.Parameters)).toEqual([{ LoopCount: '2' }]);
    // Silence and wrong keys in turn count together, in the design and at the end of the trip.
    const mixed = (i: number): CallStep => (i % 2 === 0 ? { silence: true } : { press: '9' });
    expect(wrongKeysToLeave(design, mixed)).toEqual({ tries: 3, outcome: 'ended', lastSaid: 'Goodbye.' });
    expect(wrongKeysToLeave(studio, mixed)).toEqual(wrongKeysToLeave(design, mixed));
    expect(wrongKeysToLeave(back, mixed)).toEqual(wrongKeysToLeave(design, mixed));
  });

  it('starts at the shared Loop when the flow starts by counting', () => {
    const design = makeFlow(
      [
        { id: 'menu', kind: 'menu', prompt: 'For sales, press 1.', options: [{ key: '1', next: 'agent' }], noInput: 'count-silence', invalid: 'count-keys' },
        { id: 'count-silence', kind: 'set', increment: ['tries'], next: 'check-silence' },
        { id: 'check-silence', kind: 'branch', cases: [{ when: { var: 'tries', op: 'gt', value: 2 }, next: 'bye' }], otherwise: 'menu' },
        { id: 'count-keys', kind: 'set', increment: ['tries'], next: 'check-keys' },
        { id: 'check-keys', kind: 'branch', cases: [{ when: { var: 'tries', op: 'gt', value: 2 }, next: 'bye' }], otherwise: 'menu' },
        { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', end: true },
        agent,
        voicemail
      ],
      { start: 'count-keys' }
    );
    const { document, verification, back } = shipped(design, 'amazon-connect');
    const [loop, ...more] = loops(document);
    expect(more).toEqual([]);
    expect(document.StartAction).toBe(loop!.Identifier);
    expect(verification.ok).toBe(true);
    expect(wrongKeysToLeave(back)).toEqual(wrongKeysToLeave(design));
  });

  it('keeps counts apart that go different ways, and says why they are no Loop', () => {
    const design = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'For sales, press 1.', options: [{ key: '1', next: 'agent' }], noInput: 'count-silence', invalid: 'count-keys' },
      { id: 'count-silence', kind: 'set', increment: ['tries'], next: 'check-silence' },
      { id: 'check-silence', kind: 'branch', cases: [{ when: { var: 'tries', op: 'gt', value: 2 }, next: 'bye' }], otherwise: 'menu' },
      { id: 'count-keys', kind: 'set', increment: ['tries'], next: 'check-keys' },
      { id: 'check-keys', kind: 'branch', cases: [{ when: { var: 'tries', op: 'gt', value: 2 }, next: 'agent' }], otherwise: 'menu' },
      { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', end: true },
      agent,
      voicemail
    ]);
    const { document, notes } = shipped(design, 'amazon-connect');
    expect(loops(document)).toEqual([]);
    expect(notes.some((note) => note.includes('not written as a Loop') && note.includes('other ways on'))).toBe(true);
  });
});

describe('a Connect Loop exported to Twilio Studio', () => {
  it('is a counter in a Studio variable and a split on it, and loops as often', () => {
    const connect = imported('amazon-connect', connectLoopFlow(2));
    expect(wrongKeysToLeave(connect)).toEqual({ tries: 3, outcome: 'ended', lastSaid: 'Goodbye.' });
    const { document, verification, back } = shipped(connect, 'twilio-studio');
    expect(verification.ok).toBe(true);
    const states = document.states as State[];
    const counter = states.find((state) => state.type === 'set-variables')!;
    const [variable] = counter.properties.variables as { key: string; value: string }[];
    expect(variable!.key).toMatch(/^[A-Za-z0-9_]+$/);
    expect(variable!.value).toBe(`{{flow.variables.${variable!.key} | plus: 1}}`);
    const split = states.find((state) => state.name === counter.transitions[0]!.next)!;
    expect(split.type).toBe('split-based-on');
    const match = split.transitions.find((t) => t.event === 'match')!;
    expect(match.conditions).toEqual([expect.objectContaining({ arguments: [`{{flow.variables.${variable!.key}}}`], type: 'less_than', value: '3' })]);
    expect(wrongKeysToLeave(back)).toEqual({ tries: 3, outcome: 'ended', lastSaid: 'Goodbye.' });
  });

  it('comes back to Connect as a Loop of the same count', () => {
    const studio = shipped(imported('amazon-connect', connectLoopFlow(4)), 'twilio-studio').back;
    const { document, verification, back } = shipped(studio, 'amazon-connect');
    expect(verification.ok).toBe(true);
    expect(loops(document).map((loop) => loop.Parameters)).toEqual([{ LoopCount: '4' }]);
    expect(wrongKeysToLeave(back)?.tries).toBe(5);
  });

  it('a Studio counter goes to Connect and back to Studio counting the same', () => {
    const connect = shipped(imported('twilio-studio', studioRetryFlow()), 'amazon-connect').back;
    const { verification, back } = shipped(connect, 'twilio-studio');
    expect(verification.ok).toBe(true);
    expect(wrongKeysToLeave(back)).toEqual({ tries: 3, outcome: 'ended', lastSaid: 'Goodbye.' });
  });
});
