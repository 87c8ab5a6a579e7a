/**
 * Conditions and assignments on the same data across the vendors: Studio's
 * `flow.variables.x` is Connect's contact attribute `$.Attributes.x`, and a
 * Function's parsed result `widgets.<function>.parsed.y` is the Lambda
 * function's `$.External.y`, both ways and back.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, NodeOfKind } from '../../../src/core/model/types.ts';
import { agent, makeFlow, voicemail } from '../../support/build.ts';

import { imported, shipped, type Action, type Json, type State } from '../../support/ship.ts';

/** The variable each branch of a flow reads, by branch id. */
function branchVariables(flow: Flow): string[] {
  return flow.nodes.filter((node): node is NodeOfKind<'branch'> => node.kind === 'branch').flatMap((node) => node.cases.flatMap((c) => (Array.isArray(c.when) ? c.when : [c.when]).map((w) => w.var)));
}

const compares = (document: Json): string[] => (document.Actions as Action[]).filter((a) => a.Type === 'Compare').map((a) => String(a.Parameters.ComparisonValue));

/** The Studio flow of the issue: a Function checks the hours, a split reads its parsed result; the caller's language is a flow variable. */
const studioHours = {
  description: 'Hours',
  flags: { allow_concurrent_calls: true },
  initial_state: 'Trigger',
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'set_language' }], properties: { offset: { x: 0, y: 0 } } },
    {
      name: 'set_language',
      type: 'set-variables',
      transitions: [{ event: 'next', next: 'check_hours' }],
      properties: { variables: [{ key: 'language', value: 'es' }], offset: { x: 0, y: 100 } }
    },
    {
      name: 'check_hours',
      type: 'run-function',
      transitions: [{ event: 'success', next: 'split_open' }, { event: 'fail', next: 'closed' }],
      properties: { url: 'https://example.twil.io/hours', offset: { x: 0, y: 200 } }
    },
    {
      name: 'split_open',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch', next: 'closed' },
        { event: 'match', next: 'split_language', conditions: [{ friendly_name: 'open', arguments: ['{{widgets.check_hours.parsed.isOpen}}'], type: 'equal_to', value: 'true' }] }
      ],
      properties: { input: '{{widgets.check_hours.parsed.isOpen}}', offset: { x: 0, y: 400 } }
    },
    {
      name: 'split_language',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch', next: 'agent' },
        { event: 'match', next: 'agent', conditions: [{ friendly_name: 'spanish', arguments: ['{{flow.variables.language}}'], type: 'equal_to', value: 'es' }] }
      ],
      properties: { input: '{{flow.variables.language}}', offset: { x: 0, y: 500 } }
    },
    {
      name: 'agent',
      type: 'send-to-flex',
      transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue', next: 'closed' }, { event: 'callFailure', next: 'closed' }],
      properties: { workflow: 'WW0123', channel: 'TC0123', offset: { x: 0, y: 600 } }
    },
    { name: 'closed', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'We are closed.', offset: { x: 0, y: 800 } } }
  ]
};

/** The same in Connect: an attribute set, a Lambda function, Compares on its result and on the attribute. */
const connectHours = {
  Version: '2019-10-30',
  StartAction: 'set-language',
  Metadata: { entryPointPosition: { x: 0, y: 0 }, ActionMetadata: {}, name: 'Hours' },
  Actions: [
    {
      Identifier: 'set-language',
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: { language: 'es' }, TargetContact: 'Current' },
      Transitions: { NextAction: 'check-hours', Errors: [{ NextAction: 'check-hours', ErrorType: 'NoMatchingError' }] }
    },
    {
      Identifier: 'check-hours',
      Type: 'InvokeLambdaFunction',
      Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:111122223333:function:hours', InvocationTimeLimitSeconds: '3' },
      Transitions: { NextAction: 'is-open', Errors: [{ NextAction: 'closed', ErrorType: 'NoMatchingError' }] }
    },
    {
      Identifier: 'is-open',
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.External.isOpen' },
      Transitions: {
        NextAction: 'closed',
        Conditions: [{ NextAction: 'language', Condition: { Operator: 'Equals', Operands: ['true'] } }],
        Errors: [{ NextAction: 'closed', ErrorType: 'NoMatchingCondition' }]
      }
    },
    {
      Identifier: 'language',
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.Attributes.language' },
      Transitions: {
        NextAction: 'set-queue',
        Conditions: [{ NextAction: 'set-queue', Condition: { Operator: 'Equals', Operands: ['es'] } }],
        Errors: [{ NextAction: 'set-queue', ErrorType: 'NoMatchingCondition' }]
      }
    },
    {
      Identifier: 'set-queue',
      Type: 'UpdateContactTargetQueue',
      Parameters: { QueueId: 'arn:aws:connect:us-east-1:111122223333:instance/example/queue/support' },
      Transitions: { NextAction: 'transfer', Errors: [{ NextAction: 'closed', ErrorType: 'NoMatchingError' }] }
    },
    { Identifier: 'transfer', Type: 'TransferContactToQueue', Parameters: {}, Transitions: { Errors: [{ NextAction: 'closed', ErrorType: 'QueueAtCapacity' }, { NextAction: 'closed', ErrorType: 'NoMatchingError' }] } },
    { Identifier: 'closed', Type: 'MessageParticipant', Parameters: { Text: 'We are closed.' }, Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] } },
    { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }
  ]
};

