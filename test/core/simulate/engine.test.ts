/**
 * The differential test: the table-driven engine and the flow's XState
 * machine, given the same decisions, take every call the same way.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { compile, compiledNodes } from '../../../src/core/compile/compile.ts';
import { createFlowMachine, machineFromConfig } from '../../../src/core/compile/machine.ts';
import { FlowEngine } from '../../../src/core/simulate/engine.ts';
import { resolveModel, type TrafficModel } from '../../../src/core/simulate/model.ts';
import { simulate, simulateCall, simulateEngineCall, simulateWithActors, simulateWithEngine, WorldPlan } from '../../../src/core/simulate/traffic.ts';
import { exampleFlow, makeFlow } from '../../support/build.ts';

const MODELS = {
  defaults: {},
  'impatient and clumsy': { silence: 0.3, wrongKey: 0.3, patienceSeconds: 40, queuePatienceSeconds: 20, zeroOutWhenLost: 0.2 },
  'failing world': { openShare: 0.3, outcomes: { 'balance-lookup': { failure: 0.5 }, 'status-lookup': { failure: 0.5 } } }
};

describe('the engine against the machine', () => {
  for (const id of ['bank', 'airline', 'utility-outage', 'clinic', 'runaround']) {
    it.each(Object.entries(MODELS))(`${id}, %s: every call takes the same route and ends the same way`, (_name, model) => {
      const flow = exampleFlow(id);
      const engine = FlowEngine.forFlow(flow)!;
      const machine = createFlowMachine(flow);
      const resolved = resolveModel(model);
      const plan = new WorldPlan(flow);
      const calls = id === 'runaround' ? 40 : 400;
      for (let call = 0; call < calls; call++) {
        const reference = simulateCall(plan, machine, resolved, 11, call);
        expect(simulateEngineCall(plan, engine, resolved, 11, call), `${id} call ${call}`).toEqual(reference);
      }
    });
  }

  it('gives the same report as one actor per call', () => {
    const flow = exampleFlow('bank');
    const fast = simulate(flow, 1500, { seed: 4 });
    expect(fast.engine).toBe('table');
    const { engine: _engine, ...report } = fast;
    expect(report).toEqual(simulateWithActors(flow, 1500, { seed: 4 }));
  });

  it('follows retries, entries with patterns, branches and counters like the machine', () => {
    const flow = makeFlow([
      { id: 'pin', kind: 'input', prompt: 'Your PIN, then pound.', variable: 'pin', minDigits: 4, maxDigits: 6, pattern: '\\d{4,6}', noInput: 'pin', invalid: 'pin', maxRetries: 2, onMaxRetries: 'desk', next: 'count' },
      { id: 'count', kind: 'set', increment: ['tries'], next: 'check' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'tries', op: 'ge', value: 2 }, next: 'desk' }], otherwise: 'menu' },
      { id: 'menu', kind: 'menu', prompt: 'Press 1 to hear it again, or 0 for the desk.', options: [{ key: '1', next: 'count' }, { key: '0', next: 'desk' }], noInput: 'menu', invalid: 'menu', maxRetries: 1, onMaxRetries: 'desk' },
      { id: 'desk', kind: 'queue', queue: 'desk', expectedWaitSeconds: 20 }
    ]);
    const engine = FlowEngine.forFlow(flow)!;
    const machine = createFlowMachine(flow);
    const plan = new WorldPlan(flow);
    const model = resolveModel({ silence: 0.25, wrongKey: 0.25 });
    for (let call = 0; call < 300; call++) {
      expect(simulateEngineCall(plan, engine, model, 5, call)).toEqual(simulateCall(plan, machine, model, 5, call));
    }
  });

  it('runs one call at a time: a call whose engine has started another is done and cannot go on', () => {
    const engine = FlowEngine.forFlow(exampleFlow('bank'))!;
    const first = engine.start({ now: 0 });
    expect(first.done).toBe(false);
    const second = engine.start({ now: 0 });
    expect(first.done).toBe(true);
    expect(() => first.send({ type: 'KEY', key: '1' })).toThrow(/has started another/);
    second.send({ type: 'KEY', key: '1' });
    expect(second.context.route.length).toBeGreaterThan(2);
  });

  it('says each prompt in the call\'s own locale, call after call, as the machine does', () => {
    const flow = exampleFlow('bank');
    const engine = FlowEngine.forFlow(flow)!;
    const machine = createFlowMachine(flow);
    // Balance: the account number, then goodbye from the menu after it.
    const keys = ['1', ...'12345678#', '9'];
    const ending = (locale: string) => {
      const actor = createActor(machine, { input: { now: 0, locale, outcomes: { 'balance-lookup': 'success' } } }).start();
      for (const key of keys) actor.send({ type: 'KEY', key });
      return actor.getSnapshot().output;
    };
    const seconds = new Map<string, number>();
    for (const locale of ['en-US', 'es-US', 'en-US', 'es-US']) {
      const call = engine.start({ now: 0, locale, outcomes: { 'balance-lookup': 'success' } });
      for (const key of keys) call.send({ type: 'KEY', key });
      expect(call.context.result, locale).toEqual(ending(locale));
      seconds.set(locale, call.context.result!.seconds);
    }
    // Spanish takes longer to say: the engine did not keep the first locale's times.
    expect(seconds.get('es-US')).toBeGreaterThan(seconds.get('en-US')!);
  });

  it('counts every example flow\'s calls, under every model, into the report one actor per call gives', () => {
    const models: Record<string, TrafficModel> = { ...MODELS, 'callers with intents': { intents: [{ name: 'balance', share: 3, choices: { 'main-menu': '1', 'anything-else': '9', welcome: '1' } }, { name: 'lost card', share: 1, choices: { 'main-menu': 'lost card' } }, { name: 'browsing', share: 1 }] } };
    for (const id of ['bank', 'airline', 'utility-outage', 'clinic', 'runaround']) {
      for (const [name, model] of Object.entries(models)) {
        const options = { seed: 9, model };
        const calls = id === 'runaround' ? 60 : 300;
        expect(simulateWithEngine(exampleFlow(id), calls, options), `${id}, ${name}`).toEqual(simulateWithActors(exampleFlow(id), calls, options));
      }
    }
  });

  describe('with a sub-flow compiled in', () => {
    // The caller flow runs "verify" twice: its menu, queue and return run inside each sub-flow node's state.
    const verify = makeFlow(
      [
        { id: 'ask', kind: 'input', prompt: 'Your account number, then pound.', variable: 'account', minDigits: 6, maxDigits: 8, noInput: 'ask', invalid: 'ask', maxRetries: 2, onMaxRetries: 'stuck', next: 'check' },
        { id: 'check', kind: 'lookup', service: 'accounts', success: 'done', failure: 'stuck' },
        { id: 'stuck', kind: 'menu', prompt: 'Press 1 to try again or 0 for the desk.', options: [{ key: '1', next: 'ask' }, { key: '0', next: 'desk' }], noInput: 'stuck', invalid: 'stuck', maxRetries: 1, onMaxRetries: 'desk' },
        { id: 'desk', kind: 'queue', queue: 'Verification', expectedWaitSeconds: 30 },
        { id: 'done', kind: 'return' }
      ],
      { id: 'verify', name: 'Verify' }
    );
    const main = makeFlow([
      { id: 'first', kind: 'subflow', flow: 'verify', next: 'menu' },
      { id: 'menu', kind: 'menu', prompt: 'For payments press 1, for the desk press 0.', options: [{ key: '1', next: 'again' }, { key: '0', next: 'agent' }], noInput: 'menu', invalid: 'menu', maxRetries: 2, onMaxRetries: 'agent' },
      { id: 'again', kind: 'subflow', flow: 'verify', next: 'agent' },
      { id: 'agent', kind: 'queue', queue: 'Payments', expectedWaitSeconds: 40 }
    ]);
    const options = { resolveFlow: (id: string) => (id === 'verify' ? verify : undefined) };

    it('runs the sub-flow on the engine: every call takes the same route and ends the same way as on the machine', () => {
      const config = compile(main, options);
      const engine = FlowEngine.forConfig(config);
      const machine = machineFromConfig(config);
      const plan = new WorldPlan(main, compiledNodes(config));
      const model = resolveModel({ silence: 0.2, wrongKey: 0.2, outcomes: { 'first/check': { failure: 0.3 }, 'again/check': { failure: 0.3 } } });
      const routes = new Set<string>();
      for (let call = 0; call < 400; call++) {
        const reference = simulateCall(plan, machine, model, 3, call);
        expect(simulateEngineCall(plan, engine, model, 3, call), `call ${call}`).toEqual(reference);
        routes.add(reference.route.join(' '));
      }
      // The calls went into both sub-flow nodes' copies, and came back out of them.
      expect([...routes].some((r) => r.includes('first/ask') && r.includes('again/check') && r.endsWith('agent'))).toBe(true);
      expect([...routes].some((r) => r.includes('first/desk'))).toBe(true);
    });

    it('gives the same report as one actor per call, and counts the sub-flow\'s nodes', () => {
      const report = simulateWithEngine(main, 2000, { seed: 8, ...options });
      expect(report).toEqual(simulateWithActors(main, 2000, { seed: 8, ...options }));
      expect(report.busiestNodes.map((b) => b.node)).toContain('first/ask');
      const passedOver = simulateWithEngine(main, 2000, { seed: 8 });
      expect(passedOver.busiestNodes.map((b) => b.node)).not.toContain('first/ask');
    });
  });
});
