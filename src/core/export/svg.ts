/**
 * A flow as a picture: a standalone SVG document drawn as the designer draws
 * the canvas, for documents and tickets. Each node is a card where it stands
 * (its kind, name, a prompt excerpt and a row per outcome), each wired outcome
 * a curve from its row to the card it leads to, with an arrowhead and the key
 * or outcome name; findings mark the cards with error and warning badges, and
 * trap loops are drawn in red.
 *
 * The card's rows have the designer's fixed heights (src/ui/canvas/geometry.ts,
 * styles.css) and the curves are React Flow's, so the picture matches the
 * canvas. Every text of the flow is escaped and stripped of what XML 1.0
 * cannot hold; ids in the document are generated, never the flow's. The work
 * and the output grow linearly with the flow, and nothing recurses over it.
 */
import type { Diagnostic } from '../diagnostic/index.ts';
import { displayName } from '../model/display.ts';
import { outcomesOfDraft, type XY } from '../model/draft.ts';
import type { Flow, FlowNode, NodeKind } from '../model/types.ts';
import { CARD, CARD_WIDTH, cardExcerpt, cardHeight, firstOutcomeRow, KIND_LABELS } from '../layout/card.ts';
import { KIND_ICONS } from './svgIcons.ts';
import { cleanText, fitText, textWidth, wrapText, xmlText, type Font } from './svgText.ts';

export interface SvgOptions {
  /**
   * Where to draw each node (its card's top-left corner), before the node's own
   * `position`: the designer's canvas, or a layout made for a flow without
   * positions. A node with neither stands in the designer's fallback grid.
   */
  readonly positions?: ReadonlyMap<string, XY>;
  /** Findings to mark (the lint's): error and warning badges on their nodes, trap loops in red. */
  readonly findings?: readonly Diagnostic[];
  /** The locale of the prompt excerpts; the flow's first by default. */
  readonly locale?: string;
}

export interface SvgImage {
  /** The SVG, as text. */
  readonly text: string;
  /** Its size in CSS pixels (its `width` and `height`). */
  readonly width: number;
  readonly height: number;
}

/** A card's width and height, in canvas pixels. */
export interface CardSize {
  readonly width: number;
  readonly height: number;
}

// The card's geometry (layout/card.ts, as the designer draws it), and what only the picture needs.
const { border: BORDER, paddingTop: PADDING_TOP, head: HEAD, title: TITLE, excerpt: EXCERPT, outcome: OUTCOME } = CARD;
const PADDING_X = 10;
/** The outcome rows' right padding (room for the handle). */
const OUTCOME_PADDING_RIGHT = 14;
/** Source handles are centred 6 px outside the card's inner right edge; the edge leaves from the handle's right side. */
const HANDLE_RADIUS = 5;
const SOURCE_X = CARD_WIDTH - BORDER + 6 + HANDLE_RADIUS;
const KIND_BORDER = 5;
/** The canvas's fallback grid for a node without a position (src/ui/canvas/view.ts). */
const GRID = { columns: 6, x: 280, y: 200 };
/** Space around the drawing, and the caption's height above it. */
const MARGIN = 24;
const CAPTION = 34;

const COLOURS = {
  background: '#f6f7f9',
  text: '#1c2230',
  muted: '#5b6476',
  accent: '#2664d8',
  error: '#c62828',
  warning: '#b26a00',
  person: '#1b7f3b',
  border: '#9aa3b2',
  rule: '#eceff3',
  edge: '#b1b1b7',
  trap: '#d12f2f',
  handle: '#1a192b'
} as const;

/** The designer's kind colours, drawn down the card's left side (styles.css `.kind-*`). */
const KIND_COLOURS: Partial<Record<NodeKind, string>> = {
  queue: COLOURS.person,
  transfer: COLOURS.person,
  voicemail: '#6a8f2a',
  callback: '#6a8f2a',
  menu: COLOURS.accent,
  input: COLOURS.accent,
  hangup: '#888',
  return: '#888'
};

const FONTS = {
  head: { size: 11, spacing: 0.33 },
  badge: { size: 11, bold: true },
  title: { size: 14, bold: true },
  excerpt: { size: 12 },
  outcome: { size: 12 },
  edge: { size: 11 },
  caption: { size: 16, bold: true }
} as const satisfies Record<string, Font>;

