import { useMemo } from 'react';
import { freshId, newNode, nextFreeKey, outcomesOfDraft, type FlowChange, type FlowNode, type NodeKind } from '../../core/model/index.ts';
import { CARD_WIDTH, cardHeight } from '../canvas/geometry.ts';
import { spotAfter, spotNear } from '../canvas/placement.ts';
import type { CanvasActions } from '../canvas/FlowCanvas.tsx';
import { layoutPositions } from '../../core/layout/index.ts';
import { moveChange } from '../model/edit.ts';
import type { CanvasView } from './useCanvasView.ts';
import type { FlowDocument } from './useFlowDocument.ts';

/** The grid new nodes are placed on (the canvas's). */
const GRID_STEP = 24;
const DEFAULT_CARD = { width: CARD_WIDTH, height: 120 };

/** The size a new node of a kind is drawn at. */
function newCardSize(kind: NodeKind) {
  const outcomes = outcomesOfDraft(newNode(kind, 'new', { x: 0, y: 0 })).map((o) => o.pointer);
  return { width: CARD_WIDTH, height: cardHeight({ excerpt: true, outcomes, time: false }) };
}

/**
 * Where a new node after `node` is wired from: its first outcome wired
 * nowhere; for a menu whose outcomes are all wired, a new option on the next
 * free key (`/options/-` adds it); none when the node has no free way out.
 */
export function freeOutcome(node: FlowNode): { node: string; pointer: string } | undefined {
  const free = outcomesOfDraft(node).find((o) => o.target === undefined);
  if (free !== undefined) return { node: node.id, pointer: free.pointer };
  return node.kind === 'menu' && nextFreeKey(node) !== undefined ? { node: node.id, pointer: '/options/-' } : undefined;
}

/** The change that wires `source`'s outcome at `pointer` to `target`; `/options/-` adds a menu option on the next free key. */
function wireInto(source: FlowNode, pointer: string, target: string): FlowChange {
  if (pointer === '/options/-' && source.kind === 'menu') {
    const options = Array.isArray(source.options) ? source.options : [];
    return { type: 'setField', node: source.id, pointer: '/options', value: [...options, { key: nextFreeKey(source), next: target }] };
  }
  return { type: 'wire', node: source.id, pointer, target };
}

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
  const { selected, setSelected, paneCentre, drawnSizes, viewRect, reveal, fitAll } = canvas;

  const actions: CanvasActions = useMemo(
    () => ({
      add(kind, at, from) {
        const current = latest();
        if (current === null) return;
        const draft = current.history.present;
        const node = newNode(kind, freshId(draft, kind), at);
        const source = from === undefined ? undefined : draft.nodes.find((n) => n.id === from.node);
        // The node and the wire into it are one edit: one undo takes both away.
        edit([{ type: 'addNodes', nodes: [node] }, ...(source === undefined ? [] : [wireInto(source, from!.pointer, node.id)])]);
        setSelected([node.id]);
      },
      connect(source, handle, target) {
        edit(target === undefined ? { type: 'unwire', node: source, pointer: handle } : { type: 'wire', node: source, pointer: handle, target });
      },
      move(positions, streak) {
        edit(moveChange(positions), streak);
      },
      remove(ids, unwired = []) {
        // Wires out of surviving nodes are cut; wires into removed nodes go with them (removeNodes).
        const cuts = unwired.filter((w) => !ids.has(w.node)).map((w): FlowChange => ({ type: 'unwire', node: w.node, pointer: w.pointer }));
        edit([...cuts, ...(ids.size > 0 ? [{ type: 'removeNodes', ids: [...ids] } satisfies FlowChange] : [])]);
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

  /**
   * Adds a node from the palette: after the selected node, wired from its
   * first free outcome (a menu with none gets a new key), to its right in
   * free space; with no node selected, in free space nearest the middle of
   * the view. Never on top of another node.
   */
  const addFromPalette = (kind: NodeKind) => {
    const current = latest();
    if (current === null) return;
    const draft = current.history.present;
    const sizes = drawnSizes();
    const rects = draft.nodes.map((n) => ({ x: n.position?.x ?? 0, y: n.position?.y ?? 0, ...(sizes.get(n.id) ?? DEFAULT_CARD) }));
    const size = newCardSize(kind);
    const view = viewRect();
    const after = selected.length === 1 ? draft.nodes.find((n) => n.id === selected[0]) : undefined;
    if (after === undefined) {
      actions.add(kind, spotNear(paneCentre(), size, rects, view, GRID_STEP));
      return;
    }
    const at = spotAfter({ x: after.position?.x ?? 0, y: after.position?.y ?? 0, ...(sizes.get(after.id) ?? DEFAULT_CARD) }, size, rects, view, GRID_STEP);
    actions.add(kind, at, freeOutcome(after));
    // A crowded view may leave room only out of it: the view follows the new node.
    reveal({ ...at, ...size });
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

  return { canvasActions: review ? readOnlyActions : actions, addFromPalette, autoLayout, inspector };
}
