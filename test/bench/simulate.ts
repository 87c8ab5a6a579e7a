/**
 * Simulated calls per second on the bank example. The reference driver runs
 * one XState actor per call; the fast engine's lines join it when it lands.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFlow } from '../../src/core/model/load.ts';
import { simulateWithActors } from '../../src/core/simulate/traffic.ts';
import type { Benchmark, Figure } from './measure.ts';

const CALLS = 20_000;

const simulate: Benchmark = {
  name: 'simulate',
  run(): Figure[] {
    const file = path.join(import.meta.dirname, '../../flows/bank.ivr.json');
    const loaded = loadFlow(JSON.parse(readFileSync(file, 'utf8')), file);
    if (!loaded.ok) throw new Error('bank.ivr.json does not load');
    simulateWithActors(loaded.flow, 1000, { seed: 1 });
    const started = performance.now();
    simulateWithActors(loaded.flow, CALLS, { seed: 2 });
    const seconds = (performance.now() - started) / 1000;
    return [{ name: 'simulate xstate actor', value: CALLS / seconds, unit: 'calls/s' }];
  }
};

export default simulate;
