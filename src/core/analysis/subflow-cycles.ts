/**
 * Sub-flows that run each other: a flow whose sub-flow node runs a flow that
 * runs it again (A runs B runs A), or runs itself. On a platform the caller
 * goes round for ever, each turn one flow deeper (or the platform refuses
 * the flows); the simulation ends such a call as trapped.
 *
 * Found among the flows analysed together, breadth first over the flows each
 * flow's sub-flow nodes run, with a queue rather than by recursion: a chain
 * of a thousand flows costs no deeper a call stack than one.
 */
import { flowFinder } from '../model/references.ts';
import type { Flow } from '../model/types.ts';

/**
 * Finds, for a sub-flow node of flow `from` that runs `reference`, the flows
 * that run each other: `from`, the flow `reference` names, … , `from` again
 * (the shortest such chain), or undefined when the sub-flow never runs
 * `from` again.
 */
export type SubflowCycleFinder = (from: string, reference: string) => readonly string[] | undefined;

/** `find`: the flows analysed together, by any name a sub-flow node may give them (see flowFinder). */
export function subflowCycleFinder(find: (reference: string) => Flow | undefined): SubflowCycleFinder {
  const references = new WeakMap<Flow, readonly string[]>();
  /** The flows a flow's sub-flow nodes name, in node order. */
  const referencesOf = (flow: Flow): readonly string[] => {
    let known = references.get(flow);
    if (known === undefined) {
      known = flow.nodes.flatMap((node) => (node.kind === 'subflow' ? [node.flow] : []));
      references.set(flow, known);
    }
    return known;
  };
  return (from, reference) => {
    // Whether a reference names `from`, by its id or the resource id an ARN ends with.
    const namesFrom = flowFinder([{ id: from } as Flow]);
    if (namesFrom(reference) !== undefined) return [from, from];
    const first = find(reference);
    if (first === undefined) return undefined;
    // Breadth first: each flow reached with the flow it was reached from.
    const cameFrom = new Map<Flow, Flow | null>([[first, null]]);
    const queue: Flow[] = [first];
    for (let head = 0; head < queue.length; head++) {
      const flow = queue[head]!;
      for (const next of referencesOf(flow)) {
        if (namesFrom(next) !== undefined) {
          const chain: string[] = [from];
          for (let at: Flow | null = flow; at !== null; at = cameFrom.get(at) ?? null) chain.push(at.id);
          return [from, ...chain.slice(1).reverse(), from];
        }
        const inner = find(next);
        if (inner === undefined || cameFrom.has(inner)) continue;
        cameFrom.set(inner, flow);
        queue.push(inner);
      }
    }
    return undefined;
  };
}
