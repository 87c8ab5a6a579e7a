/** Timing helpers shared by the benchmarks. */

/** One figure a benchmark reports, printed as `name: value unit`. */
export interface Figure {
  readonly name: string;
  readonly value: number;
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
  /** Timed runs; the median is reported (default 9). */
  readonly runs?: number;
}

/** The median milliseconds of `fn` over several runs, after a warm-up. */
export function measure(fn: () => unknown, options?: MeasureOptions): number;
/** The same, with an input made by `setup` before each run, outside the timing. */
export function measure<T>(fn: (input: T) => unknown, options: MeasureOptions & { setup: () => T }): number;
export function measure<T>(fn: (input?: T) => unknown, options: MeasureOptions & { setup?: () => T } = {}): number {
  const { warmup = 3, runs = 9, setup } = options;
  for (let i = 0; i < warmup; i++) fn(setup?.());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = setup?.();
    const started = performance.now();
    fn(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
}

/** `name: value unit`: whole numbers from 100, one decimal from 0.1, one significant digit below. */
export function formatFigure({ name, value, unit }: Figure): string {
  const shown = value >= 100 ? value.toFixed(0) : value >= 0.1 ? value.toFixed(1) : value.toPrecision(1);
  return `${name}: ${shown} ${unit}`;
}
