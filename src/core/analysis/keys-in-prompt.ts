/**
 * Which phone keys a prompt tells the caller to press: "press 1", "for
 * billing, press 2", "press 1, 2 or 3", "press the pound key", "oprima 4",
 * "1번을 누르세요", "1番を押してください".
 *
 * The text is normalised with NFKC first (full-width "１" is "1"), SSML tags
 * and `{{placeholders}}` are dropped, and then two scanners run on it:
 *
 * - English and Spanish: a key counts only right after a verb that asks for
 *   a key ("press", "dial", "option", "oprima", "marque", …), in a list after
 *   it ("press 1, 2 or 3"), or in a list that repeats the sentence's pattern
 *   ("press 1 for billing, 2 for sales").
 * - Korean, Japanese and Mandarin: a digit marked as a key ("1번", "1番") or
 *   followed by the verb ("1을 누르세요", "1を押して", "按1").
 *
 * Digits that are part of something else are never keys: phone numbers
 * ("dial 1-800-555-0100", "dial 9 1 1"), times ("open 9 to 5", "9am"),
 * amounts ("$5", "5 dollars"), counts ("enter 4 digits"), ordinals ("1st",
 * "1번째", "1番目") and longer numbers ("press 10").
 *
 * Every scan takes time linear in the length of the text.
 */

/** One place a prompt names a key. */
export interface KeyMention {
  /** The key: `0`–`9`, `*` or `#`. */
  readonly key: string;
  /** The words that name it, as normalised ("press 1 or 2", "oprima 3", "1번"). */
  readonly phrase: string;
  /** Where the phrase starts in the normalised text. */
  readonly index: number;
}

/** The keys a prompt's text names. */
export function keysInPrompt(text: string): Set<string> {
  return new Set(keyMentions(text).map((mention) => mention.key));
}

/** Every place a prompt's text names a key, in text order. */
export function keyMentions(text: string): readonly KeyMention[] {
  return readMentions(text).all;
}

/**
 * A text normalised once, with the mentions each scanner found in it, and
 * what is worked out from them when first asked for (several rules read a
 * text: during a lint, each text is read once).
 */
interface Mentions {
  readonly normal: string;
  readonly words: readonly KeyMention[];
  readonly cjk: readonly KeyMention[];
  /** Both, in text order. */
  readonly all: readonly KeyMention[];
  /** keyBeforeGoal's answer once asked (null: none). */
  beforeGoal: KeyBeforeGoal | null | undefined;
  /** keyLabels's answer once asked. */
  labels: readonly KeyLabel[] | undefined;
}

/** The texts read during one lint, by text: several rules read each prompt. */
let reading: Map<string, Mentions> | undefined;

/**
 * Runs `work` with each prompt text read once however many rules ask for
 * it: the reads are kept until `work` returns (one lint), then let go.
 */
export function readingPromptsOnce<T>(work: () => T): T {
  if (reading !== undefined) return work();
  reading = new Map();
  try {
    return work();
  } finally {
    reading = undefined;
  }
}

/** Whether mentions are in text order (one scanner's are; two scanners' together need sorting). */
function inOrder(mentions: readonly KeyMention[]): boolean {
  for (let i = 1; i < mentions.length; i++) if (mentions[i]!.index < mentions[i - 1]!.index) return false;
  return true;
}

/** What a text that names no key reads as: no place to quote, so no normalised text either. */
const NOTHING: Mentions = Object.freeze({ normal: '', words: Object.freeze([]), cjk: Object.freeze([]), all: Object.freeze([]), beforeGoal: null, labels: Object.freeze([]) });

function readMentions(text: string): Mentions {
  const known = reading?.get(text);
  if (known !== undefined) return known;
  const mentions = scanText(text);
  reading?.set(text, mentions);
  return mentions;
}

function scanText(text: string): Mentions {
  const form = textForm(text);
  let normal: string;
  if (form === TEXT_FORM.other) normal = normalisePromptText(text);
  else {
    // ASCII: dropping tags and placeholders and joining spaces makes no letters, so a text
    // without a trigger word names no key once normalised either (most messages: "Please hold").
    const lower = text.toLowerCase();
    if (!ANY_TRIGGER.test(lower)) return NOTHING;
    normal = form === TEXT_FORM.plain ? lower : normalisePromptText(text);
  }
  // Only a text with a trigger word is tokenised (an ASCII one was asked above).
  const words = form !== TEXT_FORM.other || ANY_TRIGGER.test(normal) ? scanWords(normal) : [];
  const cjk = form === TEXT_FORM.other ? scanCjk(normal) : [];
  // Most texts have no CJK mentions: the words alone, already in order, are all of them.
  const all = cjk.length === 0 && inOrder(words) ? words : [...words, ...cjk].sort((a, b) => a.index - b.index);
  return { normal, words, cjk, all, beforeGoal: undefined, labels: undefined };
}

