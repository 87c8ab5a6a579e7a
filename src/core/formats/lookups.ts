/**
 * Where a function's result comes from, for both vendors' exports. Connect
 * keeps the result of the last Lambda function a contact ran in
 * `$.External`; Studio keeps each Function's in `widgets.<name>.parsed`. To
 * translate one into the other, an export asks which lookups can be the last
 * one run when the call reaches a node.
 */
import { outcomesOf } from '../model/outcomes.ts';
import type { Flow, FlowNode } from '../model/types.ts';

/** Connect steps read as lookups whose result is not a Lambda function's (`$.External` is left as it was). */
const NOT_LAMBDA: ReadonlySet<string> = new Set(['GetMetricData', 'InvokeThirdPartyAction']);

/** Whether a node leaves its result where a Lambda function's is: a lookup, unless it came from a Connect step that is no Lambda function. */
export function setsExternal(node: FlowNode): boolean {
  return node.kind === 'lookup' && !(node.source !== undefined && NOT_LAMBDA.has(node.source.type));
}

/** A flow's nodes by id and the nodes before each, built once per flow however many branches ask. */
interface Predecessors {
  readonly byId: ReadonlyMap<string, FlowNode>;
  readonly before: ReadonlyMap<string, readonly string[]>;
}

const cache = new WeakMap<Flow, Predecessors>();

function predecessors(flow: Flow): Predecessors {
  let found = cache.get(flow);
  if (found !== undefined) return found;
  const before = new Map<string, string[]>();
  for (const node of flow.nodes) {
    for (const o of outcomesOf(node)) {
      if (o.target === undefined) continue;
      const list = before.get(o.target);
      if (list === undefined) before.set(o.target, [node.id]);
      else list.push(node.id);
    }
  }
  found = { byId: new Map(flow.nodes.map((node) => [node.id, node])), before };
  cache.set(flow, found);
  return found;
}

/**
 * The lookups whose result can be the last one when the call reaches
 * `nodeId` (each lookup replaces the result of the one before), nearest
 * first: a walk back from the node that stops at each lookup.
 */
export function lastLookups(flow: Flow, nodeId: string): FlowNode[] {
  const { byId, before } = predecessors(flow);
  const found: FlowNode[] = [];
  const seen = new Set<string>([nodeId]);
  const queue = [nodeId];
  for (let next = 0; next < queue.length; next++) {
    for (const id of before.get(queue[next]!) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const node = byId.get(id);
      if (node !== undefined && setsExternal(node)) found.push(node);
      else queue.push(id);
    }
  }
  return found;
}
