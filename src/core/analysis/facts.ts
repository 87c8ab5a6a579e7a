/**
 * Facts about a flow's graph, each computed once, on first use, by one graph
 * pass: reachability, strongly connected components, reverse reachability of
 * help, shortest caller time to a person, menu depth. Rules read these; none
 * of them enumerates paths.
 */
import type { Edge, FlowGraph, GraphEntry } from './graph.ts';

export interface SubflowInfo {
  /** The sub-flow was found among the flows analysed together. */
  readonly resolved: boolean;
  /** Help (a person, voicemail, callback) can be reached inside it; assumed when unresolved. */
  readonly reachesHelp: boolean;
  /** A call can come back from it (it reaches a `return`); assumed when unresolved. */
  readonly returns: boolean;
}

export interface SubflowResolver {
  (flowId: string): SubflowInfo | undefined;
  /**
   * For a sub-flow node of flow `from` that runs `flowId`: the flows that run
   * each other, `from` first and last (`a`, `b`, `a`), when the sub-flow runs
   * `from` again; undefined when it does not (or this is not known).
   */
  readonly cycle?: (from: string, flowId: string) => readonly string[] | undefined;
}

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

  /** The key of the item `pop` returned last. */
  poppedKey = 0;

  /** Removes and returns the item with the smallest key; its key is left in `poppedKey`. */
  pop(): number {
    const items = this.items;
    const keys = this.keys;
    const top = items[0]!;
    this.poppedKey = keys[0]!;
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

type EdgeFilter = (edge: Edge) => boolean;

/**
 * Nodes reachable from `seeds` along the `keep` edges of `adjacency`: the
 * graph's `out` lists to search forwards, its `in` lists to search backwards.
 */
function search(
  adjacency: readonly (readonly Edge[])[],
  seeds: readonly number[],
  forward: boolean,
  keep?: EdgeFilter
): Uint8Array {
  const n = adjacency.length;
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  for (const s of seeds) {
    if (seen[s] === 0) {
      seen[s] = 1;
      stack.push(s);
    }
  }
  while (stack.length > 0) {
    const edges = adjacency[stack.pop()!]!;
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i]!;
      if (keep !== undefined && !keep(edge)) continue;
      const w = forward ? edge.to : edge.from;
      if (seen[w] === 0) {
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  return seen;
}

const beforeHelp = (edge: Edge): boolean => !edge.outcome.afterHelp;

/**
 * How the person is in touch when a call or conversation is at a node: bits,
 * as several entries (or several routes) can bring them there differently.
 */
export const CONTACT = {
  /** On the phone, owed help: an inbound call (or a module of one). */
  owed: 1,
  /** In a conversation by messages (SMS, chat): they wrote, or replied. */
  messaging: 2,
  /** Nobody in touch yet: an API request, before a call is answered or a reply comes. */
  apart: 4,
  /** On the phone, not owed help here: a call placed to them, or a queue, hold, whisper, transfer, callback or voicemail flow. */
  onCall: 8
} as const;

/** The contact an entry point starts with. */
function entryContact(entry: GraphEntry): number {
  if (entry.channel === 'messaging') return CONTACT.messaging;
  if (entry.channel === 'api') return CONTACT.apart;
  return entry.role === 'inbound' || entry.role === 'module' ? CONTACT.owed : CONTACT.onCall;
}

/** The contact after an outcome: an outgoing call answered puts the person on the phone; a reply brings them in touch. */
function contactAfter(bits: number, edge: Edge): number {
  switch (edge.outcome.means) {
    case 'answered':
      return (bits & CONTACT.owed) | CONTACT.onCall;
    case 'reply':
      return bits & CONTACT.apart ? (bits & ~CONTACT.apart) | CONTACT.messaging : bits;
    default:
      return bits;
  }
}

/** Every node's contact bits, from every entry: a worklist over the edges; each node's bits only grow, four times at most. */
function contactContexts(graph: FlowGraph): Uint8Array {
  const bits = new Uint8Array(graph.nodes.length);
  const work: number[] = [];
  for (const entry of graph.entries) {
    const add = entryContact(entry) & ~bits[entry.index]!;
    if (add === 0) continue;
    bits[entry.index]! |= add;
    work.push(entry.index);
  }
  while (work.length > 0) {
    const u = work.pop()!;
    const edges = graph.out[u]!;
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i]!;
      const add = contactAfter(bits[u]!, edge) & ~bits[edge.to]!;
      if (add === 0) continue;
      bits[edge.to]! |= add;
      work.push(edge.to);
    }
  }
  return bits;
}

