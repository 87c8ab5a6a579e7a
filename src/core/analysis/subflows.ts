/**
 * Sub-flows resolved among the flows analysed together: whether help can be
 * reached inside each, computed once per flow. A cycle of sub-flows (A runs B
 * runs A) is cut by assuming help inside the flow already being summarised.
 */
import { flowFinder } from '../model/references.ts';
import type { Flow } from '../model/types.ts';
import { computeFacts, type SubflowInfo, type SubflowResolver } from './facts.ts';
import { buildGraph } from './graph.ts';
import { DEFAULT_THRESHOLDS } from './types.ts';

export function subflowResolver(flows: Iterable<Flow>): SubflowResolver {
  const find = flowFinder(flows);
  const summaries = new Map<string, SubflowInfo>();
  const inProgress = new Set<string>();

  const resolve: SubflowResolver = (reference) => {
    const flow = find(reference);
    if (!flow) return undefined;
    const flowId = flow.id;
    const known = summaries.get(flowId);
    if (known) return known;
    if (inProgress.has(flowId)) return { resolved: true, reachesHelp: true, returns: true };
    inProgress.add(flowId);
    const graph = buildGraph(flow, DEFAULT_THRESHOLDS.wordsPerMinute, (id) => resolve(id)?.returns === false);
    const facts = computeFacts(graph, resolve, { returnIsHelp: false });
    const reachable = facts.reachable();
    const summary: SubflowInfo = {
      resolved: true,
      reachesHelp: facts.canReachHelp()[graph.start] === 1,
      returns: graph.nodes.some((g) => g.terminal === 'return' && reachable[g.index] === 1)
    };
    inProgress.delete(flowId);
    summaries.set(flowId, summary);
    return summary;
  };
  return resolve;
}
