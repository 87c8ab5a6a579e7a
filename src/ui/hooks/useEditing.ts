import { useMemo } from 'react';
import { freshId, newNode, type NodeKind } from '../../core/model/index.ts';
import type { CanvasActions } from '../canvas/FlowCanvas.tsx';
import { layoutPositions } from '../canvas/layout.ts';
import { moveChange } from '../model/edit.ts';
import type { CanvasView } from './useCanvasView.ts';
import type { FlowDocument } from './useFlowDocument.ts';

/** What the Inspector changes. */
export interface InspectorEdits {
  onField(node: string, pointer: string, value: unknown): void;
  onRename(from: string, to: string): void;
  onMakeStart(id: string): void;
}

/**
 * Owns the edits made on the canvas, from the palette and in the Inspector,
 * and auto-layout; in review mode the canvas only selects.
 */
export function useEditing(doc: FlowDocument, canvas: CanvasView, review: boolean) {
  const { draft, edit, latest } = doc;
  const { setSelected, paneCentre, drawnSizes, fitAll } = canvas;

  const actions: CanvasActions = useMemo(
    () => ({
      add(kind, at) {
        const current = latest();
        if (current === null) return;
        const node = newNode(kind, freshId(current.history.present, kind), at);
        edit({ type: 'addNodes', nodes: [node] });
        setSelected([node.id]);
      },
      connect(source, handle, target) {
        edit(target === undefined ? { type: 'unwire', node: source, pointer: handle } : { type: 'wire', node: source, pointer: handle, target });
      },
      move(positions) {
        edit(moveChange(positions));
      },
      remove(ids) {
        edit({ type: 'removeNodes', ids: [...ids] });
        setSelected((s) => s.filter((id) => !ids.has(id)));
      },
      select(ids) {
        setSelected(ids);
      }
    }),
    [edit, latest, setSelected]
  );
  const readOnlyActions: CanvasActions = useMemo(
    () => ({
      add() {},
      connect() {},
      move() {},
      remove() {},
      select(ids) {
        setSelected(ids);
      }
    }),
    [setSelected]
  );

  /** Adds a node of the palette near the middle of the view, each a little below the last. */
  const addAtCentre = (kind: NodeKind) => {
    const centre = paneCentre();
    const offset = (draft?.nodes.length ?? 0) % 5;
    actions.add(kind, { x: centre.x - 110 + offset * 30, y: centre.y - 50 + offset * 30 });
  };

  const autoLayout = async () => {
    if (draft === undefined) return;
    const positions = await layoutPositions(draft, drawnSizes());
    edit(moveChange(positions));
    fitAll();
  };

  const inspector: InspectorEdits = {
    onField: (node, pointer, value) => edit({ type: 'setField', node, pointer, value }, `field:${node}:${pointer}`),
    onRename: (from, to) => {
      edit({ type: 'renameNode', from, to });
      setSelected([to]);
    },
    onMakeStart: (id) => edit({ type: 'setStart', node: id })
  };

  return { canvasActions: review ? readOnlyActions : actions, addAtCentre, autoLayout, inspector };
}