describe('Studio variables exported to Amazon Connect', () => {
  it("reads a Function's parsed result as the Lambda function's $.External, not as an attribute", () => {
    const design = imported('twilio-studio', studioHours);
    expect(branchVariables(design)).toEqual(['widgets.check_hours.parsed.isOpen', 'flow.variables.language']);
    const { document, notes, verification } = shipped(design, 'amazon-connect');
    expect(compares(document)).toEqual(['$.External.isOpen', '$.Attributes.language']);
    expect(JSON.stringify(document)).not.toContain('$.Attributes.widgets');
    expect(verification.ok).toBe(true);
    // Exact: the Function is the one lookup before the split.
    expect(notes.filter((note) => note.includes('$.External'))).toEqual([]);
  });

  it('sets the attribute a condition on the flow variable reads', () => {
    const { document } = shipped(imported('twilio-studio', studioHours), 'amazon-connect');
    const update = (document.Actions as Action[]).find((a) => a.Type === 'UpdateContactAttributes')!;
    expect(update.Parameters.Attributes).toEqual({ language: 'es' });
  });

  it('reads back from Connect on the same data', () => {
    const { back } = shipped(imported('twilio-studio', studioHours), 'amazon-connect');
    expect(branchVariables(back)).toEqual(['$.External.isOpen', '$.Attributes.language']);
    expect(back.nodes.some((node) => node.kind === 'set' && node.assign?.['$.Attributes.language'] === 'es')).toBe(true);
  });

  it('says so when a result comes from a widget that is no lookup', () => {
    const design = makeFlow([
      { id: 'ask', kind: 'menu', prompt: 'Press 1.', options: [{ key: '1', next: 'check' }], noInput: 'agent', invalid: 'agent' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'widgets.ask.parsed.ok', op: 'eq', value: 'yes' }, next: 'agent' }], otherwise: 'agent' },
      agent,
      voicemail
    ]);
    const { document, notes } = shipped(design, 'amazon-connect');
    expect(compares(document)).toEqual(['$.Attributes.widgets.ask.parsed.ok']);
    expect(notes.some((note) => note.includes('"ask", which is no lookup'))).toBe(true);
  });

  it('says so when another Lambda function can run between the lookup and the condition', () => {
    const design = makeFlow([
      { id: 'first', kind: 'lookup', service: 'accounts', success: 'menu', failure: 'agent' },
      { id: 'menu', kind: 'menu', prompt: 'Press 1 to check your order.', options: [{ key: '1', next: 'orders' }], noInput: 'check', invalid: 'check' },
      { id: 'orders', kind: 'lookup', service: 'orders', success: 'check', failure: 'agent' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'widgets.first.parsed.vip', op: 'eq', value: 'true' }, next: 'agent' }], otherwise: 'agent' },
      agent,
      voicemail
    ]);
    const { document, notes } = shipped(design, 'amazon-connect');
    expect(compares(document)).toEqual(['$.External.vip']);
    expect(notes.some((note) => note.includes('$.External.vip') && note.includes('"orders"'))).toBe(true);
  });
});

