/**
 * Where actions go on the Connect canvas: at their node's position (helper
 * actions beside it), or on a grid when the design has none; written into
 * the flow's `Metadata.ActionMetadata`.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The grid place of the `i`th node (or action) of a flow without positions. */
export function autoPosition(i: number): Point {
  return { x: 240 + (i % 6) * 480, y: 40 + Math.floor(i / 6) * 320 };
}

/** A helper action `offset` places to the right of (and below) its node's own action. */
export function beside(base: Point, offset: number): Point {
  return { x: base.x + offset * 220, y: base.y + (offset === 0 ? 0 : 120) };
}

/** Each action's editor metadata: its position and whatever else it carries. */
export function actionMetadata(
  actions: readonly { readonly Identifier: string }[],
  positions: ReadonlyMap<string, Point>,
  metadata: ReadonlyMap<string, Record<string, unknown>>
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  actions.forEach((action, i) => {
    const position = positions.get(action.Identifier) ?? autoPosition(i);
    out[action.Identifier] = { position: { x: position.x, y: position.y }, ...metadata.get(action.Identifier) };
  });
  return out;
}
