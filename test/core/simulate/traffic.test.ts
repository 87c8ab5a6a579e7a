import { describe, expect, it } from 'vitest';
import { parseModel, resolveModel } from '../../../src/core/simulate/model.ts';
import { prepareCall, simulateWithActors, Tally, TRAFFIC_OUTCOMES, WorldPlan, type CallRecord } from '../../../src/core/simulate/traffic.ts';
import { exampleFlow, makeFlow } from '../../support/build.ts';

/** Callers who always do what they came for and never give up. */
const PATIENT = { silence: 0, wrongKey: 0, patienceSeconds: 1e9, queuePatienceSeconds: 1e9 };

const desk = () =>
  makeFlow([
    { id: 'main', kind: 'menu', prompt: 'For sales, press 1. For the front desk, press 0.', options: [{ key: '1', next: 'sales' }, { key: '0', next: 'desk' }], noInput: 'main', invalid: 'main', maxRetries: 2, onMaxRetries: 'desk' },
    { id: 'sales', kind: 'queue', queue: 'sales', expectedWaitSeconds: 30, announceWait: true },
    { id: 'desk', kind: 'queue', queue: 'desk', expectedWaitSeconds: 30, announceWait: true }
  ]);

describe('caller traffic', () => {
  it.each(['bank', 'airline', 'utility-outage', 'clinic'])('%s: the same seed gives the same report; shares sum to 1', (id) => {
    const flow = exampleFlow(id);
    const a = simulateWithActors(flow, 300, { seed: 5 });
    expect(simulateWithActors(flow, 300, { seed: 5 })).toEqual(a);
    expect(simulateWithActors(flow, 300, { seed: 6 })).not.toEqual(a);
    const sum = TRAFFIC_OUTCOMES.reduce((s, o) => s + a.outcomes[o], 0);
    expect(sum).toBeCloseTo(1, 9);
    expect(TRAFFIC_OUTCOMES.reduce((s, o) => s + a.counts[o], 0)).toBe(300);
  });

  it('patient callers who know what they want all reach a person, by the key their intent says', () => {
    const report = simulateWithActors(desk(), 400, { seed: 1, model: { ...PATIENT, intents: [{ name: 'buyer', share: 1, choices: { main: '1' } }] } });
    expect(report.outcomes.person).toBe(1);
    expect(report.busiestNodes.map((b) => b.node)).toEqual(['main', 'sales']);
    // The menu prompt, a key press, then an exponential wait of mean 30 s.
    expect(report.timeToPerson.p50!).toBeGreaterThan(5);
    expect(report.timeToPerson.p99!).toBeGreaterThan(report.timeToPerson.p50!);
    expect(report.menuSteps.mean).toBe(1);
  });

  it('intents split the traffic by their shares', () => {
    const report = simulateWithActors(desk(), 2000, {
      seed: 2,
      model: { ...PATIENT, intents: [{ name: 'buyer', share: 3, choices: { main: '1' } }, { name: 'visitor', share: 1, choices: { main: '0' } }] }
    });
    const sales = report.busiestNodes.find((b) => b.node === 'sales')!.share;
    expect(sales).toBeGreaterThan(0.7);
    expect(sales).toBeLessThan(0.8);
  });

  it('callers who will not wait give up in the queue, and the report says where', () => {
    const report = simulateWithActors(desk(), 500, { seed: 3, model: { ...PATIENT, queuePatienceSeconds: 1 } });
    expect(report.outcomes.abandoned).toBeGreaterThan(0.9);
    expect(report.abandonedAt.map((a) => a.node).sort()).toEqual(['desk', 'sales']);
  });

  it('a flow that traps and drops callers shows it', () => {
    const report = simulateWithActors(exampleFlow('runaround'), 60, { seed: 4 });
    expect(report.outcomes.person).toBe(0);
    expect(report.outcomes.trapped + report.outcomes.dropped).toBeGreaterThan(0.3);
    expect(report.timeToPerson.p50).toBeNull();
  });

  it('a lost caller presses 0 after a retry', () => {
    const flow = makeFlow([
      { id: 'main', kind: 'menu', prompt: 'For an agent, press 0.', options: [{ key: '0', next: 'desk' }], noInput: 'main', invalid: 'main', maxRetries: 5, onMaxRetries: 'bye' },
      { id: 'desk', kind: 'queue', queue: 'desk', expectedWaitSeconds: 10 },
      { id: 'bye', kind: 'hangup' }
    ]);
    // Nearly everyone is silent at first; after the retry, they press 0.
    const report = simulateWithActors(flow, 400, { seed: 9, model: { ...PATIENT, silence: 0.999, zeroOutWhenLost: 1 } });
    expect(report.outcomes.person).toBeGreaterThan(0.9);
  });
});

