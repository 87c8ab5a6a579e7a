import { describe, expect, it } from 'vitest';
import type { InternalNode, Node, useStoreApi } from '@xyflow/react';
import { asDeclared, keepDeclaredGeometry } from '../../../src/ui/canvas/measure.ts';

/** A node as React Flow keeps it once adopted: its size and handles as the canvas declared them. */
function declared(id: string, height: number, extra: Partial<InternalNode<Node>> = {}): InternalNode<Node> {
  const handles = [{ id: null, type: 'target' as const, position: 'left' as never, x: -5, y: height / 2 - 5, width: 10, height: 10 }];
  return {
    id,
    position: { x: 0, y: 0 },
    data: {},
    handles,
    measured: { width: 230, height },
    internals: { positionAbsolute: { x: 0, y: 0 }, z: 0, userNode: { id, position: { x: 0, y: 0 }, data: {} }, handleBounds: { source: [], target: [] } },
    ...extra
  } as InternalNode<Node>;
}

const element = (width: number, height: number) => ({ offsetWidth: width, offsetHeight: height }) as HTMLDivElement;

describe('measuring the cards React Flow mounts', () => {
  it('finds a card as declared when the page draws it at its declared size, its handles declared', () => {
    expect(asDeclared(declared('a', 120), element(230, 120))).toBe(true);
    // Drawn taller than declared (styles.css and geometry.ts disagree): measured after all.
    expect(asDeclared(declared('a', 120), element(230, 144))).toBe(false);
    expect(asDeclared(declared('a', 120, { handles: undefined }), element(230, 120))).toBe(false);
    expect(asDeclared(declared('a', 120, { hidden: true }), element(230, 120))).toBe(false);
    expect(asDeclared(undefined, element(230, 120))).toBe(false);
  });

  it('passes on only the cards that are not as declared, and nothing when all are', () => {
    const nodeLookup = new Map([
      ['a', declared('a', 120)],
      ['b', declared('b', 96)]
    ]);
    const measured: string[][] = [];
    let state = {
      nodeLookup,
      updateNodeInternals: (updates: Map<string, unknown>) => {
        measured.push([...updates.keys()]);
      }
    };
    const store = {
      getState: () => state,
      setState: (partial: Partial<typeof state>) => {
        state = { ...state, ...partial };
      }
    } as unknown as ReturnType<typeof useStoreApi>;
    keepDeclaredGeometry(store);
    // Asked twice (a second canvas on the same store), it wraps once.
    keepDeclaredGeometry(store);
    const update = (id: string, width: number, height: number) => [id, { id, nodeElement: element(width, height), force: true }] as const;
    state.updateNodeInternals(new Map([update('a', 230, 120), update('b', 230, 96)]));
    expect(measured).toEqual([]);
    state.updateNodeInternals(new Map([update('a', 230, 120), update('b', 230, 120), update('c', 230, 80)]));
    expect(measured).toEqual([['b', 'c']]);
  });
});
