import fs from 'node:fs';
import { queueWidget } from '../../support/studio.ts';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import studio from '../../../src/core/formats/twilio-studio/index.ts';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import type { Finding } from '../../../src/core/analysis/types.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import type { Flow, FlowNode, NodeOfKind } from '../../../src/core/model/types.ts';
import { corpusPath } from '../../support/corpus.ts';

const CORPUS = corpusPath('twilio-studio');
const FIXTURES = path.join(import.meta.dirname, '../../fixtures/twilio-studio');

function read(dir: string, file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

function imported(document: unknown, file = 'flow.json'): { flow: Flow; notes: readonly { pointer: string; message: string }[] } {
  const result = studio.import(document, file);
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return { flow: result.flow, notes: result.notes };
}

function corpus(name: string): Flow {
  const file = fs.readdirSync(CORPUS).find((f) => f.includes(name));
  if (file === undefined) throw new Error(`no corpus file ${name}`);
  return imported(read(CORPUS, file), file).flow;
}

function node<K extends FlowNode['kind']>(flow: Flow, id: string, kind: K): NodeOfKind<K> {
  const found = flow.nodes.find((n) => n.id === id);
  expect(found, id).toBeDefined();
  expect(found!.kind).toBe(kind);
  return found as NodeOfKind<K>;
}

function findings(flow: Flow, rule: string): Finding[] {
  return lintFlow(flow).findings.filter((f) => f.rule === rule);
}

const trigger = (next: string, event = 'incomingCall') => ({
  name: 'Trigger',
  type: 'trigger',
  transitions: [
    { event: 'incomingMessage' },
    ...(event === 'incomingCall' ? [{ event: 'incomingCall', next }] : [{ event: 'incomingCall' }]),
    { event: 'incomingConversationMessage' },
    ...(event === 'incomingRequest' ? [{ event: 'incomingRequest', next }] : [{ event: 'incomingRequest' }]),
    { event: 'incomingParent' }
  ],
  properties: { offset: { x: 0, y: 0 } }
});

const definition = (states: unknown[]) => ({
  description: 'test',
  flags: { allow_concurrent_calls: true },
  initial_state: 'Trigger',
  states
});

const agent = {
  name: 'agent',
  type: 'send-to-flex',
  transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue', next: 'sorry' }, { event: 'callFailure', next: 'sorry' }],
  properties: { workflow: 'WWxxx', channel: 'TCxxx', offset: { x: 0, y: 600 } }
};
const sorry = {
  name: 'sorry',
  type: 'say-play',
  transitions: [{ event: 'audioComplete' }],
  properties: { say: 'Sorry, we are busy. Goodbye.', offset: { x: 0, y: 800 } }
};

/** A gather on keys 1 and 0 read by a split; timeout and noMatch unwired. */
function gatherAndSplit(extra: unknown[] = []) {
  return definition([
    trigger('menu'),
    {
      name: 'menu',
      type: 'gather-input-on-call',
      transitions: [{ event: 'keypress', next: 'route' }, { event: 'speech', next: 'route' }, { event: 'timeout' }],
      properties: { say: 'For sales press 1. For an agent press 0.', number_of_digits: 1, timeout: 7, offset: { x: 10, y: 20 } }
    },
    {
      name: 'route',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch' },
        {
          event: 'match',
          next: 'sales',
          conditions: [{ friendly_name: 'sales', arguments: ['{{widgets.menu.Digits}}'], type: 'equal_to', value: '1' }]
        },
        {
          event: 'match',
          next: 'agent',
          conditions: [{ friendly_name: 'agent', arguments: ['{{widgets.menu.Digits}}'], type: 'equal_to', value: '0' }]
        },
        {
          event: 'match',
          next: 'agent',
          conditions: [{ friendly_name: 'said agent', arguments: ['{{widgets.menu.SpeechResult}}'], type: 'matches_any_of', value: 'agent, representative' }]
        }
      ],
      properties: { input: '{{widgets.menu.Digits}}', offset: { x: 10, y: 200 } }
    },
    { name: 'sales', type: 'say-play', transitions: [{ event: 'audioComplete', next: 'agent' }], properties: { say: 'Sales.' } },
    agent,
    sorry,
    ...extra
  ]);
}

