/** Parsing and validating a large flow file. */
import { loadFlowText } from '../../src/core/model/load.ts';
import { generateFlow } from '../support/generate.ts';
import { measure, type Benchmark } from './measure.ts';

const load: Benchmark = {
  name: 'load',
  run() {
    const text = JSON.stringify(generateFlow(10_000), null, 2);
    const ms = measure(() => {
      const result = loadFlowText(text, 'bench.ivr.json');
      if (!result.ok) throw new Error(`the generated flow does not load: ${result.problems[0]?.message}`);
    });
    return [{ name: 'load 10000 nodes', value: ms, unit: 'ms' }];
  }
};

export default load;
