/**
 * Simulation across cores: the calls split into ranges of call numbers, one
 * worker thread each, their tallies merged. The report is the same as one
 * thread's, call for call, because each call's draws depend only on the seed
 * and its number.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { flowFinder, type Flow } from '../../core/model/index.ts';
import { Tally, tallyRange, type TallyData, type TrafficModel, type TrafficOptions, type TrafficReport } from '../../core/simulate/index.ts';

export interface ParallelOptions {
  readonly seed: number;
  readonly model?: TrafficModel;
  readonly workers: number;
  /** Flows the flow's sub-flow nodes may run: those found are compiled in. */
  readonly library?: readonly Flow[];
}

/** The options one range of calls runs with, in this thread or a worker. */
export function rangeOptions(options: Omit<ParallelOptions, 'workers'>): TrafficOptions {
  return {
    seed: options.seed,
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.library === undefined || options.library.length === 0 ? {} : { resolveFlow: flowFinder(options.library) })
  };
}

/**
 * The worker's code: run from source (the tests), a loader compiles the
 * TypeScript; the built command line has it as a bundle of its own beside
 * this one.
 */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('./simulate-worker.mjs', import.meta.url)
  : new URL('./simulate-range.js', import.meta.url);

/** Below this many calls a thread, starting it (loading the code) costs more than it saves: about a second against 2 µs a call. */
const PER_WORKER_MINIMUM = 500_000;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

export async function simulateInParallel(
  flow: Flow,
  calls: number,
  options: ParallelOptions
): Promise<TrafficReport & { engine: 'table' | 'xstate-actor'; workers: number }> {
  const workers = Math.max(1, Math.min(options.workers, Math.ceil(calls / PER_WORKER_MINIMUM)));
  const tally = new Tally();
  if (workers === 1) {
    const { tally: one, engine } = tallyRange(flow, 0, calls, rangeOptions(options));
    return { ...one.report(options.seed), engine, workers };
  }
  const size = Math.ceil(calls / workers);
  const results = await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const from = i * size;
      const to = Math.min(calls, from + size);
      return new Promise<{ data: TallyData; engine: 'table' | 'xstate-actor' }>((resolve, reject) => {
        const worker = new Worker(WORKER, {
          workerData: { flow, from, to, seed: options.seed, model: options.model, library: options.library }
        });
        worker.once('message', (message: { data: TallyData; engine: 'table' | 'xstate-actor' }) => resolve(message));
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`a simulation worker stopped with code ${code}`));
        });
      });
    })
  );
  for (const r of results) tally.merge(r.data);
  return { ...tally.report(options.seed), engine: results[0]!.engine, workers };
}
