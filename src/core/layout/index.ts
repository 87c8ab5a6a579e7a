/**
 * Where a flow's nodes go and how big they are: automatic layout (ELK, left
 * to right, keys in order) for the designer's Auto-layout and imports and for
 * pictures of flows without positions, and the card each node is drawn as.
 */
export { layoutPositions, type Size } from './elk.ts';
export { CARD, CARD_WIDTH, cardExcerpt, cardHeight, firstOutcomeRow, KIND_LABELS, type CardShape } from './card.ts';
