import fs from 'node:fs';
import { queueWidget } from '../../support/studio.ts';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import studio from '../../../src/core/formats/twilio-studio/index.ts';
import { MAX_STATES, WIDGET_NAME } from '../../../src/core/formats/twilio-studio/export/index.ts';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import { outcomesOf } from '../../../src/core/model/outcomes.ts';
import type { Flow, FlowNode } from '../../../src/core/model/types.ts';
import type { State } from '../../../src/core/formats/twilio-studio/export/index.ts';
import { corpusPath } from '../../support/corpus.ts';
import { readEnvironment } from '../../../src/core/formats/index.ts';

const CORPUS = corpusPath('twilio-studio');
const FLOWS = path.join(import.meta.dirname, '../../../flows');
/** The 12-widget example flow of the project's notes on the Studio format (helpers for branching, retries and hours). */
const FORMATS_EXAMPLE = path.join(import.meta.dirname, '../../fixtures/twilio-studio/formats-example-12-widgets.json');

type Json = Record<string, unknown>;


interface Definition {
  description: string;
  states: State[];
  initial_state: string;
  flags: { allow_concurrent_calls: boolean };
}

const TRIGGER_EVENTS = ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'];

/** The events each widget type this exporter writes must list, all of them. */
const EVENTS: Record<string, string[]> = {
  trigger: TRIGGER_EVENTS,
  'say-play': ['audioComplete'],
  'gather-input-on-call': ['keypress', 'speech', 'timeout'],
  'set-variables': ['next'],
  'run-function': ['success', 'fail'],
  'enqueue-call': ['callComplete', 'failedToEnqueue', 'callFailure'],
  'send-to-flex': ['callComplete', 'failedToEnqueue', 'callFailure'],
  'connect-call-to': ['callCompleted', 'hangup'],
  'record-voicemail': ['recordingComplete', 'noAudio', 'hangup'],
  'run-subflow': ['completed', 'failed']
};

/** Studio's structural rules for a definition; the list of what breaks them. */
function structureProblems(document: unknown, options: { strictNames?: boolean; allowMissing?: ReadonlySet<string>; everyEvent?: boolean } = {}): string[] {
  const problems: string[] = [];
  const def = document as Definition;
  const keys = Object.keys(def).sort();
  if (JSON.stringify(keys) !== JSON.stringify(['description', 'flags', 'initial_state', 'states'])) problems.push(`envelope keys ${keys.join(',')}`);
  if (typeof def.description !== 'string') problems.push('description is not a string');
  if (typeof def.flags?.allow_concurrent_calls !== 'boolean') problems.push('flags.allow_concurrent_calls missing');
  if (!Array.isArray(def.states) || def.states.length < 1 || def.states.length > MAX_STATES) problems.push('states must hold 1..1000 widgets');
  if (def.initial_state !== 'Trigger') problems.push(`initial_state ${def.initial_state}`);
  const first = def.states[0];
  if (first?.type !== 'trigger' || first.name !== def.initial_state) problems.push('the trigger is not the first widget');
  const names = new Set<string>();
  for (const state of def.states) {
    if (names.has(state.name)) problems.push(`duplicate name ${state.name}`);
    names.add(state.name);
    if (options.strictNames !== false && !WIDGET_NAME.test(state.name)) problems.push(`invalid name ${state.name}`);
    if (typeof state.type !== 'string' || !Array.isArray(state.transitions) || typeof state.properties !== 'object') problems.push(`widget ${state.name} is malformed`);
    const offset = state.properties?.offset as { x?: unknown; y?: unknown } | undefined;
    if (typeof offset?.x !== 'number' || typeof offset.y !== 'number') problems.push(`widget ${state.name} has no offset`);
    const events = state.transitions.map((t) => t.event);
    const wanted = EVENTS[state.type];
    if (wanted !== undefined && options.everyEvent !== false) {
      for (const event of wanted) if (!events.includes(event)) problems.push(`widget ${state.name} does not list ${event}`);
      for (const event of events) if (!wanted.includes(event)) problems.push(`widget ${state.name} lists an unknown event ${event}`);
      if (new Set(events).size !== events.length) problems.push(`widget ${state.name} lists an event twice`);
    }
    if (state.type === 'split-based-on') {
      if (events.filter((e) => e === 'noMatch').length !== 1) problems.push(`split ${state.name} needs one noMatch`);
      for (const t of state.transitions) {
        if (t.event !== 'noMatch' && t.event !== 'match') problems.push(`split ${state.name} lists ${t.event}`);
        if (t.event === 'match' && (!Array.isArray(t.conditions) || t.conditions.length === 0)) problems.push(`split ${state.name}: a match without conditions`);
      }
    }
  }
  for (const state of def.states) {
    for (const t of state.transitions) {
      if (t.next !== undefined && !names.has(t.next) && !options.allowMissing?.has(t.next)) problems.push(`${state.name}.${t.event} goes to missing ${t.next}`);
    }
  }
  return problems;
}

function definitionOf(document: Json): Json {
  if (Array.isArray(document.states)) return document;
  return typeof document.definition === 'string' ? (JSON.parse(document.definition) as Json) : (document.definition as Json);
}

/** The flow exported to Studio, with `env` a flat map of earlier versions, read against the flow as `--env` reads one. */
function exported(flow: Flow, env?: Record<string, string>): { document: Definition; notes: readonly { node?: string; pointer: string; message: string }[] } {
  const read = env === undefined ? undefined : readEnvironment(env, 'env.json', flow);
  if (read !== undefined && !read.ok) throw new Error(`environment refused: ${JSON.stringify(read.problems)}`);
  const result = studio.export!(flow, read === undefined ? {} : { environment: read.environment }, 'flow.ivr.json');
  if (!result.ok) throw new Error(`export failed: ${JSON.stringify(result.problems)}`);
  // The document is plain JSON.
  expect(JSON.parse(JSON.stringify(result.document))).toEqual(result.document);
  return { document: result.document as Definition, notes: result.notes };
}

