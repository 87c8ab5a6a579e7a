/**
 * The node card's geometry, row by row, matching the fixed heights in
 * styles.css: a node's size and the place of each handle are known before it
 * is drawn, so React Flow can leave offscreen nodes undrawn (it otherwise
 * draws every node once to measure it).
 */
import { Position, type NodeHandle } from '@xyflow/react';

export const CARD_WIDTH = 230;
const BORDER = 2;
const PADDING_TOP = 6;
const PADDING_BOTTOM = 4;
const HEAD = 16;
const TITLE = 24;
const EXCERPT = 34;
const OUTCOMES_RULE = 1;
const OUTCOME = 19;
const TIME = 16;
const HANDLE = 10;
/** Source handles sit 6 px outside the outcome row's right edge (`right: -6px`), centred on it. */
const SOURCE_OFFSET = 6;

export interface CardShape {
  readonly excerpt: boolean;
  readonly outcomes: readonly string[];
  readonly time: boolean;
}

export function cardHeight(shape: CardShape): number {
  return (
    BORDER * 2 +
    PADDING_TOP +
    HEAD +
    TITLE +
    (shape.excerpt ? EXCERPT : 0) +
    (shape.outcomes.length > 0 ? OUTCOMES_RULE + shape.outcomes.length * OUTCOME : 0) +
    (shape.time ? TIME : 0) +
    PADDING_BOTTOM
  );
}

/** Handle bounds relative to the node's top-left corner: one target on the left, a source per outcome row. */
export function cardHandles(shape: CardShape): NodeHandle[] {
  const height = cardHeight(shape);
  const handles: NodeHandle[] = [
    { id: null, type: 'target', position: Position.Left, x: -HANDLE / 2, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE }
  ];
  const firstRow = BORDER + PADDING_TOP + HEAD + TITLE + (shape.excerpt ? EXCERPT : 0) + OUTCOMES_RULE;
  shape.outcomes.forEach((id, index) => {
    const centreY = firstRow + index * OUTCOME + OUTCOME / 2;
    const centreX = CARD_WIDTH - BORDER + SOURCE_OFFSET;
    handles.push({ id, type: 'source', position: Position.Right, x: centreX - HANDLE / 2, y: centreY - HANDLE / 2, width: HANDLE, height: HANDLE });
  });
  return handles;
}
