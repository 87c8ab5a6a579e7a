import {
  ControlButton,
  Controls,
  ReactFlow,
  applyNodeChanges,
  getNodesBounds,
  useReactFlow,
  useStore,
  useStoreApi,
  type FitViewOptions,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type Viewport
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { displayName, outcomesOfDraft, type Draft, type NodeKind, type XY } from '../../core/model/index.ts';
import { AddStepMenu } from './AddStepMenu.tsx';
import { Minimap } from './Minimap.tsx';
import type { DraftAnalysis } from '../model/analysis.ts';
import type { Heat } from '../panels/Traffic.tsx';
import { NodeCard } from './NodeCard.tsx';
import { OutcomeEdge } from './OutcomeEdge.tsx';
import { canvasEdges, canvasNodes, splitLongEdges, viewRect, type CanvasNode } from './view.ts';
import { WireBundle } from './WireBundle.tsx';
import { keepDeclaredGeometry } from './measure.ts';
import type { CompareView } from '../model/compare.ts';
import { UiIcon } from '../shell/icons.tsx';
import { setLayout, useLayout } from '../shell/layout.ts';

const nodeTypes = { flowNode: NodeCard };
const edgeTypes = { outcome: OutcomeEdge };

/** Below this zoom, edge labels are left off: they cannot be read, and measuring them costs frames. */
const LABEL_ZOOM = 0.4;
/**
 * The least zoom at which a card's smallest running text (12 px: the prompt
 * excerpt and the outcomes) is at least 10 px on screen. A flow that would
 * fit in view only smaller than this opens on its start at this zoom; "Fit
 * View" and the minimap show the whole.
 */
export const READABLE_ZOOM = 0.84;

/** An outcome's name as an edge shows it: a key, or a phrase in quotes. */
function outcomeName(name: string): string {
  return name.startsWith('say:') ? `“${name.slice(4)}”` : /^[0-9*#]$/.test(name) ? `key ${name}` : name;
}

/** The canvas grid: drags snap to it, and an arrow key moves the selected nodes one step of it (Shift: four). */
const GRID: [number, number] = [24, 24];

export const KIND_MIME = 'application/x-zeroout-kind';

/** The minimap's size, and the margin React Flow keeps around its panels (.react-flow__panel). */
const MINIMAP = { width: 168, height: 112 };
const PANEL_MARGIN = 15;
/** Room kept clear of nodes at the left of a fitted view for the zoom buttons. */
const CONTROLS_ROOM = 52;

/**
 * The padding that fits the flow in view without putting a node under the
 * minimap (bottom right) or the zoom buttons (bottom left): the minimap's
 * room is kept either along the right or along the bottom, whichever leaves
 * the flow larger.
 */
export function fitPadding(pane: { width: number; height: number }, bounds: { width: number; height: number }, minimap: boolean): FitViewOptions['padding'] {
  const sx = Math.max(24, Math.round(pane.width * 0.065));
  const sy = Math.max(24, Math.round(pane.height * 0.065));
  const px = (n: number) => `${Math.round(n)}px` as const;
  const left = Math.max(sx, CONTROLS_ROOM);
  if (!minimap) return { top: px(sy), bottom: px(sy), left: px(left), right: px(sx) };
  const right = Math.max(sx, MINIMAP.width + PANEL_MARGIN + 12);
  const bottom = Math.max(sy, MINIMAP.height + PANEL_MARGIN + 12);
  const w = Math.max(1, bounds.width);
  const h = Math.max(1, bounds.height);
  const zoomKeepingRight = Math.min((pane.width - left - right) / w, (pane.height - 2 * sy) / h);
  const zoomKeepingBottom = Math.min((pane.width - left - sx) / w, (pane.height - sy - bottom) / h);
  return zoomKeepingRight > zoomKeepingBottom
    ? { top: px(sy), bottom: px(sy), left: px(left), right: px(right) }
    : { top: px(sy), bottom: px(bottom), left: px(left), right: px(sx) };
}

/** The zoom at which the whole of `bounds` fits the pane with a small margin. */
export function fitZoom(pane: { width: number; height: number }, bounds: { width: number; height: number }): number {
  const margin = 48;
  return Math.min((pane.width - margin) / Math.max(1, bounds.width), (pane.height - margin) / Math.max(1, bounds.height));
}

export interface CanvasActions {
  /** Adds a node; `from` wires an outcome into it, in the same edit. */
  add(kind: NodeKind, at: XY, from?: { node: string; pointer: string }): void;
  connect(source: string, handle: string, target: string | undefined): void;
  /** Moves nodes; moves with the same `streak` (arrow presses on one selection) make one undo step. */
  move(positions: Map<string, XY>, streak?: string): void;
  /** Removes nodes and unwires outcomes (edges deleted with them or alone), as one edit. */
  remove(ids: Set<string>, unwired?: readonly { node: string; pointer: string }[]): void;
  select(ids: string[]): void;
}

interface Props {
  draft: Draft;
  analysis: DraftAnalysis;
  selected: ReadonlySet<string>;
  showTimes: boolean;
  callAt: string | null;
  callRoute: readonly string[];
  /** Nodes no saved test call reaches, when the coverage overlay is on. */
  uncovered: ReadonlySet<string> | undefined;
  /** Simulated traffic through each node, when the heat overlay is on. */
  heat: Heat | undefined;
  actions: CanvasActions;
  /** Changed to ask for the whole flow to be fitted in view once the nodes are drawn where they now are. */
  fitRequest: number;
  /** Review mode: nodes can be selected, not moved, wired or deleted. */
  readOnly?: boolean;
  /** Another version the flow is compared with. */
  compare?: CompareView;
  /** Open review comments per node. */
  comments?: ReadonlyMap<string, number>;
}

export function FlowCanvas({ draft, analysis, selected, showTimes, callAt, callRoute, uncovered, heat, actions, fitRequest, readOnly = false, compare, comments }: Props) {
  const flow = useReactFlow();
  const store = useStoreApi<CanvasNode>();
  // Before the cards first render: React Flow's ResizeObserver keeps the measuring function it finds then.
  useState(() => keepDeclaredGeometry(store));
  const minimap = useLayout((l) => l.minimap);
  /** Fits the whole flow in view, clear of the minimap and the zoom buttons. */
  const fitWhole = useCallback(
    (duration: number) => {
      const { width, height } = store.getState();
      const nodes = flow.getNodes();
      if (nodes.length === 0 || width === 0 || height === 0) return;
      void flow.fitView({ padding: fitPadding({ width, height }, getNodesBounds(nodes), minimap), duration });
    },
    [flow, store, minimap]
  );
  const derived = useMemo(
    () =>
      canvasNodes(draft, analysis, {
        selected,
        showTimes,
        callAt,
        callRoute,
        ...(uncovered ? { uncovered } : {}),
        ...(heat ? { heat } : {}),
        ...(compare ? { compare } : {}),
        ...(comments ? { comments } : {})
      }),
    [draft, analysis, selected, showTimes, callAt, callRoute, uncovered, heat, compare, comments]
  );
  const labels = useStore((state) => state.transform[2] >= LABEL_ZOOM);
  // While the view pans or zooms, edges spanning several screens are not drawn: they return when it stops. The
  // class is set on the element itself: a state change would render the whole canvas again as each pan starts.
  const section = useRef<HTMLElement>(null);
  const onMoveStart = useCallback(() => section.current?.classList.add('is-moving'), []);
  // Where the view last came to rest: long edges from cards near it are edges of their own, the rest one bundle.
  const [settled, setSettled] = useState<Viewport | null>(null);
  const onMoveEnd = useCallback((_event: unknown, viewport: Viewport) => {
    section.current?.classList.remove('is-moving');
    setSettled((last) => (last !== null && last.x === viewport.x && last.y === viewport.y && last.zoom === viewport.zoom ? last : viewport));
  }, []);
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const positions = useMemo(() => new Map(draft.nodes.map((n) => [n.id, n.position])), [draft]);
  const allEdges = useMemo(() => canvasEdges(draft, analysis, { callRoute, labels, ...(compare ? { compare } : {}) }), [draft, analysis, callRoute, labels, compare]);
  const { drawn: drawnEdges, bundled } = useMemo(
    () => splitLongEdges(allEdges, positions, settled === null || width === 0 ? null : viewRect(settled, width, height)),
    [allEdges, positions, settled, width, height]
  );
  // Which edges are selected (clicked, or focused and Enter): Delete unwires them.
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(() => new Set());
  const edges = useMemo(
    () => (selectedEdges.size === 0 ? drawnEdges : drawnEdges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e))),
    [drawnEdges, selectedEdges]
  );
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setSelectedEdges((current) => {
      let next: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select' || current.has(change.id) === change.selected) continue;
        next ??= new Set(current);
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next ?? current;
    });
  }, []);
  // React Flow moves nodes while they are dragged; the draft takes the positions when the drag ends.
  const [nodes, setNodes] = useState<CanvasNode[]>(derived);
  useEffect(() => {
    setNodes(derived);
  }, [derived]);
  useEffect(() => {
    if (fitRequest === 0) return;
    // Two frames: React Flow takes the new positions, then measures them.
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        const { width, height } = store.getState();
        const nodes = flow.getNodes();
        const start = flow.getNode(draft.start);
        if (start === undefined || nodes.length === 0 || width === 0 || height === 0 || fitZoom({ width, height }, getNodesBounds(nodes)) >= READABLE_ZOOM) {
          fitWhole(200);
          return;
        }
        // Too large to read whole: open on the start, a little in from the left edge (flows read left to right).
        const x = start.position.x + (width * 0.35) / READABLE_ZOOM;
        void flow.setCenter(x, start.position.y + (start.measured?.height ?? 120) / 2, { zoom: READABLE_ZOOM });
      });
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
    // Only a new request fits the view again, not every edit.
  }, [fitRequest, flow]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      let selection: Set<string> | undefined;
      // A position given outside a drag is a move by the arrow keys: recorded like a drag.
      const nudged = new Map<string, XY>();
      for (const change of changes) {
        if (change.type === 'position' && change.dragging === false && change.position !== undefined && !dragging.current) nudged.set(change.id, change.position);
        if (change.type === 'select') {
          selection ??= new Set(selected);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      // Removals wait for the draft (onDelete makes them one edit, wires and all).
      setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), current));
      if (selection !== undefined) actions.select([...selection]);
      if (nudged.size > 0) actions.move(nudged, `nudge:${[...nudged.keys()].join('\u0000')}`);
    },
    [actions, selected]
  );

  const dragging = useRef(false);
  const onNodeDragStart = useCallback(() => {
    dragging.current = true;
  }, []);

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: CanvasNode, dragged: CanvasNode[]) => {
      dragging.current = false;
      actions.move(new Map(dragged.map((n) => [n.id, n.position])));
    },
    [actions]
  );

  // Delete removes the selected nodes and edges as one edit: undo brings a node back with the wires into it.
  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: CanvasNode[]; edges: Edge[] }) => {
      const unwired = cut.flatMap((edge) => (edge.sourceHandle ? [{ node: edge.source, pointer: edge.sourceHandle }] : []));
      if (gone.length > 0 || unwired.length > 0) actions.remove(new Set(gone.map((n) => n.id)), unwired);
    },
    [actions]
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.sourceHandle) actions.connect(connection.source, connection.sourceHandle, connection.target);
    },
    [actions]
  );

  // A wire from an outcome let go in empty space offers the kinds of node to add there, wired from it.
  const [offer, setOffer] = useState<{ at: XY; menuAt: XY; from: { node: string; pointer: string }; after: string } | null>(null);
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (readOnly || state.isValid === true || state.toNode !== null || state.fromHandle?.type !== 'source' || !state.fromHandle.id || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const pane = (event.target as Element | null)?.closest('.canvas')?.getBoundingClientRect() ?? document.querySelector('.canvas')?.getBoundingClientRect();
      if (!pane) return;
      const source = draft.nodes.find((n) => n.id === state.fromNode!.id);
      if (source === undefined) return;
      const pointer = state.fromHandle.id;
      const outcome = outcomesOfDraft(source).find((o) => o.pointer === pointer);
      const at = flow.screenToFlowPosition({ x: point.clientX, y: point.clientY });
      setOffer({
        at: { x: at.x, y: at.y - 40 },
        menuAt: { x: Math.min(point.clientX - pane.left, pane.width - 200), y: Math.min(point.clientY - pane.top, pane.height - 320) },
        from: { node: source.id, pointer },
        after: `${displayName(source)}, ${outcome === undefined ? pointer : outcomeName(outcome.name)}`
      });
    },
    [readOnly, draft, flow]
  );
  const closeOffer = useCallback(() => setOffer(null), []);

  // Dragging an edge's end to another node rewires that outcome.
  const onReconnect = useCallback(
    (old: Edge, connection: Connection) => {
      if (old.sourceHandle) actions.connect(old.source, old.sourceHandle, connection.target);
    },
    [actions]
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(KIND_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(KIND_MIME);
      if (kind === '') return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      actions.add(kind as NodeKind, { x: at.x - 110, y: at.y - 40 });
    },
    [actions, flow]
  );

  return (
    <section ref={section} className="canvas" aria-label="Flow canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        snapToGrid
        snapGrid={GRID}
        onDelete={onDelete}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnect={onReconnect}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <WireBundle edges={bundled} nodes={nodes} />
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={() => fitWhole(200)} title="Fit View" aria-label="Fit View">
            <UiIcon name="fit" />
          </ControlButton>
          <ControlButton
            onClick={() => setLayout({ minimap: !minimap })}
            title={minimap ? 'Hide minimap' : 'Show minimap'}
            aria-label={minimap ? 'Hide minimap' : 'Show minimap'}
            aria-pressed={minimap}
            className={minimap ? 'minimap-toggle is-on' : 'minimap-toggle'}
          >
            <UiIcon name="minimap" />
          </ControlButton>
        </Controls>
        {minimap && <Minimap nodes={nodes} width={MINIMAP.width} height={MINIMAP.height} />}
      </ReactFlow>
      {offer !== null && (
        <AddStepMenu
          at={offer.menuAt}
          after={offer.after}
          onClose={closeOffer}
          onPick={(kind) => {
            setOffer(null);
            actions.add(kind, offer.at, offer.from);
          }}
        />
      )}
      {heat !== undefined && <HeatLegend />}
    </section>
  );
}

/** What the heat overlay's tints and dashes mean, under the canvas while the overlay is on. */
function HeatLegend() {
  return (
    <figure className="heat-legend" aria-labelledby="heat-legend-title">
      <figcaption id="heat-legend-title">Traffic heat</figcaption>
      <span className="heat-scale">
        <span>0%</span>
        <span className="heat-ramp" role="img" aria-label="Tint from none, for no calls, to deep orange, for every call" />
        <span>100% of calls pass through the node</span>
      </span>
      <span className="heat-key">
        <span className="heat-dashed" aria-hidden="true" /> over 2% hang up there
      </span>
    </figure>
  );
}
