/**
 * Findings that fit how the person is in touch and what the flow is for: a
 * phone call owes a route to help, an SMS survey does not; a reply that never
 * came is no dropped call; a queue or transfer flow runs for someone already
 * helped; an outgoing call nobody answered drops no caller.
 */
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/index.ts';
import { loadAnyFlow } from '../../../src/core/formats/index.ts';
import type { Flow } from '../../../src/core/model/index.ts';
import { agent, makeFlow, voicemail } from '../../support/build.ts';

function where(rule: string, flow: Flow): [string, string | undefined][] {
  return lintFlow(flow)
    .findings.filter((f) => f.rule === rule)
    .map((f) => [f.node, f.outcome]);
}

/** An SMS question whose reply, silence and failed delivery are all left unwired, then a lookup whose failure is. */
const survey = [
  {
    id: 'ask',
    kind: 'opaque',
    vendorType: 'send-and-wait-for-reply',
    outcomes: [
      { name: 'incomingMessage', next: 'save', means: 'reply' },
      { name: 'timeout', means: 'no-reply' },
      { name: 'deliveryFailure', means: 'undeliverable' }
    ]
  },
  { id: 'save', kind: 'lookup', service: 'crm/save', success: 'thanks' },
  { id: 'thanks', kind: 'opaque', vendorType: 'send-message', outcomes: [{ name: 'sent', required: false }, { name: 'failed', means: 'undeliverable' }] }
];

describe('dead-end by channel', () => {
  it('on a phone call, every unwired outcome drops the caller', () => {
    expect(where('dead-end', makeFlow(survey))).toEqual([
      ['ask', 'timeout'],
      ['ask', 'deliveryFailure'],
      ['save', 'failure'],
      ['thanks', 'failed']
    ]);
  });

  it('in a conversation by messages, only the failure that leaves the reply unanswered', () => {
    expect(where('dead-end', makeFlow(survey, { channel: 'messaging' }))).toEqual([['save', 'failure']]);
  });

  it('on an API request, nobody is in touch until they reply', () => {
    const flow = makeFlow(
      [
        { id: 'prepare', kind: 'lookup', service: 'ehr/appointment', success: 'ask' },
        ...survey
      ],
      { channel: 'api', role: 'outbound' }
    );
    // The lookup before any message fails with nobody waiting; after the reply, the person is waiting.
    expect(where('dead-end', flow)).toEqual([['save', 'failure']]);
  });

  it('an outgoing call: no answer drops nobody, an answered call is a call', () => {
    const flow = makeFlow(
      [
        {
          id: 'dial',
          kind: 'opaque',
          vendorType: 'make-outgoing-call-v2',
          outcomes: [
            { name: 'answered', next: 'hold', means: 'answered' },
            { name: 'busy', means: 'not-answered' },
            { name: 'noAnswer', means: 'not-answered' }
          ]
        },
        { id: 'hold', kind: 'prompt', prompt: 'Please hold for an agent.', next: 'agent' },
        { ...agent, overflow: undefined }
      ],
      { channel: 'api', role: 'outbound' }
    );
    expect(where('dead-end', flow)).toEqual([['agent', 'overflow']]);
  });

  it('says it in messaging terms', () => {
    const message = lintFlow(makeFlow(survey, { channel: 'messaging' })).findings.find((f) => f.rule === 'dead-end')!.message;
    expect(message).toMatch(/the person's message is never answered/);
  });

  it('does not judge what no entry reaches (unreachable says so)', () => {
    const flow = makeFlow([{ id: 'bye', kind: 'hangup', prompt: 'Goodbye.' }, ...survey]);
    expect(where('dead-end', flow)).toEqual([]);
    expect(where('unreachable', flow).map(([node]) => node)).toEqual(['ask', 'save', 'thanks']);
  });
});

describe('no-human-route by role and channel', () => {
  const closed = [
    { id: 'menu', kind: 'menu', prompt: 'Press 1 for our address, 0 for an agent.', options: [{ key: '1', next: 'info' }, { key: '0', next: 'agent' }], noInput: 'agent', invalid: 'agent' },
    { id: 'info', kind: 'prompt', prompt: 'We are at 1 Main Street.', next: 'bye' },
    { id: 'bye', kind: 'hangup', prompt: 'Goodbye.' },
    agent,
    voicemail
  ];

  it.each([
    ['inbound', ['info']],
    ['customer-queue', []],
    ['transfer', []],
    ['agent-whisper', []],
    ['outbound', []],
    ['voicemail', []]
  ] as const)('a flow in the role %s', (role, expected) => {
    expect(where('no-human-route', makeFlow(closed, { role })).map(([node]) => node)).toEqual(expected);
  });

  it('an automated SMS survey owes no person; a chat that hands over to an agent does', () => {
    const bot = [
      { id: 'ask', kind: 'opaque', outcomes: [{ name: 'incomingMessage', next: 'route', means: 'reply' }, { name: 'timeout', means: 'no-reply' }] },
      { id: 'route', kind: 'branch', cases: [{ when: { var: 'reply', op: 'eq', value: 'agent' }, next: 'agent' }], otherwise: 'sorry' },
      { id: 'sorry', kind: 'opaque', outcomes: [{ name: 'sent', required: false }, { name: 'failed', means: 'undeliverable' }] },
      agent,
      voicemail
    ];
    expect(where('no-human-route', makeFlow(bot, { channel: 'messaging' })).map(([node]) => node)).toEqual(['sorry']);
    const surveyOnly = makeFlow(survey, { channel: 'messaging' });
    expect(where('no-human-route', surveyOnly)).toEqual([]);
  });

  it('judges a step reached both after help and before it on the route where no help came first', () => {
    // The queue's success and its failure share one apology: a caller who never reached an agent hears it too.
    const flow = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'Press 1 for an agent.', options: [{ key: '1', next: 'q' }], noInput: 'q', invalid: 'q' },
      { id: 'q', kind: 'queue', queue: 'support', expectedWaitSeconds: 20, answered: 'sorry', overflow: 'sorry' },
      { id: 'sorry', kind: 'prompt', prompt: 'Thank you for calling. Goodbye.', next: 'bye' },
      { id: 'bye', kind: 'hangup' }
    ]);
    expect(where('no-human-route', flow)).toEqual([['sorry', undefined]]);
  });

  it('analyses every entry point: a line that also answers texts is judged on both', () => {
    const flow = makeFlow(
      [
        { id: 'greet', kind: 'prompt', prompt: 'Hello.', next: 'agent' },
        agent,
        voicemail,
        ...survey
      ],
      { entries: [{ start: 'ask', channel: 'messaging', event: 'incomingMessage' }] }
    );
    const result = lintFlow(flow);
    expect(result.entries).toEqual([
      { start: 'greet', channel: 'voice', role: 'inbound' },
      { start: 'ask', channel: 'messaging', role: 'inbound', event: 'incomingMessage' }
    ]);
    // Reached from the text entry: judged as a conversation, not as unreachable.
    expect(where('unreachable', flow)).toEqual([]);
    expect(where('dead-end', flow)).toEqual([['save', 'failure']]);
  });

  it('refuses an entry point that starts at no node', () => {
    const loaded = loadAnyFlow({ version: 1, id: 'x', name: 'x', start: 'a', entries: [{ start: 'nope', channel: 'messaging' }], nodes: [{ id: 'a', kind: 'hangup' }] }, 'x.ivr.json');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems[0]).toMatchObject({ pointer: '/entries/0/start', message: expect.stringMatching(/"nope", which is not a node/) });
  });
});