/**
 * Whether the text has parts only known when the call runs (a
 * `{{placeholder}}` or recorded `<audio>`), which may name keys of their own.
 */
export function hasDynamicText(text: string): boolean {
  return /\{\{[^{}]*\}\}|<audio\b/i.test(text);
}

/**
 * NFKC, lower case, SSML tags and placeholders replaced by neutral marks, and
 * every run of white space made one space: the key patterns allow optional
 * spaces between words, and one space each keeps them linear.
 */
function normalisePromptText(text: string): string {
  // NFKC changes nothing in ASCII, the usual case, and costs the most here.
  let normal = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  // Each scan stops at the next opener, so a text full of `<` or `{{` stays linear.
  if (normal.includes('<')) normal = normal.replace(/<[^<>]*>/g, ' ');
  if (normal.includes('{{')) normal = normal.replace(/\{\{[^{}]*\}\}/g, ' \u00a7 ');
  if (LOOSE_SPACE.test(normal)) normal = normal.replace(/\s+/g, ' ');
  return normal.toLowerCase();
}

/** How much normalising a text needs. */
type TextForm = (typeof TEXT_FORM)[keyof typeof TEXT_FORM];
const TEXT_FORM = {
  /** ASCII with single spaces, no tags and no placeholders: lower case alone. */
  plain: 0,
  /** ASCII with tags, placeholders or loose white space. */
  ascii: 1,
  /** Other characters too: NFKC, and the CJK scanner. */
  other: 2
} as const;

/**
 * What a text needs to be normalised, in one pass where the full path's
 * tests make one each (control characters are left to the full path, which
 * knows which of them are spaces).
 */
function textForm(text: string): TextForm {
  let form: TextForm = TEXT_FORM.plain;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return TEXT_FORM.other;
    if (c < 0x20 || c === 0x3c || c === 0x7f || (c === 0x7b && previous === 0x7b) || (c === 0x20 && previous === 0x20)) form = TEXT_FORM.ascii;
    previous = c;
  }
  return form;
}

const NON_ASCII = /[^\x00-\x7f]/;
/** Two spaces in a row, or white space other than a space. */
const LOOSE_SPACE = /\s\s|[^\S ]/;

/** A phrase as quoted: trimmed, on one line, single spaces. */
function cleanPhrase(phrase: string): string {
  const trimmed = phrase.trim();
  return /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

// ---------------------------------------------------------------------------
// English and Spanish

const KEY_WORDS: ReadonlyMap<string, string> = new Map([
  ['zero', '0'], ['oh', '0'], ['one', '1'], ['two', '2'], ['three', '3'], ['four', '4'],
  ['five', '5'], ['six', '6'], ['seven', '7'], ['eight', '8'], ['nine', '9'],
  ['star', '*'], ['asterisk', '*'], ['pound', '#'], ['hash', '#'], ['hashtag', '#'],
  ['cero', '0'], ['uno', '1'], ['dos', '2'], ['tres', '3'], ['cuatro', '4'], ['cinco', '5'],
  ['seis', '6'], ['siete', '7'], ['ocho', '8'], ['nueve', '9'],
  ['asterisco', '*'], ['estrella', '*'], ['numeral', '#'], ['almohadilla', '#'], ['gato', '#']
]);

/** Words after which the next word is a key. */
const TRIGGERS: ReadonlySet<string> = new Set([
  'press', 'pressing', 'dial', 'select', 'enter', 'push', 'hit', 'touch', 'choose',
  'option', 'options', 'followed',
  'oprima', 'oprime', 'marque', 'marca', 'pulse', 'pulsa', 'presione', 'presiona',
  'digite', 'digita', 'teclee', 'teclea', 'seleccione', 'selecciona', 'elija', 'elige',
  'opción', 'opcion', 'opciones', 'seguido', 'seguida'
]);

/** Words allowed between a trigger and its key ("press the pound key", "oprima la tecla 1"). */
const FILLERS_BEFORE: ReadonlySet<string> = new Set([
  'the', 'key', 'button', 'number', 'by',
  'el', 'la', 'tecla', 'botón', 'boton', 'número', 'numero', 'de', 'del'
]);

/** Words allowed right after a key ("the star key", "pound sign"). */
const FILLERS_AFTER: ReadonlySet<string> = new Set(['key', 'keys', 'button', 'sign', 'tecla', 'botón', 'boton']);

/** Words that join keys into a list ("1, 2 or 3", "1 o 2"). */
const LIST_WORDS: ReadonlySet<string> = new Set(['or', 'and', 'o', 'u', 'y']);

/** Words that tie a key to its choice ("1 for billing"), repeated in lists ("2 for sales"). */
const CONNECTORS: ReadonlySet<string> = new Set(['for', 'to', 'if', 'para', 'si']);

/** Words after a number that make it a quantity, not a key ("4 digits", "9 am"). */
const UNITS: ReadonlySet<string> = new Set([
  'digit', 'digits', 'dollar', 'dollars', 'cent', 'cents', 'percent', 'minute', 'minutes',
  'second', 'seconds', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months',
  'year', 'years', 'time', 'times', 'am', 'pm', 'a.m', 'p.m', "o'clock", 'of', 'more',
  'dígito', 'dígitos', 'digito', 'digitos', 'dólar', 'dólares', 'dolar', 'dolares', 'peso',
  'pesos', 'centavos', 'minuto', 'minutos', 'segundo', 'segundos', 'hora', 'horas', 'día',
  'días', 'dia', 'dias', 'semana', 'semanas', 'mes', 'meses', 'año', 'años', 'vez', 'veces'
]);

/** Words of a range ("9 to 5", "de 9 a 5"). */
const RANGE_WORDS: ReadonlySet<string> = new Set(['to', 'till', 'until', 'through', 'thru', 'a', 'al', 'hasta']);

type TokenKind = 'number' | 'word' | 'symbol' | 'stop' | 'comma' | 'other';

interface Token {
  readonly kind: TokenKind;
  /** The token as written; empty for a word that is in none of this file's word lists, the only thing asked of a word. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const LETTER = /^[\p{L}\p{M}]+$/u;

/** How many code units the letter at `i` takes (0 when it is not a letter). */
function letterAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c) ? 1 : 0;
  const size = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  return LETTER.test(text.slice(i, i + size)) ? size : 0;
}

