/**
 * Timing helpers shared by the benchmarks. Every figure is the median of
 * several runs, printed with the range of the runs beside it, so that a
 * reader can tell a change from noise: `lint 10000 nodes: 68.0 ms (61.2–74.9, 15 runs)`.
 */

/** The runs of one measurement. */
export interface Sample {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** One figure a benchmark reports, printed as `name: value unit (min–max, n runs)`. */
export interface Figure {
  readonly name: string;
  /** A sample of runs; a plain number for a figure that is not timed (a size). */
  readonly value: number | Sample;
  readonly unit: string;
}

/** A benchmark: a name for errors and the figures it measures. */
export interface Benchmark {
  readonly name: string;
  run(): Figure[] | Promise<Figure[]>;
}

export interface MeasureOptions {
  /** Untimed runs first, to let the engine compile the hot paths (default 3). */
  readonly warmup?: number;
  /** Timed runs (default 9). */
  readonly runs?: number;
}

/** The median, least and greatest of `values` (at least one). */
export function sampleOf(values: readonly number[]): Sample {
  if (values.length === 0) throw new Error('a sample needs at least one run');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** `a / b`: the ratio of the medians, and the widest ratios the runs allow. */
export function ratio(a: Sample, b: Sample): Sample {
  return { median: a.median / b.median, min: a.min / b.max, max: a.max / b.min, runs: Math.min(a.runs, b.runs) };
}

/** The milliseconds of `fn` over several runs, after a warm-up. */
export function measure(fn: () => unknown, options?: MeasureOptions): Sample;
/** The same, with an input made by `setup` before each run, outside the timing. */
export function measure<T>(fn: (input: T) => unknown, options: MeasureOptions & { setup: () => T }): Sample;
export function measure<T>(fn: (input?: T) => unknown, options: MeasureOptions & { setup?: () => T } = {}): Sample {
  const { warmup = 3, runs = 9, setup } = options;
  for (let i = 0; i < warmup; i++) fn(setup?.());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = setup?.();
    const started = performance.now();
    fn(input);
    times.push(performance.now() - started);
  }
  return sampleOf(times);
}

/** Whole numbers from 100, one decimal from 0.1, one significant digit below. */
function shown(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 0.1 ? value.toFixed(1) : value.toPrecision(1);
}

/** `name: median unit (min–max, n runs)`, or `name: value unit` for a figure that is not a sample. */
export function formatFigure({ name, value, unit }: Figure): string {
  if (typeof value === 'number') return `${name}: ${shown(value)} ${unit}`;
  const range = value.runs > 1 ? ` (${shown(value.min)}–${shown(value.max)}, ${value.runs} runs)` : '';
  return `${name}: ${shown(value.median)} ${unit}${range}`;
}
