/**
 * The semantic diff of a large flow against an edited copy: every hundredth
 * node changed (a prompt reworded, a route rewired, a setting, a node
 * renamed), every node moved. The diff lints both versions; its own passes
 * are linear in the size of the flow.
 */
import type { Flow, FlowNode } from '../../src/core/model/types.ts';
import { diffFlows } from '../../src/core/review/diff.ts';
import { generateFlow } from '../support/generate.ts';
import { measure, type Benchmark } from './measure.ts';

const SIZE = 10_000;

function edited(flow: Flow): Flow {
  const nodes = flow.nodes.map((node, index): FlowNode => {
    const moved = { ...node, position: { x: (node.position?.x ?? 0) + 40, y: (node.position?.y ?? 0) + 25 } } as FlowNode;
    if (index % 100 !== 50) return moved;
    if ('prompt' in moved && typeof moved.prompt === 'string') return { ...moved, prompt: `${moved.prompt} Thank you for waiting.` } as FlowNode;
    return { ...moved, name: `${node.name ?? node.id} (renamed)` } as FlowNode;
  });
  return { ...flow, nodes };
}

const diff: Benchmark = {
  name: 'diff',
  run() {
    const before = generateFlow(SIZE);
    const after = edited(before);
    const json = JSON.stringify([before, after]);
    const ms = measure(([a, b]: [Flow, Flow]) => diffFlows(a, b), { warmup: 2, runs: 7, setup: () => JSON.parse(json) as [Flow, Flow] });
    return [{ name: `diff ${SIZE} nodes, 1% changed, all moved`, value: ms, unit: 'ms' }];
  }
};

export default diff;