const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c <= 32 || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0x200b || c === 0xfeff;
/** Characters inside a number: 1-800-555-0100, 9:30, 1,000, 24/7. */
const isNumberJoin = (c: number): boolean => c === 46 || c === 44 || c === 58 || c === 45 || c === 47;
/** Characters inside a word: o'clock, a.m. */
const isWordJoin = (c: number): boolean => c === 39 || c === 46 || c === 0x2019;
const STOPS = new Set(['.', '!', '?', '。', '！', '？']);
const COMMAS = new Set([',', '/', ';']);
/** Quotes and brackets never change the meaning of a list. */
const SKIPPED = new Set(['"', '“', '”', '‘', '’', "'", '«', '»', '(', ')', '¿', '¡', '[', ']']);

/** What an ASCII character that is neither a digit, a letter nor a space makes: a token's kind, or nothing (skipped). */
const ASCII_MARK: readonly (TokenKind | undefined)[] = Array.from({ length: 0x80 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return SKIPPED.has(ch) ? undefined : ch === '*' || ch === '#' ? 'symbol' : STOPS.has(ch) ? 'stop' : COMMAS.has(ch) ? 'comma' : 'other';
});

/**
 * Every word a list of this file holds, by first letter (ASCII) and length:
 * bit `length` of entry `first`. A word is only ever asked whether it is in
 * one of these lists, so a word whose first letter and length match none of
 * them is known to be in none without making a string of it to look up.
 */
const VOCABULARY_SHAPES = new Uint32Array(0x80);
for (const list of [[...KEY_WORDS.keys()], TRIGGERS, FILLERS_BEFORE, FILLERS_AFTER, LIST_WORDS, CONNECTORS, UNITS, RANGE_WORDS, ['por', 'ciento']]) {
  for (const word of list) {
    const first = word.charCodeAt(0);
    if (first >= 0x80 || word.length >= 32) throw new Error(`the word list needs a word that starts in ASCII and is shorter than 32: "${word}"`);
    VOCABULARY_SHAPES[first] = VOCABULARY_SHAPES[first]! | (1 << word.length);
  }
}

/** Whether the word from `start` to `end` may be in a list of this file (see VOCABULARY_SHAPES). */
function mayBeListed(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  const length = end - start;
  return first >= 0x80 || length >= 32 || (VOCABULARY_SHAPES[first]! & (1 << length)) !== 0;
}