describe('Twilio Studio: the corpus', () => {
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

  it('has the eleven collected flows', () => {
    expect(files).toHaveLength(11);
  });

  it.each(files)('%s detects, imports, loads and lints', (file) => {
    const document = read(CORPUS, file);
    expect(studio.detect(document)).toBe(true);
    const result = studio.import(document, file);
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    if (!result.ok) return;
    const { flow } = result;
    expect(loadFlow(JSON.parse(JSON.stringify(flow)), file).ok).toBe(true);
    // Ids are widget names, unique; every node points at its widget. A step added for a
    // queue widget's two failure exits is named after the widget and points at it.
    const states = (document as { states: { name: string; type: string }[] }).states;
    const names = new Set(states.map((s) => s.name));
    expect(new Set(flow.nodes.map((n) => n.id)).size).toBe(flow.nodes.length);
    for (const n of flow.nodes) {
      const owner = n.meta?.failuresOf;
      if (typeof owner === 'string') {
        expect(n.id).toBe(`${owner}:failures`);
        expect(n.source?.pointer).toBe(`/states/${states.findIndex((s) => s.name === owner)}`);
        continue;
      }
      expect(names.has(n.id)).toBe(true);
      const index = states.findIndex((s) => s.name === n.id);
      expect(n.source?.pointer).toBe(`/states/${index}`);
      expect(n.source?.type).toBe(states[index]!.type);
      expect((n.meta?.vendor as { name: string }).name).toBe(n.id);
      for (const outcome of Object.values(n.source?.outcomes ?? {})) {
        expect(outcome.pointer).toMatch(/^\/states\/\d+\/transitions(\/\d+)?$/);
      }
    }
    // The trigger is not a step of the call, and nothing is said about it.
    expect(flow.nodes.some((n) => n.source?.type === 'trigger')).toBe(false);
    const lint = lintFlow(flow);
    expect(lint.findings.every((f) => f.node !== 'Trigger' && !f.pointer.startsWith('/states/0/'))).toBe(true);
    for (const f of lint.findings) expect(f.pointer).toMatch(/^\/states\/\d+/);
  });

  it('CA-Regulatory-Flow: the human route exists but cannot be reached; the state question reprompts forever', () => {
    const flow = corpus('CA-Regulatory-Flow');
    expect(flow.start).toBe('Welcome_message1');
    expect(node(flow, 'Send_to_Phone_California', 'queue').overflow).toBeUndefined();
    const unreachable = findings(flow, 'unreachable').map((f) => f.node);
    expect(unreachable).toEqual(expect.arrayContaining(['CA_Send_To_Live_Agent', 'Create_CA_Regulatory_Case', 'Send_to_Phone_California']));
    expect(lintFlow(flow).metrics.secondsToHuman).toBeNull();
    // The spoken state question is one menu: phrases from the split on SpeechResult.
    const menu = node(flow, 'Say_State', 'menu');
    expect(menu.options[0]).toMatchObject({ phrases: ['California'], next: 'Business_Hours_Check' });
    expect(menu.options[1]!.phrases).toContain('Texas');
    expect(flow.nodes.some((n) => n.id === 'CA_or_not_CA')).toBe(false);
    const retry = findings(flow, 'unbounded-retry').filter((f) => f.node === 'Say_State');
    expect(retry.map((f) => [f.outcome, f.pointer]).sort()).toEqual([
      ['noMatch', '/states/6/transitions/0'],
      ['timeout', '/states/5/transitions/2']
    ]);
    // "Goodbye" is not a widget of the flow.
    expect(findings(flow, 'broken-reference')).toMatchObject([{ node: 'Offer_To_Retry', outcome: '1', pointer: '/states/16/transitions/1' }]);
    // The voicemail path is deferred help, and its noAudio retry is wired.
    expect(node(flow, 'Record_Voicemail', 'voicemail')).toMatchObject({ recorded: 'Repeat_back_message', failed: 'Nothing_captured_message' });
  });

  it('webinar-flow: no human route, and timeout and noMatch loop back to the menu forever', () => {
    const flow = corpus('webinar-flow');
    const menu = node(flow, 'gather_input', 'menu');
    expect(menu.options.map((o) => [o.key, o.next])).toEqual([
      ['1', 'send_demo_link'],
      ['2', 'send_demo_link'],
      ['3', 'send_demo_link']
    ]);
    expect(menu).toMatchObject({ noInput: 'gather_input', invalid: 'gather_input' });
    expect(flow.nodes.some((n) => n.id === 'check_for_digit')).toBe(false);
    expect(findings(flow, 'no-human-route')).toMatchObject([{ node: 'gather_input' }]);
    expect(findings(flow, 'unbounded-retry').map((f) => [f.node, f.outcome, f.pointer]).sort()).toEqual([
      ['gather_input', 'noMatch', '/states/2/transitions/0'],
      ['gather_input', 'timeout', '/states/1/transitions/2']
    ]);
    // The closing message is a designed ending, not a dead end.
    expect(node(flow, 'say_play_1', 'prompt').end).toBe(true);
    expect(findings(flow, 'dead-end')).toEqual([]);
  });

  it('OrderLookupIVR: unwired fail and timeout exits are dead ends named by the Twilio event', () => {
    const flow = corpus('OrderLookupIVR');
    expect(flow.start).toBe('allow_list');
    const dead = findings(flow, 'dead-end').map((f) => [f.node, f.outcome, f.pointer]);
    expect(dead).toEqual(
      expect.arrayContaining([
        ['allow_list', 'fail', '/states/4/transitions/1'],
        ['order_lookup', 'fail', '/states/3/transitions/1'],
        ['order_no', 'timeout', '/states/2/transitions/2'],
        ['allow_split', 'noMatch', '/states/5/transitions/0']
      ])
    );
    const timeout = findings(flow, 'dead-end').find((f) => f.outcome === 'timeout')!;
    expect(timeout.message).toContain('"timeout" has no transition');
    // The gather is not followed by a split on its digits: an input.
    expect(node(flow, 'order_no', 'input')).toMatchObject({ variable: 'widgets.order_no.Digits', next: 'order_lookup', terminator: '#' });
    expect(node(flow, 'forward_call', 'transfer')).toMatchObject({ reachesPerson: true, number: '{{widgets.order_lookup.body}}' });
    expect(node(flow, 'error', 'prompt').end).toBe(true);
    expect(node(flow, 'allow_split', 'branch').cases[0]).toMatchObject({
      when: { var: 'widgets.allow_list.parsed.matched', op: 'eq', value: 'true' },
      next: 'order_no'
    });
  });

  it('template_example_schedule_flow: a clean route to a person through send-to-flex', () => {
    const flow = corpus('template_example_schedule_flow');
    expect(flow.start).toBe('check_schedule');
    expect(node(flow, 'check_schedule', 'lookup')).toMatchObject({
      service: 'https://${SCHEDULE_MANAGER_DOMAIN}/check-schedule',
      success: 'is_open',
      failure: 'send_to_flex'
    });
    expect(node(flow, 'send_to_flex', 'queue').queue).toBe('${WORKFLOW_SID}');
    const lint = lintFlow(flow);
    expect(lint.metrics.humanEndpoints).toBe(1);
    expect(lint.metrics.secondsToHuman).not.toBeNull();
    expect(lint.findings.filter((f) => f.rule === 'unreachable' || f.rule === 'trap-loop' || f.rule === 'unbounded-retry')).toEqual([]);
    // Help is lost only on the closed branch, not from the start.
    expect(findings(flow, 'no-human-route').map((f) => f.node)).toEqual(['say_closed']);
  });

  it('starts a REST-triggered or messaging flow at its wired trigger event, and every other wired event is an entry point on its channel', () => {
    const dialer = corpus('twilio-autodialer');
    expect(dialer.start).toBe('initate_call');
    expect([dialer.channel, dialer.role]).toEqual(['api', 'outbound']);
    const file = fs.readdirSync(CORPUS).find((f) => f.includes('messaging-flow'))!;
    const { flow } = imported(read(CORPUS, file), file);
    expect(flow.start).toBe('SendMessageToAgent');
    expect(flow.channel).toBe('messaging');
    expect(flow.entries).toEqual([{ start: 'identify_queue', channel: 'messaging', event: 'incomingConversationMessage' }]);
    expect(flow.nodes.find((n) => n.id === 'SendMessageToAgent')!.meta).toMatchObject({
      trigger: { pointer: '/states/0', event: 'incomingMessage', vendor: { name: 'Trigger' } },
      flow: { initial_state: 'Trigger', flags: { allow_concurrent_calls: true } }
    });
  });
});

