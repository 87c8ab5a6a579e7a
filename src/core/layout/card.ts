/**
 * A node's card, as the designer draws it and a picture of the flow
 * (export/svg.ts) draws it: its rows and their heights in canvas pixels
 * (matching the fixed heights in the designer's styles.css), the palette's
 * name of each kind, and the excerpt under the title. One place, so a card's
 * size is known before it is drawn, and the canvas and the picture agree.
 */
import { promptText } from '../model/prompt.ts';
import type { FlowNode, NodeKind } from '../model/types.ts';

export const CARD_WIDTH = 230;
export const CARD = {
  border: 2,
  paddingTop: 6,
  paddingBottom: 4,
  head: 16,
  title: 24,
  excerpt: 34,
  outcomesRule: 1,
  outcome: 19,
  time: 16
} as const;

export interface CardShape {
  /** Whether the card shows an excerpt under its title. */
  readonly excerpt: boolean;
  /** One row per outcome. */
  readonly outcomes: readonly string[];
  /** Whether it shows the seconds to a person. */
  readonly time: boolean;
}

export function cardHeight(shape: CardShape): number {
  return (
    CARD.border * 2 +
    CARD.paddingTop +
    CARD.head +
    CARD.title +
    (shape.excerpt ? CARD.excerpt : 0) +
    (shape.outcomes.length > 0 ? CARD.outcomesRule + shape.outcomes.length * CARD.outcome : 0) +
    (shape.time ? CARD.time : 0) +
    CARD.paddingBottom
  );
}

/** Where the first outcome row starts, from the card's top. */
export function firstOutcomeRow(excerpt: boolean): number {
  return CARD.border + CARD.paddingTop + CARD.head + CARD.title + (excerpt ? CARD.excerpt : 0) + CARD.outcomesRule;
}

/** The palette's name of each kind, as a card's head shows it. */
export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  prompt: 'Prompt',
  menu: 'Menu',
  input: 'Input',
  hours: 'Hours check',
  lookup: 'Data lookup',
  branch: 'Branch',
  set: 'Set variables',
  queue: 'Queue',
  transfer: 'Transfer',
  voicemail: 'Voicemail',
  callback: 'Callback',
  subflow: 'Sub-flow',
  return: 'Return',
  hangup: 'Hang up',
  opaque: 'Step'
};

/** What a card says under its title, whole: the prompt in `locale`, else what the node does (`Queue: billing`); '' for neither. */
export function cardExcerpt(node: FlowNode, locale: string): string {
  const prompt = 'prompt' in node ? node.prompt : undefined;
  const text = promptText(prompt, locale, locale) ?? '';
  if (text !== '') return text;
  switch (node.kind) {
    case 'queue':
    case 'callback':
      return `Queue: ${node.queue}`;
    case 'transfer':
      return `Dials ${node.number}`;
    case 'voicemail':
      return `Mailbox: ${node.mailbox}`;
    case 'subflow':
      return `Runs ${node.flow}`;
    case 'lookup':
      return `Calls ${node.service}`;
    case 'hours':
      return node.timeZone;
    case 'opaque':
      return node.vendorType ?? '';
    default:
      return '';
  }
}