/** The y of a line's baseline that centres its text in a row. */
const baseline = (top: number, height: number, font: Font): number => top + height / 2 + font.size * 0.35;

/** A number for an attribute: whole, or to a tenth. */
function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** An outcome's name as the canvas labels it: a phrase in quotes, else the name (a key, `noInput`, …). */
function outcomeLabel(name: string): string {
  return name.startsWith('say:') ? `“${name.slice(4)}”` : name;
}

/** Names and ids are cut to this many characters before they are fitted: no line shows more. */
const NAME_SOURCE = 300;

/** Text the excerpt is made from is cut to this first: no card shows more. */
const EXCERPT_SOURCE = 200;

/** The card's second line: the prompt, else what the node does (the canvas's excerpt). */
function excerptOf(node: FlowNode, locale: string): string {
  const said = cardExcerpt(node, locale);
  return cleanText(said.length > EXCERPT_SOURCE ? said.slice(0, EXCERPT_SOURCE) : said);
}

interface Card {
  readonly node: FlowNode;
  readonly x: number;
  readonly y: number;
  readonly height: number;
  readonly excerpt: string;
  readonly outcomes: ReturnType<typeof outcomesOfDraft>;
  /** The y of the first outcome row's top, relative to the card. */
  readonly firstRow: number;
}

/**
 * The size of each node's card as {@link toSvg} draws it, by node id: what a
 * layout needs to place the cards without overlaps.
 */
export function svgCardSizes(flow: Flow, options: Pick<SvgOptions, 'locale'> = {}): Map<string, CardSize> {
  const locale = options.locale ?? flow.locales?.[0] ?? 'en-US';
  return new Map(flow.nodes.map((node) => [node.id, { width: CARD_WIDTH, height: cardHeight({ excerpt: excerptOf(node, locale) !== '', outcomes: outcomesOfDraft(node).map((o) => o.pointer), time: false }) }]));
}

/** A rectangle, for keeping edge labels off cards and off each other. */
interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * Boxes bucketed by the cells of a grid they cover, so finding what a new box
 * overlaps looks only near it: linear in the drawing rather than quadratic.
 */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();
  private static readonly CELL = 240;

  private keys(box: Box): string[] {
    const keys: string[] = [];
    const size = BoxGrid.CELL;
    for (let i = Math.floor(box.left / size); i <= Math.floor(box.right / size); i++) {
      for (let j = Math.floor(box.top / size); j <= Math.floor(box.bottom / size); j++) keys.push(`${i},${j}`);
    }
    return keys;
  }

  add(box: Box): void {
    for (const key of this.keys(box)) {
      const list = this.cells.get(key);
      if (list === undefined) this.cells.set(key, [box]);
      else list.push(box);
    }
  }

  overlaps(box: Box): boolean {
    // A label wider than a few cells is not worth searching a place for.
    if (box.right - box.left > 4 * BoxGrid.CELL) return true;
    for (const key of this.keys(box)) {
      for (const other of this.cells.get(key) ?? []) {
        if (box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom) return true;
      }
    }
    return false;
  }
}

/** React Flow's bezier control offset (getBezierPath, curvature 0.25). */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

/** A point on a cubic bezier. */
function bezierAt(points: readonly [XY, XY, XY, XY], t: number): XY {
  const u = 1 - t;
  const [a, b, c, d] = points;
  return {
    x: u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x,
    y: u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y
  };
}

/** Where along an edge its label may go, best first: the middle (where the canvas puts it), then nearer either end. */
const LABEL_PLACES = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88, 0.06, 0.94, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75];
/** How far a loop back to the same node reaches out from its handle. */
const LOOP = 24;

/** The bounds of everything drawn, grown point by point. */
class Bounds {
  left = Infinity;
  top = Infinity;
  right = -Infinity;
  bottom = -Infinity;
  include(x: number, y: number): void {
    this.left = Math.min(this.left, x);
    this.top = Math.min(this.top, y);
    this.right = Math.max(this.right, x);
    this.bottom = Math.max(this.bottom, y);
  }
}