describe('Twilio Studio: mapping', () => {
  it('reads a gather followed by a split on its digits as one menu with the real keys', () => {
    const { flow, notes } = imported(gatherAndSplit());
    expect(flow.start).toBe('menu');
    const menu = node(flow, 'menu', 'menu');
    expect(menu).toMatchObject({ prompt: 'For sales press 1. For an agent press 0.', timeoutSeconds: 7, position: { x: 10, y: 20 } });
    // Saying "agent" goes where key 0 goes: one choice, by key or by voice.
    expect(menu.options).toEqual([
      { key: '1', label: 'sales', next: 'sales' },
      { key: '0', label: 'agent', next: 'agent', phrases: ['agent', 'representative'] }
    ]);
    expect(menu.noInput).toBeUndefined();
    expect(menu.invalid).toBeUndefined();
    // The split is read into the menu and not kept.
    expect(flow.nodes.map((n) => n.id)).toEqual(['menu', 'sales', 'agent', 'sorry']);
    expect(notes).toContainEqual(expect.objectContaining({ pointer: '/states/2' }));
    const dead = findings(flow, 'dead-end').map((f) => [f.node, f.outcome, f.pointer]);
    expect(dead).toEqual([
      ['menu', 'timeout', '/states/1/transitions/2'],
      ['menu', 'noMatch', '/states/2/transitions/0']
    ]);
    // Key 0 reaches a person: no "no agent option".
    expect(findings(flow, 'no-agent-option')).toEqual([]);
  });

  it('wires noMatch to invalid and timeout to noInput, and keeps the split when another widget goes to it', () => {
    const doc = gatherAndSplit([
      { name: 'again', type: 'say-play', transitions: [{ event: 'audioComplete', next: 'route' }], properties: { say: 'Again.' } }
    ]);
    const states = doc.states as { name: string; transitions: { event: string; next?: string }[] }[];
    states[1]!.transitions[2]!.next = 'again';
    states[2]!.transitions[0]!.next = 'again';
    const { flow } = imported(doc);
    expect(node(flow, 'menu', 'menu')).toMatchObject({ noInput: 'again', invalid: 'again' });
    const route = node(flow, 'route', 'branch');
    expect(route.otherwise).toBe('again');
    expect(route.cases[0]).toMatchObject({ label: 'sales', when: { var: 'widgets.menu.Digits', op: 'eq', value: '1' }, next: 'sales' });
  });

  it('reads a retry counter: set-variables with plus: 1 and a split on the same variable', () => {
    const doc = read(FIXTURES, 'demo-menu.json') as { states: { name: string; properties: { variables?: { value: string }[] } }[] };
    const { flow } = imported(doc, 'demo-menu.json');
    expect(node(flow, 'count_retry', 'set').increment).toEqual(['flow.variables.tries']);
    expect(node(flow, 'retry_or_agent', 'branch').cases[0]!.when).toEqual({ var: 'flow.variables.tries', op: 'eq', value: '1' });
    const menu = node(flow, 'main_menu', 'menu');
    expect(menu.options.map((o) => o.key)).toEqual(['1', '2', '0']);
    expect(menu).toMatchObject({ noInput: 'count_retry', invalid: 'count_retry' });
    expect(findings(flow, 'unbounded-retry')).toEqual([]);
    // Without the counter, the same loop is unbounded.
    doc.states.find((s) => s.name === 'count_retry')!.properties.variables![0]!.value = '1';
    const plain = imported(doc, 'demo-menu.json').flow;
    expect(node(plain, 'count_retry', 'set').assign).toEqual({ 'flow.variables.tries': '1' });
    expect(findings(plain, 'unbounded-retry').map((f) => f.outcome).sort()).toEqual(['noMatch', 'timeout']);
  });

  it('maps human endpoints, voicemail, sub-flows and unknown widgets with their ending events', () => {
    const { flow, notes } = imported(
      definition([
        trigger('transfer'),
        {
          name: 'transfer',
          type: 'connect-call-to',
          transitions: [{ event: 'callCompleted', next: 'vm' }, { event: 'hangup' }],
          properties: { noun: 'number', to: '+15550100' }
        },
        {
          name: 'vm',
          type: 'record-voicemail',
          transitions: [{ event: 'recordingComplete', next: 'sub' }, { event: 'noAudio' }, { event: 'hangup' }],
          properties: { max_length: 120 }
        },
        { name: 'sub', type: 'run-subflow', transitions: [{ event: 'completed', next: 'q' }, { event: 'failed', next: 'q' }], properties: { flow_sid: 'FW1' } },
        {
          name: 'q',
          type: 'enqueue-call',
          transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }, { event: 'callFailure', next: 'sub2' }],
          properties: { queue_name: 'support' }
        },
        { name: 'sub2', type: 'run-subflow', transitions: [{ event: 'completed', next: 'bot' }, { event: 'failed' }], properties: { flow_sid: 'FW2' } },
        {
          name: 'bot',
          type: 'connect-virtual-agent-v2',
          transitions: [{ event: 'completed' }, { event: 'live-agent-handoff', next: 'q' }, { event: 'hangup' }, { event: 'failed' }],
          properties: {}
        }
      ])
    );
    expect(node(flow, 'transfer', 'transfer')).toMatchObject({ number: '+15550100', reachesPerson: true, connected: 'vm' });
    expect(node(flow, 'vm', 'voicemail')).toMatchObject({ recorded: 'sub', maxSeconds: 120 });
    expect(node(flow, 'sub', 'subflow')).toMatchObject({ flow: 'FW1', next: 'q' });
    // failedToEnqueue and callFailure go different ways: the queue's overflow goes through a step
    // with both. failedToEnqueue unwired: a caller whose task cannot be queued is dropped, and lint
    // says so there, at the widget's transition.
    expect(node(flow, 'q', 'queue')).toMatchObject({ queue: 'support', overflow: 'q:failures' });
    expect(node(flow, 'q:failures', 'opaque').outcomes).toEqual([{ name: 'failedToEnqueue', means: 'failure' }, { name: 'callFailure', next: 'sub2' }]);
    expect(notes).toContainEqual(expect.objectContaining({ node: 'q', pointer: '/states/4' }));
    expect(
      lintFlow(flow)
        .findings.filter((f) => f.rule === 'dead-end' && f.node.startsWith('q'))
        .map((f) => [f.node, f.outcome, f.severity, f.pointer])
    ).toEqual([['q:failures', 'failedToEnqueue', 'error', '/states/4/transitions/1']]);
    // A sub-flow whose failed exit goes nowhere is a step with both exits.
    const sub2 = node(flow, 'sub2', 'opaque');
    expect(sub2.outcomes).toEqual([{ name: 'completed', next: 'bot' }, { name: 'failed', means: 'failure' }]);
    const bot = node(flow, 'bot', 'opaque');
    expect(bot.vendorType).toBe('connect-virtual-agent-v2');
    expect(bot.outcomes.find((o) => o.name === 'hangup')!.required).toBe(false);
    expect(notes).toContainEqual(expect.objectContaining({ node: 'bot', pointer: '/states/6' }));
    const dead = findings(flow, 'dead-end').map((f) => [f.node, f.outcome]);
    expect(dead).toEqual(
      expect.arrayContaining([
        ['sub2', 'failed'],
        ['bot', 'completed'],
        ['bot', 'failed']
      ])
    );
    // Hang-ups, a missing recording and a finished call end the call by design.
    expect(dead.some(([, outcome]) => outcome === 'hangup' || outcome === 'noAudio' || outcome === 'callComplete')).toBe(false);
  });

  it('maps split condition types to native operators and keeps placeholders as text', () => {
    const conditions = [
      ['not_equal_to', 'x', { op: 'ne', value: 'x' }],
      ['contains', 'a.b', { op: 'matches', value: 'a\\.b' }],
      ['matches_any_of', 'a, b,c', { op: 'in', value: ['a', 'b', 'c'] }],
      ['regex', '^\\d+$', { op: 'matches', value: '^\\d+$' }],
      ['less_than', '3', { op: 'lt', value: 3 }],
      ['greater_than', '${LIMIT}', { op: 'gt', value: '${LIMIT}' }]
    ] as const;
    const { flow } = imported(
      definition([
        trigger('split'),
        {
          name: 'split',
          type: 'split-based-on',
          transitions: [
            { event: 'noMatch', next: 'end' },
            ...conditions.map(([type, value], index) => ({
              event: 'match',
              next: 'end',
              conditions: [{ friendly_name: `c${index}`, arguments: ['{{ flow.data.x }}'], type, value }]
            }))
          ],
          properties: { input: '{{flow.data.x}}' }
        },
        { name: 'end', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { play: 'https://example.com/bye.mp3' } }
      ])
    );
    const split = node(flow, 'split', 'branch');
    expect(split.cases.map((c) => c.when)).toEqual(conditions.map(([, , expected]) => ({ var: 'flow.data.x', ...expected })));
    expect(split.otherwise).toBe('end');
    expect(node(flow, 'end', 'prompt').prompt).toContain('https://example.com/bye.mp3');
  });
});