describe('Connect variables exported to Twilio Studio', () => {
  it("reads the Lambda function's $.External as the parsed result of the Function before the split", () => {
    const design = imported('amazon-connect', connectHours);
    expect(branchVariables(design)).toEqual(['$.External.isOpen', '$.Attributes.language']);
    const { document, notes, verification } = shipped(design, 'twilio-studio');
    expect(verification.ok).toBe(true);
    const states = document.states as State[];
    const fn = states.find((state) => state.type === 'run-function')!;
    const splits = ['is_open', 'language'].map((name) => states.find((state) => state.name === name)!);
    const argumentsOf = (state: State) => state.transitions.flatMap((t) => t.conditions ?? []).map((c) => c.arguments[0]);
    expect(splits.flatMap(argumentsOf)).toEqual([`{{widgets.${fn.name}.parsed.isOpen}}`, '{{flow.variables.language}}']);
    expect(splits.map((split) => split.properties.input)).toEqual([`{{widgets.${fn.name}.parsed.isOpen}}`, '{{flow.variables.language}}']);
    const set = states.find((state) => state.type === 'set-variables')!;
    expect(set.properties.variables).toEqual([{ key: 'language', value: 'es' }]);
    expect(JSON.stringify(document)).not.toContain('$.');
    expect(notes.filter((note) => note.includes('$.External'))).toEqual([]);
  });

  it('reads back from Studio on the same data, and goes back to Connect as it came', () => {
    const { back } = shipped(imported('amazon-connect', connectHours), 'twilio-studio');
    const fn = back.nodes.find((node) => node.kind === 'lookup')!;
    expect(branchVariables(back)).toEqual(expect.arrayContaining([`widgets.${fn.id}.parsed.isOpen`, 'flow.variables.language']));
    const again = shipped(back, 'amazon-connect');
    expect(compares(again.document)).toEqual(expect.arrayContaining(['$.External.isOpen', '$.Attributes.language']));
    expect(again.verification.ok).toBe(true);
  });

  it('says so when no Function comes before a condition on $.External', () => {
    const design = makeFlow([
      { id: 'check', kind: 'branch', cases: [{ when: { var: '$.External.isOpen', op: 'eq', value: 'true' }, next: 'agent' }], otherwise: 'agent' },
      agent,
      voicemail
    ]);
    const { document, notes } = shipped(design, 'twilio-studio');
    const split = (document.states as State[]).find((state) => state.name === 'check')!;
    expect(split.properties.input).toBe('{{flow.variables.External.isOpen}}');
    expect(notes.some((note) => note.includes('$.External.isOpen') && note.includes('no lookup comes before'))).toBe(true);
  });

  it('says which Function it reads when several can have run last', () => {
    const design = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'Press 1 or 2.', options: [{ key: '1', next: 'accounts' }, { key: '2', next: 'orders' }], noInput: 'agent', invalid: 'agent' },
      { id: 'accounts', kind: 'lookup', service: 'accounts', success: 'check', failure: 'agent' },
      { id: 'orders', kind: 'lookup', service: 'orders', success: 'check', failure: 'agent' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: '$.External.status', op: 'eq', value: 'ok' }, next: 'agent' }], otherwise: 'agent' },
      agent,
      voicemail
    ]);
    const { document, notes } = shipped(design, 'twilio-studio');
    const split = (document.states as State[]).find((state) => state.name === 'check')!;
    expect(split.properties.input).toBe('{{widgets.accounts.parsed.status}}');
    expect(notes.some((note) => note.includes('"accounts" or "orders"'))).toBe(true);
  });

  it('writes caller data as the trigger has it', () => {
    const design = makeFlow([
      { id: 'check', kind: 'branch', cases: [{ when: { var: '$.CustomerEndpoint.Address', op: 'eq', value: '+15550100' }, next: 'agent' }], otherwise: 'agent' },
      agent,
      voicemail
    ]);
    const { document, back } = shipped(design, 'twilio-studio');
    const split = (document.states as State[]).find((state) => state.name === 'check')!;
    expect(split.properties.input).toBe('{{trigger.call.From}}');
    expect(compares(shipped(back, 'amazon-connect').document)).toEqual(['$.CustomerEndpoint.Address']);
  });
});
