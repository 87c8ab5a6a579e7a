/**
 * Facts about a flow's graph, each computed once, on first use, by one graph
 * pass: reachability, strongly connected components, reverse reachability of
 * help, shortest caller time to a person, menu depth. Rules read these; none
 * of them enumerates paths.
 */
import type { Edge, FlowGraph } from './graph.ts';

export interface SubflowInfo {
  /** The sub-flow was found among the flows analysed together. */
  readonly resolved: boolean;
  /** Help (a person, voicemail, callback) can be reached inside it; assumed when unresolved. */
  readonly reachesHelp: boolean;
}

export type SubflowResolver = (flowId: string) => SubflowInfo | undefined;

/** A value that is computed on first read and then kept. */
function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** A binary min-heap of node indices keyed by distance. */
class MinHeap {
  private readonly items: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: number, key: number): void {
    const items = this.items;
    const keys = this.keys;
    let i = items.length;
    items.push(item);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      items[i] = items[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    items[i] = item;
    keys[i] = key;
  }

  pop(): [item: number, key: number] {
    const items = this.items;
    const keys = this.keys;
    const top: [number, number] = [items[0]!, keys[0]!];
    const lastItem = items.pop()!;
    const lastKey = keys.pop()!;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && keys[right]! < keys[left]! ? right : left;
        if (keys[child]! >= lastKey) break;
        items[i] = items[child]!;
        keys[i] = keys[child]!;
        i = child;
      }
      items[i] = lastItem;
      keys[i] = lastKey;
    }
    return top;
  }
}

/** Nodes reachable from `sources` following `follow` edges (forward or backward). */
function search(
  size: number,
  sources: Iterable<number>,
  next: (index: number) => Iterable<number>
): boolean[] {
  const seen = new Array<boolean>(size).fill(false);
  const stack: number[] = [];
  for (const s of sources) {
    if (!seen[s]) {
      seen[s] = true;
      stack.push(s);
    }
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const w of next(v)) {
      if (!seen[w]) {
        seen[w] = true;
        stack.push(w);
      }
    }
  }
  return seen;
}

function* targets(edges: readonly Edge[], keep: (edge: Edge) => boolean = () => true): Iterable<number> {
  for (const edge of edges) if (keep(edge)) yield edge.to;
}

function* sources(edges: readonly Edge[], keep: (edge: Edge) => boolean = () => true): Iterable<number> {
  for (const edge of edges) if (keep(edge)) yield edge.from;
}

const beforeHelp = (edge: Edge): boolean => !edge.outcome.afterHelp;

export interface Components {
  /** Component number of each node. */
  readonly of: readonly number[];
  /** Members of each component. */
  readonly members: readonly (readonly number[])[];
}

/**
 * Strongly connected components (Tarjan's algorithm, iterative so deep flows
 * cannot overflow the stack) of the graph restricted to `keep` edges.
 */
export function stronglyConnected(graph: FlowGraph, keep: (edge: Edge) => boolean = () => true): Components {
  const n = graph.nodes.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const of = new Array<number>(n).fill(-1);
  const members: number[][] = [];
  const stack: number[] = [];
  const work: [node: number, edge: number][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push([root, 0]);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const v = frame[0];
      const edges = graph.out[v]!;
      let descended = false;
      while (frame[1] < edges.length) {
        const edge = edges[frame[1]++]!;
        if (!keep(edge)) continue;
        const w = edge.to;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
          descended = true;
          break;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
      }
      if (descended) continue;
      work.pop();
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          of[w] = members.length;
          component.push(w);
        } while (w !== v);
        members.push(component);
      }
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
    }
  }
  return { of, members };
}

/** Single-source shortest distances with Dijkstra over non-negative weights. */
function shortest(
  size: number,
  sources: Iterable<number>,
  next: (index: number) => Iterable<[to: number, weight: number, edge: Edge]>
): { distance: number[]; via: (Edge | undefined)[] } {
  const distance = new Array<number>(size).fill(Infinity);
  const via = new Array<Edge | undefined>(size).fill(undefined);
  const heap = new MinHeap();
  for (const s of sources) {
    distance[s] = 0;
    heap.push(s, 0);
  }
  while (heap.size > 0) {
    const [v, d] = heap.pop();
    if (d > distance[v]!) continue;
    for (const [w, weight, edge] of next(v)) {
      const candidate = d + weight;
      if (candidate < distance[w]!) {
        distance[w] = candidate;
        via[w] = edge;
        heap.push(w, candidate);
      }
    }
  }
  return { distance, via };
}

