/**
 * Simulated traffic in a Web Worker, so the page stays responsive: runs the
 * calls in chunks, posts progress, then the report, the traffic through each
 * node and a histogram of time to a person.
 */
import type { Flow } from '../../core/model/index.ts';
import { scorecard, Tally, tallyRange, type Pillar, type TrafficModel } from '../../core/simulate/index.ts';
import { lintFlow } from '../../core/analysis/index.ts';

export interface TrafficJob {
  readonly flow: Flow;
  readonly calls: number;
  readonly seed: number;
  readonly model?: TrafficModel;
}

export type TrafficMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly type: 'done';
      readonly report: ReturnType<Tally['report']>;
      readonly engine: 'table' | 'xstate-actor';
      /** Node id → share of calls that pass through it. */
      readonly heat: Record<string, number>;
      /** Node id → calls that hang up there. */
      readonly abandoned: Record<string, number>;
      /** Time to a person in bins of `binSeconds`. */
      readonly histogram: { readonly binSeconds: number; readonly counts: readonly number[] };
      /** The figures by customer-service pillar. */
      readonly scorecard: readonly Pillar[];
    }
  | { readonly type: 'error'; readonly message: string };

const CHUNK = 5000;

/** The worker's own postMessage (the DOM types describe a window's). */
const post = (message: TrafficMessage): void => (self as unknown as { postMessage(message: unknown): void }).postMessage(message);

function histogram(times: Float64Array): { binSeconds: number; counts: number[] } {
  if (times.length === 0) return { binSeconds: 30, counts: [] };
  const sorted = times.slice().sort();
  const top = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
  const binSeconds = Math.max(5, Math.ceil(top / 20 / 5) * 5);
  const counts = Array.from({ length: Math.floor(top / binSeconds) + 1 }, () => 0);
  for (const t of sorted) counts[Math.min(counts.length - 1, Math.floor(t / binSeconds))]!++;
  return { binSeconds, counts };
}

self.onmessage = (event: MessageEvent<TrafficJob>) => {
  const job = event.data;
  try {
    const tally = new Tally();
    let engine: 'table' | 'xstate-actor' = 'table';
    for (let from = 0; from < job.calls; from += CHUNK) {
      const to = Math.min(job.calls, from + CHUNK);
      const part = tallyRange(job.flow, from, to, { seed: job.seed, ...(job.model === undefined ? {} : { model: job.model }) });
      engine = part.engine;
      tally.merge(part.tally.toData());
      post({ type: 'progress', done: to, total: job.calls });
    }
    const data = tally.toData();
    const report = tally.report(job.seed);
    post({
      type: 'done',
      report,
      scorecard: scorecard(job.flow, lintFlow(job.flow), report),
      engine,
      heat: Object.fromEntries(data.through.map(([node, calls]) => [node, calls / Math.max(1, data.n)])),
      abandoned: Object.fromEntries(data.abandoned),
      histogram: histogram(data.times)
    });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
