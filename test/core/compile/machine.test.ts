import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile/compile.ts';
import { createFlowMachine, machineFromConfig, type CallerEvent, type CallInput } from '../../../src/core/compile/machine.ts';
import { stateKey, nodeIdOf } from '../../../src/core/compile/stateKey.ts';
import type { Flow } from '../../../src/core/model/types.ts';
import { agent, makeFlow, menu, voicemail } from '../../support/build.ts';

/** Runs a call: keys as a string ('1', '12345#'), 's' for silence, 'h' to hang up. */
function call(flow: Flow, script: string[], input: CallInput = {}) {
  const actor = createActor(createFlowMachine(flow), { input: { now: '2026-11-23T15:00:00Z', ...input } });
  actor.start();
  for (const step of script) {
    const events: CallerEvent[] =
      step === 's' ? [{ type: 'NO_INPUT' }]
      : step === 'h' ? [{ type: 'HANGUP' }]
      : step.startsWith('say:') ? [{ type: 'SPEECH', text: step.slice(4) }]
      : [...step].map((key) => ({ type: 'KEY', key }));
    for (const event of events) {
      // The call may be over before the script is: a finished actor refuses events (with a warning).
      if (actor.getSnapshot().status !== 'active') break;
      actor.send(event);
    }
  }
  const snapshot = actor.getSnapshot();
  return { snapshot, output: snapshot.output, node: snapshot.context.node };
}

const bank = makeFlow([
  { id: 'welcome', kind: 'prompt', prompt: 'Welcome to First Harbor.', next: 'main' },
  menu('main', { '1': 'account', '2': 'hours', '0': 'agent' }, { reprompt: 'Sorry, I did not get that.' }),
  {
    id: 'account', kind: 'input', prompt: 'Enter your account number, then press pound.', variable: 'account',
    minDigits: 4, maxDigits: 8, next: 'lookup', noInput: 'account', invalid: 'account', maxRetries: 1, onMaxRetries: 'agent'
  },
  { id: 'lookup', kind: 'lookup', service: 'core-banking', success: 'balance', failure: 'agent' },
  { id: 'balance', kind: 'prompt', prompt: 'Your balance is available.', end: true },
  { id: 'hours', kind: 'hours', timeZone: 'America/New_York', weekly: { mon: [['09:00', '17:00']] }, holidays: ['2026-12-25'], open: 'agent', closed: 'vm' },
  agent,
  voicemail
]);