export interface Facts {
  /** Nodes a call can reach from the start. */
  readonly reachable: () => readonly boolean[];
  /** Nodes a call can reach from the start before the caller has been helped. */
  readonly reachableBeforeHelp: () => readonly boolean[];
  /** Nodes that offer help: a person now, or voicemail / callback. */
  readonly isHelp: () => readonly boolean[];
  /** Nodes from which help can still be reached. */
  readonly canReachHelp: () => readonly boolean[];
  /** Human endpoints: a queue, or a transfer that reaches a person. */
  readonly isHuman: () => readonly boolean[];
  /** Nodes that reach a human endpoint through non-input nodes only. */
  readonly autoReachesHuman: () => readonly boolean[];
  readonly components: () => Components;
  /**
   * Caller seconds from entering each node to arriving at the nearest human
   * endpoint (Infinity when none is reachable), with the first edge of that route.
   */
  readonly toHuman: () => { readonly seconds: readonly number[]; readonly next: readonly (Edge | undefined)[] };
  /** Menu choices needed to reach each node by its shortest route, with the edge it is reached by. */
  readonly menuDepth: () => { readonly depth: readonly number[]; readonly via: readonly (Edge | undefined)[] };
  /** Variables that some `set` node increments: retry counters. */
  readonly counters: () => ReadonlySet<string>;
  /** Sub-flow facts for a node, when it is a sub-flow. */
  readonly subflow: (index: number) => SubflowInfo | undefined;
}

export interface FactOptions {
  /**
   * Whether a `return` counts as help: true when a flow is analysed on its own
   * (the flow that runs it may offer help), false when it is summarised as a
   * sub-flow of a flow that is analysed too.
   */
  readonly returnIsHelp?: boolean;
}

export function computeFacts(graph: FlowGraph, resolveSubflow?: SubflowResolver, options: FactOptions = {}): Facts {
  const returnIsHelp = options.returnIsHelp ?? true;
  const n = graph.nodes.length;

  const subflowInfo = (index: number): SubflowInfo | undefined => {
    const node = graph.nodes[index]!.node;
    if (node.kind !== 'subflow') return undefined;
    return resolveSubflow?.(node.flow) ?? { resolved: false, reachesHelp: true };
  };

  const reachable = lazy(() => search(n, [graph.start], (v) => targets(graph.out[v]!)));
  const reachableBeforeHelp = lazy(() => search(n, [graph.start], (v) => targets(graph.out[v]!, beforeHelp)));

  const isHuman = lazy(() => graph.nodes.map((g) => g.help === 'human'));

  const isHelp = lazy(() =>
    graph.nodes.map((g, index) => {
      if (g.help !== undefined) return true;
      // A return hands the call back to a flow this analysis does not see.
      if (g.terminal === 'return') return returnIsHelp;
      return subflowInfo(index)?.reachesHelp ?? false;
    })
  );

  const canReachHelp = lazy(() => {
    const help = isHelp();
    const seeds: number[] = [];
    for (let i = 0; i < n; i++) if (help[i]) seeds.push(i);
    return search(n, seeds, (v) => sources(graph.in[v]!));
  });

  const autoReachesHuman = lazy(() => {
    const human = isHuman();
    const seeds: number[] = [];
    for (let i = 0; i < n; i++) if (human[i]) seeds.push(i);
    return search(n, seeds, (v) =>
      sources(graph.in[v]!, (edge) => beforeHelp(edge) && !graph.nodes[edge.from]!.input)
    );
  });

  const components = lazy(() => stronglyConnected(graph));

  const toHuman = lazy(() => {
    const human = isHuman();
    const seeds: number[] = [];
    for (let i = 0; i < n; i++) if (human[i]) seeds.push(i);
    // Backwards from the human endpoints: the edge u → v costs the time spent at u.
    const { distance, via } = shortest(n, seeds, function* (v) {
      for (const edge of graph.in[v]!) {
        if (edge.outcome.afterHelp) continue;
        yield [edge.from, edge.seconds, edge];
      }
    });
    return { seconds: distance, next: via };
  });

  const menuDepth = lazy(() => {
    // 0-1 breadth-first search: a menu choice costs one, anything else nothing.
    const depth = new Array<number>(n).fill(Infinity);
    const via = new Array<Edge | undefined>(n).fill(undefined);
    const deque: number[] = [graph.start];
    let head = 0;
    depth[graph.start] = 0;
    // A deque as an array with a moving head; zero-cost edges are pushed to the front.
    const front: number[] = [];
    while (front.length > 0 || head < deque.length) {
      const v = front.length > 0 ? front.pop()! : deque[head++]!;
      for (const edge of graph.out[v]!) {
        if (edge.outcome.afterHelp) continue;
        const cost = edge.outcome.choice ? 1 : 0;
        const candidate = depth[v]! + cost;
        if (candidate < depth[edge.to]!) {
          depth[edge.to] = candidate;
          via[edge.to] = edge;
          if (cost === 0) front.push(edge.to);
          else deque.push(edge.to);
        }
      }
    }
    return { depth, via };
  });

  const counters = lazy(() => {
    const set = new Set<string>();
    for (const g of graph.nodes) {
      if (g.node.kind === 'set') for (const name of g.node.increment ?? []) set.add(name);
    }
    return set;
  });

  return {
    reachable,
    reachableBeforeHelp,
    isHelp,
    canReachHelp,
    isHuman,
    autoReachesHuman,
    components,
    toHuman,
    menuDepth,
    counters,
    subflow: subflowInfo
  };
}
