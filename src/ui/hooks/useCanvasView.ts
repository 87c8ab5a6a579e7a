import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { Size } from '../../core/layout/index.ts';
import type { XY } from '../../core/model/index.ts';

export interface CanvasView {
  /** The selected nodes' ids, in the order they were selected. */
  readonly selected: string[];
  readonly selectedSet: ReadonlySet<string>;
  setSelected(ids: string[] | ((ids: string[]) => string[])): void;
  /** Counts requests to fit the whole flow in view; the canvas fits on each change. */
  readonly fitRequest: number;
  fitAll(): void;
  /** Selects a node and brings it to the middle of the view. */
  showNode(id: string): void;
  /** The flow position at the middle of the canvas pane. */
  paneCentre(): XY;
  /** The nodes' sizes as drawn, for a layout. */
  drawnSizes(): Map<string, Size>;
  /** The part of the flow the canvas shows now, in flow coordinates (undefined before it is drawn). */
  viewRect(): { x: number; y: number; width: number; height: number } | undefined;
  /** Pans the view, at its zoom, to show this part of the flow when it is not wholly in view. */
  reveal(rect: { x: number; y: number; width: number; height: number }): void;
}

/** Owns what the canvas shows and where: the selection, requests to fit the flow in view, and moving the view to a node. */
export function useCanvasView(): CanvasView {
  const rf = useReactFlow();
  const [selected, setSelected] = useState<string[]>([]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const [fitRequest, setFitRequest] = useState(0);
  const fitAll = useCallback(() => setFitRequest((n) => n + 1), []);

  const showNode = useCallback(
    (id: string) => {
      setSelected([id]);
      const node = rf.getNode(id);
      if (node) {
        const w = node.measured?.width ?? 240;
        const h = node.measured?.height ?? 120;
        void rf.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(rf.getZoom(), 1), duration: 300 });
      }
    },
    [rf]
  );

  const paneCentre = useCallback((): XY => {
    const pane = document.querySelector('.canvas')?.getBoundingClientRect();
    return pane ? rf.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
  }, [rf]);

  const drawnSizes = useCallback(() => {
    const sizes = new Map<string, Size>();
    for (const node of rf.getNodes()) {
      const width = node.measured?.width ?? node.width;
      const height = node.measured?.height ?? node.height;
      if (width && height) sizes.set(node.id, { width, height });
    }
    return sizes;
  }, [rf]);

  const viewRect = useCallback(() => {
    const pane = document.querySelector('.canvas')?.getBoundingClientRect();
    if (!pane || pane.width === 0 || pane.height === 0) return undefined;
    const topLeft = rf.screenToFlowPosition({ x: pane.left, y: pane.top });
    const bottomRight = rf.screenToFlowPosition({ x: pane.right, y: pane.bottom });
    return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
  }, [rf]);

  const reveal = useCallback(
    (rect: { x: number; y: number; width: number; height: number }) => {
      const view = viewRect();
      if (view === undefined) return;
      const inside = rect.x >= view.x && rect.y >= view.y && rect.x + rect.width <= view.x + view.width && rect.y + rect.height <= view.y + view.height;
      if (!inside) void rf.setCenter(rect.x + rect.width / 2, rect.y + rect.height / 2, { zoom: rf.getZoom(), duration: 200 });
    },
    [rf, viewRect]
  );

  return { selected, selectedSet, setSelected, fitRequest, fitAll, showNode, paneCentre, drawnSizes, viewRect, reveal };
}
