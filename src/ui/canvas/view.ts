/**
 * The canvas picture of a draft: one React Flow node per flow node with a
 * source handle per outcome (its id is the outcome's field pointer, unique
 * within the node), one edge per wired outcome, labelled with the key or
 * outcome name. Findings colour it: badges, trap-loop edges in red, nodes
 * with no route to help shaded.
 */
import { getBezierPath, Position, type Edge, type Node } from '@xyflow/react';
import { displayName, helpKind, outcomesOfDraft, promptText, type Draft, type FlowNode, type XY } from '../../core/model/index.ts';
import type { DraftAnalysis } from '../model/analysis.ts';
import { cardExcerpt } from '../../core/layout/index.ts';
import { CARD_WIDTH, cardHandles, cardHeight } from './geometry.ts';
import { paletteEntry } from '../model/edit.ts';
import { ghostId, routeKey, type CompareView } from '../model/compare.ts';

export interface HandleView {
  readonly id: string;
  readonly label: string;
  readonly wired: boolean;
}

export interface NodeView extends Record<string, unknown> {
  readonly node: FlowNode;
  readonly kindLabel: string;
  readonly title: string;
  readonly excerpt: string;
  readonly handles: readonly HandleView[];
  readonly isStart: boolean;
  readonly badges: { error: number; warning: number; info: number } | undefined;
  /** Seconds of caller time to a person; null when none can be reached; undefined when not analysed. */
  readonly secondsToHuman: number | null | undefined;
  /** Reached before any help, and no help can be reached from here. */
  readonly noRouteToHelp: boolean;
  readonly showTimes: boolean;
  /** Where a simulated call is now, and where it has been. */
  readonly current: boolean;
  readonly visited: boolean;
  /** No saved test call reaches it (coverage overlay on). */
  readonly uncovered: boolean;
  /** Share of simulated calls through the node, and share hanging up there (heat overlay on). */
  readonly heat: { readonly through: number; readonly hungUp: number } | undefined;
  /** Compared with another version: what this node is to it. */
  readonly diff?: 'added' | 'changed' | 'removed';
  /** Open review comments pinned to the node (review mode). */
  readonly comments?: number;
}

export type CanvasNode = Node<NodeView, 'flowNode'>;

/** A short label for an outcome on an edge or beside its handle. */
function outcomeLabel(name: string): string {
  if (name.startsWith('say:')) return `“${name.slice(4)}”`;
  return name;
}

