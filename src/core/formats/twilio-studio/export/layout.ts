/**
 * Where widgets go: their place on the Studio canvas (`properties.offset`)
 * and their order in the file. Imported widgets keep the order of the file
 * they came from; new ones follow the widget before them.
 */
import type { FlowNode } from '../../../model/types.ts';
import type { State } from './widgets.ts';

/** A widget on its way out, with the place it had in the imported file (for its order). */
interface Item {
  readonly state: State;
  /** The index of the widget in the Studio file it was imported from. */
  readonly original?: number;
}

/** The canvas offset of a node's widget (or of a helper widget `dx`, `dy` from it). */
export function canvasOffset(node: FlowNode, index: number, dx = 0, dy = 0): { x: number; y: number } {
  const base = node.position ?? { x: 0, y: index * 200 };
  return { x: base.x + dx, y: base.y + dy };
}

/** `/states/4` (or `/definition/states/4`) → 4. */
export function stateIndex(pointer: string): number | undefined {
  const match = /\/states\/(\d+)$/.exec(pointer);
  return match ? Number(match[1]) : undefined;
}

/** The widgets written so far. */
export class WidgetList {
  private readonly items: Item[] = [];

  push(state: State, original?: number): void {
    this.items.push(original === undefined ? { state } : { state, original });
  }

  /** How many widgets are written so far. */
  get size(): number {
    return this.items.length;
  }

  /** The names of the widgets written since there were `from`. */
  namesFrom(from: number): string[] {
    return this.items.slice(from).map((item) => item.state.name);
  }

  /** Widgets in the order of the file they came from; new ones after the widget before them. */
  ordered(): State[] {
    let key = -1;
    const keyed = this.items.map((item, i) => {
      if (item.original !== undefined) key = item.original;
      return { state: item.state, key: item.original ?? key + 0.5, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    return keyed.map((k) => k.state);
  }
}
