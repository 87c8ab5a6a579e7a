/**
 * Which nodes and transitions a flow's saved test calls exercise. A
 * transition is a move from one node to another, as a call's route shows it;
 * outcomes of one node that lead to the same place count as one transition.
 */
import { runTestCalls } from '../calls/run.ts';
import type { CompileOptions } from '../compile/compile.ts';
import { outcomesOf } from '../model/outcomes.ts';
import type { Flow } from '../model/types.ts';

export interface Transition {
  readonly from: string;
  readonly to: string;
  /** The outcomes of `from` that lead to `to`. */
  readonly outcomes: readonly string[];
}

export interface Coverage {
  readonly calls: number;
  readonly nodes: { readonly covered: number; readonly total: number; readonly missing: readonly string[] };
  readonly transitions: { readonly covered: number; readonly total: number; readonly missing: readonly Transition[] };
}

/** Every transition of a flow, in node and outcome order. */
export function transitionsOf(flow: Flow): Transition[] {
  const ids = new Set(flow.nodes.map((n) => n.id));
  const list: Transition[] = [];
  for (const node of flow.nodes) {
    const byTarget = new Map<string, string[]>();
    for (const o of outcomesOf(node)) {
      if (o.target === undefined || !ids.has(o.target)) continue;
      const names = byTarget.get(o.target);
      if (names === undefined) byTarget.set(o.target, [o.name]);
      else names.push(o.name);
    }
    for (const [to, outcomes] of byTarget) list.push({ from: node.id, to, outcomes });
  }
  return list;
}

export function coverageOf(flow: Flow, options: CompileOptions = {}): Coverage {
  const runs = runTestCalls(flow, options);
  const nodes = new Set<string>();
  const moves = new Set<string>();
  for (const run of runs) {
    run.route.forEach((id, i) => {
      nodes.add(id);
      if (i > 0) moves.add(`${run.route[i - 1]}\u0000${id}`);
    });
  }
  const missingNodes = flow.nodes.map((n) => n.id).filter((id) => !nodes.has(id));
  const all = transitionsOf(flow);
  const missingMoves = all.filter((t) => !moves.has(`${t.from}\u0000${t.to}`));
  return {
    calls: runs.length,
    nodes: { covered: flow.nodes.length - missingNodes.length, total: flow.nodes.length, missing: missingNodes },
    transitions: { covered: all.length - missingMoves.length, total: all.length, missing: missingMoves }
  };
}
