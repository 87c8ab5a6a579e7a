/**
 * React Flow measures every card it mounts: its ResizeObserver's first call
 * for a card asks, forced, for the card's size and the place of each of its
 * handles, read from the page, and then has every part of the canvas that
 * follows its store render again. A card here comes with its size and its
 * handles worked out from its geometry (geometry.ts), and styles.css gives
 * it exactly that size, so the reading finds nothing new: each pan that
 * brought cards into view paid for a second render of the canvas and a
 * second layout of the page, in the same frame.
 *
 * `keepDeclaredGeometry` lets through only the measurements that can change
 * something: a card whose size on the page differs from the one it was
 * given (its geometry and styles.css disagree), or one without its handles
 * given.
 */
import type { InternalNode, Node, ReactFlowState, useStoreApi } from '@xyflow/react';

type Store<N extends Node> = ReturnType<typeof useStoreApi<N>>;
type Measure = ReactFlowState['updateNodeInternals'];
type Updates = Parameters<Measure>[0];

const kept = new WeakSet<object>();

/** Whether a mounted card's element has the size its node was given, and the node its handles. */
export function asDeclared(node: InternalNode<Node> | undefined, element: { readonly offsetWidth: number; readonly offsetHeight: number }): boolean {
  return (
    node !== undefined &&
    !node.hidden &&
    node.handles !== undefined &&
    node.internals.handleBounds !== undefined &&
    node.measured.width === element.offsetWidth &&
    node.measured.height === element.offsetHeight
  );
}

/**
 * Makes the store's `updateNodeInternals` skip the cards that are as they
 * were declared, whoever asks (React Flow's `useUpdateNodeInternals` too: a
 * card's handles move by a new node object with new `handles`, not by a
 * measurement). Call it before the canvas's nodes first render: React
 * Flow's ResizeObserver keeps the function it found then.
 */
export function keepDeclaredGeometry<N extends Node>(store: Store<N>): void {
  if (kept.has(store)) return;
  kept.add(store);
  const measure = store.getState().updateNodeInternals;
  store.setState({
    updateNodeInternals(updates: Updates, params?: Parameters<Measure>[1]) {
      const { nodeLookup } = store.getState();
      let changed: Updates | undefined;
      for (const [id, update] of updates) {
        if (asDeclared(nodeLookup.get(id), update.nodeElement)) continue;
        (changed ??= new Map()).set(id, update);
      }
      if (changed !== undefined) measure(changed, params);
    }
  });
}