export interface Components {
  /** Component number of each node. */
  readonly of: Int32Array;
  readonly count: number;
  /** The nodes of component `c`. */
  members(c: number): Int32Array;
}

/**
 * Strongly connected components (Tarjan's algorithm, iterative so deep flows
 * cannot overflow the stack) of the graph restricted to `keep` edges. Typed
 * arrays throughout: a flow of 10,000 nodes makes no garbage here.
 */
export function stronglyConnected(graph: FlowGraph, keep?: EdgeFilter): Components {
  const n = graph.nodes.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const of = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let stackTop = 0;
  // The depth-first path: a node and how many of its edges were looked at.
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  let workTop = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    workNode[workTop] = root;
    workEdge[workTop++] = 0;
    while (workTop > 0) {
      const frame = workTop - 1;
      const v = workNode[frame]!;
      const edges = graph.out[v]!;
      let descended = false;
      while (workEdge[frame]! < edges.length) {
        const edge = edges[workEdge[frame]!++]!;
        if (keep !== undefined && !keep(edge)) continue;
        const w = edge.to;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[stackTop++] = w;
          onStack[w] = 1;
          workNode[workTop] = w;
          workEdge[workTop++] = 0;
          descended = true;
          break;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
      }
      if (descended) continue;
      workTop--;
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--stackTop]!;
          onStack[w] = 0;
          of[w] = count;
        } while (w !== v);
        count++;
      }
      if (workTop > 0) {
        const parent = workNode[workTop - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  // Members grouped by component (a counting sort), made on first use.
  let order: Int32Array | undefined;
  let start: Int32Array | undefined;
  const members = (c: number): Int32Array => {
    if (order === undefined || start === undefined) {
      start = new Int32Array(count + 1);
      for (let v = 0; v < n; v++) start[of[v]! + 1]!++;
      for (let c2 = 0; c2 < count; c2++) start[c2 + 1]! += start[c2]!;
      const next = start.slice(0, count);
      order = new Int32Array(n);
      for (let v = 0; v < n; v++) order[next[of[v]!]!++] = v;
    }
    return order.subarray(start[c]!, start[c + 1]!);
  };
  return { of, count, members };
}

/**
 * Shortest caller seconds from every node to the nearest of `targets`
 * (Dijkstra backwards over the `in` lists, non-negative weights), with the
 * first edge of each shortest route.
 */
function shortestTo(
  graph: FlowGraph,
  targets: readonly number[],
  keep: EdgeFilter
): { distance: Float64Array; via: (Edge | undefined)[] } {
  const n = graph.nodes.length;
  const distance = new Float64Array(n).fill(Infinity);
  const via = new Array<Edge | undefined>(n).fill(undefined);
  const heap = new MinHeap();
  for (const t of targets) {
    distance[t] = 0;
    heap.push(t, 0);
  }
  while (heap.size > 0) {
    const v = heap.pop();
    const d = heap.poppedKey;
    if (d > distance[v]!) continue;
    const edges = graph.in[v]!;
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i]!;
      if (!keep(edge)) continue;
      const candidate = d + edge.seconds;
      if (candidate < distance[edge.from]!) {
        distance[edge.from] = candidate;
        via[edge.from] = edge;
        heap.push(edge.from, candidate);
      }
    }
  }
  return { distance, via };
}

/** One flag a node: 1 or 0. */
export type Flags = Uint8Array;

export interface Facts {
  /** Nodes a call can reach from the start. */
  readonly reachable: () => Flags;
  /** Nodes a call can reach from the start before the caller has been helped. */
  readonly reachableBeforeHelp: () => Flags;
  /** How the person can be in touch at each node, over every entry: `CONTACT` bits (0: no entry reaches it). */
  readonly contexts: () => Flags;
  /** Nodes that offer help: a person now, or voicemail / callback. */
  readonly isHelp: () => Flags;
  /** Nodes from which help can still be reached. */
  readonly canReachHelp: () => Flags;
  /** Human endpoints: a queue, or a transfer that reaches a person. */
  readonly isHuman: () => Flags;
  /** Nodes that reach a human endpoint through non-input nodes only. */
  readonly autoReachesHuman: () => Flags;
  readonly components: () => Components;
  /**
   * Caller seconds from entering each node to arriving at the nearest human
   * endpoint (Infinity when none is reachable), with the first edge of that route.
   */
  readonly toHuman: () => { readonly seconds: Float64Array; readonly next: readonly (Edge | undefined)[] };
  /** Menu choices needed to reach each node by its shortest route, with the edge it is reached by. */
  readonly menuDepth: () => { readonly depth: readonly number[]; readonly via: readonly (Edge | undefined)[] };
  /** Variables that some `set` node increments: retry counters. */
  readonly counters: () => ReadonlySet<string>;
  /** Sub-flow facts for a node, when it is a sub-flow. */
  readonly subflow: (index: number) => SubflowInfo | undefined;
  /**
   * For a sub-flow node that runs a flow which runs this one again (or runs
   * this one itself): the flows that run each other, this one first and
   * last. Known when the flow's id is given: through other flows when the
   * resolver finds cycles, and a node that runs its own flow always.
   */
  readonly subflowCycle: (index: number) => readonly string[] | undefined;
}

