/**
 * How a call that does not end on its own is counted (repro D10, D11): sub-flows
 * that run each other trap the call, never reach a person; a call stopped by the
 * step limit without going round a loop is counted apart from trapped ones; the
 * limit grows with the flow. The table-driven engine and the XState machine agree
 * on all of it, call for call.
 */
import { readFileSync } from 'node:fs';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compile, compiledNodes, DEFAULT_STEP_LIMIT } from '../../../src/core/compile/compile.ts';
import { machineFromConfig } from '../../../src/core/compile/machine.ts';
import { flowFinder } from '../../../src/core/model/references.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import type { Flow } from '../../../src/core/model/types.ts';
import { FlowEngine } from '../../../src/core/simulate/engine.ts';
import { resolveModel } from '../../../src/core/simulate/model.ts';
import { simulateCall, simulateEngineCall, simulateWithActors, simulateWithEngine, WorldPlan } from '../../../src/core/simulate/traffic.ts';
import { makeFlow } from '../../support/build.ts';

/** A repro fixture (test/fixtures/repro/), loaded as a file. */
function fixture(name: string): Flow {
  const result = loadFlow(JSON.parse(readFileSync(new URL(`../../fixtures/repro/${name}`, import.meta.url), 'utf8')), name);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

/** What repro/chain.js writes: `n` prompts in a row, then a queue; no loop anywhere. */
function chain(n: number): Flow {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) nodes.push({ id: `p${i}`, kind: 'prompt', prompt: { 'en-US': `Step ${i}` }, next: i === n - 1 ? 'agent' : `p${i + 1}` });
  nodes.push({ id: 'agent', kind: 'queue', queue: 'Support', prompt: { 'en-US': 'Please hold.' }, expectedWaitSeconds: 20 });
  const result = loadFlow({ version: 1, id: 'chain', name: 'chain', start: 'p0', nodes }, 'c.ivr.json');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

/** Every call of a range, on the engine and on one XState actor each: the same record. */
function expectAgreement(flow: Flow, options: Parameters<typeof compile>[1], model: Parameters<typeof resolveModel>[0], calls: number): void {
  const config = compile(flow, options);
  const engine = FlowEngine.forConfig(config);
  const machine = machineFromConfig(config);
  const plan = new WorldPlan(flow, compiledNodes(config));
  const resolved = resolveModel(model);
  for (let call = 0; call < calls; call++) {
    expect(simulateEngineCall(plan, engine, resolved, 7, call), `call ${call}`).toEqual(simulateCall(plan, machine, resolved, 7, call));
  }
}

describe('sub-flows that run each other (D10)', () => {
  const flows = [fixture('subflow-cycle/a.ivr.json'), fixture('subflow-cycle/b.ivr.json')];
  const options = { resolveFlow: flowFinder(flows) };

  it('trap every call: none reaches a person', () => {
    const report = simulateWithEngine(flows[0]!, 1000, options);
    expect(report.outcomes.person).toBe(0);
    expect(report.outcomes.trapped).toBe(1);
    expect(report.timeToPerson.p50).toBeNull();
  });

  it('end the call where the flow that is running already would run again, the recursion named', () => {
    const run = createActor(machineFromConfig(compile(flows[0]!, options)), { input: { now: 0 } });
    run.start();
    expect(run.getSnapshot().output).toMatchObject({
      outcome: 'trapped',
      node: 'call/call',
      route: ['greet', 'call', 'call/greet', 'call/call'],
      reason: 'sub-flow recursion: a → b → a'
    });
  });

  it('are run the same way by the engine and the machine, call for call', () => {
    expectAgreement(flows[0]!, options, {}, 200);
    expectAgreement(flows[1]!, options, {}, 200);
    expect(simulateWithEngine(flows[0]!, 500, options)).toEqual(simulateWithActors(flows[0]!, 500, options));
  });

  it('trap a flow that runs itself, with or without the flows found', () => {
    const self = makeFlow([{ id: 'again', kind: 'subflow', flow: 'test', next: 'agent' }, { id: 'agent', kind: 'queue', queue: 'Support' }]);
    for (const given of [{}, { resolveFlow: flowFinder([self]) }]) {
      expect(simulateWithEngine(self, 200, given).outcomes.trapped).toBe(1);
      expectAgreement(self, given, {}, 50);
    }
  });
});

describe('the step limit (D11)', () => {
  it('grows with the flow: a line of 1,200 prompts is no trap, its calls reach the queue', () => {
    const flow = chain(1200);
    expect(compile(flow).context.stepLimit).toBeGreaterThan(1201);
    const report = simulateWithEngine(flow, 100);
    expect(report.outcomes.trapped).toBe(0);
    expect(report.outcomes.stepLimit).toBe(0);
    expect(report.outcomes.person + report.outcomes.abandoned).toBe(1);
    expect(report.outcomes.person).toBeGreaterThan(0.5);
    // A small flow keeps the limit it had.
    expect(compile(chain(3)).context.stepLimit).toBe(DEFAULT_STEP_LIMIT);
  });

  it('stops a call that has not gone round as "stepLimit", one that has as trapped, alike on the engine and the machine', () => {
    const line = chain(60);
    const loop = makeFlow([
      { id: 'hours', kind: 'prompt', prompt: 'We are open from 9 to 5.', next: 'repeat' },
      { id: 'repeat', kind: 'prompt', prompt: 'Stay on the line to hear it again.', next: 'hours' }
    ]);
    for (const [flow, outcome, reason] of [
      [line, 'stepLimit', 'step limit reached'],
      [loop, 'trapped', 'step limit: went round a loop']
    ] as const) {
      const config = compile(flow);
      const actor = createActor(machineFromConfig(config), { input: { now: 0, stepLimit: 20 } });
      actor.start();
      const reference = actor.getSnapshot().output!;
      expect(reference).toMatchObject({ outcome, reason });
      const call = FlowEngine.forConfig(config).start({ now: 0, stepLimit: 20 });
      expect(call.context.result).toEqual(reference);
    }
  });

  it('counts calls cut short by their caller events without going round apart from trapped ones, alike on both', () => {
    // Ten entries of 200 digits each: more caller events than a flow of this size is given, and no node entered twice.
    const nodes = Array.from({ length: 10 }, (_, i) => ({
      id: `entry${i}`,
      kind: 'input',
      prompt: 'Your reference, please.',
      variable: `ref${i}`,
      minDigits: 200,
      maxDigits: 200,
      pattern: '\\d{200}',
      noInput: `entry${i}`,
      invalid: `entry${i}`,
      next: i < 9 ? `entry${i + 1}` : 'agent'
    }));
    const flow = makeFlow([...nodes, { id: 'agent', kind: 'queue', queue: 'Support', expectedWaitSeconds: 10 }]);
    const model = { silence: 0, wrongKey: 0, patienceSeconds: 1e9, queuePatienceSeconds: 1e9 };
    const report = simulateWithEngine(flow, 20, { model });
    expect(report.outcomes.stepLimit).toBe(1);
    expect(report.outcomes.trapped).toBe(0);
    expect(report).toEqual(simulateWithActors(flow, 20, { model }));
    expectAgreement(flow, {}, model, 10);
  });
});
