/**
 * The graph of a flow, built once per analysis: nodes by index, every wired
 * outcome as an edge with its caller time, and the references that lead
 * nowhere. Every rule and fact works on this structure.
 */
import { helpKind, isInputNode, outcomesOf, terminalEnd, type HelpKind, type Outcome, type UnwiredEnd } from '../model/outcomes.ts';
import { indexedPointer } from '../json/pointer.ts';
import { localesOf } from '../model/prompt.ts';
import type { Channel, Flow, FlowNode, FlowRole } from '../model/types.ts';
import { enterSeconds, outcomeSeconds, retryLimitSeconds } from '../model/timing.ts';

export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly outcome: Outcome;
  /** Caller seconds spent at `from` when leaving by this edge: its prompt plus the caller's input. */
  readonly seconds: number;
}

export interface GraphNode {
  readonly index: number;
  readonly id: string;
  readonly node: FlowNode;
  /** JSON pointer of the node in the file. */
  readonly pointer: string;
  readonly outcomes: readonly Outcome[];
  readonly help: HelpKind | undefined;
  readonly input: boolean;
  /** Seconds to hear the node's prompt (or wait for its lookup). */
  readonly enterSeconds: number;
  /** Set when the node itself ends the call (hang-up, return). */
  readonly terminal: UnwiredEnd | undefined;
}

export interface BrokenReference {
  readonly from: number;
  readonly outcome: Outcome;
  readonly target: string;
}

/** Where a flow can be started, on what channel and in what role (the start first). */
export interface GraphEntry {
  readonly index: number;
  readonly channel: Channel;
  readonly role: FlowRole;
}

export interface FlowGraph {
  readonly nodes: readonly GraphNode[];
  readonly byId: ReadonlyMap<string, number>;
  readonly start: number;
  /** Every entry point: the start, then the flow's other entries (those at a node of the flow). */
  readonly entries: readonly GraphEntry[];
  readonly out: readonly (readonly Edge[])[];
  readonly in: readonly (readonly Edge[])[];
  readonly edgeCount: number;
  readonly broken: readonly BrokenReference[];
  /** Outcomes with no transition, per node. */
  readonly unwired: readonly (readonly Outcome[])[];
  /**
   * Wired edges no call can take, left out of `out` and `in`: every call that
   * reaches their node contradicts their branch case (see feasible.ts).
   */
  readonly contradicted: readonly ContradictedEdge[];
}

/** An edge no call can take, and why: every call at its branch has `variable` as `fact` says. */
export interface ContradictedEdge {
  readonly edge: Edge;
  readonly variable: string;
  readonly fact: string;
}

const NONE: Outcome[] = [];

/** What a node is, worked out once per node object and speaking rate. */
interface NodeFacts {
  readonly outcomes: readonly Outcome[];
  readonly help: HelpKind | undefined;
  readonly input: boolean;
  readonly terminal: UnwiredEnd | undefined;
  readonly enterSeconds: number;
  /** What `enterSeconds` was worked out for. */
  readonly timing: string;
}

/**
 * Flow nodes are never changed in place (an edit makes a new node object),
 * so what is derived from one node alone is kept with it: after an edit in
 * the designer, only the edited node is worked out again.
 */
const perNode = new WeakMap<FlowNode, NodeFacts>();

function nodeFacts(node: FlowNode, locale: string, wordsPerMinute: number): NodeFacts {
  const timing = `${wordsPerMinute} ${locale}`;
  let facts = perNode.get(node);
  if (facts === undefined || facts.timing !== timing) {
    facts = {
      outcomes: facts?.outcomes ?? outcomesOf(node),
      help: helpKind(node),
      input: isInputNode(node),
      terminal: terminalEnd(node),
      enterSeconds: enterSeconds(node, locale, locale, wordsPerMinute),
      timing
    };
    perNode.set(node, facts);
  }
  return facts;
}

/**
 * @param endsInside Tells, for a sub-flow node, that the flow it runs never
 *   returns: the call ends inside it, so its `next` is no way on.
 */
export function buildGraph(flow: Flow, wordsPerMinute: number, endsInside?: (flowId: string) => boolean): FlowGraph {
  const defaultLocale = localesOf(flow)[0] ?? 'en-US';
  const byId = new Map<string, number>();
  const nodes: GraphNode[] = flow.nodes.map((node, index) => {
    if (!byId.has(node.id)) byId.set(node.id, index);
    const facts = nodeFacts(node, defaultLocale, wordsPerMinute);
    const endsHere = node.kind === 'subflow' && endsInside !== undefined && endsInside(node.flow);
    return {
      index,
      id: node.id,
      node,
      pointer: indexedPointer('/nodes', index),
      outcomes: endsHere ? NONE : facts.outcomes,
      help: facts.help,
      input: facts.input,
      enterSeconds: facts.enterSeconds,
      terminal: endsHere ? 'ended' : facts.terminal
    };
  });
  const out: Edge[][] = nodes.map(() => []);
  const incoming: Edge[][] = nodes.map(() => []);
  // Most nodes have every outcome wired: they share one empty list.
  const unwired: Outcome[][] = new Array<Outcome[]>(nodes.length).fill(NONE);
  const broken: BrokenReference[] = [];
  let edgeCount = 0;
  for (const g of nodes) {
    for (const outcome of g.outcomes) {
      if (outcome.target === undefined) {
        if (unwired[g.index] === NONE) unwired[g.index] = [];
        unwired[g.index]!.push(outcome);
        continue;
      }
      const to = byId.get(outcome.target);
      if (to === undefined) {
        broken.push({ from: g.index, outcome, target: outcome.target });
        continue;
      }
      const edge: Edge = {
        from: g.index,
        to,
        outcome,
        seconds:
          outcome.retry === 'maxRetries'
            ? retryLimitSeconds(g.node, g.enterSeconds, defaultLocale, defaultLocale, wordsPerMinute)
            : g.enterSeconds + outcomeSeconds(g.node, outcome)
      };
      out[g.index]!.push(edge);
      incoming[to]!.push(edge);
      edgeCount++;
    }
  }
  const start = byId.get(flow.start) ?? 0;
  const role = flow.role ?? 'inbound';
  const entries: GraphEntry[] = [{ index: start, channel: flow.channel ?? 'voice', role }];
  for (const entry of flow.entries ?? []) {
    const index = byId.get(entry.start);
    if (index !== undefined) entries.push({ index, channel: entry.channel, role: entry.role ?? role });
  }
  return {
    nodes,
    byId,
    start,
    entries,
    out,
    in: incoming,
    edgeCount,
    broken,
    unwired,
    contradicted: []
  };
}

/** The graph without edges no call can take: they are listed in `contradicted` instead. */
export function withoutEdges(graph: FlowGraph, removed: ReadonlyMap<Edge, { readonly variable: string; readonly fact: string }>): FlowGraph {
  if (removed.size === 0) return graph;
  const keep = (edges: readonly Edge[]): readonly Edge[] => (edges.some((edge) => removed.has(edge)) ? edges.filter((edge) => !removed.has(edge)) : edges);
  const contradicted: ContradictedEdge[] = [];
  for (const edges of graph.out) {
    for (const edge of edges) {
      const why = removed.get(edge);
      if (why !== undefined) contradicted.push({ edge, variable: why.variable, fact: why.fact });
    }
  }
  return {
    ...graph,
    out: graph.out.map(keep),
    in: graph.in.map(keep),
    edgeCount: graph.edgeCount - contradicted.length,
    contradicted
  };
}
