/**
 * Parsing and validating a large flow file, and beside it JSON.parse of the
 * same text alone: the part of the load no validation can save, measured in
 * the same run, so a reader can tell the validation's share from the
 * machine's speed that day.
 */
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
    const parse = measure(() => JSON.parse(text));
    return [
      { name: 'load 10000 nodes', value: ms, unit: 'ms' },
      { name: 'load 10000 nodes, JSON.parse alone', value: parse, unit: 'ms' }
    ];
  }
};

export default load;