export interface FactOptions {
  /**
   * Whether a `return` counts as help: true when a flow is analysed on its own
   * (the flow that runs it may offer help), false when it is summarised as a
   * sub-flow of a flow that is analysed too.
   */
  readonly returnIsHelp?: boolean;
  /** The id of the flow the graph is of, for the sub-flow cycles it is in. */
  readonly flowId?: string;
}

export function computeFacts(graph: FlowGraph, resolveSubflow?: SubflowResolver, options: FactOptions = {}): Facts {
  const returnIsHelp = options.returnIsHelp ?? true;
  const n = graph.nodes.length;

  const subflowInfo = (index: number): SubflowInfo | undefined => {
    const node = graph.nodes[index]!.node;
    if (node.kind !== 'subflow') return undefined;
    return resolveSubflow?.(node.flow) ?? { resolved: false, reachesHelp: true, returns: true };
  };

  const subflowCycle = (index: number): readonly string[] | undefined => {
    const node = graph.nodes[index]!.node;
    if (node.kind !== 'subflow' || options.flowId === undefined) return undefined;
    // A flow that runs itself needs no other flow to be seen.
    return resolveSubflow?.cycle?.(options.flowId, node.flow) ?? (node.flow === options.flowId ? [options.flowId, options.flowId] : undefined);
  };

  const entrySeeds = graph.entries.map((entry) => entry.index);
  const contexts = lazy(() => contactContexts(graph));
  // Flags are filled by plain loops: TypedArray.from with a mapping function walks its source through an iterator.
  const reachable = lazy(() => {
    const bits = contexts();
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) flags[i] = bits[i] === 0 ? 0 : 1;
    return flags;
  });
  const reachableBeforeHelp = lazy(() => search(graph.out, entrySeeds, true, beforeHelp));

  const isHuman = lazy(() => {
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) flags[i] = graph.nodes[i]!.help === 'human' ? 1 : 0;
    return flags;
  });

  const isHelp = lazy(() => {
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const g = graph.nodes[i]!;
      if (g.help !== undefined) flags[i] = 1;
      // A return hands the call back to a flow this analysis does not see.
      else if (g.terminal === 'return') flags[i] = returnIsHelp ? 1 : 0;
      else flags[i] = (subflowInfo(i)?.reachesHelp ?? false) ? 1 : 0;
    }
    return flags;
  });

  const canReachHelp = lazy(() => {
    const help = isHelp();
    const seeds: number[] = [];
    for (let i = 0; i < n; i++) if (help[i]) seeds.push(i);
    return search(graph.in, seeds, false);
  });

  const autoReachesHuman = lazy(() => {
    const human = isHuman();
    const seeds: number[] = [];
    for (let i = 0; i < n; i++) if (human[i]) seeds.push(i);
    return search(graph.in, seeds, false, (edge) => beforeHelp(edge) && !graph.nodes[edge.from]!.input);
  });

  const components = lazy(() => stronglyConnected(graph));

  const toHuman = lazy(() => {
    const human = isHuman();
    const seeds: number[] = [];
    for (let i = 0; i < n; i++) if (human[i]) seeds.push(i);
    // Backwards from the human endpoints: the edge u → v costs the time spent at u.
    const { distance, via } = shortestTo(graph, seeds, beforeHelp);
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
      const edges = graph.out[v]!;
      for (let e = 0; e < edges.length; e++) {
        const edge = edges[e]!;
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
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      if (g.node.kind === 'set') for (const name of g.node.increment ?? []) set.add(name);
    }
    return set;
  });

  return {
    reachable,
    reachableBeforeHelp,
    contexts,
    isHelp,
    canReachHelp,
    isHuman,
    autoReachesHuman,
    components,
    toHuman,
    menuDepth,
    counters,
    subflow: subflowInfo,
    subflowCycle
  };
}
