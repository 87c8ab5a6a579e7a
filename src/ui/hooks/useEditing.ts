import { useMemo } from 'react';
import type { NodeKind } from '../../core/model/types.ts';
import type { CanvasActions } from '../canvas/FlowCanvas.tsx';
import { layoutPositions } from '../canvas/layout.ts';
import { addNode, connect, deleteNodes, moveNodes, renameNode, setField } from '../model/edit.ts';
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
        const result = addNode(current.history.present, kind, at);
        edit(() => result.draft);
        setSelected([result.id]);
      },
      connect(source, handle, target) {
        edit((d) => connect(d, source, handle, target));
      },
      move(positions) {
        edit((d) => moveNodes(d, positions));
      },
      remove(ids) {
        edit((d) => deleteNodes(d, ids));
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
    edit((d) => moveNodes(d, positions));
    fitAll();
  };

  const inspector: InspectorEdits = {
    onField: (node, pointer, value) => edit((d) => setField(d, node, pointer, value), `field:${node}:${pointer}`),
    onRename: (from, to) => {
      edit((d) => renameNode(d, from, to));
      setSelected([to]);
    },
    onMakeStart: (id) => edit((d) => ({ ...d, start: id }))
  };

  return { canvasActions: review ? readOnlyActions : actions, addAtCentre, autoLayout, inspector };
}