/** Counts of a node's findings by severity, and the trap loops each node is in. */
function marksOf(findings: readonly Diagnostic[]): { badges: Map<string, { error: number; warning: number }>; loops: Map<string, Set<number>> } {
  const badges = new Map<string, { error: number; warning: number }>();
  const loops = new Map<string, Set<number>>();
  findings.forEach((finding, index) => {
    if (finding.node !== undefined && finding.severity !== 'info') {
      const counts = badges.get(finding.node) ?? { error: 0, warning: 0 };
      counts[finding.severity]++;
      badges.set(finding.node, counts);
    }
    if (finding.code === 'trap-loop') {
      for (const node of finding.nodes ?? []) {
        const set = loops.get(node) ?? new Set<number>();
        set.add(index);
        loops.set(node, set);
      }
    }
  });
  return { badges, loops };
}

/** Whether two nodes are in one trap loop. */
function inOneLoop(loops: ReadonlyMap<string, ReadonlySet<number>>, a: string, b: string): boolean {
  const first = loops.get(a);
  const second = loops.get(b);
  if (first === undefined || second === undefined) return false;
  const [small, large] = first.size <= second.size ? [first, second] : [second, first];
  for (const loop of small) if (large.has(loop)) return true;
  return false;
}

/** The card of a node: its frame, head (icon, kind, Start, badges), title, excerpt and outcome rows with their handles. */
function drawCard(card: Card, isStart: boolean, badges: { error: number; warning: number } | undefined, kinds: Set<NodeKind>): string {
  const { node, x, y, height } = card;
  const kindColour = KIND_COLOURS[node.kind];
  const leftBorder = kindColour === undefined ? BORDER : KIND_BORDER;
  const borderColour = badges !== undefined && badges.error > 0 ? COLOURS.error : badges !== undefined && badges.warning > 0 ? COLOURS.warning : COLOURS.border;
  const parts: string[] = [];
  parts.push(`<rect x="${num(x)}" y="${num(y + 1)}" width="${CARD_WIDTH}" height="${num(height)}" rx="8" fill="#000" fill-opacity="0.08"/>`);
  parts.push(`<rect x="${num(x)}" y="${num(y)}" width="${CARD_WIDTH}" height="${num(height)}" rx="8" fill="${borderColour}"/>`);
  if (kindColour !== undefined && borderColour === COLOURS.border) {
    parts.push(`<path d="M${num(x + 8)} ${num(y)}A8 8 0 0 0 ${num(x)} ${num(y + 8)}V${num(y + height - 8)}A8 8 0 0 0 ${num(x + 8)} ${num(y + height)}Z" fill="${kindColour}"/>`);
  }
  parts.push(`<rect x="${num(x + leftBorder)}" y="${num(y + BORDER)}" width="${CARD_WIDTH - leftBorder - BORDER}" height="${num(height - 2 * BORDER)}" rx="5" fill="#fff"/>`);
  const left = x + leftBorder + PADDING_X;
  const right = x + CARD_WIDTH - BORDER - PADDING_X;
  const inner = right - left;
  // The head: icon, kind, Start, and the badges at the right.
  const headTop = y + BORDER + PADDING_TOP;
  kinds.add(node.kind);
  parts.push(`<use href="#zo-kind-${node.kind}" xlink:href="#zo-kind-${node.kind}" x="${num(left)}" y="${num(headTop + 2)}" width="12" height="12" color="${COLOURS.muted}"/>`);
  let badgeRight = right;
  const badgeParts: string[] = [];
  for (const [count, colour] of [
    [badges?.warning ?? 0, COLOURS.warning],
    [badges?.error ?? 0, COLOURS.error]
  ] as const) {
    if (count === 0) continue;
    const text = String(count);
    const width = textWidth(text, FONTS.badge) + 12;
    badgeParts.unshift(
      `<rect x="${num(badgeRight - width)}" y="${num(headTop)}" width="${num(width)}" height="${HEAD}" rx="8" fill="${colour}"/>` +
        `<text x="${num(badgeRight - width / 2)}" y="${num(baseline(headTop, HEAD, FONTS.badge))}" font-size="11" font-weight="600" fill="#fff" text-anchor="middle">${text}</text>`
    );
    badgeRight -= width + 3;
  }
  const labelLeft = left + 12 + 6;
  const kindLabel = fitText(KIND_LABELS[node.kind].toUpperCase(), Math.max(0, badgeRight - labelLeft - (isStart ? 44 : 0)), FONTS.head);
  parts.push(`<text x="${num(labelLeft)}" y="${num(baseline(headTop, HEAD, FONTS.head))}" font-size="11" letter-spacing="0.33" fill="${COLOURS.muted}">${xmlText(kindLabel)}</text>`);
  if (isStart) {
    const startLeft = labelLeft + textWidth(kindLabel, FONTS.head) + 6;
    const width = textWidth('Start', FONTS.head) + 8;
    parts.push(
      `<rect x="${num(startLeft)}" y="${num(headTop)}" width="${num(width)}" height="${HEAD}" rx="4" fill="${COLOURS.person}"/>` +
        `<text x="${num(startLeft + 4)}" y="${num(baseline(headTop, HEAD, FONTS.head))}" font-size="11" fill="#fff">Start</text>`
    );
  }
  parts.push(...badgeParts);
  // The title and the excerpt.
  const titleTop = headTop + HEAD;
  // The name people read (a machine-made id, such as an Amazon Connect UUID, gives way to what the node does), as the canvas titles it.
  const title = fitText(cleanText(displayName(node).slice(0, NAME_SOURCE)), inner, FONTS.title);
  parts.push(`<text x="${num(left)}" y="${num(baseline(titleTop + 2, TITLE - 4, FONTS.title))}" font-size="14" font-weight="600" fill="${COLOURS.text}">${xmlText(title)}</text>`);
  let rowsTop = titleTop + TITLE;
  if (card.excerpt !== '') {
    wrapText(card.excerpt, inner, 2, FONTS.excerpt).forEach((line, index) => {
      parts.push(`<text x="${num(left)}" y="${num(baseline(rowsTop + index * 15, 15, FONTS.excerpt))}" font-size="12" fill="${COLOURS.muted}">${xmlText(line)}</text>`);
    });
    rowsTop += EXCERPT;
  }
  // One row per outcome, its name at the right, and its handle.
  if (card.outcomes.length > 0) {
    parts.push(`<path d="M${num(x + leftBorder)} ${num(rowsTop + 0.5)}H${num(x + CARD_WIDTH - BORDER)}" stroke="${COLOURS.rule}"/>`);
    const labelRight = x + CARD_WIDTH - BORDER - OUTCOME_PADDING_RIGHT;
    card.outcomes.forEach((outcome, index) => {
      const top = y + card.firstRow + index * OUTCOME;
      const label = fitText(cleanText(outcomeLabel(outcome.name).slice(0, NAME_SOURCE)), labelRight - left, FONTS.outcome);
      const wired = outcome.target !== undefined;
      parts.push(
        `<text x="${num(labelRight)}" y="${num(baseline(top, OUTCOME, FONTS.outcome))}" font-size="12" text-anchor="end" fill="${wired ? COLOURS.text : COLOURS.muted}"${wired ? '' : ' font-style="italic"'}>${xmlText(label)}</text>` +
          `<circle cx="${num(x + SOURCE_X - HANDLE_RADIUS)}" cy="${num(top + OUTCOME / 2)}" r="${HANDLE_RADIUS - 0.5}" fill="${COLOURS.handle}" stroke="#fff"/>`
      );
    });
  }
  // The handle edges come into.
  parts.push(`<circle cx="${num(x)}" cy="${num(y + height / 2)}" r="${HANDLE_RADIUS - 0.5}" fill="${COLOURS.handle}" stroke="#fff"/>`);
  return `<g>${parts.join('')}</g>`;
}