/** The token that starts at or after `pos`, if any. */
function readToken(text: string, pos: number): Token | undefined {
  const n = text.length;
  let i = pos;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    let size = 0;
    if (isDigit(c)) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isDigit(d)) i++;
        else if (isNumberJoin(d) && isDigit(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      kind = 'number';
    } else if (isAsciiLetter(c) || (c >= 128 && (size = letterAt(text, i)) > 0)) {
      i += size || 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isAsciiLetter(d)) i++;
        else if (d >= 128 && (size = letterAt(text, i)) > 0) i += size;
        else if (isWordJoin(d) && letterAt(text, i + 1) > 0) i++;
        else break;
      }
      // A word in no list is never compared: it needs no text of its own.
      if (!mayBeListed(text, start, i)) return { kind: 'word', text: '', start, end: i };
      kind = 'word';
    } else if (c < 0x80) {
      i++;
      const mark = ASCII_MARK[c];
      if (mark === undefined) continue;
      kind = mark;
    } else {
      const ch = text[i]!;
      i++;
      if (SKIPPED.has(ch)) continue;
      kind = STOPS.has(ch) ? 'stop' : COMMAS.has(ch) ? 'comma' : 'other';
    }
    return { kind, text: text.slice(start, i), start, end: i };
  }
  return undefined;
}

/** Splits normalised text into numbers, words and punctuation, in one pass. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (let token = readToken(text, 0); token !== undefined; token = readToken(text, token.end)) tokens.push(token);
  return tokens;
}

/** The key a token names, whatever its context. */
function tokenKey(token: Token | undefined): string | undefined {
  if (token === undefined) return undefined;
  switch (token.kind) {
    case 'number':
      return token.text.length === 1 ? token.text : undefined;
    case 'symbol':
      return token.text;
    case 'word':
      return KEY_WORDS.get(token.text);
    default:
      return undefined;
  }
}

/** Could the token be a key in a list? (Any number is, so that "dial 9 1 1" is seen as a sequence.) */
function looksLikeKey(token: Token | undefined): boolean {
  return token !== undefined && (token.kind === 'number' || tokenKey(token) !== undefined);
}

