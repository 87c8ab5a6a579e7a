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
}

/**
 * Flow nodes are never changed in place (an edit makes a new node object),
 * so what is derived from one node alone is kept from one analysis of a flow
 * to the next: after an edit in the designer, only the edited node is worked
 * out again. The last node list of each of a few flows is kept, matched node
 * by node (a node added or removed shifts the match by one); a weak map per
 * node cost more than a fresh file's whole graph saves.
 */
interface KeptFacts {
  readonly nodes: readonly FlowNode[];
  readonly facts: readonly NodeFacts[];
  readonly timing: string;
}

/** Flows whose node facts are kept: the flow open in the designer, the one it is compared with, a sub-flow or two. */
const KEPT_FLOWS = 4;
const kept = new Map<string, KeptFacts>();

function computeNodeFacts(node: FlowNode, locale: string, wordsPerMinute: number): NodeFacts {
  return {
    outcomes: outcomesOf(node),
    help: helpKind(node),
    input: isInputNode(node),
    terminal: terminalEnd(node),
    enterSeconds: enterSeconds(node, locale, locale, wordsPerMinute)
  };
}

/** The facts of each node of `flow`: those of the nodes it shares with its last analysis are taken over. */
function nodeFactsOf(flow: Flow, locale: string, wordsPerMinute: number): NodeFacts[] {
  const timing = `${wordsPerMinute} ${locale}`;
  const before = kept.get(flow.id);
  const old = before !== undefined && before.timing === timing ? before : undefined;
  const facts: NodeFacts[] = new Array<NodeFacts>(flow.nodes.length);
  let shift = 0;
  for (let i = 0; i < flow.nodes.length; i++) {
    const node = flow.nodes[i]!;
    let found: NodeFacts | undefined;
    if (old !== undefined) {
      // The same place, or one further on or back when a node was added or removed before it.
      for (let t = 0; t < 3 && found === undefined; t++) {
        const d = t === 0 ? shift : t === 1 ? shift - 1 : shift + 1;
        if (old.nodes[i + d] === node) {
          found = old.facts[i + d];
          shift = d;
        }
      }
    }
    facts[i] = found ?? computeNodeFacts(node, locale, wordsPerMinute);
  }
  kept.delete(flow.id);
  kept.set(flow.id, { nodes: flow.nodes, facts, timing });
  if (kept.size > KEPT_FLOWS) kept.delete(kept.keys().next().value!);
  return facts;
}

/** A node of the graph; its pointer is written when first read (a lint that finds nothing reads none). */
class NodeOfGraph implements GraphNode {
  readonly id: string;
  readonly help: HelpKind | undefined;
  readonly input: boolean;
  readonly enterSeconds: number;
  private path: string | undefined = undefined;

  constructor(
    readonly index: number,
    readonly node: FlowNode,
    readonly outcomes: readonly Outcome[],
    facts: NodeFacts,
    readonly terminal: UnwiredEnd | undefined
  ) {
    this.id = node.id;
    this.help = facts.help;
    this.input = facts.input;
    this.enterSeconds = facts.enterSeconds;
  }

  get pointer(): string {
    return (this.path ??= indexedPointer('/nodes', this.index));
  }
}

/**
 * @param endsInside Tells, for a sub-flow node, that the flow it runs never
 *   returns: the call ends inside it, so its `next` is no way on.
 */
export function buildGraph(flow: Flow, wordsPerMinute: number, endsInside?: (flowId: string) => boolean): FlowGraph {
  const defaultLocale = localesOf(flow)[0] ?? 'en-US';
  const byId = new Map<string, number>();
  const perNode = nodeFactsOf(flow, defaultLocale, wordsPerMinute);
  const count = flow.nodes.length;
  const nodes: GraphNode[] = new Array<GraphNode>(count);
  for (let index = 0; index < count; index++) {
    const node = flow.nodes[index]!;
    if (!byId.has(node.id)) byId.set(node.id, index);
    const facts = perNode[index]!;
    const endsHere = node.kind === 'subflow' && endsInside !== undefined && endsInside(node.flow);
    nodes[index] = new NodeOfGraph(index, node, endsHere ? NONE : facts.outcomes, facts, endsHere ? 'ended' : facts.terminal);
  }
  // Each outcome's target, looked up once (into an array of the outcomes'
  // number, not one grown by push); then every edge list is made at its
  // final length (lists grown by push start at sixteen places, most of them
  // never used, and every one lives as long as the graph).
  let outcomeCount = 0;
  for (let from = 0; from < count; from++) outcomeCount += nodes[from]!.outcomes.length;
  const targets = new Int32Array(outcomeCount);
  let written = 0;
  const outDegree = new Uint32Array(count);
  const inDegree = new Uint32Array(count);
  const unwired: Outcome[][] = new Array<Outcome[]>(count).fill(NONE);
  const broken: BrokenReference[] = [];
  for (let from = 0; from < count; from++) {
    const outcomes = nodes[from]!.outcomes;
    for (let o = 0; o < outcomes.length; o++) {
      const outcome = outcomes[o]!;
      let to = -1;
      if (outcome.target === undefined) {
        if (unwired[from] === NONE) unwired[from] = [];
        unwired[from]!.push(outcome);
      } else {
        const found = byId.get(outcome.target);
        if (found === undefined) broken.push({ from, outcome, target: outcome.target });
        else {
          to = found;
          outDegree[from]!++;
          inDegree[to]!++;
        }
      }
      targets[written++] = to;
    }
  }
  const out: Edge[][] = new Array<Edge[]>(count);
  const incoming: Edge[][] = new Array<Edge[]>(count);
  for (let i = 0; i < count; i++) {
    out[i] = outDegree[i] === 0 ? [] : new Array<Edge>(outDegree[i]!);
    incoming[i] = inDegree[i] === 0 ? [] : new Array<Edge>(inDegree[i]!);
  }
  // inDegree counts down as each node's incoming list is filled.
  let edgeCount = 0;
  let t = 0;
  for (let from = 0; from < count; from++) {
    const g = nodes[from]!;
    let k = 0;
    for (let o = 0; o < g.outcomes.length; o++) {
      const outcome = g.outcomes[o]!;
      const to = targets[t++]!;
      if (to < 0) continue;
      const edge: Edge = {
        from,
        to,
        outcome,
        seconds:
          outcome.retry === 'maxRetries'
            ? retryLimitSeconds(g.node, g.enterSeconds, defaultLocale, defaultLocale, wordsPerMinute)
            : g.enterSeconds + outcomeSeconds(g.node, outcome)
      };
      out[from]![k++] = edge;
      incoming[to]![incoming[to]!.length - inDegree[to]!--] = edge;
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
