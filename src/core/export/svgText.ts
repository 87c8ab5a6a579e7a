/**
 * Text in a drawn flow: made safe for XML, and fitted to the card without a
 * font to measure it with. The core has no DOM, so widths are estimated per
 * character from DejaVu Sans's advances (a wide sans-serif, the fallback of
 * most Linux machines): text fitted here fits in narrower fonts too.
 */

/**
 * Characters that may not appear in XML 1.0 or that steer rather than show:
 * the C0 and C1 controls (tab and line breaks included: a line of a picture
 * is one line), DEL, the line and paragraph separators, the bidirectional
 * embeddings, overrides and isolates, the non-characters U+FFFE and U+FFFF,
 * and halves of a surrogate pair standing alone.
 */
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as one line that XML 1.0 can hold: unshowable characters (see above) become spaces, runs of spaces one. */
export function cleanText(text: string): string {
  return text.replace(UNSHOWABLE, ' ').replace(/\s+/g, ' ').trim();
}

/** Escapes text for XML character data and attribute values (either quote). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Text cleaned (see {@link cleanText}) and escaped: what goes between tags or in an attribute. */
export function xmlText(text: string): string {
  return escapeXml(cleanText(text));
}

const NARROW = new Set("ijl|'");
const PUNCTUATION = new Set('.,:;!');
const SLIM = new Set('frt-()[]{}/\\"');
const ROUND = new Set('csz');
const UPPER_NARROW = new Set('IJ');
const UPPER_WIDE = new Set('MW');

/** A character's advance, in ems (estimated, see the file's comment). */
function advance(character: string): number {
  if (character === ' ') return 0.32;
  if (character === 'm') return 0.98;
  if (character === 'w') return 0.82;
  if (NARROW.has(character)) return 0.28;
  if (PUNCTUATION.has(character)) return 0.34;
  if (SLIM.has(character)) return 0.41;
  if (ROUND.has(character)) return 0.55;
  if (character >= 'a' && character <= 'z') return 0.64;
  if (character >= '0' && character <= '9') return 0.64;
  if (UPPER_NARROW.has(character)) return 0.3;
  if (UPPER_WIDE.has(character)) return 0.99;
  if (character >= 'A' && character <= 'Z') return 0.76;
  const code = character.codePointAt(0)!;
  // Hangul, CJK, kana, full-width forms and emoji take a whole em.
  if ((code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60) || code >= 0x1f000) return 1;
  return 0.72;
}

export interface Font {
  readonly size: number;
  readonly bold?: boolean;
  /** Extra space after each character, in pixels (CSS letter-spacing). */
  readonly spacing?: number;
}

/** The estimated width of a line of text in pixels. */
export function textWidth(text: string, font: Font): number {
  let ems = 0;
  let count = 0;
  for (const character of text) {
    ems += advance(character);
    count++;
  }
  return ems * font.size * (font.bold === true ? 1.1 : 1) + count * (font.spacing ?? 0);
}

/**
 * The longest start of `text` (whole characters) that fits in `width`, with an
 * ellipsis when it was cut. Reads no further than the width allows, so a
 * megabyte of text costs as much as a line of it.
 */
export function fitText(text: string, width: number, font: Font): string {
  const scale = font.size * (font.bold === true ? 1.1 : 1);
  const spacing = font.spacing ?? 0;
  const room = width - (0.8 * scale + spacing);
  let used = 0;
  let end = 0;
  let cut = -1;
  for (const character of text) {
    used += advance(character) * scale + spacing;
    if (used > width) return `${text.slice(0, cut === -1 ? 0 : cut).trimEnd()}…`;
    end += character.length;
    // The last place an ellipsis still fits after.
    if (used <= room) cut = end;
  }
  return text;
}

/**
 * Text broken into at most `lines` lines of `width` at spaces (a word longer
 * than a line is broken where it fills it); the last line ends in an ellipsis
 * when text is left over.
 */
export function wrapText(text: string, width: number, lines: number, font: Font): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest !== '' && out.length < lines) {
    if (out.length === lines - 1) {
      out.push(fitText(rest, width, font));
      break;
    }
    const whole = fitText(rest, width, font);
    if (whole === rest) {
      out.push(rest);
      break;
    }
    // `whole` is the fitting start plus an ellipsis: break at its last space, else inside the word.
    const fitting = whole.slice(0, -1);
    const space = fitting.lastIndexOf(' ');
    const take = space > 0 && rest[fitting.length] !== undefined ? (rest[fitting.length] === ' ' ? fitting.length : space) : fitting.length;
    const line = rest.slice(0, Math.max(1, take)).trimEnd();
    out.push(line);
    rest = rest.slice(Math.max(1, take)).trimStart();
  }
  return out;
}
