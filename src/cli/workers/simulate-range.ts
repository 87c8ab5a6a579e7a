/** In a worker thread: simulates one range of call numbers and posts its tally. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Flow } from '../../core/model/index.ts';
import { tallyRange, type TrafficModel } from '../../core/simulate/index.ts';
import { rangeOptions } from './parallel.ts';

interface Job {
  readonly flow: Flow;
  readonly from: number;
  readonly to: number;
  readonly seed: number;
  readonly model?: TrafficModel;
  readonly library?: readonly Flow[];
}

const job = workerData as Job;
const { tally, engine } = tallyRange(job.flow, job.from, job.to, rangeOptions(job));
parentPort!.postMessage({ data: tally.toData(), engine });