/**
 * Draws a flow as an SVG picture of the designer's canvas (see the file's
 * comment), with its size.
 *
 * @example
 * const { text, width, height } = svgImage(flow, { findings: lintFlow(flow).findings });
 */
export function svgImage(flow: Flow, options: SvgOptions = {}): SvgImage {
  const locale = options.locale ?? flow.locales?.[0] ?? 'en-US';
  const { badges, loops } = marksOf(options.findings ?? []);
  const cards = new Map<string, Card>();
  flow.nodes.forEach((node, index) => {
    const at = options.positions?.get(node.id) ?? node.position ?? { x: (index % GRID.columns) * GRID.x, y: Math.floor(index / GRID.columns) * GRID.y };
    const excerpt = excerptOf(node, locale);
    const outcomes = outcomesOfDraft(node);
    // A later node of the same id is not drawn: the canvas cannot hold two either.
    if (cards.has(node.id)) return;
    cards.set(node.id, {
      node,
      x: at.x,
      y: at.y,
      height: cardHeight({ excerpt: excerpt !== '', outcomes: outcomes.map((o) => o.pointer), time: false }),
      excerpt,
      outcomes,
      firstRow: firstOutcomeRow(excerpt !== '')
    });
  });

  const bounds = new Bounds();
  const taken = new BoxGrid();
  for (const card of cards.values()) {
    bounds.include(card.x - HANDLE_RADIUS - 1, card.y - 1);
    bounds.include(card.x + SOURCE_X + 1, card.y + card.height + 2);
    taken.add({ left: card.x - 4, top: card.y - 2, right: card.x + SOURCE_X + 2, bottom: card.y + card.height + 2 });
  }

  // Loops back to the same node are drawn beside their handles: no label goes there.
  for (const card of cards.values()) {
    card.outcomes.forEach((outcome, index) => {
      if (outcome.target !== card.node.id) return;
      const y = card.y + card.firstRow + index * OUTCOME + OUTCOME / 2;
      taken.add({ left: card.x + SOURCE_X, top: y - 10, right: card.x + SOURCE_X + LOOP, bottom: y + 10 });
    });
  }

  // Edges: a curve from each wired outcome's handle to the card it leads to.
  const edges: string[] = [];
  const labels: string[] = [];
  let routes = 0;
  for (const card of cards.values()) {
    card.outcomes.forEach((outcome, index) => {
      const target = outcome.target === undefined ? undefined : cards.get(outcome.target);
      if (target === undefined) return;
      routes++;
      const source = { x: card.x + SOURCE_X, y: card.y + card.firstRow + index * OUTCOME + OUTCOME / 2 };
      const trap = inOneLoop(loops, card.node.id, target.node.id);
      const marker = `${trap ? 'zo-arrow-trap' : 'zo-arrow'}${target === card ? '-small' : ''}`;
      const stroke = trap ? `stroke="${COLOURS.trap}" stroke-width="2.5" marker-end="url(#${marker})"` : `stroke="${COLOURS.edge}" stroke-width="1.5" marker-end="url(#${marker})"`;
      if (target === card) {
        // Back to the same node (asking again): a small loop at the handle, named by the row beside it. The canvas's
        // curve would run behind the card to its left side, and its label land on the card.
        const { x, y } = source;
        bounds.include(x + LOOP, y);
        edges.push(`<path d="M${num(x)} ${num(y - 3)}C${num(x + LOOP)} ${num(y - 16)} ${num(x + LOOP)} ${num(y + 16)} ${num(x + 1)} ${num(y + 4)}" fill="none" ${stroke}/>`);
        return;
      }
      const end = { x: target.x - HANDLE_RADIUS, y: target.y + target.height / 2 };
      const offset = controlOffset(end.x - source.x);
      const points: [XY, XY, XY, XY] = [source, { x: source.x + offset, y: source.y }, { x: end.x - offset, y: end.y }, end];
      for (const point of points) bounds.include(point.x, point.y);
      edges.push(`<path d="M${num(points[0].x)} ${num(points[0].y)}C${num(points[1].x)} ${num(points[1].y)} ${num(points[2].x)} ${num(points[2].y)} ${num(points[3].x)} ${num(points[3].y)}" fill="none" ${stroke}/>`);
      const label = fitText(cleanText(outcomeLabel(outcome.name).slice(0, NAME_SOURCE)), 160, FONTS.edge);
      const width = textWidth(label, FONTS.edge) + 6;
      const boxAt = (t: number): Box => {
        const point = bezierAt(points, t);
        return { left: point.x - width / 2, top: point.y - 8, right: point.x + width / 2, bottom: point.y + 8 };
      };
      // The middle of the curve, unless a card or another label is there: then the first free place along it. Where
      // the curve runs behind cards all the way, the label is left off: the outcome's row on its card names it.
      const box = LABEL_PLACES.map(boxAt).find((candidate) => !taken.overlaps(candidate));
      if (box === undefined) return;
      taken.add(box);
      bounds.include(box.left, box.top);
      bounds.include(box.right, box.bottom);
      labels.push(
        `<text x="${num((box.left + box.right) / 2)}" y="${num((box.top + box.bottom) / 2 + FONTS.edge.size * 0.35)}" text-anchor="middle"${trap ? ` fill="${COLOURS.trap}"` : ''}>${xmlText(label)}</text>`
      );
    });
  }

  const kinds = new Set<NodeKind>();
  const drawn = [...cards.values()].map((card) => drawCard(card, card.node.id === flow.start, badges.get(card.node.id), kinds));

  const name = fitText(cleanText((flow.name || flow.id).slice(0, NAME_SOURCE)), 1200, FONTS.caption) || 'Untitled flow';
  const nodes = cards.size === 1 ? '1 node' : `${cards.size} nodes`;
  const wired = routes === 1 ? '1 route' : `${routes} routes`;
  if (cards.size === 0) bounds.include(0, 0);
  const captionWidth = Math.max(textWidth(name, FONTS.caption), 260);
  const left = Math.floor(bounds.left) - MARGIN;
  const top = Math.floor(bounds.top) - MARGIN - CAPTION;
  const width = Math.ceil(Math.max(bounds.right - bounds.left, captionWidth)) + 2 * MARGIN;
  const height = Math.ceil(bounds.bottom - bounds.top) + 2 * MARGIN + CAPTION;
  const caption =
    `<text x="${num(left + MARGIN)}" y="${num(top + MARGIN + 4)}" font-size="16" font-weight="600" fill="${COLOURS.text}">${xmlText(name)}</text>` +
    `<text x="${num(left + MARGIN)}" y="${num(top + MARGIN + 22)}" font-size="12" fill="${COLOURS.muted}">${xmlText(fitText(`${cleanText(flow.id.slice(0, NAME_SOURCE))} · ${nodes}, ${wired}`, Math.max(260, width - 2 * MARGIN), FONTS.excerpt))}</text>`;
  const icons = [...kinds].map((kind) => `<symbol id="zo-kind-${kind}" viewBox="0 0 16 16"><g fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">${KIND_ICONS[kind]}</g></symbol>`);
  const arrow = (id: string, colour: string, size = 10) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="${size}" markerHeight="${size}" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 1L10 5L0 9z" fill="${colour}"/></marker>`;
  const label = `Flow diagram: ${name}`;
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="${left} ${top} ${width} ${height}" role="img" aria-label="${xmlText(label)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Helvetica, Arial, sans-serif">`,
    `<title>${xmlText(label)}</title>`,
    `<desc>${xmlText(`${nodes} and ${wired}, drawn by Zero Out.`)}</desc>`,
    `<defs>${arrow('zo-arrow', COLOURS.edge)}${arrow('zo-arrow-trap', COLOURS.trap)}${arrow('zo-arrow-small', COLOURS.edge, 7)}${arrow('zo-arrow-trap-small', COLOURS.trap, 7)}${icons.join('')}</defs>`,
    `<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="${COLOURS.background}"/>`,
    caption,
    `<g class="edges">${edges.join('\n')}</g>`,
    `<g class="nodes">${drawn.join('\n')}</g>`,
    `<g class="edge-labels" font-size="11" fill="${COLOURS.muted}" stroke="${COLOURS.background}" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${labels.join('\n')}</g>`,
    '</svg>',
    ''
  ].join('\n');
  return { text, width, height };
}

/**
 * A flow as a standalone SVG document: the designer's canvas as a picture
 * (see {@link svgImage}).
 */
export function toSvg(flow: Flow, options: SvgOptions = {}): string {
  return svgImage(flow, options).text;
}