describe('Twilio Studio: a queue widget\'s two failure exits', () => {
  // failedToEnqueue fires when the task cannot be created or queued, callFailure when the call fails
  // once queued (voice only). A caller is dropped exactly when the exit that fires is unwired.
  const retry = { name: 'retry', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Please call again later.' } };
  const queueFlow = (type: string, toEnqueue: string | undefined, callFailure: string | undefined) =>
    definition([
      trigger('q'),
      queueWidget(type, toEnqueue, callFailure),
      { ...sorry, properties: { ...sorry.properties } },
      retry
    ]);
  const deadEnds = (flow: Flow) => findings(flow, 'dead-end').map((f) => [f.node, f.outcome, f.pointer]);

  describe.each(['send-to-flex', 'enqueue-call'])('%s', (type) => {
    it('both wired alike: one queue, its overflow where both go, no dead end', () => {
      const { flow } = imported(queueFlow(type, 'sorry', 'sorry'));
      expect(node(flow, 'q', 'queue').overflow).toBe('sorry');
      expect(flow.nodes.map((n) => n.id)).toEqual(['q', 'sorry', 'retry']);
      expect(deadEnds(flow)).toEqual([]);
    });

    it('only callFailure wired: a caller whose task cannot be queued is dropped', () => {
      const { flow } = imported(queueFlow(type, undefined, 'sorry'));
      expect(node(flow, 'q', 'queue').overflow).toBe('q:failures');
      expect(node(flow, 'q:failures', 'opaque')).toMatchObject({ outcomes: [{ name: 'failedToEnqueue' }, { name: 'callFailure', next: 'sorry' }], meta: { failuresOf: 'q' } });
      expect(deadEnds(flow)).toEqual([['q:failures', 'failedToEnqueue', '/states/1/transitions/1']]);
      // Nothing the file wires is lost: sorry is reached.
      expect(findings(flow, 'unreachable').map((f) => f.node)).toEqual(['retry']);
    });

    it('only failedToEnqueue wired: a caller whose call fails once queued is dropped', () => {
      const { flow, notes } = imported(queueFlow(type, 'sorry', undefined));
      expect(node(flow, 'q', 'queue').overflow).toBe('q:failures');
      expect(node(flow, 'q:failures', 'opaque').outcomes).toEqual([{ name: 'failedToEnqueue', next: 'sorry', means: 'failure' }, { name: 'callFailure' }]);
      expect(deadEnds(flow)).toEqual([['q:failures', 'callFailure', '/states/1/transitions/2']]);
      expect(findings(flow, 'unreachable').map((f) => f.node)).toEqual(['retry']);
      expect(notes).toContainEqual(expect.objectContaining({ node: 'q', pointer: '/states/1', message: expect.stringContaining('callFailure has no transition') }));
    });

    it('both wired, differently: each route kept, no dead end', () => {
      const { flow } = imported(queueFlow(type, 'sorry', 'retry'));
      expect(node(flow, 'q:failures', 'opaque').outcomes).toEqual([{ name: 'failedToEnqueue', next: 'sorry', means: 'failure' }, { name: 'callFailure', next: 'retry' }]);
      expect(deadEnds(flow)).toEqual([]);
      expect(findings(flow, 'unreachable')).toEqual([]);
    });

    it('both unwired: the queue\'s overflow is the dead end', () => {
      const { flow } = imported(queueFlow(type, undefined, undefined));
      expect(flow.nodes.map((n) => n.id)).toEqual(['q', 'sorry', 'retry']);
      expect(deadEnds(flow)).toEqual([['q', 'failedToEnqueue', '/states/1/transitions/1']]);
    });
  });

  it('a task marked as a callback: its failed exit goes through the step too', () => {
    const document = queueFlow('send-to-flex', 'sorry', undefined);
    (document.states[1] as { properties: Record<string, unknown> }).properties.attributes = '{"type": "callback"}';
    const { flow } = imported(document);
    expect(node(flow, 'q', 'callback').failed).toBe('q:failures');
    expect(deadEnds(flow)).toEqual([['q:failures', 'callFailure', '/states/1/transitions/2']]);
  });

  it('the added step takes a free id', () => {
    const document = queueFlow('send-to-flex', 'sorry', undefined);
    document.states.push({ name: 'q:failures', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'x' } });
    const { flow } = imported(document);
    expect(node(flow, 'q', 'queue').overflow).toBe('q:failures 2');
    expect(node(flow, 'q:failures 2', 'opaque').outcomes.map((o) => o.name)).toEqual(['failedToEnqueue', 'callFailure']);
  });
});