function reimported(document: unknown, file = 'flow.json'): Flow {
  const result = studio.import(JSON.parse(JSON.stringify(document)), file);
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return result.flow;
}

function native(doc: unknown): Flow {
  const result = loadFlow(doc, 'test.ivr.json');
  if (!result.ok) throw new Error(`invalid native flow: ${JSON.stringify(result.problems)}`);
  return result.flow;
}

function state(document: Definition, name: string): State {
  const found = document.states.find((s) => s.name === name);
  expect(found, name).toBeDefined();
  return found!;
}

function next(s: State, event: string, index = 0): string | undefined {
  const found = s.transitions.filter((t) => t.event === event);
  expect(found.length, `${s.name}.${event}`).toBeGreaterThan(index);
  return found[index]!.next;
}

const flowOf = (nodes: unknown[], extra: Json = {}): Flow => native({ version: 1, id: 'test', name: 'Test', start: (nodes[0] as Json).id, nodes, ...extra });


/** A Studio definition whose trigger starts a call at `start`, with these widgets after it. */
function studioDefinition(description: string, start: string, states: Json[]) {
  return {
    description,
    flags: { allow_concurrent_calls: true },
    initial_state: 'Trigger',
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: TRIGGER_EVENTS.map((event) => (event === 'incomingCall' ? { event, next: start } : { event })),
        properties: { offset: { x: 0, y: 0 } }
      },
      ...states
    ]
  };
}