describe('createFlowMachine', () => {
  it('starts at the start node and waits at the first menu', () => {
    const { snapshot, node } = call(bank, []);
    expect(snapshot.status).toBe('active');
    expect(node).toBe('main');
    expect(snapshot.context.transcript.map((t) => t.text)).toEqual([
      'Welcome to First Harbor.',
      // Object keys that are digits come first in ascending order.
      'For agent, press 0. For account, press 1. For hours, press 2.'
    ]);
  });

  it('reaches a person with 0', () => {
    const { output } = call(bank, ['0']);
    expect(output).toMatchObject({ outcome: 'person', node: 'agent', route: ['welcome', 'main', 'agent'] });
  });

  it('collects digits into a variable, then runs the lookup', () => {
    const { output } = call(bank, ['1', '1234#']);
    expect(output).toMatchObject({ outcome: 'ended', node: 'balance', variables: { account: '1234' } });
  });

  it('ends entry at the maximum number of digits without the terminator', () => {
    expect(call(bank, ['1', '12345678']).output).toMatchObject({ outcome: 'ended', variables: { account: '12345678' } });
  });

  it('rejects a short entry, then gives up after the retry limit', () => {
    const first = call(bank, ['1', '12#']);
    expect(first.node).toBe('account');
    const second = call(bank, ['1', '12#', '9#']);
    expect(second.output).toMatchObject({ outcome: 'person', node: 'agent' });
  });

  it('accepts digits said aloud', () => {
    expect(call(bank, ['1', 'say:one two three four']).output).toMatchObject({ variables: { account: '1234' } });
  });

  it('counts retries: the reprompt plays, then the limit sends the caller on', () => {
    const { snapshot, node } = call(bank, ['s', '7']);
    expect(node).toBe('main');
    expect(snapshot.context.transcript.filter((t) => t.text === 'Sorry, I did not get that.')).toHaveLength(2);
    expect(call(bank, ['s', '7', 's']).output).toMatchObject({ outcome: 'person', node: 'agent', route: ['welcome', 'main', 'main', 'main', 'agent'] });
  });

  it('a valid choice resets the retry count', () => {
    const flow = makeFlow([
      menu('main', { '1': 'sub', '0': 'agent' }, { maxRetries: 1 }),
      menu('sub', { '9': 'main', '0': 'agent' }, { maxRetries: 1 }),
      agent, voicemail
    ]);
    expect(call(flow, ['s', '1', '9', 's']).node).toBe('main');
  });

  it('follows the environment: a failed lookup', () => {
    expect(call(bank, ['1', '1234#'], { outcomes: { lookup: 'failure' } }).output).toMatchObject({ outcome: 'person' });
  });

  it('follows the environment per visit: the queue overflows, then voicemail', () => {
    expect(call(bank, ['0'], { outcomes: { agent: 'overflow' } }).output).toMatchObject({ outcome: 'voicemail', node: 'vm' });
  });

  it('checks opening hours in the flow time zone, holidays included', () => {
    // Monday 2026-11-23 15:00 UTC is 10:00 in New York: open.
    expect(call(bank, ['2']).output).toMatchObject({ outcome: 'person' });
    // 23:00 UTC is 18:00 in New York: closed.
    expect(call(bank, ['2'], { now: '2026-11-23T23:00:00Z' }).output).toMatchObject({ outcome: 'voicemail' });
    // Christmas falls on a Friday in 2026, and it is closed even at 10:00.
    expect(call(bank, ['2'], { now: '2026-12-25T15:00:00Z' }).output).toMatchObject({ outcome: 'voicemail' });
  });

  it('ends with abandoned when the caller hangs up', () => {
    expect(call(bank, ['1', 'h']).output).toMatchObject({ outcome: 'abandoned', node: 'account' });
  });

  it('drops the call on an unwired outcome, naming it', () => {
    const flow = makeFlow([menu('main', { '0': 'agent' }, { noInput: undefined, maxRetries: undefined, onMaxRetries: undefined }), agent, voicemail]);
    expect(call(flow, ['s']).output).toMatchObject({ outcome: 'dropped', node: 'main', reason: 'noInput' });
  });

  it('stops a loop of prompts as trapped instead of hanging', () => {
    const flow = makeFlow([
      { id: 'a', kind: 'prompt', prompt: 'a', next: 'b' },
      { id: 'b', kind: 'prompt', prompt: 'b', next: 'a' }
    ]);
    expect(call(flow, [], { stepLimit: 50 }).output).toMatchObject({ outcome: 'trapped' });
  });

  it('routes on variables and caller data', () => {
    const flow = makeFlow([
      { id: 'vip', kind: 'branch', cases: [{ when: { var: 'caller.tier', op: 'in', value: ['gold', 'platinum'] }, next: 'agent' }], otherwise: 'bye' },
      agent, voicemail, { id: 'bye', kind: 'hangup' }
    ]);
    expect(call(flow, [], { caller: { tier: 'gold' } }).output?.outcome).toBe('person');
    expect(call(flow, [], { caller: { tier: 'basic' } }).output?.outcome).toBe('ended');
  });

  it('counts with set nodes', () => {
    const flow = makeFlow([
      { id: 'count', kind: 'set', increment: ['n'], next: 'check' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'n', op: 'ge', value: 3 }, next: 'bye' }], otherwise: 'count' },
      { id: 'bye', kind: 'hangup' }
    ]);
    expect(call(flow, []).output).toMatchObject({ outcome: 'ended', variables: { n: 3 } });
  });

  it('matches spoken phrases as whole words', () => {
    const flow = makeFlow([
      { ...menu('main', { '1': 'agent' }), options: [{ key: '1', phrases: ['billing', 'pay a bill'], next: 'agent' }] },
      agent, voicemail
    ]);
    expect(call(flow, ['say:I want to pay a bill please']).output?.outcome).toBe('person');
    expect(call(flow, ['say:rebilling']).node).toBe('main');
  });

  it('speaks the flow locale the call asks for', () => {
    const flow = makeFlow([{ id: 'hi', kind: 'prompt', prompt: { 'en-US': 'Hello', 'es-US': 'Hola' }, end: true }], { locales: ['en-US', 'es-US'] });
    expect(call(flow, [], { locale: 'es-US' }).snapshot.context.transcript[0]?.text).toBe('Hola');
  });

  it('keeps node ids as written, __proto__ and dots included', () => {
    const flow = makeFlow([
      { id: '__proto__', kind: 'prompt', prompt: 'first', next: 'a.b#c' },
      { id: 'a.b#c', kind: 'prompt', prompt: 'second', next: 'constructor' },
      { id: 'constructor', kind: 'hangup' }
    ]);
    expect(call(flow, []).output).toMatchObject({ outcome: 'ended', route: ['__proto__', 'a.b#c', 'constructor'] });
  });
});