describe('Twilio Studio: the REST Flow resource', () => {
  const bare = gatherAndSplit();

  it('imports a definition given as a JSON string, pointing under /definition', () => {
    const resource = { sid: 'FW0123', friendly_name: 'Sales line', status: 'published', definition: JSON.stringify(bare) };
    expect(studio.detect(resource)).toBe(true);
    const { flow, notes } = imported(resource);
    expect(flow).toMatchObject({ id: 'FW0123', name: 'Sales line', start: 'menu' });
    expect(flow.nodes[0]!.source?.pointer).toBe('/definition/states/1');
    expect(notes).toContainEqual(expect.objectContaining({ pointer: '/definition' }));
    const dead = findings(flow, 'dead-end').find((f) => f.outcome === 'timeout');
    expect(dead?.pointer).toBe('/definition/states/1/transitions/2');
    expect(flow.nodes[0]!.meta).toMatchObject({ resource: { sid: 'FW0123', status: 'published' } });
  });

  it('imports a definition given as an object', () => {
    const { flow } = imported({ friendly_name: 'x', definition: bare });
    expect(flow.nodes.find((n) => n.id === 'agent')!.source?.pointer).toBe('/definition/states/4');
  });
});

describe('Twilio Studio: detection and hostile input', () => {
  it('detects Studio definitions by content only', () => {
    expect(studio.detect(gatherAndSplit())).toBe(true);
    for (const other of [null, 42, 'states', [], {}, { nodes: [], start: 'a' }, { Version: '2019-10-30', Actions: [] }, { definition: '{oops' }, { definition: 7 }]) {
      expect(studio.detect(other)).toBe(false);
    }
  });

  const problems = (document: unknown) => {
    const result = studio.import(document, 'bad.json');
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.problems;
  };

  it('gives problems with the file and a pointer instead of throwing', () => {
    for (const value of [null, 3, 'x', [1]]) {
      expect(problems(value)).toEqual([{ code: 'import-failed', severity: 'error', file: 'bad.json', pointer: '', message: expect.any(String) }]);
    }
    expect(problems({ initial_state: 'Trigger', states: {} })).toMatchObject([{ pointer: '/states' }]);
    expect(problems({ initial_state: 'Trigger', states: [] })).toMatchObject([{ pointer: '/states' }]);
    expect(problems({ initial_state: 'Trigger' })).toMatchObject([{ pointer: '/states' }]);
    expect(problems(definition([trigger('a'), { type: 'say-play', transitions: [] }]))).toMatchObject([{ pointer: '/states/1/name' }]);
    expect(problems(definition([trigger('a'), 'widget']))).toMatchObject([{ pointer: '/states/1' }]);
    const duplicate = problems(definition([trigger('a'), sorry, { ...sorry, type: 'say-play' }]));
    expect(duplicate).toMatchObject([{ pointer: '/states/2/name', message: expect.stringContaining('/states/1/name') }]);
    expect(problems({ definition: '{"states": [' })).toMatchObject([{ pointer: '/definition' }]);
    expect(problems({ definition: [] })).toMatchObject([{ pointer: '/definition' }]);
  });

  it('reports a trigger that starts nothing, or starts at a widget that does not exist', () => {
    const idle = definition([{ ...trigger('x'), transitions: [{ event: 'incomingCall' }, { event: 'incomingMessage' }] }, sorry]);
    expect(problems(idle)).toMatchObject([{ pointer: '/states/0/transitions', message: expect.stringContaining('starts nothing') }]);
    expect(problems(definition([trigger('nowhere'), sorry]))).toMatchObject([{ pointer: '/states/0/transitions/1/next' }]);
  });

  it('carries on with notes past wrong types inside widgets', () => {
    const { flow, notes } = imported(
      definition([
        trigger('a'),
        { name: 'a', type: 'say-play', transitions: 'audioComplete', properties: 'say hi' },
        { name: 'b', type: 'say-play', transitions: [7, { event: 'audioComplete', next: 12 }], properties: { offset: { x: 'left' } } },
        { name: 'c', transitions: [{ event: 'done', next: 'a' }] },
        { name: 'd', type: 'split-based-on', transitions: [{ event: 'match', next: 'a', conditions: [null, { type: 'is_before_time' }] }] },
        { name: 'e', type: 'set-variables', transitions: [{ event: 'next' }], properties: { variables: [{ key: 'k', value: { nested: true } }, 'x'] } },
        { name: 'f', type: 'mystery', properties: JSON.parse('{"__proto__": {"polluted": true}, "say": "Hello"}') as unknown }
      ])
    );
    expect(loadFlow(JSON.parse(JSON.stringify(flow)), 'x').ok).toBe(true);
    expect(node(flow, 'a', 'prompt').end).toBe(true);
    expect(node(flow, 'b', 'prompt').position).toBeUndefined();
    expect(node(flow, 'c', 'opaque').outcomes).toEqual([{ name: 'done', next: 'a' }]);
    const f = node(flow, 'f', 'opaque');
    expect(f).toMatchObject({ vendorType: 'mystery', prompt: 'Hello', outcomes: [{ name: 'end', required: false }] });
    expect(Object.keys((f.meta?.vendor as { properties: object }).properties)).toEqual(['say']);
    expect(node(flow, 'e', 'set').assign).toEqual({ 'flow.variables.k': '{"nested":true}' });
    const pointers = notes.map((n) => n.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/states/1/transitions',
        '/states/1/properties',
        '/states/2/transitions/0',
        '/states/2/transitions/1/next',
        '/states/3/type',
        '/states/4/transitions/0/conditions/0',
        '/states/4/transitions/0/conditions/1/type',
        '/states/5/properties/variables/1'
      ])
    );
    expect(() => lintFlow(flow)).not.toThrow();
  });

  it('never throws on any input', () => {
    const widget = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constantFrom('a', 'b', 'Trigger', '__proto__'), fc.anything()),
        type: fc.oneof(fc.constantFrom('trigger', 'say-play', 'gather-input-on-call', 'split-based-on', 'send-to-flex', 'run-subflow', 'constructor'), fc.anything()),
        transitions: fc.oneof(
          fc.array(fc.record({ event: fc.oneof(fc.constantFrom('keypress', 'match', 'noMatch', 'incomingCall', 'timeout'), fc.anything()), next: fc.oneof(fc.constantFrom('a', 'b'), fc.anything()), conditions: fc.anything() }, { requiredKeys: [] })),
          fc.anything()
        ),
        properties: fc.anything()
      },
      { requiredKeys: [] }
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ initial_state: fc.oneof(fc.constant('Trigger'), fc.anything()), states: fc.oneof(fc.array(widget), fc.anything()) })), (document) => {
        const result = studio.import(document, 'f.json');
        if (result.ok) {
          expect(loadFlow(JSON.parse(JSON.stringify(result.flow)), 'f.json').ok).toBe(true);
          lintFlow(result.flow);
        } else {
          expect(result.problems.length).toBeGreaterThan(0);
          expect(result.problems.every((p) => p.file === 'f.json' && typeof p.pointer === 'string')).toBe(true);
        }
        studio.detect(document);
      }),
      { numRuns: 300 }
    );
  });
});
