/**
 * Simulated calls per second on the bank example: the table-driven engine,
 * one XState actor per call, their ratio, and a million calls on one core.
 * The two give the same report for the same seed (see the engine's
 * differential test).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFlow } from '../../src/core/model/load.ts';
import { simulateWithActors, simulateWithEngine } from '../../src/core/simulate/traffic.ts';
import type { Benchmark, Figure } from './measure.ts';

const ACTOR_CALLS = 20_000;
const ENGINE_CALLS = 200_000;
const MILLION = 1_000_000;

function rate(run: (calls: number) => unknown, calls: number): number {
  const started = performance.now();
  run(calls);
  return calls / ((performance.now() - started) / 1000);
}

const simulate: Benchmark = {
  name: 'simulate',
  run(): Figure[] {
    const file = path.join(import.meta.dirname, '../../flows/bank.ivr.json');
    const loaded = loadFlow(JSON.parse(readFileSync(file, 'utf8')), file);
    if (!loaded.ok) throw new Error('bank.ivr.json does not load');
    const flow = loaded.flow;
    // Warm both up first.
    simulateWithActors(flow, 2000, { seed: 1 });
    simulateWithEngine(flow, 20_000, { seed: 1 });
    const actor = rate((n) => simulateWithActors(flow, n, { seed: 2 }), ACTOR_CALLS);
    const engine = rate((n) => simulateWithEngine(flow, n, { seed: 2 }), ENGINE_CALLS);
    const started = performance.now();
    simulateWithEngine(flow, MILLION, { seed: 3 });
    const million = (performance.now() - started) / 1000;
    return [
      { name: 'simulate engine', value: engine, unit: 'calls/s' },
      { name: 'simulate xstate actor', value: actor, unit: 'calls/s' },
      { name: 'simulate speedup', value: engine / actor, unit: 'x' },
      { name: 'simulate 1000000 calls of bank, one core', value: million, unit: 's' }
    ];
  }
};

export default simulate;
