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
import { memo, useCallback, useLayoutEffect, useMemo, useRef, type PointerEvent, type WheelEvent } from 'react';
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

/** Where the picture of `box` sits in a surface of this size: scaled to fit and centred (as SVG's preserveAspectRatio "xMidYMid meet"). */
function fit(box: Box, width: number, height: number): { scale: number; x: number; y: number } {
  const scale = Math.min(width / box.width, height / box.height);
  return { scale, x: (width - box.width * scale) / 2 - box.x * scale, y: (height - box.height * scale) / 2 - box.y * scale };
}

/**
 * The nodes layer: one rounded rectangle per node, painted on a canvas
 * (as SVG, a 10,000-node flow was 10,000 elements for the page to make,
 * style and lay out as it opened), and painted again only when a node
 * moves, is added, goes or is selected. Its colours are the stylesheet's
 * (`--minimap-node`, `--minimap-node-selected`).
 */
const MinimapNodes = memo(function MinimapNodes({ nodes, box, width, height }: { nodes: readonly CanvasNode[]; box: Box; width: number; height: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (canvas === null || context === null || context === undefined) return;
    // Sharp on a high-density screen: the bitmap has a pixel per device pixel.
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const style = getComputedStyle(canvas);
    const at = fit(box, width, height);
    context.setTransform(ratio * at.scale, 0, 0, ratio * at.scale, ratio * at.x, ratio * at.y);
    // The selected nodes last, over the others.
    for (const selected of [false, true]) {
      context.beginPath();
      for (const node of nodes) {
        if ((node.selected === true) !== selected) continue;
        const { width: w, height: h } = sizeOf(node);
        // Rounded as the cards are, where the browser can (roundRect is newer than the canvas).
        if (typeof context.roundRect === 'function') context.roundRect(node.position.x, node.position.y, w, h, 8);
        else context.rect(node.position.x, node.position.y, w, h);
      }
      context.fillStyle = style.getPropertyValue(selected ? '--minimap-node-selected' : '--minimap-node').trim();
      context.fill();
    }
  }, [nodes, box, width, height]);
  return <canvas ref={ref} className="minimap-nodes" style={{ width, height }} aria-hidden="true" />;
});

const viewOf = (state: ReactFlowState) => ({ tx: state.transform[0], ty: state.transform[1], zoom: state.transform[2], width: state.width, height: state.height });
const sameView = (a: ReturnType<typeof viewOf>, b: ReturnType<typeof viewOf>) =>
  a.tx === b.tx && a.ty === b.ty && a.zoom === b.zoom && a.width === b.width && a.height === b.height;

/**
 * The view's layer: the part of the flow in view, outlined, the rest shaded
 * (by the outline's shadow); the only part a pan changes. The outline is
 * placed by a transform on a layer of its own, so a pan moves it without
 * the page painting anything again; its size changes only with the zoom.
 */
function MinimapView({ box, width, height }: { box: Box; width: number; height: number }) {
  const view = useStore(viewOf, sameView);
  const at = fit(box, width, height);
  const scale = at.scale / view.zoom;
  const x = at.x - view.tx * scale;
  const y = at.y - view.ty * scale;
  return (
    <div
      className="minimap-window"
      style={{ width: view.width * scale, height: view.height * scale, transform: `translate(${x}px, ${y}px)` }}
      aria-hidden="true"
    />
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
      const at = fit(box, rect.width, rect.height);
      return { x: (clientX - rect.left - at.x) / at.scale, y: (clientY - rect.top - at.y) / at.scale };
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
