/**
 * Simulated calls per second on the bank example: the table-driven engine,
 * one XState actor per call, their ratio, and a million calls on one core.
 * The two give the same report for the same seed (see the engine's
 * differential test). Each figure is the median of three runs, with their
 * range.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFlow } from '../../src/core/model/load.ts';
import { simulateWithActors, simulateWithEngine } from '../../src/core/simulate/traffic.ts';
import { ratio, sampleOf, type Benchmark, type Figure, type Sample } from './measure.ts';

const ACTOR_CALLS = 20_000;
const MILLION = 1_000_000;
const RUNS = 3;

/** Seconds per run, over three runs. */
function seconds(run: () => unknown): Sample {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push((performance.now() - started) / 1000);
  }
  return sampleOf(times);
}

/** Calls per second, from the seconds of runs of `calls` calls. */
const rate = (calls: number, runs: Sample): Sample => ({ median: calls / runs.median, min: calls / runs.max, max: calls / runs.min, runs: runs.runs });

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
    const actor = rate(ACTOR_CALLS, seconds(() => simulateWithActors(flow, ACTOR_CALLS, { seed: 2 })));
    // The engine's rate is the million calls' rate: long enough a run to be steady.
    const million = seconds(() => simulateWithEngine(flow, MILLION, { seed: 3 }));
    const engine = rate(MILLION, million);
    return [
      { name: 'simulate engine', value: engine, unit: 'calls/s' },
      { name: 'simulate xstate actor', value: actor, unit: 'calls/s' },
      { name: 'simulate speedup', value: ratio(engine, actor), unit: 'x' },
      { name: 'simulate 1000000 calls of bank, one core', value: million, unit: 's' }
    ];
  }
};

export default simulate;
