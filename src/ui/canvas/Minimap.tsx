/**
 * The minimap: every node of the flow in small, and the part in view. It
 * is drawn in two layers so that a pan costs it nothing: the nodes, laid
 * out over the flow's bounds, change only when the flow does; the view's
 * outline, on a layer of its own, follows the view. (React Flow's own
 * minimap fits its picture to the view and the nodes together, so each
 * step of a pan near the flow's edges made the browser lay out and paint
 * every node of it again.) A click or a drag on it centres the view there;
 * the wheel zooms.
 */
import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useMemo, useRef, type PointerEvent, type WheelEvent } from 'react';
import { CARD_WIDTH, cardHeight } from './geometry.ts';
import type { CanvasNode } from './view.ts';

/** A card with nothing but its title: the size of a node whose own is not known. */
const SMALLEST_CARD = { width: CARD_WIDTH, height: cardHeight({ excerpt: false, outcomes: [], time: false }) };
/** Room around the flow's nodes, in flow units, as a share of its larger side. */
const MARGIN = 0.05;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A node's size: as drawn, else as its card was worked out before drawing (view.ts gives every node one). */
function sizeOf(node: CanvasNode): { width: number; height: number } {
  return { width: node.measured?.width ?? node.width ?? SMALLEST_CARD.width, height: node.measured?.height ?? node.height ?? SMALLEST_CARD.height };
}

/** The flow's nodes' bounds, with a margin; a unit box for a flow without nodes. */
function boundsOf(nodes: readonly CanvasNode[]): Box {
  if (nodes.length === 0) return { x: 0, y: 0, width: 1, height: 1 };
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const node of nodes) {
    const { width, height } = sizeOf(node);
    x1 = Math.min(x1, node.position.x);
    y1 = Math.min(y1, node.position.y);
    x2 = Math.max(x2, node.position.x + width);
    y2 = Math.max(y2, node.position.y + height);
  }
  const margin = MARGIN * Math.max(x2 - x1, y2 - y1);
  return { x: x1 - margin, y: y1 - margin, width: x2 - x1 + 2 * margin, height: y2 - y1 + 2 * margin };
}

/** The nodes layer: one rectangle per node, drawn again only when a node moves, is added or goes. */
const MinimapNodes = memo(function MinimapNodes({ nodes, box, width, height }: { nodes: readonly CanvasNode[]; box: Box; width: number; height: number }) {
  return (
    <svg className="minimap-nodes" width={width} height={height} viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true">
      {nodes.map((node) => {
        const { width: w, height: h } = sizeOf(node);
        return <rect key={node.id} className={node.selected ? 'minimap-node is-selected' : 'minimap-node'} x={node.position.x} y={node.position.y} width={w} height={h} rx={8} />;
      })}
    </svg>
  );
});

const viewOf = (state: ReactFlowState) => ({ tx: state.transform[0], ty: state.transform[1], zoom: state.transform[2], width: state.width, height: state.height });
const sameView = (a: ReturnType<typeof viewOf>, b: ReturnType<typeof viewOf>) =>
  a.tx === b.tx && a.ty === b.ty && a.zoom === b.zoom && a.width === b.width && a.height === b.height;

/** The view's layer: the part of the flow in view, outlined, the rest shaded; the only part a pan changes. */
function MinimapView({ box, width, height }: { box: Box; width: number; height: number }) {
  const view = useStore(viewOf, sameView);
  const x = -view.tx / view.zoom;
  const y = -view.ty / view.zoom;
  const w = view.width / view.zoom;
  const h = view.height / view.zoom;
  // The shade: the whole picture (and more) less the view, as one path with a hole.
  const outer = `M${box.x - box.width},${box.y - box.height}h${box.width * 3}v${box.height * 3}h${-box.width * 3}z`;
  return (
    <svg className="minimap-view" width={width} height={height} viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true">
      <path className="minimap-shade" fillRule="evenodd" d={`${outer}M${x},${y}h${w}v${h}h${-w}z`} />
      <rect className="minimap-outline" x={x} y={y} width={w} height={h} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

export interface MinimapProps {
  readonly nodes: readonly CanvasNode[];
  readonly width: number;
  readonly height: number;
}

export function Minimap({ nodes, width, height }: MinimapProps) {
  const flow = useReactFlow();
  const box = useMemo(() => boundsOf(nodes), [nodes]);
  const dragging = useRef(false);

  /** The flow point under a pointer on the minimap (its picture is centred and scaled to fit, as preserveAspectRatio meet). */
  const flowPoint = useCallback(
    (clientX: number, clientY: number, target: Element): { x: number; y: number } => {
      const rect = target.getBoundingClientRect();
      const scale = Math.min(rect.width / box.width, rect.height / box.height);
      const offsetX = (rect.width - box.width * scale) / 2;
      const offsetY = (rect.height - box.height * scale) / 2;
      return { x: box.x + (clientX - rect.left - offsetX) / scale, y: box.y + (clientY - rect.top - offsetY) / scale };
    },
    [box]
  );
  const centreAt = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      const at = flowPoint(event.clientX, event.clientY, event.currentTarget);
      void flow.setCenter(at.x, at.y, { zoom: flow.getZoom() });
    },
    [flow, flowPoint]
  );

  return (
    <Panel position="bottom-right" className="react-flow__minimap minimap">
      <div
        className="minimap-surface"
        role="img"
        aria-label="Minimap"
        style={{ width, height }}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          centreAt(event);
        }}
        onPointerMove={(event) => {
          if (dragging.current) centreAt(event);
        }}
        onPointerUp={(event) => {
          dragging.current = false;
          if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
        }}
        onWheel={(event: WheelEvent<HTMLDivElement>) => {
          // Zooms the view about its centre: in as the wheel turns away, out as it turns back.
          const zoom = flow.getZoom() * Math.pow(2, -event.deltaY / 500);
          void flow.zoomTo(zoom);
        }}
      >
        <MinimapNodes nodes={nodes} box={box} width={width} height={height} />
        <MinimapView box={box} width={width} height={height} />
      </div>
    </Panel>
  );
}
