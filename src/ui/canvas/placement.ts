/**
 * Where a new node goes: in free space, never on top of another node. From
 * the palette with nothing selected, as near the middle of the view as room
 * allows; after a selected node, to its right, the first free place going
 * down (and then further right), as a designer would draw the next step.
 */
import type { XY } from '../../core/model/index.ts';
import type { Size } from '../../core/layout/index.ts';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Space kept between a new node and the nodes around it. */
export const GAP = 24;
/** How far from the node it follows a new node is placed: room for the wires and their labels. */
export const AFTER_GAP = 96;
/** How many grid steps out the search goes before giving up on free space. */
const REACH = 60;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}

function inside(a: Rect, view: Rect): boolean {
  return a.x >= view.x && a.y >= view.y && a.x + a.width <= view.x + view.width && a.y + a.height <= view.y + view.height;
}

/**
 * The nodes near a place, by a grid of buckets: each look-up checks the few
 * nodes around a candidate, not all of them, so a search stays fast on a
 * flow of thousands of nodes.
 */
class Occupied {
  private readonly cells = new Map<string, Rect[]>();
  private readonly cell: number;

  constructor(rects: readonly Rect[], cell: number) {
    this.cell = cell;
    for (const rect of rects) for (const key of this.keys(rect)) (this.cells.get(key) ?? this.cells.set(key, []).get(key)!).push(rect);
  }

  private keys(rect: Rect): string[] {
    const keys: string[] = [];
    const x0 = Math.floor((rect.x - GAP) / this.cell);
    const x1 = Math.floor((rect.x + rect.width + GAP) / this.cell);
    const y0 = Math.floor((rect.y - GAP) / this.cell);
    const y1 = Math.floor((rect.y + rect.height + GAP) / this.cell);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) keys.push(`${x},${y}`);
    return keys;
  }

  free(rect: Rect): boolean {
    for (const key of this.keys(rect)) for (const other of this.cells.get(key) ?? []) if (overlaps(rect, other)) return false;
    return true;
  }
}

/** The candidates around `at`, nearest first: rings of grid steps, each ring's places in reading order. */
function* rings(at: XY, step: number): Generator<XY> {
  yield at;
  for (let r = 1; r <= REACH; r++) {
    const ring: XY[] = [];
    for (let dx = -r; dx <= r; dx++) for (const dy of [-r, r]) ring.push({ x: at.x + dx * step, y: at.y + dy * step });
    for (let dy = -r + 1; dy <= r - 1; dy++) for (const dx of [-r, r]) ring.push({ x: at.x + dx * step, y: at.y + dy * step });
    ring.sort((a, b) => Math.hypot(a.x - at.x, a.y - at.y) - Math.hypot(b.x - at.x, b.y - at.y) || a.y - b.y || a.x - b.x);
    yield* ring;
  }
}

/** Down from `at`, then a column further right, and so on: where the next steps after a node go. */
function* columns(at: XY, step: number, width: number): Generator<XY> {
  for (let column = 0; column < 8; column++) {
    for (let row = 0; row <= REACH; row++) yield { x: at.x + column * (width + AFTER_GAP), y: at.y + row * step };
  }
}

const snap = (p: XY, step: number): XY => ({ x: Math.round(p.x / step) * step, y: Math.round(p.y / step) * step });

/**
 * The top-left corner for a new node of `size`: the first free place among
 * the candidates, one inside the view if there is one (else one anywhere),
 * else `want` itself when the flow leaves no room within reach.
 */
function place(candidates: Iterable<XY>, size: Size, nodes: readonly Rect[], view: Rect | undefined, want: XY): XY {
  const occupied = new Occupied(nodes, Math.max(size.width, size.height) + GAP * 2);
  let outside: XY | undefined;
  for (const at of candidates) {
    const rect = { ...at, ...size };
    if (!occupied.free(rect)) continue;
    if (view === undefined || inside(rect, view)) return at;
    outside ??= at;
  }
  return outside ?? want;
}

/** Where a node added from the palette goes: free space nearest the middle of the view. */
export function spotNear(centre: XY, size: Size, nodes: readonly Rect[], view: Rect | undefined, step: number): XY {
  const want = snap({ x: centre.x - size.width / 2, y: centre.y - size.height / 2 }, step);
  return place(rings(want, step), size, nodes, view, want);
}

/** Where a node that follows `after` goes: to its right, the first free place going down, then further right. */
export function spotAfter(after: Rect, size: Size, nodes: readonly Rect[], view: Rect | undefined, step: number): XY {
  const want = snap({ x: after.x + after.width + AFTER_GAP, y: after.y }, step);
  // Inside the view first; if the view has no room, the first free place whatever the view.
  return place(columns(want, step, size.width), size, nodes, view, want);
}