describe('Twilio Studio export: widgets from the native model', () => {
  it('writes the envelope and a trigger first with every entry event', () => {
    const { document } = exported(flowOf([{ id: 'hello', kind: 'prompt', prompt: 'Hello', end: true, position: { x: 10, y: 300 } }], { description: 'Greets' }));
    expect(structureProblems(document)).toEqual([]);
    expect(document.description).toBe('Greets');
    expect(document.flags).toEqual({ allow_concurrent_calls: true });
    expect(document.initial_state).toBe('Trigger');
    const trigger = document.states[0]!;
    expect(trigger.type).toBe('trigger');
    expect(trigger.transitions.map((t) => t.event)).toEqual(TRIGGER_EVENTS);
    expect(next(trigger, 'incomingCall')).toBe('hello');
    expect(trigger.transitions.filter((t) => t.next !== undefined)).toHaveLength(1);
    const hello = state(document, 'hello');
    expect(hello).toEqual({ name: 'hello', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Hello', loop: 1, offset: { x: 10, y: 300 } } });
  });

  it('sanitises ids deterministically and uniquely, with a note, and keeps references right', () => {
    const flow = flowOf([
      { id: 'main-menu', kind: 'prompt', prompt: 'a', next: 'main_menu' },
      { id: 'main_menu', kind: 'prompt', prompt: 'b', next: 'Trigger' },
      { id: 'Trigger', kind: 'prompt', prompt: 'c', next: 'día 1' },
      { id: 'día 1', kind: 'prompt', prompt: 'd', next: '---' },
      { id: '---', kind: 'prompt', prompt: 'e', end: true }
    ]);
    const first = exported(flow);
    const second = exported(flow);
    expect(second.document).toEqual(first.document);
    const { document, notes } = first;
    expect(structureProblems(document)).toEqual([]);
    expect(document.states.map((s) => s.name)).toEqual(['Trigger', 'main_menu', 'main_menu_2', 'Trigger_2', 'd_a_1', 'node']);
    expect(next(document.states[0]!, 'incomingCall')).toBe('main_menu');
    expect(next(state(document, 'main_menu'), 'audioComplete')).toBe('main_menu_2');
    expect(next(state(document, 'main_menu_2'), 'audioComplete')).toBe('Trigger_2');
    expect(next(state(document, 'Trigger_2'), 'audioComplete')).toBe('d_a_1');
    expect(next(state(document, 'd_a_1'), 'audioComplete')).toBe('node');
    const renamed = notes.filter((n) => /is the widget/.test(n.message)).map((n) => n.node);
    expect(renamed).toEqual(['main-menu', 'main_menu', 'Trigger', 'día 1', '---']);
    expect(notes.find((n) => n.node === 'main-menu')!.pointer).toBe('/nodes/0/id');
  });

  it('writes a menu as a gather and a split, with speech phrases and a retry counter', () => {
    const flow = flowOf([
      {
        id: 'menu',
        kind: 'menu',
        prompt: 'For sales press 1. For help press 0.',
        timeoutSeconds: 7,
        options: [
          { key: '1', label: 'Sales', next: 'sales' },
          { key: '0', phrases: ['agent', 'person'], next: 'desk' }
        ],
        noInput: 'menu',
        invalid: 'sorry',
        maxRetries: 2,
        onMaxRetries: 'desk'
      },
      { id: 'sorry', kind: 'prompt', prompt: 'Sorry.', next: 'menu' },
      { id: 'sales', kind: 'queue', queue: 'sales' },
      { id: 'desk', kind: 'queue', queue: 'desk' }
    ]);
    const { document } = exported(flow);
    expect(structureProblems(document)).toEqual([]);
    const gather = state(document, 'menu');
    expect(gather.type).toBe('gather-input-on-call');
    expect(gather.properties).toMatchObject({ say: 'For sales press 1. For help press 0.', number_of_digits: 1, timeout: 7, hints: 'agent, person' });
    expect(next(gather, 'keypress')).toBe('menu_choice');
    expect(next(gather, 'speech')).toBe('menu_choice');
    expect(next(gather, 'timeout')).toBe('menu_noinput_count');
    const split = state(document, 'menu_choice');
    expect(split.type).toBe('split-based-on');
    expect(split.properties.input).toBe('{{widgets.menu.Digits}}');
    expect(next(split, 'noMatch')).toBe('menu_invalid_count');
    expect(split.transitions.filter((t) => t.event === 'match')).toEqual([
      { event: 'match', next: 'sales', conditions: [{ friendly_name: 'Sales', arguments: ['{{widgets.menu.Digits}}'], type: 'equal_to', value: '1' }] },
      { event: 'match', next: 'desk', conditions: [{ friendly_name: '0', arguments: ['{{widgets.menu.Digits}}'], type: 'equal_to', value: '0' }] },
      { event: 'match', next: 'desk', conditions: [{ friendly_name: 'agent', arguments: ['{{widgets.menu.SpeechResult}}'], type: 'matches_any_of', value: 'agent, person' }] }
    ]);
    const count = state(document, 'menu_noinput_count');
    expect(count.type).toBe('set-variables');
    expect(count.properties.variables).toEqual([{ key: 'menu_tries', value: '{{flow.variables.menu_tries | plus: 1}}' }]);
    expect(next(count, 'next')).toBe('menu_noinput_check');
    const check = state(document, 'menu_noinput_check');
    expect(check.type).toBe('split-based-on');
    expect(next(check, 'noMatch')).toBe('menu');
    expect(check.transitions[1]).toEqual({
      event: 'match',
      next: 'desk',
      conditions: [{ friendly_name: 'retries used up', arguments: ['{{flow.variables.menu_tries}}'], type: 'greater_than', value: '2' }]
    });
    expect(next(state(document, 'menu_invalid_check'), 'noMatch')).toBe('sorry');

    // Back in the native model: the same menu, its retry limit as a counter the analysis knows.
    const back = reimported(document);
    const menu = back.nodes.find((n) => n.id === 'menu');
    expect(menu?.kind).toBe('menu');
    const set = back.nodes.find((n) => n.id === 'menu_noinput_count');
    expect(set).toMatchObject({ kind: 'set', increment: ['flow.variables.menu_tries'] });
    expect(lintFlow(back).findings.filter((f) => f.rule === 'unbounded-retry')).toEqual([]);
  });

  it('writes a menu with no retry limit straight to its targets, and speech without phrases as invalid', () => {
    const { document } = exported(
      flowOf([
        { id: 'm', kind: 'menu', prompt: 'Press 1.', options: [{ key: '1', next: 'bye' }], invalid: 'bye' },
        { id: 'bye', kind: 'hangup', prompt: 'Goodbye.' }
      ])
    );
    expect(structureProblems(document)).toEqual([]);
    const gather = state(document, 'm');
    expect(next(gather, 'speech')).toBe('bye');
    expect(next(gather, 'timeout')).toBeUndefined();
    expect(next(state(document, 'm_choice'), 'noMatch')).toBe('bye');
    expect(state(document, 'bye')).toMatchObject({ type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Goodbye.' } });
  });

  it('writes an input as a gather with number_of_digits and finish_on_key', () => {
    const { document, notes } = exported(
      flowOf([
        { id: 'acct', kind: 'input', prompt: 'Enter your account.', variable: 'account', maxDigits: 10, minDigits: 8, terminator: '*', next: 'bye', noInput: 'acct', invalid: 'acct' },
        { id: 'bye', kind: 'prompt', prompt: 'Bye', end: true }
      ])
    );
    expect(structureProblems(document)).toEqual([]);
    const gather = state(document, 'acct');
    expect(gather.properties).toMatchObject({ number_of_digits: 10, finish_on_key: '*' });
    expect(next(gather, 'keypress')).toBe('bye');
    expect(next(gather, 'speech')).toBe('acct');
    expect(next(gather, 'timeout')).toBe('acct');
    expect(notes.some((n) => n.node === 'acct' && /widgets\.acct\.Digits/.test(n.message))).toBe(true);
    const back = reimported(document);
    expect(back.nodes.find((n) => n.id === 'acct')).toMatchObject({ kind: 'input', maxDigits: 10, terminator: '*', next: 'bye', noInput: 'acct', invalid: 'acct' });
  });

  it('writes a branch as a split with one match per case', () => {
    const { document } = exported(
      flowOf([
        {
          id: 'b',
          kind: 'branch',
          cases: [
            { label: 'VIP', when: { var: 'tier', op: 'in', value: ['gold', 'platinum'] }, next: 'x' },
            { when: [{ var: 'caller.ani', op: 'matches', value: '^\\+1' }, { var: 'count', op: 'ge', value: 3 }], next: 'x' }
          ],
          otherwise: 'x'
        },
        { id: 'x', kind: 'prompt', prompt: 'x', end: true }
      ])
    );
    expect(structureProblems(document)).toEqual([]);
    const split = state(document, 'b');
    expect(split.properties.input).toBe('{{flow.variables.tier}}');
    expect(split.transitions).toEqual([
      { event: 'noMatch', next: 'x' },
      { event: 'match', next: 'x', conditions: [{ friendly_name: 'VIP', arguments: ['{{flow.variables.tier}}'], type: 'matches_any_of', value: 'gold, platinum' }] },
      {
        event: 'match',
        next: 'x',
        conditions: [
          { friendly_name: 'case 2', arguments: ['{{trigger.call.From}}'], type: 'regex', value: '^\\+1' },
          { friendly_name: 'case 2', arguments: ['{{flow.variables.count}}'], type: 'greater_than', value: '2' }
        ]
      }
    ]);
  });

  it('writes hours as a Function call and a split on parsed.isOpen', () => {
    const weekly = { mon: [['09:00', '17:00']] };
    const flow = flowOf([
      { id: 'open?', kind: 'hours', timeZone: 'America/Chicago', weekly, holidays: ['2026-12-25'], open: 'o', closed: 'c' },
      { id: 'o', kind: 'prompt', prompt: 'open', end: true },
      { id: 'c', kind: 'prompt', prompt: 'closed', end: true }
    ]);
    const withEnv = exported(flow, { 'open?': 'https://acme.twil.io/hours' });
    expect(structureProblems(withEnv.document)).toEqual([]);
    const fn = state(withEnv.document, 'open');
    expect(fn.type).toBe('run-function');
    expect(fn.properties.url).toBe('https://acme.twil.io/hours');
    expect(fn.properties.parameters).toEqual([
      { key: 'timeZone', value: 'America/Chicago' },
      { key: 'weekly', value: JSON.stringify(weekly) },
      { key: 'holidays', value: '["2026-12-25"]' }
    ]);
    expect(next(fn, 'success')).toBe('open_is_open');
    // A failed check goes where open goes: callers in open hours are never told the line is closed because the Function failed.
    expect(next(fn, 'fail')).toBe('o');
    const split = state(withEnv.document, 'open_is_open');
    expect(split.properties.input).toBe('{{widgets.open.parsed.isOpen}}');
    expect(next(split, 'noMatch')).toBe('c');
    expect(split.transitions[1]).toMatchObject({ next: 'o', conditions: [{ type: 'equal_to', value: 'true', arguments: ['{{widgets.open.parsed.isOpen}}'] }] });
    expect(withEnv.notes.some((n) => /Function/.test(n.message))).toBe(false);

    const shared = exported(flow, { hours: 'https://acme.twil.io/shared' });
    expect(state(shared.document, 'open').properties.url).toBe('https://acme.twil.io/shared');
    const placeholder = exported(flow);
    expect(state(placeholder.document, 'open').properties.url).toMatch(/^https:\/\//);
    expect(placeholder.notes.some((n) => n.node === 'open?' && /Function/.test(n.message))).toBe(true);
  });

  it('writes lookups, sets, sub-flows and voicemail', () => {
    const { document } = exported(
      flowOf([
        { id: 'find', kind: 'lookup', service: 'accounts', inputs: ['account', 'caller.ani'], success: 'save', failure: 'vm' },
        { id: 'save', kind: 'set', assign: { 'flow.variables.found': true, lang: 'en' }, increment: ['hits'], next: 'sub' },
        { id: 'sub', kind: 'subflow', flow: 'survey', next: 'vm' },
        { id: 'vm', kind: 'voicemail', mailbox: 'sales', prompt: 'Leave a message.', maxSeconds: 90, failed: 'find' }
      ]),
      { accounts: 'https://acme.twil.io/accounts', survey: 'FW123', sales: 'https://acme.example/vm' }
    );
    expect(structureProblems(document)).toEqual([]);
    const find = state(document, 'find');
    expect(find).toMatchObject({ type: 'run-function', properties: { url: 'https://acme.twil.io/accounts' } });
    expect(find.properties.parameters).toEqual([
      { key: 'account', value: '{{flow.variables.account}}' },
      { key: 'caller.ani', value: '{{trigger.call.From}}' }
    ]);
    expect(next(find, 'success')).toBe('save');
    expect(next(find, 'fail')).toBe('vm_prompt');
    expect(state(document, 'save').properties.variables).toEqual([
      { key: 'found', value: 'true' },
      { key: 'lang', value: 'en' },
      { key: 'hits', value: '{{flow.variables.hits | plus: 1}}' }
    ]);
    const sub = state(document, 'sub');
    expect(sub).toMatchObject({ type: 'run-subflow', properties: { flow_sid: 'FW123' } });
    expect(next(sub, 'completed')).toBe('vm_prompt');
    expect(next(sub, 'failed')).toBe('vm_prompt');
    expect(next(state(document, 'vm_prompt'), 'audioComplete')).toBe('vm');
    const vm = state(document, 'vm');
    expect(vm).toMatchObject({ type: 'record-voicemail', properties: { max_length: 90, transcription_callback_url: 'https://acme.example/vm' } });
    expect(next(vm, 'recordingComplete')).toBeUndefined();
    expect(next(vm, 'noAudio')).toBe('find');
  });

  it('writes queues as send-to-flex with a workflow SID, else enqueue-call by name', () => {
    const flow = flowOf([
      { id: 'q', kind: 'queue', queue: 'support', maxWaitSeconds: 600, overflow: 'cb' },
      { id: 'cb', kind: 'callback', queue: 'support-callbacks', numberVariable: 'caller.ani' }
    ]);
    const flex = exported(flow, { support: 'WW1', 'support-callbacks': 'WW2', channel: 'TC1' });
    expect(structureProblems(flex.document)).toEqual([]);
    const q = state(flex.document, 'q');
    expect(q).toMatchObject({ type: 'send-to-flex', properties: { workflow: 'WW1', channel: 'TC1', timeout: '600' } });
    expect(JSON.parse(q.properties.attributes as string)).toMatchObject({ queue: 'support' });
    expect(q.transitions).toEqual([{ event: 'callComplete' }, { event: 'failedToEnqueue', next: 'cb' }, { event: 'callFailure', next: 'cb' }]);
    const cb = state(flex.document, 'cb');
    expect(cb).toMatchObject({ type: 'send-to-flex', properties: { workflow: 'WW2' } });
    expect(JSON.parse(cb.properties.attributes as string)).toMatchObject({ type: 'callback', callback: true, callBackNumber: '{{trigger.call.From}}' });
    expect(flex.notes.some((n) => n.node === 'cb' && /no callback widget/.test(n.message))).toBe(true);

    const plain = exported(flow);
    expect(structureProblems(plain.document)).toEqual([]);
    expect(state(plain.document, 'q')).toMatchObject({ type: 'enqueue-call', properties: { queue_name: 'support' } });
    expect(state(plain.document, 'cb')).toMatchObject({ type: 'enqueue-call', properties: { queue_name: 'support-callbacks' } });
    expect(plain.notes.some((n) => n.node === 'q' && /workflow SID/.test(n.message))).toBe(true);
  });

  it('writes transfers as connect-call-to, with a dial-status split when failure goes elsewhere', () => {
    const { document } = exported(
      flowOf([
        { id: 'nurse', kind: 'transfer', number: '+15550100', reachesPerson: true, failed: 'vm' },
        { id: 'desk', kind: 'transfer', number: '+15550101', reachesPerson: true, connected: 'vm', failed: 'vm' },
        { id: 'vm', kind: 'voicemail', mailbox: 'm', recorded: 'desk' }
      ])
    );
    expect(structureProblems(document)).toEqual([]);
    const nurse = state(document, 'nurse');
    expect(nurse).toMatchObject({ type: 'connect-call-to', properties: { noun: 'number', to: '+15550100' } });
    expect(next(nurse, 'callCompleted')).toBe('nurse_status');
    expect(next(nurse, 'hangup')).toBeUndefined();
    const status = state(document, 'nurse_status');
    expect(status.properties.input).toBe('{{widgets.nurse.DialCallStatus}}');
    expect(next(status, 'noMatch')).toBeUndefined();
    expect(status.transitions[1]).toMatchObject({ next: 'vm', conditions: [{ type: 'matches_any_of' }] });
    expect(next(state(document, 'desk'), 'callCompleted')).toBe('vm');
  });

  it('wires every exit of a step Studio lacks through a Function and a split, and warns what the team must supply', () => {
    const { document, notes } = exported(
      flowOf([
        { id: 'p', kind: 'prompt', prompt: 'x', next: 'a' },
        { id: 'a', kind: 'opaque', vendorType: 'CheckStaffing', outcomes: [{ name: 'True', next: 'r' }, { name: 'False', next: 'h' }, { name: 'NoMatchingError', next: 'h' }, { name: 'Later', required: false }] },
        { id: 'r', kind: 'return' },
        { id: 'h', kind: 'hangup' }
      ])
    );
    expect(structureProblems(document)).toEqual([]);
    expect(next(state(document, 'p'), 'audioComplete')).toBe('a');
    const call = state(document, 'a');
    expect(call.type).toBe('run-function');
    expect(next(call, 'success')).toBe('a_outcome');
    // A failed call goes where the step's own error goes.
    expect(next(call, 'fail')).toBe('h');
    const split = state(document, 'a_outcome');
    expect(split.properties.input).toBe('{{widgets.a.parsed.outcome}}');
    // Any other answer does what the step does unless told otherwise: its first outcome (to a return: unwired).
    expect(next(split, 'noMatch')).toBeUndefined();
    const branches = split.transitions.filter((t) => t.event === 'match').map((t) => [(t.conditions as { value: string }[])[0]!.value, t.next]);
    expect(branches).toEqual([['False', 'h'], ['NoMatchingError', 'h'], ['Later', 'a_end']]);
    // A designed ending and a silent hang-up are empty set-variables widgets with nothing after them.
    for (const name of ['h', 'a_end']) expect(state(document, name)).toMatchObject({ type: 'set-variables', transitions: [{ event: 'next' }], properties: { variables: [] } });
    expect(notes.find((n) => n.node === 'a')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/CheckStaffing step "a" has no Studio widget: it is written as a Function .*\{"functions": \{"a": …\}\}.*placeholder/) });
    expect(notes.some((n) => n.node === 'r' && /return/.test(n.message))).toBe(true);
  });

  it('writes a Connect hours check as the Function the hours are named by, open unless it answers closed', () => {
    const { document } = exported(
      flowOf([
        { id: 'check', kind: 'opaque', vendorType: 'CheckHoursOfOperation', outcomes: [{ name: 'True', next: 'open' }, { name: 'False', next: 'closed' }, { name: 'NoMatchingError', next: 'closed' }] },
        { id: 'open', kind: 'prompt', prompt: 'Open.', end: true },
        { id: 'closed', kind: 'prompt', prompt: 'Closed.', end: true }
      ]),
      { hours: { '*': 'https://acme.twil.io/hours' } } as never
    );
    expect(state(document, 'check').properties.url).toBe('https://acme.twil.io/hours');
    const split = state(document, 'check_is_open');
    expect(next(split, 'noMatch')).toBe('open');
    expect(split.transitions.find((t) => t.event === 'match')).toMatchObject({ next: 'closed', conditions: [{ arguments: ['{{widgets.check.parsed.isOpen}}'], value: 'false' }] });
  });

  it('fails with a clear problem when the start has no widget or the flow needs over 1000 widgets', () => {
    const silent = studio.export!(flowOf([{ id: 'end', kind: 'return' }]), {}, 'x.ivr.json');
    expect(silent.ok).toBe(false);
    if (!silent.ok) expect(silent.problems[0]).toMatchObject({ file: 'x.ivr.json', pointer: '/start' });
    const nodes = Array.from({ length: MAX_STATES }, (_, i) => ({ id: `p${i}`, kind: 'prompt', prompt: 'x', ...(i + 1 < MAX_STATES ? { next: `p${i + 1}` } : { end: true }) }));
    const big = studio.export!(flowOf(nodes), {}, 'big.ivr.json');
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.problems[0]!.message).toMatch(/1001 Studio widgets.*at most 1000/);
    const fits = studio.export!(flowOf(nodes.slice(1).map((n, i, all) => (i + 1 === all.length ? { ...n, next: undefined, end: true } : n))), {}, 'fits.ivr.json');
    expect(fits.ok).toBe(true);
  });
});

describe('Twilio Studio export: widgets imported from Studio', () => {
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

  it('has the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
  });

  for (const file of files) {
    it(`round-trips ${file} unchanged`, () => {
      const original = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as Json;
      const def = definitionOf(original);
      const flow = reimported(original, file);
      const { document } = exported(flow);
      // Same widgets, types, properties and transitions, in the same order.
      expect(document.states).toEqual(def.states);
      expect(JSON.stringify(document.states)).toBe(JSON.stringify(def.states));
      expect(document.initial_state).toBe(def.initial_state);
      expect(document.flags).toEqual(def.flags);
      if (typeof def.description === 'string') expect(document.description).toBe(def.description);
      // The corpus is Studio's own output, kept as it came: names outside [A-Za-z0-9_], transitions to
      // widgets the file lacks, and the events of older exports (no incomingParent, no hangup).
      const names = new Set((def.states as State[]).map((s) => s.name));
      const missing = new Set((def.states as State[]).flatMap((s) => s.transitions.flatMap((t) => (t.next !== undefined && !names.has(t.next) ? [t.next] : []))));
      expect(structureProblems(document, { strictNames: false, allowMissing: missing, everyEvent: false })).toEqual([]);
    });
  }

  describe('a queue widget whose failure exits go different ways', () => {
    const queueDefinition = (type: string, toEnqueue: string | undefined, callFailure: string | undefined): Definition => ({
      description: 'queue',
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          transitions: [{ event: 'incomingMessage' }, { event: 'incomingCall', next: 'q' }, { event: 'incomingConversationMessage' }, { event: 'incomingRequest' }, { event: 'incomingParent' }],
          properties: { offset: { x: 0, y: 0 } }
        },
        queueWidget(type, toEnqueue, callFailure),
        { name: 'sorry', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Sorry.', offset: { x: 0, y: 400 } } },
        { name: 'retry', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Call again later.', offset: { x: 300, y: 400 } } }
      ],
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true }
    });
    const COMBINATIONS: [string, string | undefined, string | undefined][] = [
      ['both wired alike', 'sorry', 'sorry'],
      ['only callFailure wired', undefined, 'sorry'],
      ['only failedToEnqueue wired', 'sorry', undefined],
      ['both wired, differently', 'sorry', 'retry'],
      ['both unwired', undefined, undefined]
    ];

    for (const type of ['send-to-flex', 'enqueue-call']) {
      it.each(COMBINATIONS)(`${type}, %s: written back unchanged, the added step folded into the widget`, (_, toEnqueue, callFailure) => {
        const def = queueDefinition(type, toEnqueue, callFailure);
        const flow = reimported(def);
        expect(flow.nodes.some((n) => n.id === 'q:failures')).toBe(toEnqueue !== callFailure);
        const { document, notes } = exported(flow);
        expect(JSON.stringify(document)).toBe(JSON.stringify(def));
        expect(notes).toEqual([]);
        // And it reads back to the same flow.
        expect(reimported(document)).toEqual(flow);
      });
    }

    it('an outcome of the added step rewired in the design is written to its exit of the widget', () => {
      const flow = reimported(queueDefinition('send-to-flex', 'sorry', undefined));
      const edited: Flow = {
        ...flow,
        nodes: flow.nodes.map((n) => (n.id === 'q:failures' && n.kind === 'opaque' ? { ...n, outcomes: n.outcomes.map((o) => (o.name === 'callFailure' ? { ...o, next: 'retry' } : o)) } : n))
      };
      const { document } = exported(edited);
      expect(document.states.map((s) => s.name)).toEqual(['Trigger', 'q', 'sorry', 'retry']);
      expect(state(document, 'q').transitions).toEqual([{ event: 'callComplete' }, { event: 'failedToEnqueue', next: 'sorry' }, { event: 'callFailure', next: 'retry' }]);
      expect(lintFlow(reimported(document)).findings.filter((f) => f.rule === 'dead-end')).toEqual([]);
    });

    it('the added step becomes widgets of its own when another node leads to it', () => {
      const flow = reimported(queueDefinition('send-to-flex', 'sorry', 'retry'));
      const edited: Flow = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'sorry' && n.kind === 'prompt' ? { ...n, end: undefined, next: 'q:failures' } : n)) };
      const { document } = exported(edited);
      // The queue widget is written back as it came; the step is also built as any opaque step is, for sorry.
      expect(state(document, 'q').transitions).toEqual([{ event: 'callComplete' }, { event: 'failedToEnqueue', next: 'sorry' }, { event: 'callFailure', next: 'retry' }]);
      const step = state(document, state(document, 'sorry').transitions[0]!.next!);
      expect(step.name).toBe('q_failures');
      expect(state(document, step.transitions.find((t) => t.event === 'success')!.next!).transitions).toEqual(
        expect.arrayContaining([expect.objectContaining({ next: 'sorry' }), expect.objectContaining({ next: 'retry' })])
      );
    });
  });

  it('round-trips the 12-widget example flow of the Studio format notes', () => {
    const def = JSON.parse(fs.readFileSync(FORMATS_EXAMPLE, 'utf8')) as Definition;
    const { document } = exported(reimported(def));
    expect(document).toEqual(def);
    expect(structureProblems(document)).toEqual([]);
  });

  it('writes back only the transitions whose native targets changed', () => {
    const file = files.find((f) => f.includes('CA-Regulatory'))!;
    const original = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as Json;
    const def = definitionOf(original) as unknown as Definition;
    const flow = reimported(original, file);
    const menu = flow.nodes.find((n) => n.id === 'Offer_To_Retry') as Extract<FlowNode, { kind: 'menu' }>;
    expect(menu.kind).toBe('menu');
    const edited: Flow = {
      ...flow,
      nodes: flow.nodes.map((n) =>
        n === menu ? { ...menu, options: menu.options.map((o) => (o.key === '7' ? { ...o, next: 'Welcome_message1' } : o)), noInput: undefined } : n
      )
    };
    const { document } = exported(edited);
    const changed = document.states.filter((s) => JSON.stringify(s) !== JSON.stringify(def.states.find((o) => o.name === s.name)));
    expect(changed.map((s) => s.name).sort()).toEqual(['Check_Decision', 'Offer_To_Retry']);
    const split = state(document, 'Check_Decision');
    const seven = split.transitions.find((t) => t.conditions?.[0]?.value === '7');
    expect(seven?.next).toBe('Welcome_message1');
    expect(next(state(document, 'Offer_To_Retry'), 'timeout')).toBeUndefined();
    // Nothing else about them changed.
    const before = def.states.find((s) => s.name === 'Check_Decision')!;
    expect({ ...split, transitions: undefined }).toEqual({ ...before, transitions: undefined });
  });

  it('builds anew an imported node whose kind changed, or whose widget another node also claims', () => {
    const def = studioDefinition('copied', 'hi', [
      { name: 'hi', type: 'say-play', transitions: [{ event: 'audioComplete', next: 'bye' }], properties: { say: 'Hi', offset: { x: 0, y: 200 } } },
      { name: 'bye', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Bye', offset: { x: 0, y: 400 } } }
    ]);
    const flow = reimported(def);
    const hi = flow.nodes.find((n) => n.id === 'hi')!;
    const edited: Flow = {
      ...flow,
      nodes: [
        ...flow.nodes.map((n) => (n.id === 'bye' ? ({ id: n.id, kind: 'hangup', prompt: 'Bye now', meta: n.meta, source: n.source, position: n.position } as FlowNode) : n)),
        // A copy of "hi" under a new id, its kept widget and all.
        { ...hi, id: 'hi-copy', next: 'bye' } as FlowNode
      ]
    };
    const { document, notes } = exported(edited);
    expect(structureProblems(document)).toEqual([]);
    expect(state(document, 'bye')).toMatchObject({ type: 'say-play', properties: { say: 'Bye now' } });
    expect(state(document, 'hi_copy')).toMatchObject({ type: 'say-play', transitions: [{ event: 'audioComplete', next: 'bye' }] });
    expect(notes.some((n) => n.node === 'hi-copy' && /another node/.test(n.message))).toBe(true);
    expect(state(document, 'hi')).toEqual(def.states[1]);
  });

  it('keeps a widget moved on the canvas at its new offset', () => {
    const file = files.find((f) => f.includes('OrderLookupIVR'))!;
    const flow = reimported(JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')), file);
    const first = flow.nodes[0]!;
    const moved: Flow = { ...flow, nodes: flow.nodes.map((n) => (n === first ? { ...n, position: { x: 1234, y: 5678 } } : n)) };
    const { document } = exported(moved);
    expect(state(document, first.id).properties.offset).toEqual({ x: 1234, y: 5678 });
  });

  it('writes an imported widget next to native ones, both wired to each other', () => {
    const def = studioDefinition('mixed', 'hi', [
      { name: 'hi', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Hi', voice: 'Polly.Joanna', offset: { x: 0, y: 200 } } }
    ]);
    const flow = reimported(def);
    const added: Flow = {
      ...flow,
      nodes: [
        ...flow.nodes.map((n) => (n.id === 'hi' ? { ...n, next: 'new-step', end: undefined } : n)) as FlowNode[],
        { id: 'new-step', kind: 'prompt', prompt: 'New', end: true }
      ]
    };
    const { document } = exported(added);
    expect(structureProblems(document)).toEqual([]);
    expect(state(document, 'hi')).toEqual({ ...def.states[1], transitions: [{ event: 'audioComplete', next: 'new_step' }] });
    expect(state(document, 'new_step').type).toBe('say-play');
    // The kept trigger is written back as it came.
    expect(document.states[0]).toEqual(def.states[0]);
  });
});

/**
 * native → Studio → native on the example flows.
 *
 * Every native node is a widget of the same name (sanitised) and comes back
 * as a node; every wired outcome still leads to the same node, through helper
 * widgets where Studio needs them (a retry counter, the hours Function's
 * split, a dial-status split, a say-play in front of a queue). The findings
 * differ only where Studio cannot say what the native model says, each a
 * documented reason:
 * - `unannounced-wait`: Studio has no property for an announced wait (it is
 *   the hold music), so every imported queue is taken as unannounced.
 * - `dead-end … overflow` on a callback: Studio has no callback widget; the
 *   send-to-flex/enqueue-call it becomes ends the call when it fails to
 *   enqueue, which the native callback does not model.
 * - `dead-end … otherwise` on a transfer's dial-status split: a finished call
 *   (connected, unwired) ends by design, but a split's unwired noMatch reads
 *   as a dead end.
 * - `too-many-options`: an option with a key and phrases is two matches
 *   (Digits, SpeechResult), which import as two options.
 * - lost `dead-end … next` on a prompt that goes nowhere: in Studio an
 *   unwired exit ends the call, which the import reads as a goodbye.
 * - lost `repeated-input`: a gather's digits live under its own widget
 *   (`widgets.<name>.Digits`), so two inputs never share a variable.
 * - `unreachable` on the helper widgets of an unreachable node.
 */
describe('Twilio Studio export: native → Studio → native', () => {
  const EXAMPLES = ['bank', 'airline', 'utility-outage', 'clinic', 'runaround'];

  /** The native findings of a flow, with the outcome names of the native model. */
  function lint(flow: Flow): { rule: string; node: string; outcome: string | undefined }[] {
    const stripped: Flow = { ...flow, nodes: flow.nodes.map((n) => ({ ...n, source: undefined })) as FlowNode[] };
    return lintFlow(stripped).findings.map((f) => ({ rule: f.rule, node: f.node, outcome: f.outcome }));
  }

  for (const name of EXAMPLES) {
    it(`keeps every node, wired outcome and finding of ${name}`, () => {
      const flow = native(JSON.parse(fs.readFileSync(path.join(FLOWS, `${name}.ivr.json`), 'utf8')));
      const { document } = exported(flow);
      expect(structureProblems(document)).toEqual([]);
      const back = reimported(document, `${name}.json`);

      // Node id → widget name, by the export's own rule.
      const mapped = new Map(flow.nodes.map((n) => [n.id, n.id.replace(/[^A-Za-z0-9_]+/g, '_')]));
      expect(new Set(mapped.values()).size).toBe(flow.nodes.length);
      const mine = new Set(mapped.values());
      const byId = new Map(back.nodes.map((n) => [n.id, n]));
      for (const id of mine) expect(byId.has(id), id).toBe(true);
      const helpers = back.nodes.filter((n) => !mine.has(n.id));
      /** The native node a helper widget belongs to: the longest node name it starts with. */
      const owner = (id: string): string => {
        if (mine.has(id)) return id;
        const found = [...mine].filter((m) => id.startsWith(`${m}_`)).sort((a, b) => b.length - a.length)[0];
        expect(found, `helper ${id}`).toBeDefined();
        return found!;
      };
      helpers.forEach((h) => owner(h.id));

      // Native nodes reached from a node through helpers only.
      const reach = (id: string): Set<string> => {
        const out = new Set<string>();
        const seen = new Set<string>();
        const walk = (node: FlowNode): void => {
          for (const o of outcomesOf(node)) {
            if (o.target === undefined || seen.has(o.target)) continue;
            seen.add(o.target);
            if (mine.has(o.target)) out.add(o.target);
            else walk(byId.get(o.target)!);
          }
        };
        walk(byId.get(id)!);
        return out;
      };
      for (const node of flow.nodes) {
        const wanted = new Set(outcomesOf(node).flatMap((o) => (o.target === undefined ? [] : [mapped.get(o.target)!])));
        expect(reach(mapped.get(node.id)!), node.id).toEqual(wanted);
      }

      // Findings, by node (helpers by their node); outcome names of the native model.
      const key = (f: { rule: string; node: string; outcome: string | undefined }): string => `${f.rule} ${f.node} ${f.outcome ?? ''}`;
      const before = lint(flow).map((f) => key({ ...f, node: mapped.get(f.node) ?? f.node }));
      const after = lint(back).map((f) => key(mine.has(f.node) ? f : { ...f, node: owner(f.node), outcome: `(helper ${f.node})` }));
      const lost = before.filter((f) => !after.includes(f)).sort();
      const added = after.filter((f) => !before.includes(f)).sort();
      const kinds = new Map(flow.nodes.map((n) => [mapped.get(n.id)!, n]));
      const explained = (f: string): boolean => {
        const [rule, node, ...rest] = f.split(' ');
        const outcome = rest.join(' ');
        const n = kinds.get(node!)!;
        if (rule === 'unannounced-wait') return n.kind === 'queue' || n.kind === 'callback';
        if (rule === 'dead-end' && n.kind === 'callback') return outcome === 'overflow';
        if (rule === 'dead-end' && n.kind === 'transfer') return /_status\)$/.test(outcome);
        if (rule === 'too-many-options') return n.kind === 'menu' && n.options.some((o) => o.key !== undefined && (o.phrases ?? []).length > 0);
        if (rule === 'unreachable') return outcome.startsWith('(helper') && before.includes(`unreachable ${node} `);
        return false;
      };
      expect(added.filter((f) => !explained(f)), 'findings only after the round trip').toEqual([]);
      const lostExplained = (f: string): boolean => {
        const [rule, node, outcome] = f.split(' ');
        const n = kinds.get(node!)!;
        if (rule === 'dead-end' && n.kind === 'prompt') return outcome === 'next' && n.next === undefined;
        if (rule === 'repeated-input') return n.kind === 'input';
        return false;
      };
      expect(lost.filter((f) => !lostExplained(f)), 'findings lost in the round trip').toEqual([]);
      if (name === 'runaround') {
        // The flow built to break rules keeps them, outcome for outcome.
        expect(before.filter((f) => after.includes(f)).length).toBeGreaterThanOrEqual(8);
        expect(after).toEqual(expect.arrayContaining(['unbounded-retry main_menu noInput', 'unbounded-retry main_menu invalid', 'dead-end payment_lookup failure']));
      }
    });
  }
});
