/**
 * Linting generated flows of growing size, and how the time grows with size.
 *
 * Every timed run lints a flow it has never seen (a fresh copy, as a file
 * just read would be): the analysis keeps what it derives from each node
 * object, and a run on the same objects would measure that instead. The
 * designer's case, a lint after one edit, is measured apart.
 */
import { lintFlow } from '../../src/core/analysis/engine.ts';
import type { Flow } from '../../src/core/model/types.ts';
import { witnessesFor } from '../../src/core/witness/index.ts';
import { generateFlow } from '../support/generate.ts';
import { measure, ratio, type Benchmark, type Figure, type Sample } from './measure.ts';

const SIZES = [100, 1_000, 10_000] as const;

/** Lints `flow` with one prompt changed on each call, every other node object kept. */
function afterOneEdit(flow: Flow): () => unknown {
  let edit = 0;
  return () => {
    const index = edit++ % flow.nodes.length;
    const nodes = flow.nodes.slice();
    const node = nodes[index]!;
    nodes[index] = { ...node, name: `${node.name ?? node.id} (edit ${edit})` } as typeof node;
    return lintFlow({ ...flow, nodes });
  };
}

const lint: Benchmark = {
  name: 'lint',
  run() {
    const figures: Figure[] = [];
    const times = new Map<number, Sample>();
    for (const size of SIZES) {
      const flow = generateFlow(size);
      // Small flows lint fast: more runs keep their median steady.
      const runs = Math.max(9, Math.round(100_000 / size));
      const warmup = Math.max(3, Math.round(runs / 2));
      // A new copy of the flow for each run, parsed as a file would be, before the clock starts.
      const json = JSON.stringify(flow);
      const ms = measure((copy: Flow) => lintFlow(copy), { warmup, runs, setup: () => JSON.parse(json) as Flow });
      times.set(size, ms);
      figures.push({ name: `lint ${size} nodes`, value: ms, unit: 'ms' });
    }
    figures.push({ name: 'lint growth 1000→10000', value: ratio(times.get(10_000)!, times.get(1_000)!), unit: 'x' });
    // With a witness call for every finding that has one (`lint --witness`), each run on the flow's machine.
    {
      const json = JSON.stringify(generateFlow(10_000));
      const withWitnesses = (copy: Flow): unknown => witnessesFor(copy, lintFlow(copy).findings);
      figures.push({ name: 'lint 10000 nodes with witnesses', value: measure(withWitnesses, { warmup: 1, runs: 3, setup: () => JSON.parse(json) as Flow }), unit: 'ms' });
    }
    for (const size of [1_000, 10_000]) {
      const flow = generateFlow(size);
      lintFlow(flow);
      figures.push({ name: `lint ${size} nodes after one edit`, value: measure(afterOneEdit(flow), { warmup: 5, runs: 15 }), unit: 'ms' });
    }
    return figures;
  }
};

export default lint;
