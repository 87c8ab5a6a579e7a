import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
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
  type NodeChange
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { Draft, NodeKind, XY } from '../../core/model/index.ts';
import type { DraftAnalysis } from '../model/analysis.ts';
import type { Heat } from '../panels/Traffic.tsx';
import { NodeCard } from './NodeCard.tsx';
import { OutcomeEdge } from './OutcomeEdge.tsx';
import { canvasEdges, canvasNodes, type CanvasNode } from './view.ts';
import type { CompareView } from '../model/compare.ts';
import { UiIcon } from '../shell/icons.tsx';
import { setLayout, useLayout } from '../shell/layout.ts';

const nodeTypes = { flowNode: NodeCard };
const edgeTypes = { outcome: OutcomeEdge };

/** Below this zoom, edge labels are left off: they cannot be read, and measuring them costs frames. */
const LABEL_ZOOM = 0.4;
/** A flow with more nodes than this opens on its start rather than fitted whole (it would be too small to read). */
const LARGE_FLOW = 150;
/** The zoom a large flow opens at, around its start. */
const READABLE_ZOOM = 0.75;

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

export interface CanvasActions {
  add(kind: NodeKind, at: XY): void;
  connect(source: string, handle: string, target: string | undefined): void;
  move(positions: Map<string, XY>): void;
  remove(ids: Set<string>): void;
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
  // While the view pans or zooms, edges spanning several screens are not drawn: they return when it stops.
  const [moving, setMoving] = useState(false);
  const onMoveStart = useCallback(() => setMoving(true), []);
  const onMoveEnd = useCallback(() => setMoving(false), []);
  const edges = useMemo(() => canvasEdges(draft, analysis, { callRoute, labels, ...(compare ? { compare } : {}) }), [draft, analysis, callRoute, labels, compare]);
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
        const start = draft.nodes.length > LARGE_FLOW ? flow.getNode(draft.start) : undefined;
        if (start === undefined) {
          fitWhole(200);
          return;
        }
        // A large flow opens on its start at a zoom that can be read; the minimap and "fit view" show the whole.
        const pane = document.querySelector('.canvas')?.getBoundingClientRect();
        const x = start.position.x + (pane ? (pane.width * 0.35) / READABLE_ZOOM : 300);
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
      const removed = new Set<string>();
      let selection: Set<string> | undefined;
      for (const change of changes) {
        if (change.type === 'remove') removed.add(change.id);
        if (change.type === 'select') {
          selection ??= new Set(selected);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), current));
      if (removed.size > 0) actions.remove(removed);
      if (selection !== undefined) actions.select([...selection]);
    },
    [actions, selected]
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: CanvasNode, dragged: CanvasNode[]) => {
      actions.move(new Map(dragged.map((n) => [n.id, n.position])));
    },
    [actions]
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const change of changes) {
        if (change.type !== 'remove') continue;
        const edge = edges.find((e) => e.id === change.id);
        if (edge?.sourceHandle) actions.connect(edge.source, edge.sourceHandle, undefined);
      }
    },
    [actions, edges]
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.sourceHandle) actions.connect(connection.source, connection.sourceHandle, connection.target);
    },
    [actions]
  );

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
    <section className={moving ? 'canvas is-moving' : 'canvas'} aria-label="Flow canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
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
        <Background gap={24} />
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
        {minimap && <MiniMap pannable zoomable ariaLabel="Minimap" nodeStrokeWidth={3} style={MINIMAP} />}
      </ReactFlow>
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