describe('Amazon Connect flow types', () => {
  const action = (Identifier: string, Type: string, Parameters: Record<string, unknown>, next?: string) => ({
    Identifier,
    Type,
    Parameters,
    Transitions: next === undefined ? {} : { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] }
  });
  const document = (actions: unknown[], metadata: Record<string, unknown> = {}) => ({ Version: '2019-10-30', StartAction: 'a', Metadata: metadata, Actions: actions });
  const roleOf = (doc: unknown): string | undefined => {
    const loaded = loadAnyFlow(doc, 'flow.json');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    return lintFlow(loaded.flow).entries[0]!.role;
  };

  it.each([
    ['customerQueue', 'customer-queue'],
    ['CUSTOMER_QUEUE', 'customer-queue'],
    ['queueTransfer', 'transfer'],
    ['agentWhisper', 'agent-whisper'],
    ['contactFlow', 'inbound']
  ])('reads the type %s as the role %s', (type, role) => {
    expect(roleOf(document([action('a', 'DisconnectParticipant', {})], { type }))).toBe(role);
  });

  it('reads a file that names no type but loops prompts as a customer queue flow', () => {
    expect(roleOf(document([action('a', 'MessageParticipantIteratively', { Messages: [{ Text: 'Please hold.' }] }, 'b'), action('b', 'EndFlowExecution', {})]))).toBe('customer-queue');
  });

  it('reads a flow that turns on IVR recording and then only listens as a voicemail', () => {
    const actions = [
      action('a', 'MessageParticipant', { Text: 'Please leave a message after the tone.' }, 'rec'),
      { Identifier: 'rec', Type: 'UpdateContactRecordingBehavior', Parameters: { RecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Enabled' } }, Transitions: { NextAction: 'listen' } },
      { Identifier: 'listen', Type: 'GetParticipantInput', Parameters: { Text: ' ', StoreInput: 'False', InputTimeLimitSeconds: '60' }, Transitions: { NextAction: 'bye', Errors: [{ NextAction: 'bye', ErrorType: 'InputTimeLimitExceeded' }, { NextAction: 'bye', ErrorType: 'NoMatchingCondition' }, { NextAction: 'bye', ErrorType: 'NoMatchingError' }] } },
      action('bye', 'DisconnectParticipant', {})
    ];
    expect(roleOf(document(actions, { type: 'contactFlow' }))).toBe('voicemail');
    // Recording for quality while the caller makes choices is no voicemail.
    const choosing = actions.map((a) => (a.Identifier === 'listen' ? { ...a, Transitions: { ...a.Transitions, Conditions: [{ NextAction: 'bye', Condition: { Operator: 'Equals', Operands: ['1'] } }] } } : a));
    expect(roleOf(document(choosing, { type: 'contactFlow' }))).toBe('inbound');
  });
});
