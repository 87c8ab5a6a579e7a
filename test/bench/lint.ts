/** Linting generated flows of growing size, and how the time grows with size. */
import { lintFlow } from '../../src/core/analysis/engine.ts';
import { generateFlow } from '../support/generate.ts';
import { measure, type Benchmark, type Figure } from './measure.ts';

const SIZES = [100, 1_000, 10_000] as const;

const lint: Benchmark = {
  name: 'lint',
  run() {
    const figures: Figure[] = [];
    const times = new Map<number, number>();
    for (const size of SIZES) {
      const flow = generateFlow(size);
      // Small flows lint fast: more runs keep their median steady.
      const runs = Math.max(9, Math.round(100_000 / size));
      const ms = measure(() => lintFlow(flow), { warmup: Math.max(3, Math.round(runs / 2)), runs });
      times.set(size, ms);
      figures.push({ name: `lint ${size} nodes`, value: ms, unit: 'ms' });
    }
    figures.push({ name: 'lint growth 1000→10000', value: times.get(10_000)! / times.get(1_000)!, unit: 'x' });
    return figures;
  }
};

export default lint;