const GLUED_BEFORE = /[\p{L}\p{N}$€£¥₩+#*\-.]/u;
const GLUED_AFTER = /[\p{L}\p{N}%$€£¥₩*#]/u;

/** Whether `token` is a key given what follows it (not an amount, time, count or ordinal). */
function isKey(text: string, token: Token | undefined, next: Token | undefined, after: Token | undefined): boolean {
  if (token === undefined || tokenKey(token) === undefined) return false;
  if (token.kind !== 'word') {
    const before = text[token.start - 1];
    const glued = text[token.end];
    if (before !== undefined && GLUED_BEFORE.test(before)) return false;
    if (glued !== undefined && GLUED_AFTER.test(glued)) return false;
  }
  if (next === undefined) return true;
  if (next.kind === 'word') {
    if (UNITS.has(next.text)) return false;
    if (next.text === 'por' && after?.text === 'ciento') return false;
    if (RANGE_WORDS.has(next.text) && after?.kind === 'number') return false;
  }
  if (next.kind === 'other' && /^[-–—~]$/.test(next.text) && after?.kind === 'number') return false;
  if (next.kind === 'other' && next.text === '%') return false;
  return true;
}

function isListJoin(token: Token): boolean {
  return token.kind === 'comma' ? token.text !== ';' : token.kind === 'word' && LIST_WORDS.has(token.text);
}

interface Run {
  readonly start: number;
  /** Where the phrase ends: after the last key and the words that close it ("the pound key"). */
  end: number;
  readonly keys: Token[];
  /** Keys follow each other with nothing between: a number read out ("dial 9 1 1"), not choices. */
  sequence: boolean;
}

/** Finds texts that have a trigger word at all, so that the others are not tokenised (see scanText). */
const ANY_TRIGGER = new RegExp([...TRIGGERS].join('|'));

/** The English and Spanish mentions of a normalised text (one without a trigger word has none: see scanText). */
function scanWords(text: string): KeyMention[] {
  const tokens = tokenize(text);
  const mentions: KeyMention[] = [];
  let run: Run | undefined;
  let state: 'idle' | 'expect' | 'list' = 'idle';
  // The word that ties a key to its choice in this sentence ("for" in "press 1 for billing").
  let connector: string | undefined;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const word = token.kind === 'word' ? token.text : undefined;
    if (token.kind === 'stop') {
      run = flush(text, run, mentions);
      state = 'idle';
      connector = undefined;
      continue;
    }
    if (word !== undefined && TRIGGERS.has(word)) {
      flush(text, run, mentions);
      run = { start: token.start, end: token.end, keys: [], sequence: false };
      state = 'expect';
      continue;
    }
    if (state === 'expect') {
      if ((word !== undefined && FILLERS_BEFORE.has(word)) || (isListJoin(token) && run!.keys.length > 0)) continue;
      if (looksLikeKey(token) && isKey(text, token, tokens[i + 1], tokens[i + 2])) {
        run!.keys.push(token);
        run!.end = token.end;
        state = 'list';
        continue;
      }
      run = flush(text, run, mentions);
      state = 'idle';
      continue;
    }
    if (state === 'list') {
      if (isListJoin(token)) {
        state = 'expect';
        continue;
      }
      if (word !== undefined && FILLERS_AFTER.has(word)) {
        run!.end = token.end;
        continue;
      }
      if (looksLikeKey(token)) {
        run!.sequence = true;
        continue;
      }
      if (word !== undefined && CONNECTORS.has(word) && !run!.sequence) connector ??= word;
      run = flush(text, run, mentions);
      state = 'idle';
      continue;
    }
    // Idle: "…, 2 for sales" repeats the sentence's "press 1 for billing".
    if (connector !== undefined && isListJoin(token)) {
      const key = tokens[i + 1];
      const tie = tokens[i + 2];
      if (looksLikeKey(key) && tie?.kind === 'word' && tie.text === connector && isKey(text, key, tie, tokens[i + 3])) {
        // Quote the choice too: "9 for anything else".
        let end = i + 2;
        while (end - i < 6 && tokens[end + 1]?.kind === 'word' && !isListJoin(tokens[end + 1]!)) end++;
        mentions.push({ key: tokenKey(key)!, phrase: cleanPhrase(text.slice(key!.start, tokens[end]!.end)), index: key!.start });
        i += 2;
      }
    }
  }
  flush(text, run, mentions);
  return mentions;
}

/** Adds a run's keys to the mentions, unless it read out a number; the run is over. */
function flush(text: string, run: Run | undefined, mentions: KeyMention[]): undefined {
  if (run === undefined || run.sequence || run.keys.length === 0) return undefined;
  const phrase = cleanPhrase(text.slice(run.start, run.end));
  for (const key of run.keys) mentions.push({ key: tokenKey(key)!, phrase, index: run.start });
  return undefined;
}

// ---------------------------------------------------------------------------
// Korean, Japanese and Mandarin

const NOT_AFTER_DIGIT = String.raw`(?<![0-9.,:\-/$€£¥₩+])`;
const SINGLE_DIGIT = String.raw`${NOT_AFTER_DIGIT}[0-9](?![0-9])`;

const KO_KEY = String.raw`(?:${SINGLE_DIGIT}|[*#]|별표|우물\s*정자?|샵|샾)`;
const JA_KEY = String.raw`(?:${SINGLE_DIGIT}|[*#]|米印|アスタリスク|スター|シャープ|井桁|井げた)`;
const ZH_KEY = String.raw`(?:[0-9](?![0-9])|[*#]|星号键?|井号键?)`;

const KO_PATTERNS: readonly RegExp[] = [
  // Korean: "1번" is key 1 (but "1번째" is "the first", "1번지" an address).
  new RegExp(String.raw`${NOT_AFTER_DIGIT}[0-9*#]\s*번(?!\s*째|\s*출구|지|호|길|가|선)`, 'gu'),
  // Korean: "1 또는 2를 누르세요", "샵 버튼을 누르세요".
  new RegExp(
    String.raw`${KO_KEY}(?:\s*번)?(?:\s*(?:,|또는|혹은|이나|나|와|과)\s*${KO_KEY}(?:\s*번)?)*\s*(?:버튼|키)?\s*(?:을|를)?\s*(?:누르|눌러|입력)`,
    'gu'
  ),
  // Korean: "별표" is always the star key, "우물 정자" the pound key.
  /별표|우물\s*정자?/gu
];

const JA_PATTERNS: readonly RegExp[] = [
  // Japanese: "1番" is key 1 (but "1番目" is "the first", "1番線" a platform).
  new RegExp(String.raw`${NOT_AFTER_DIGIT}[0-9*#]\s*番(?![目線地号台街館組手])`, 'gu'),
  // Japanese: "1か2を押してください", "シャープを押して".
  new RegExp(
    String.raw`${JA_KEY}(?:\s*番)?(?:\s*(?:、|,|または|か|や|と|・)\s*${JA_KEY}(?:\s*番)?)*\s*の?\s*(?:キー|ボタン)?\s*(?:を|、)?\s*(?:押|プッシュ|ダイヤル|入力)`,
    'gu'
  )
];

const ZH_PATTERNS: readonly RegExp[] = [
  // Mandarin: "请按1", "按1或2", "按井号键".
  new RegExp(String.raw`[按拨]\s*${ZH_KEY}(?:\s*(?:或|、|,)\s*${ZH_KEY})*`, 'gu')
];

const CJK_KEY = /[0-9*#]|별표|우물\s*정자?|샵|샾|米印|アスタリスク|スター|シャープ|井桁|井げた|星号|井号/gu;

function cjkKey(word: string): string {
  if (/^[0-9*#]$/.test(word)) return word;
  return /^(별표|米印|アスタリスク|スター|星号)/.test(word) ? '*' : '#';
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const KANA = /[\u3040-\u30ff]/;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;

function scanCjk(text: string): KeyMention[] {
  // Only the patterns of the scripts the text is written in.
  const patterns = [
    ...(HANGUL.test(text) ? KO_PATTERNS : []),
    ...(KANA.test(text) || HAN.test(text) ? JA_PATTERNS : []),
    ...(HAN.test(text) ? ZH_PATTERNS : [])
  ];
  const mentions: KeyMention[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const phrase = cleanPhrase(m[0]);
      for (const k of m[0].matchAll(CJK_KEY)) mentions.push({ key: cjkKey(k[0]), phrase, index: m.index });
    }
  }
  return mentions;
}

// ---------------------------------------------------------------------------
// Which comes first, the key or the goal, and the goal each key is for

/** A place a prompt names a key before the goal it is for ("press 1 for billing"). */
export interface KeyBeforeGoal {
  /** The (first) key named. */
  readonly key: string;
  /** The words, as normalised: "press 1 for billing", "oprima 1 para facturación", "1번을 누르시면 요금 문의로 연결됩니다". */
  readonly phrase: string;
  /** The same choice said goal first, in English and Spanish: "for billing, press 1". */
  readonly suggestion?: string;
}

/** The goal a prompt announces a key with: "billing" in "For billing, press 1". */
export interface KeyLabel {
  readonly key: string;
  /** The goal's words as written (normalised: lower case, one space). */
  readonly label: string;
}

/** Words that may stand between a key and the word that ties it to its goal ("press 0 now to …"). */
const BEFORE_TIE = /(?:\s*,?\s*(?:now|anytime|at any time|ahora|en cualquier momento)(?![\p{L}\p{N}]))*/uy;

/** Triggers of a key that ends an entry, not of a choice ("followed by the pound key"). */
const ENTRY_END: ReadonlySet<string> = new Set(['followed', 'seguido', 'seguida']);

/** Triggers that are nouns too ("these options"). */
const OPTION_WORDS: ReadonlySet<string> = new Set(['option', 'options', 'opción', 'opcion', 'opciones']);

/** At most this many words of a goal are read. */
const MAX_GOAL_WORDS = 8;

interface GoalAfter {
  /** The word that ties the key to its goal: "for", "to", "if", "para", "si". */
  readonly tie: string;
  readonly goal: string;
  /** Where the goal ends in the normalised text. */
  readonly end: number;
  /** The mention starts with its verb ("press 1 …"), not with the key of a list ("2 for sales"). */
  readonly verb: boolean;
}

/**
 * The goal said after a word-scanner mention's key ("press 1 for billing",
 * "2 for sales"), up to the end of its clause; undefined when the key is not
 * followed by a goal. Reads a few tokens only.
 */
function goalAfter(normal: string, mention: KeyMention): GoalAfter | undefined {
  const first = readToken(normal, mention.index);
  if (first === undefined) return undefined;
  const verb = first.kind === 'word' && TRIGGERS.has(first.text);
  if (verb && ENTRY_END.has(first.text)) return undefined;
  // A list entry that repeats the sentence's pattern ("2 for sales") has the tie in its phrase.
  let pos = verb ? mention.index + mention.phrase.length : first.end;
  BEFORE_TIE.lastIndex = pos;
  // test, not exec: only where the match ends is read, and no match array is made.
  if (BEFORE_TIE.test(normal)) pos = BEFORE_TIE.lastIndex;
  const tie = readToken(normal, pos);
  if (tie?.kind !== 'word' || !CONNECTORS.has(tie.text)) return undefined;
  const goal: Token[] = [];
  for (let token = readToken(normal, tie.end); token !== undefined && goal.length < MAX_GOAL_WORDS; token = readToken(normal, token.end)) {
    if (token.kind !== 'word' && token.kind !== 'number') break;
    // "to hear these options again": "options" asks for a key only when one follows.
    if (token.kind === 'word' && TRIGGERS.has(token.text) && (!OPTION_WORDS.has(token.text) || looksLikeKey(readToken(normal, token.end)))) break;
    goal.push(token);
  }
  // "press 1 for billing or press 2 …": the list word belongs to the next choice.
  while (goal.length > 0 && LIST_WORDS.has(goal[goal.length - 1]!.text)) goal.pop();
  if (goal.length === 0) return undefined;
  const end = goal[goal.length - 1]!.end;
  return { tie: tie.text, goal: normal.slice(goal[0]!.start, end), end, verb };
}

const KO_LIST = String.raw`${KO_KEY}(?:\s*번)?(?:\s*(?:,|또는|혹은|이나|나|와|과)\s*${KO_KEY}(?:\s*번)?)*`;
const JA_LIST = String.raw`${JA_KEY}(?:\s*番)?(?:\s*(?:、|,|または|か|や|と|・)\s*${JA_KEY}(?:\s*番)?)*`;
/** What may follow, so that a goal comes after the key: anything but the end of the clause. */
const THEN_GOAL = String.raw`\s*[,、]?\s*[^\s.!?,。、！？]`;

/**
 * Korean, key first: the key at the start of its sentence as the condition of
 * what follows ("1번을 누르시면 요금 문의로 연결됩니다") or as its topic
 * ("1번은 요금 문의입니다"). "요금 문의는 1번을 누르시면 됩니다" says the goal
 * first, and "1번을 누르시면 됩니다" names no goal.
 */
const KO_KEY_FIRST = new RegExp(
  String.raw`${KO_LIST}\s*(?:버튼|키)?\s*(?:(?:을|를)?\s*(?:누르시면|누르면|눌러\s*주시면|입력하시면|입력하면)(?!\s*(?:됩니다|돼요|되요|되세요|되겠습니다))|은|는)${THEN_GOAL}`,
  'uy'
);

/**
 * Japanese, key first: the key at the start of its sentence, pressed "and
 * then" or "if" before the goal ("1を押すと料金のお問い合わせにつながります",
 * "1番を押して料金のお問い合わせへお進みください"), or as its topic ("1番は料金の
 * お問い合わせです"). "1番を押してください" names no goal.
 */
const JA_KEY_FIRST = new RegExp(
  String.raw`${JA_LIST}\s*の?\s*(?:キー|ボタン)?\s*(?:(?:を|、)?\s*(?:押すと|押せば|押したら|押していただくと|押していただければ|押して(?!\s*(?:ください|下さい|くださ|いただ|お待ち))|プッシュすると|ダイヤルすると|入力すると)(?!\s*(?:結構|よろし|大丈夫|いい|よい))|は)${THEN_GOAL}`,
  'uy'
);

const CLAUSE_END = /[.!?。！？]/;
const ANY_LETTER = /\p{L}/u;

/** Whether nothing but punctuation and spaces stands between the sentence's start and `index`. */
function startsSentence(normal: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = normal[i]!;
    if (CLAUSE_END.test(c)) return true;
    if (ANY_LETTER.test(c)) return false;
  }
  return true;
}

/** At most this many characters of a Korean or Japanese goal are quoted. */
const MAX_CJK_GOAL = 24;
const CJK_GOAL_END = /[.!?,。、！？]/;

/**
 * The goal after a Korean or Japanese key said first (the key at `index`),
 * up to the next comma or the end of the sentence, when the key is said first.
 */
function cjkGoalAfter(normal: string, index: number): { start: number; end: number } | undefined {
  for (const pattern of [KO_KEY_FIRST, JA_KEY_FIRST]) {
    pattern.lastIndex = index;
    if (!pattern.test(normal)) continue;
    // The pattern ends on the goal's first character.
    const start = pattern.lastIndex - 1;
    let end = pattern.lastIndex;
    const limit = Math.min(normal.length, end + MAX_CJK_GOAL);
    while (end < limit && !CJK_GOAL_END.test(normal[end]!)) end++;
    return { start, end };
  }
  return undefined;
}

/**
 * The first place a text names a key before the goal it is for: "press 1 for
 * billing" (English), "oprima 1 para facturación" (Spanish), "1번을 누르시면
 * 요금 문의로 연결됩니다" (Korean), "1を押すと料金のお問い合わせ…" (Japanese).
 * Keys that end an entry ("followed by the pound key") and keys without a
 * goal ("press 1 or 2") are not. Linear in the length of the text.
 */
export function keyBeforeGoal(text: string): KeyBeforeGoal | undefined {
  const mentions = readMentions(text);
  if (mentions.beforeGoal === undefined) mentions.beforeGoal = findKeyBeforeGoal(mentions) ?? null;
  return mentions.beforeGoal ?? undefined;
}

function findKeyBeforeGoal({ normal, words, cjk }: Mentions): KeyBeforeGoal | undefined {
  let found: (KeyBeforeGoal & { index: number }) | undefined;
  for (const mention of words) {
    const after = goalAfter(normal, mention);
    if (after === undefined) continue;
    const phrase = cleanPhrase(normal.slice(mention.index, after.end));
    found = {
      key: mention.key,
      phrase,
      ...(after.verb ? { suggestion: `${after.tie} ${after.goal}, ${mention.phrase}` } : {}),
      index: mention.index
    };
    break;
  }
  // Mentions of one place (a list, or two patterns) share the index: look once.
  let last = -1;
  for (const mention of cjk.length === 0 ? cjk : [...cjk].sort((a, b) => a.index - b.index)) {
    if (found !== undefined && mention.index >= found.index) break;
    if (mention.index === last) continue;
    last = mention.index;
    if (!startsSentence(normal, mention.index)) continue;
    const goal = cjkGoalAfter(normal, mention.index);
    if (goal === undefined) continue;
    found = { key: mention.key, phrase: cleanPhrase(normal.slice(mention.index, goal.end)), index: mention.index };
    break;
  }
  if (found === undefined) return undefined;
  const { index: _index, ...result } = found;
  return result;
}

/** The end of a clause, or a comma, before a goal said first: `. ! ? , ; :` and `。 ！ ？ 、`. */
const isGoalStart = (c: number): boolean =>
  c < 0x80 ? c === 46 || c === 33 || c === 63 || c === 44 || c === 59 || c === 58 : c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x3001;
/**
 * Where the words before a key end once what may close them without being
 * part of the goal is dropped ("For billing, please press 1": spaces,
 * commas, dashes, "please", "por favor"): each is taken off the end in turn.
 * Each can end the text in one way only, so this drops what the longest
 * such tail would, without a pattern tried at every place of the text.
 */
function goalTrailStart(text: string, start: number, end: number): number {
  let at = end;
  while (at > start) {
    const c = text.charCodeAt(at - 1);
    if (isTrailMark(c) || (c < 0x80 ? c === 32 || (c >= 9 && c <= 13) : TRAIL_SPACE.test(text[at - 1]!))) at--;
    else if (at - 6 >= start && text.startsWith('please', at - 6)) at -= 6;
    else if (at - 9 >= start && text.startsWith('por favor', at - 9)) at -= 9;
    else break;
  }
  return at;
}

/** `, 、 ; : - – —`, which may close the words before a key. */
const isTrailMark = (c: number): boolean => c === 44 || c === 0x3001 || c === 59 || c === 58 || c === 45 || c === 0x2013 || c === 0x2014;
const TRAIL_SPACE = /\s/u;
/** At most this many characters before a key are read as its goal. */
const MAX_GOAL_BEFORE = 120;

/** The goal said before a key, between `from` (the previous key's phrase) and the key's phrase at `to`. */
function goalBefore(normal: string, from: number, to: number): string | undefined {
  const start = Math.max(from, to - MAX_GOAL_BEFORE);
  const end = goalTrailStart(normal, start, to);
  let cut = end;
  // Read by character code: a regular expression or set tested on each character costs a look-up each.
  while (cut > start && !isGoalStart(normal.charCodeAt(cut - 1))) cut--;
  const goal = normal.slice(cut, end).trim();
  return ANY_LETTER.test(goal) ? goal : undefined;
}

/**
 * The goal each key of a text is announced with, for the keys named alone
 * (not in a list such as "press 1 or 2"): the words before the key's phrase
 * back to the end of the previous sentence, comma or key ("For billing,
 * press 1", "요금 문의는 1번", "料金のお問い合わせは1を押して"), or the words
 * after it ("press 1 for billing", "2 for sales"). The first mention of a key
 * gives its goal. Linear in the length of the text.
 */
export function keyLabels(text: string): readonly KeyLabel[] {
  const mentions = readMentions(text);
  return (mentions.labels ??= findKeyLabels(mentions));
}

function findKeyLabels({ normal, words, cjk, all }: Mentions): readonly KeyLabel[] {
  // Without CJK mentions (most texts), every mention is a word mention.
  const wordMentions = cjk.length === 0 ? undefined : new Set(words);
  const labels = new Map<string, string>();
  let previousEnd = 0;
  for (let i = 0; i < all.length; ) {
    const first = all[i]!;
    let end = first.index + first.phrase.length;
    let single = true;
    let j = i + 1;
    for (; j < all.length && all[j]!.index === first.index; j++) {
      end = Math.max(end, first.index + all[j]!.phrase.length);
      if (all[j]!.key !== first.key) single = false;
    }
    let goal: { start: number; end: number } | undefined;
    if (wordMentions === undefined || wordMentions.has(first)) {
      const after = goalAfter(normal, first);
      if (after !== undefined) goal = { start: after.end - after.goal.length, end: after.end };
    } else {
      goal = cjkGoalAfter(normal, first.index);
    }
    if (single && !labels.has(first.key)) {
      const label = goal !== undefined ? normal.slice(goal.start, goal.end).trim() : goalBefore(normal, previousEnd, first.index);
      if (label !== undefined && label !== '') labels.set(first.key, label);
    }
    if (goal !== undefined) end = Math.max(end, goal.end);
    previousEnd = Math.max(previousEnd, end);
    i = j;
  }
  const found: KeyLabel[] = [];
  labels.forEach((label, key) => found.push({ key, label }));
  return found;
}