describe('compile', () => {
  it('is plain JSON: actions and guards are { type, params }', () => {
    const config = compile(bank);
    const json = JSON.parse(JSON.stringify(config));
    expect(json).toEqual(config);
    const main = config.states[stateKey('main')]!;
    const keyOne = main.on!['KEY']!.find((t) => t.guard?.params?.['key'] === '1');
    expect(keyOne).toMatchObject({ guard: { type: 'keyIs', params: { key: '1' } }, target: 'account' });
    expect(config.states['$person']).toMatchObject({ type: 'final' });
  });

  it('escapes ids reversibly', () => {
    for (const id of ['__proto__', 'a.b', '#x', '$person', '%41', 'toString', 'plain-id', 'ключ', 'a\\b', 'a\\.b', 'end\\']) {
      expect(nodeIdOf(stateKey(id))).toBe(id);
    }
    expect(stateKey('plain-id')).toBe('plain-id');
    expect(new Set(['$person', '%24person'].map(stateKey)).size).toBe(2);
  });

  it('runs a call to a node whose id has a backslash (XState reads one in a target as an escape)', () => {
    // Found by the fuzz suite: a mutated file whose step id held a backslash made the machine refuse to build.
    for (const id of ['a\\b', 'a\\.b', 'end\\']) {
      const flow = makeFlow([{ id: 'start', kind: 'prompt', prompt: 'Hello.', next: id }, { id, kind: 'queue', queue: 'Support' }]);
      const actor = createActor(createFlowMachine(flow), { input: { now: 0 } });
      actor.start();
      expect(actor.getSnapshot().output).toMatchObject({ outcome: 'person', node: id });
    }
  });
});

describe('sub-flows', () => {
  const verify = makeFlow(
    [
      { id: 'ask', kind: 'input', prompt: 'Enter your PIN.', variable: 'pin', maxDigits: 4, next: 'ok', noInput: 'ask', invalid: 'ask', maxRetries: 1, onMaxRetries: 'desk' },
      { id: 'ok', kind: 'return' },
      { id: 'desk', kind: 'queue', queue: 'Security', overflow: 'gone' },
      { id: 'gone', kind: 'hangup' }
    ],
    { id: 'verify' }
  );
  const main = makeFlow([
    { id: 'check', kind: 'subflow', flow: 'verify', next: 'main' },
    menu('main', { '0': 'agent' }),
    agent,
    voicemail
  ]);
  const resolveFlow = (id: string) => (id === 'verify' ? verify : id === 'test' ? main : undefined);

  it('runs the sub-flow and comes back to the next step', () => {
    // Without the sub-flow's file, the call goes straight on.
    const { node, snapshot } = call(main, []);
    expect(node).toBe('main');
    const run = createActor(createFlowMachine(main, { resolveFlow }), { input: { now: 0 } });
    run.start();
    expect(run.getSnapshot().context.node).toBe('check/ask');
    run.send({ type: 'KEY', key: '1' });
    for (const key of '234') run.send({ type: 'KEY', key });
    expect(run.getSnapshot().context.node).toBe('main');
    expect(run.getSnapshot().context.route).toEqual(['check', 'check/ask', 'check/ok', 'main']);
    expect(run.getSnapshot().context.variables).toMatchObject({ pin: '1234' });
    expect(snapshot.context.route).toEqual(['check', 'main']);
  });

  it('ends the whole call where the sub-flow ends it', () => {
    const run = createActor(createFlowMachine(main, { resolveFlow }), { input: { now: 0 } });
    run.start();
    run.send({ type: 'NO_INPUT' });
    run.send({ type: 'NO_INPUT' });
    expect(run.getSnapshot().output).toMatchObject({ outcome: 'person', node: 'check/desk' });
  });

  it('does not inline a flow into itself: the call that runs it again is trapped, the recursion named', () => {
    const loop = makeFlow([{ id: 'again', kind: 'subflow', flow: 'test', next: 'bye' }, { id: 'bye', kind: 'hangup' }]);
    for (const options of [{ resolveFlow: () => loop }, {}]) {
      const run = createActor(createFlowMachine(loop, options), { input: { now: 0 } });
      run.start();
      expect(run.getSnapshot().output).toMatchObject({ outcome: 'trapped', route: ['again'], node: 'again', reason: 'sub-flow recursion: test → test' });
    }
  });
});