describe('the report of a tally', () => {
  /** The nearest-rank percentile, rounded to a tenth, read off a sorted copy. */
  const nearestRank = (times: readonly number[], p: number): number => {
    const sorted = [...times].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]! * 10) / 10;
  };
  const person = (seconds: number): CallRecord => ({ outcome: 'person', node: 'desk', timeToPerson: seconds, menuSteps: 1, route: ['main', 'desk'] });

  it.each([
    ['spread out', (i: number) => ((i * 7919) % 1009) * 0.37],
    ['with many the same', (i: number) => (i % 5) * 10],
    ['in order', (i: number) => i / 10],
    ['in reverse order', (i: number) => (5000 - i) / 10],
    ['all the same', () => 42]
  ])('gives the times to a person at p50, p90 and p99 as a sort would: %s', (_, time) => {
    for (const n of [1, 2, 3, 10, 101, 5000]) {
      const times = Array.from({ length: n }, (_, i) => time(i));
      const tally = new Tally();
      for (const t of times) tally.add(person(t));
      tally.add({ outcome: 'abandoned', node: 'main', timeToPerson: null, menuSteps: 0, route: ['main'] });
      const report = tally.report(1);
      expect(report.timeToPerson).toEqual({
        p50: nearestRank(times, 0.5),
        p90: nearestRank(times, 0.9),
        p99: nearestRank(times, 0.99),
        mean: Math.round((times.reduce((a, b) => a + b, 0) / n) * 10) / 10
      });
      expect(report.counts.person).toBe(n);
      expect(report.counts.abandoned).toBe(1);
    }
  });

  it('gives no times when no call reached a person', () => {
    const tally = new Tally();
    tally.add({ outcome: 'dropped', node: 'main', timeToPerson: null, menuSteps: 1, route: ['main'] });
    expect(tally.report(1).timeToPerson).toEqual({ p50: null, p90: null, p99: null, mean: null });
  });
});

describe('the traffic model file', () => {
  it('names the field that is wrong', () => {
    const result = parseModel({ silence: 2, intents: [{ name: 'x', share: 1, choices: { main: 1 } }], colour: 'red' }, 'model.json');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const pointers = result.problems.map((p) => p.pointer);
      expect(pointers).toContain('/silence');
      expect(pointers).toContain('/intents/0/choices/main');
      expect(result.problems.some((p) => p.message.includes('"colour"'))).toBe(true);
      expect(result.problems.every((p) => p.file === 'model.json')).toBe(true);
    }
  });
});

describe("a caller's patience", () => {
  it('runs out exactly when the time spent passes the patience drawn, whether or not the draw is worked out first', () => {
    const flow = exampleFlow('bank');
    const plan = new WorldPlan(flow);
    for (const patienceSeconds of [0, 0.001, 1, 300, 1e9]) {
      const model = resolveModel({ patienceSeconds });
      for (let call = 0; call < 2000; call++) {
        // Asked before the patience is read, as a call asks at its first wait.
        const fresh = prepareCall(plan, model, 11, call);
        const told = prepareCall(plan, model, 11, call);
        const patience = told.patience;
        for (const elapsed of [0, patience * 0.5, patience * (1 - 1e-12), patience, patience * (1 + 1e-12), patience + 1, patience * 2]) {
          expect(fresh.outOfPatience(elapsed), `call ${call}, ${elapsed} s of ${patience}`).toBe(elapsed > patience);
        }
        expect(fresh.patience).toBe(patience);
      }
    }
  });
});
