/**
 * `zeroout paths` on the generated 10,000-node flow: the shortest call to
 * every node and every transition, each confirmed by running it (on the
 * table-driven engine, past 2,000 nodes).
 */
import { shortestPaths } from '../../src/core/simulate/paths.ts';
import { generateFlow } from '../support/generate.ts';
import { measure, type Benchmark } from './measure.ts';

const paths: Benchmark = {
  name: 'paths',
  run() {
    const flow = generateFlow(10_000);
    const ms = measure(
      () => {
        const result = shortestPaths(flow);
        if (!result.verifiedAll) throw new Error('the calls of the 10,000-node flow were not confirmed');
      },
      { warmup: 1, runs: 5 }
    );
    return [{ name: 'paths 10000 nodes', value: ms, unit: 'ms' }];
  }
};

export default paths;
