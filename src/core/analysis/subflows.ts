/**
 * Sub-flows resolved among the flows analysed together: whether help can be
 * reached inside each, computed once per flow. A cycle of sub-flows (A runs B
 * runs A) is cut by assuming help inside the flow already being summarised.
 *
 * A flow is summarised after the sub-flows it runs, found with a stack of
 * its own rather than by recursion: a chain of a thousand flows, each
 * running the next, costs no deeper a call stack than one.
 */
import { flowFinder } from '../model/references.ts';
import type { Flow } from '../model/types.ts';
import { computeFacts, type SubflowInfo, type SubflowResolver } from './facts.ts';
import { subflowCycleFinder } from './subflow-cycles.ts';
import { buildGraph } from './graph.ts';
import { DEFAULT_THRESHOLDS } from './types.ts';

export function subflowResolver(flows: Iterable<Flow>): SubflowResolver {
  const find = flowFinder(flows);
  const summaries = new Map<string, SubflowInfo>();
  const inProgress = new Set<string>();

  /** The flows a flow's sub-flow nodes run, in node order (those found). */
  const runs = (flow: Flow): Flow[] => {
    const found: Flow[] = [];
    for (const node of flow.nodes) {
      if (node.kind !== 'subflow') continue;
      const inner = find(node.flow);
      if (inner !== undefined) found.push(inner);
    }
    return found;
  };

  /** One flow's summary, every sub-flow it runs summarised already (or in progress: a cycle). */
  const summarise = (flow: Flow): SubflowInfo => {
    const graph = buildGraph(flow, DEFAULT_THRESHOLDS.wordsPerMinute, (id) => resolve(id)?.returns === false);
    const facts = computeFacts(graph, resolve, { returnIsHelp: false });
    const reachable = facts.reachable();
    return {
      resolved: true,
      reachesHelp: facts.canReachHelp()[graph.start] === 1,
      returns: graph.nodes.some((g) => g.terminal === 'return' && reachable[g.index] === 1)
    };
  };

  const resolve: SubflowResolver = (reference) => {
    const flow = find(reference);
    if (!flow) return undefined;
    const known = summaries.get(flow.id);
    if (known) return known;
    if (inProgress.has(flow.id)) return { resolved: true, reachesHelp: true, returns: true };
    // Depth first, each flow summarised once the flows it runs are.
    const stack: { flow: Flow; runs: Flow[] | undefined; next: number }[] = [{ flow, runs: undefined, next: 0 }];
    inProgress.add(flow.id);
    try {
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        top.runs ??= runs(top.flow);
        const inner = top.runs[top.next++];
        if (inner !== undefined) {
          if (!summaries.has(inner.id) && !inProgress.has(inner.id)) {
            inProgress.add(inner.id);
            stack.push({ flow: inner, runs: undefined, next: 0 });
          }
          continue;
        }
        const summary = summarise(top.flow);
        inProgress.delete(top.flow.id);
        summaries.set(top.flow.id, summary);
        stack.pop();
      }
    } finally {
      // A failure leaves no flow marked as in progress, which would read as a cycle.
      for (const entry of stack) inProgress.delete(entry.flow.id);
    }
    return summaries.get(flow.id);
  };
  return Object.assign(resolve, { cycle: subflowCycleFinder(find) });
}