describe('reprompts', () => {
  it('words silence and a wrong key differently when the menu says so', () => {
    const flow = makeFlow([
      menu('main', { '0': 'agent' }, { reprompt: 'Let me repeat.', noInputPrompt: "Sorry, I didn't hear anything.", invalidPrompt: "Sorry, that's not one of the choices." }),
      agent,
      voicemail
    ]);
    const heard = call(flow, ['s', '5']).snapshot.context.transcript.filter((t) => t.who === 'flow').map((t) => t.text);
    expect(heard).toEqual([
      'For agent, press 0.',
      "Sorry, I didn't hear anything.",
      'For agent, press 0.',
      "Sorry, that's not one of the choices.",
      'For agent, press 0.'
    ]);
  });
});

describe('help, then more', () => {
  it('counts a call that reached a person, even after a survey that ends the call', () => {
    const flow = makeFlow([
      menu('main', { '0': 'agent' }),
      { ...agent, answered: 'survey' },
      voicemail,
      { id: 'survey', kind: 'prompt', prompt: 'Thanks for your feedback.', end: true }
    ]);
    expect(call(flow, ['0']).output).toMatchObject({ outcome: 'person', ended: 'ended', node: 'survey' });
  });

  it('a caller who hangs up after voicemail still left a voicemail', () => {
    const flow = makeFlow([
      menu('main', { '1': 'vm', '0': 'agent' }),
      agent,
      { ...voicemail, recorded: 'more' },
      menu('more', { '1': 'main' }, { onMaxRetries: 'bye' }),
      { id: 'bye', kind: 'hangup' }
    ]);
    expect(call(flow, ['1', 'h']).output).toMatchObject({ outcome: 'voicemail', ended: 'abandoned' });
  });
});

describe('speech options', () => {
  it('go where the option that matched goes, even when two share a first phrase', () => {
    const flow = makeFlow([
      {
        ...menu('main', { '0': 'agent' }),
        options: [
          { phrases: ['account', 'balance'], next: 'vm' },
          { phrases: ['account help'], next: 'agent' }
        ]
      },
      agent,
      voicemail
    ]);
    expect(call(flow, ['say:my balance please']).output?.outcome).toBe('voicemail');
    expect(call(flow, ['say:account help']).output?.outcome).toBe('voicemail');
  });
});

describe('sub-flows that run each other many times over', () => {
  it('stop being copied in past the state budget, and say which were passed over', async () => {
    const { MAX_STATES } = await import('../../../src/core/compile/compile.ts');
    // Each level runs the next eight times: 8^6 copies of the last level if all were inlined.
    const levels = Array.from({ length: 7 }, (_, level) =>
      makeFlow(
        [
          ...Array.from({ length: 8 }, (_, i) => ({ id: `run${i}`, kind: 'subflow', flow: `level${level + 1}`, next: i < 7 ? `run${i + 1}` : 'done' })),
          { id: 'done', kind: 'return' }
        ],
        { id: `level${level}` }
      )
    );
    const byId = new Map(levels.map((f) => [f.id, f]));
    const config = compile(levels[0]!, { resolveFlow: (id) => byId.get(id) });
    const countStates = (states: Record<string, { states?: Record<string, unknown> }>): number =>
      Object.values(states).reduce((n, state) => n + 1 + (state.states ? countStates(state.states as never) : 0), 0);
    expect(countStates(config.states as never)).toBeLessThanOrEqual(MAX_STATES);
    expect(config.meta?.subflowsNotInlined.length).toBeGreaterThan(0);
    // The machine still builds and runs, to a step limit: the call is long, and each step of a
    // machine of 20,000 nested states costs XState about 15 ms (1,000 steps took most of the timeout).
    const run = createActor(machineFromConfig(config), { input: { now: 0, stepLimit: 40 } });
    run.start();
    expect(['ended', 'trapped', 'stepLimit']).toContain(run.getSnapshot().output?.outcome);
  });
});