/** The card's excerpt, cut to what two lines hold. */
function excerptOf(node: FlowNode, locale: string): string {
  const text = cardExcerpt(node, locale);
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** Flow units beyond which an edge counts as long: it is hidden while the view pans or zooms. */
export const LONG_EDGE = 2400;

export interface ViewOptions {
  readonly selected: ReadonlySet<string>;
  readonly showTimes: boolean;
  readonly callAt: string | null;
  readonly callRoute: readonly string[];
  readonly uncovered?: ReadonlySet<string>;
  readonly heat?: { readonly through: Readonly<Record<string, number>>; readonly abandoned: Readonly<Record<string, number>>; readonly calls: number };
  /** Another version the flow is compared with. */
  readonly compare?: CompareView;
  /** Open review comments per node. */
  readonly comments?: ReadonlyMap<string, number>;
}

const DIFF_WORDS = { added: 'added', changed: 'changed', removed: 'removed' } as const;

/**
 * What every card of a node has: its size and handles, known before drawing
 * (see geometry.ts; React Flow measures nothing itself for a node that has
 * them, so its "measured" size is given too), its accessible name, and what
 * it shows.
 */
function cardOf(node: FlowNode, locale: string, time: boolean) {
  const entry = paletteEntry(node.kind);
  const handles = outcomesOfDraft(node).map((o) => ({ id: o.pointer, label: outcomeLabel(o.name), wired: o.target !== undefined }));
  const excerpt = excerptOf(node, locale);
  const title = displayName(node);
  const shape = { excerpt: excerpt !== '', outcomes: handles.map((h) => h.id), time };
  const height = cardHeight(shape);
  return {
    frame: { type: 'flowNode' as const, width: CARD_WIDTH, height, measured: { width: CARD_WIDTH, height }, handles: cardHandles(shape) },
    label: `${entry?.label ?? node.kind} ${title}`,
    card: { node, kindLabel: entry?.label ?? node.kind, title, excerpt, handles }
  };
}

export function canvasNodes(draft: Draft, analysis: DraftAnalysis, options: ViewOptions): CanvasNode[] {
  const locale = draft.locales?.[0] ?? 'en-US';
  const perNode = new Map(analysis.lint?.metrics.perNode.map((m) => [m.node, m]) ?? []);
  const visited = new Set(options.callRoute);
  const helpless = helplessNodes(draft);
  const current = draft.nodes.map((node, index): CanvasNode => {
    const metric = perNode.get(node.id);
    const { frame, label, card } = cardOf(node, locale, options.showTimes && metric !== undefined);
    return {
      id: node.id,
      ...frame,
      ariaLabel: `${label}${compared(node.id) === undefined ? '' : `, ${DIFF_WORDS[compared(node.id)!]}`}`,
      position: node.position ?? { x: (index % 6) * 280, y: Math.floor(index / 6) * 200 },
      selected: options.selected.has(node.id),
      data: {
        ...card,
        isStart: draft.start === node.id,
        badges: analysis.badges.get(node.id),
        secondsToHuman: metric === undefined ? undefined : metric.secondsToHuman,
        noRouteToHelp: helpless.has(node.id),
        showTimes: options.showTimes,
        current: options.callAt === node.id,
        visited: visited.has(node.id),
        uncovered: options.uncovered?.has(node.id) ?? false,
        heat:
          options.heat === undefined
            ? undefined
            : {
                through: Object.hasOwn(options.heat.through, node.id) ? options.heat.through[node.id]! : 0,
                hungUp: (Object.hasOwn(options.heat.abandoned, node.id) ? options.heat.abandoned[node.id]! : 0) / Math.max(1, options.heat.calls)
              },
        ...(compared(node.id) === undefined ? {} : { diff: compared(node.id)! }),
        ...(options.comments?.has(node.id) ? { comments: options.comments.get(node.id)! } : {})
      }
    };
  });
  if (options.compare === undefined || options.compare.removed.length === 0) return current;
  // Removed nodes come back as ghosts where they stood, to be seen and not edited.
  const ghosts = options.compare.removed.map((node, index): CanvasNode => {
    const { frame, label, card } = cardOf(node, locale, false);
    return {
      id: ghostId(node.id),
      ...frame,
      ariaLabel: `${label}, removed`,
      position: node.position ?? { x: -400, y: index * 200 },
      selected: options.selected.has(ghostId(node.id)),
      draggable: false,
      connectable: false,
      deletable: false,
      className: 'ghost',
      data: {
        ...card,
        isStart: false,
        badges: undefined,
        secondsToHuman: undefined,
        noRouteToHelp: false,
        showTimes: false,
        current: false,
        visited: false,
        uncovered: false,
        heat: undefined,
        diff: 'removed'
      }
    };
  });
  return [...current, ...ghosts];

  function compared(id: string): 'added' | 'changed' | undefined {
    return options.compare?.status.get(id);
  }
}

/**
 * `labels: false` leaves the key and outcome names off the edges (when zoomed
 * far out they cannot be read, and measuring thousands of them costs frames).
 */
export function canvasEdges(draft: Draft, analysis: DraftAnalysis, options: Pick<ViewOptions, 'callRoute' | 'compare'> & { labels?: boolean }): Edge[] {
  const ids = new Set(draft.nodes.map((n) => n.id));
  const names = new Map(draft.nodes.map((n) => [n.id, displayName(n)]));
  const positions = new Map(draft.nodes.map((n) => [n.id, n.position]));
  // Edges that span more than a few screens are left out while the view moves (see the canvas).
  const isLong = (from: FlowNode, to: string) => {
    const a = from.position;
    const b = positions.get(to);
    return a !== undefined && b !== undefined && Math.abs(a.x - b.x) + Math.abs(a.y - b.y) > LONG_EDGE;
  };
  // Trap loops: edges inside one loop's nodes are drawn in red.
  const loops: Set<string>[] = [];
  for (const p of analysis.problems) if (p.code === 'trap-loop') loops.push(new Set(p.nodes ?? []));
  const inLoop = (a: string, b: string) => loops.some((loop) => loop.has(a) && loop.has(b));
  // The simulated call's route, as pairs of consecutive nodes.
  const walked = new Set<string>();
  for (let i = 1; i < options.callRoute.length; i++) walked.add(`${options.callRoute[i - 1]}\u0000${options.callRoute[i]}`);
  const edges: Edge[] = [];
  for (const node of draft.nodes) {
    for (const o of outcomesOfDraft(node)) {
      if (o.target === undefined || !ids.has(o.target)) continue;
      const trap = inLoop(node.id, o.target);
      const route = walked.has(`${node.id}\u0000${o.target}`);
      const changed = options.compare?.changedRoutes.has(routeKey(node.id, o.name)) === true;
      edges.push({
        id: `${node.id}${o.pointer}`,
        type: 'outcome',
        source: node.id,
        sourceHandle: o.pointer,
        target: o.target,
        ...(options.labels === false ? {} : { label: outcomeLabel(o.name) }),
        ariaLabel: `${outcomeLabel(o.name)} from ${names.get(node.id) ?? node.id} to ${names.get(o.target) ?? o.target}`,
        className: [trap ? 'edge-trap' : '', route ? 'edge-route' : '', changed ? 'edge-changed' : '', isLong(node, o.target) ? 'edge-long' : ''].filter(Boolean).join(' '),
        // Dashed, not animated: an animated dash repaints the canvas on every frame for as long as a trap is drawn.
        ...(trap ? { style: { stroke: '#d12f2f', strokeWidth: 2.5, strokeDasharray: '6 4' } } : {}),
        ...(route && !trap ? { style: { stroke: '#2664d8', strokeWidth: 3 } } : {}),
        ...(changed && !trap && !route ? { style: { stroke: '#b26a00', strokeWidth: 3 } } : {}),
        data: { outcome: o.name, trap }
      });
    }
  }
  if (options.compare !== undefined) edges.push(...goneEdges(draft, options.compare, options.labels !== false));
  return edges;
}

/** A part of the flow, in flow units. */
export interface FlowRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The part of the flow a view of this size shows at this viewport. */
export function viewRect(viewport: { readonly x: number; readonly y: number; readonly zoom: number }, width: number, height: number): FlowRect {
  return { x: -viewport.x / viewport.zoom, y: -viewport.y / viewport.zoom, width: width / viewport.zoom, height: height / viewport.zoom };
}

/** The edges React Flow draws, and the long ones drawn together as one wire bundle (see splitLongEdges). */
export interface EdgeSplit {
  readonly drawn: Edge[];
  readonly bundled: readonly Edge[];
}

/**
 * Splits the edges for a view that shows `view` (null: no view yet, every
 * edge drawn). A long edge whose source is screens away from the view only
 * crosses it or ends in it: a pan over a large flow would build hundreds of
 * them as they came into view (the fan of wires from every menu into a
 * shared queue), frame after frame. Those are drawn together as one path
 * that nothing has to build as the view moves; every other edge, and each
 * long one from a card near the view, is an edge of its own that can be
 * selected and unwired. Trap, route and change colours are never bundled.
 */
export function splitLongEdges(edges: Edge[], positions: ReadonlyMap<string, XY | undefined>, view: FlowRect | null): EdgeSplit {
  if (view === null) return { drawn: edges, bundled: [] };
  // Near: within half a view of its sides, the card's size included.
  const marginX = view.width / 2 + CARD_WIDTH;
  const marginY = view.height / 2 + CARD_WIDTH;
  const near = (id: string): boolean => {
    const at = positions.get(id);
    return at !== undefined && at.x >= view.x - marginX && at.x <= view.x + view.width + marginX && at.y >= view.y - marginY && at.y <= view.y + view.height + marginY;
  };
  const drawn: Edge[] = [];
  const bundled: Edge[] = [];
  for (const e of edges) {
    // Only a plain long edge: one with a colour of its own (trap, route, change) has the class of that too.
    if (e.className === 'edge-long' && !near(e.source)) bundled.push(e);
    else drawn.push(e);
  }
  return bundled.length === 0 ? { drawn: edges, bundled } : { drawn, bundled };
}

/** What the bundle needs of a node: where it is and where its handles are (see cardHandles). */
type Placed = Pick<Node, 'position' | 'handles'>;

/**
 * The SVG path of bundled edges, each the same curve React Flow draws for it
 * (from the right side of its source handle to the left side of the
 * target's), or '' when there are none.
 */
export function bundlePath(edges: readonly Edge[], nodes: ReadonlyMap<string, Placed>): string {
  const parts: string[] = [];
  for (const e of edges) {
    const from = nodes.get(e.source);
    const to = nodes.get(e.target);
    const out = from?.handles?.find((h) => h.type === 'source' && h.id === e.sourceHandle);
    const into = to?.handles?.find((h) => h.type === 'target');
    if (from === undefined || to === undefined || out === undefined || into === undefined) continue;
    const [path] = getBezierPath({
      sourceX: from.position.x + out.x + (out.width ?? 0),
      sourceY: from.position.y + out.y + (out.height ?? 0) / 2,
      sourcePosition: Position.Right,
      targetX: to.position.x + into.x,
      targetY: to.position.y + into.y + (into.height ?? 0) / 2,
      targetPosition: Position.Left
    });
    parts.push(path);
  }
  return parts.join(' ');
}

/** The routes of the other version that are gone, drawn dashed from the node (or its ghost) to where they led. */
function goneEdges(draft: Draft, compare: CompareView, labels: boolean): Edge[] {
  const handles = new Map<string, Map<string, string>>();
  const handleOf = (canvasId: string, node: FlowNode | undefined, outcome: string): string | undefined => {
    if (node === undefined) return undefined;
    let byName = handles.get(canvasId);
    if (byName === undefined) {
      byName = new Map(outcomesOfDraft(node).map((o) => [o.name, o.pointer]));
      handles.set(canvasId, byName);
    }
    return byName.get(outcome);
  };
  const current = new Map(draft.nodes.map((n) => [n.id, n]));
  const removed = new Map(compare.removed.map((n) => [ghostId(n.id), n]));
  return compare.goneRoutes.map((route, index) => {
    const handle = handleOf(route.source, current.get(route.source) ?? removed.get(route.source), route.outcome);
    return {
      id: `~gone~${index}`,
      type: 'outcome',
      source: route.source,
      ...(handle === undefined ? {} : { sourceHandle: handle }),
      target: route.target,
      ...(labels ? { label: `${outcomeLabel(route.outcome)} (was)` } : {}),
      ariaLabel: `${outcomeLabel(route.outcome)} was from ${route.source.replace('~removed~', 'removed ')} to ${route.target.replace('~removed~', 'removed ')}`,
      className: 'edge-gone',
      selectable: false,
      deletable: false,
      reconnectable: false,
      style: { stroke: '#9aa0a6', strokeWidth: 2, strokeDasharray: '6 4' },
      data: { outcome: route.outcome, trap: false }
    };
  });
}

/**
 * Nodes a caller can reach before getting any help and from which no help
 * (a person, voicemail or a callback) can be reached any more: two graph
 * passes over the draft, linear in its size.
 */
export function helplessNodes(draft: Draft): Set<string> {
  const byId = new Map(draft.nodes.map((n) => [n.id, n]));
  const into = new Map<string, string[]>();
  for (const node of draft.nodes) {
    for (const o of outcomesOfDraft(node)) {
      if (o.target === undefined || !byId.has(o.target)) continue;
      const list = into.get(o.target) ?? [];
      list.push(node.id);
      into.set(o.target, list);
    }
  }
  const isEnding = (node: FlowNode) => node.kind === 'hangup' || node.kind === 'return' || (node.kind === 'prompt' && node.end === true && node.next === undefined);
  const isHelp = (node: FlowNode) => helpKind(node) !== undefined || node.kind === 'subflow';
  // Backwards from every help node: the nodes that can still reach help.
  const canReach = new Set<string>();
  const stack = draft.nodes.filter(isHelp).map((n) => n.id);
  for (const id of stack) canReach.add(id);
  while (stack.length > 0) {
    for (const from of into.get(stack.pop()!) ?? []) {
      if (!canReach.has(from)) {
        canReach.add(from);
        stack.push(from);
      }
    }
  }
  // Forwards from the start, stopping at help: the nodes a caller reaches not yet helped.
  const helpless = new Set<string>();
  const seen = new Set<string>();
  const queue = byId.has(draft.start) ? [draft.start] : [];
  for (const id of queue) seen.add(id);
  while (queue.length > 0) {
    const node = byId.get(queue.pop()!)!;
    if (isHelp(node)) continue;
    // A designed ending (a goodbye, a hang-up) is where a call is meant to stop, not where a caller is stuck.
    if (!canReach.has(node.id) && !isEnding(node)) helpless.add(node.id);
    for (const o of outcomesOfDraft(node)) {
      if (o.target !== undefined && byId.has(o.target) && !seen.has(o.target)) {
        seen.add(o.target);
        queue.push(o.target);
      }
    }
  }
  return helpless;
}
