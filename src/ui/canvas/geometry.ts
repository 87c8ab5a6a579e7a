/**
 * The node card's geometry, row by row, matching the fixed heights in
 * styles.css: a node's size and the place of each handle are known before it
 * is drawn, so React Flow can leave offscreen nodes undrawn (it otherwise
 * draws every node once to measure it).
 */
import { Position, type NodeHandle } from '@xyflow/react';
import { CARD, CARD_WIDTH, cardHeight, firstOutcomeRow, type CardShape } from '../../core/layout/index.ts';

const HANDLE = 10;
/** Source handles sit 6 px outside the outcome row's right edge (`right: -6px`), centred on it. */
const SOURCE_OFFSET = 6;

export { CARD_WIDTH, cardHeight, type CardShape };

/** Handle bounds relative to the node's top-left corner: one target on the left, a source per outcome row. */
export function cardHandles(shape: CardShape): NodeHandle[] {
  const height = cardHeight(shape);
  const handles: NodeHandle[] = [
    { id: null, type: 'target', position: Position.Left, x: -HANDLE / 2, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE }
  ];
  const firstRow = firstOutcomeRow(shape.excerpt);
  shape.outcomes.forEach((id, index) => {
    const centreY = firstRow + index * CARD.outcome + CARD.outcome / 2;
    const centreX = CARD_WIDTH - CARD.border + SOURCE_OFFSET;
    handles.push({ id, type: 'source', position: Position.Right, x: centreX - HANDLE / 2, y: centreY - HANDLE / 2, width: HANDLE, height: HANDLE });
  });
  return handles;
}
