/**
 * Simulated calls per second on the bank example: the table-driven engine,
 * one XState actor per call, their ratio, and a million calls on one core.
 * The two give the same report for the same seed (see the engine's
 * differential test). Each figure is the best of three runs, as other work on
 * a shared machine only ever slows a run down.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFlow } from '../../src/core/model/load.ts';
import { simulateWithActors, simulateWithEngine } from '../../src/core/simulate/traffic.ts';
import type { Benchmark, Figure } from './measure.ts';

const ACTOR_CALLS = 20_000;
const MILLION = 1_000_000;
const RUNS = 3;

/** The shortest of three runs, in seconds. */
function best(run: () => unknown): number {
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    shortest = Math.min(shortest, (performance.now() - started) / 1000);
  }
  return shortest;
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
    simulateWithEngine(flow, 200_000, { seed: 1 });
    const actor = ACTOR_CALLS / best(() => simulateWithActors(flow, ACTOR_CALLS, { seed: 2 }));
    // The engine's rate is the million calls' rate: long enough a run to be steady.
    const million = best(() => simulateWithEngine(flow, MILLION, { seed: 3 }));
    const engine = MILLION / million;
    return [
      { name: 'simulate engine', value: engine, unit: 'calls/s' },
      { name: 'simulate xstate actor', value: actor, unit: 'calls/s' },
      { name: 'simulate speedup', value: engine / actor, unit: 'x' },
      { name: 'simulate 1000000 calls of bank, one core', value: million, unit: 's' }
    ];
  }
};

export default simulate;
