/**
 * unannounced-entry-length: an input's prompt never tells the caller how
 * long the entry is or how to end it. An input that takes a fixed number of
 * digits (minDigits = maxDigits, or a pattern such as `^\d{8}$`) must say
 * the number ("your 8-digit account number"); an input of any other length
 * ends on its terminator (# unless it says otherwise), which the prompt
 * must name ("then press pound"), or else say how many digits fill it
 * (its maxDigits; any number of digits when it has none).
 *
 * Each locale's prompt text is read on its own: English and Spanish numbers
 * in digits or words before "digit(s)", "dígito(s)", "cifras", Korean
 * "8자리" / "여덟 자리", Japanese "8桁" / "八桁", and the keys as
 * keys-in-prompt.ts reads them, or the key's name anywhere ("pound",
 * "almohadilla", "signo de número", "우물 정자", "シャープ"). For a language
 * not read here, the number in digits, or the key's symbol, anywhere counts.
 * A text with parts only known when the call runs (`{{…}}`, `<audio>`) may
 * say it. Every scan is linear in the text.
 */
import { escapeToken } from '../../json/pointer.ts';
import { localesOf, promptTextIn } from '../../model/prompt.ts';
import type { NodeOfKind } from '../../model/types.ts';
import { nodeRef } from '../describe.ts';
import { hasDynamicText, keyMentions } from '../keys-in-prompt.ts';
import type { Rule } from '../types.ts';

/** What a caller must be told to enter an input's digits. */
interface Entry {
  /** The number of digits, when fixed (2 or more). */
  readonly fixed?: number;
  /** For an entry of no fixed length: the key that ends it, and the most digits (which end it too). */
  readonly terminator?: '#' | '*';
  readonly maxDigits?: number;
}

/** `^\d{8}$`, `^[0-9]{8}$`, `\d{8}`: a pattern of exactly N digits. */
const FIXED_PATTERN = /^\^?(?:\\d|\[0-9\])\{(\d{1,3})\}\$?$/;

/**
 * Variables a security code is kept in: guidelines say not to tell the
 * length of such a code (it would help whoever guesses it).
 */
const SECRET = /pin|passcode|password|passwd|secret|contrase|clave/i;

function entryOf(node: NodeOfKind<'input'>): Entry | undefined {
  let fixed: number | undefined;
  if (node.minDigits !== undefined && node.minDigits === node.maxDigits) fixed = node.maxDigits;
  const pattern = node.pattern === undefined ? null : FIXED_PATTERN.exec(node.pattern);
  if (pattern) fixed = Number(pattern[1]);
  if (node.maxDigits === 1) fixed = 1;
  if (fixed !== undefined) {
    // One key ends itself; a security code's length is kept from the caller.
    if (fixed < 2 || SECRET.test(node.variable)) return undefined;
    return { fixed };
  }
  return { terminator: node.terminator ?? '#', ...(node.maxDigits === undefined ? {} : { maxDigits: node.maxDigits }) };
}

// ---------------------------------------------------------------------------
// Numbers of digits

const EN_NUMBERS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const ES_NUMBERS = ['', 'un|uno|una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis|dieciseis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte'];
/** Korean: Sino-Korean and native numbers, as said before 자리 ("네 자리", "십 자리"). */
const KO_SINO = ['', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
const KO_NATIVE = ['', '한', '두', '세', '네', '다섯', '여섯', '일곱', '여덟', '아홉', '열', '열한', '열두', '열세', '열네', '열다섯', '열여섯', '열일곱', '열여덟', '열아홉', '스무'];
const KANJI = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function koWords(n: number): string[] {
  const words: string[] = [];
  if (n < KO_NATIVE.length) words.push(KO_NATIVE[n]!);
  if (n < 10) words.push(KO_SINO[n]!);
  else if (n < 100) words.push(`${n >= 20 ? KO_SINO[Math.floor(n / 10)]! : ''}십${KO_SINO[n % 10]!}`);
  return words;
}

function kanji(n: number): string | undefined {
  if (n < 10) return KANJI[n];
  if (n < 100) return `${n >= 20 ? KANJI[Math.floor(n / 10)]! : ''}十${KANJI[n % 10]!}`;
  return undefined;
}

/** The patterns that say "N digits" in each language read here, built once per N. */
const countPatterns = new Map<number, { words: RegExp; ko: RegExp; ja: RegExp; digits: RegExp }>();

function patternsFor(n: number): { words: RegExp; ko: RegExp; ja: RegExp; digits: RegExp } {
  let patterns = countPatterns.get(n);
  if (patterns === undefined) {
    const number = `(?<![\\p{N}.,])${n}(?![\\p{N}])`;
    const words = [EN_NUMBERS[n], ES_NUMBERS[n]].filter((w): w is string => w !== undefined && w !== '');
    const word = words.length === 0 ? '' : `|(?<![\\p{L}])(?:${words.join('|')})`;
    const ja = kanji(n);
    patterns = {
      // "8-digit", "eight digits", "de 8 dígitos", "ocho cifras", "the last 4 numbers".
      words: new RegExp(`(?:${number}${word})(?:\\s*[-‐‑–]\\s*|\\s+)(?:digits?|d[íi]gitos?|cifras|numbers|n[úu]meros)(?![\\p{L}])`, 'u'),
      // "8자리", "여덟 자리", "네 자리".
      ko: new RegExp(`(?:${number}|(?<![\\p{L}])(?:${koWords(n).join('|')}))\\s*자리`, 'u'),
      // "8桁", "八桁", "8けた".
      ja: new RegExp(`(?:${number}${ja === undefined ? '' : `|(?<![一二三四五六七八九十百])${ja}`})\\s*(?:桁|けた)`, 'u'),
      digits: new RegExp(number, 'u')
    };
    countPatterns.set(n, patterns);
  }
  return patterns;
}

/** Languages whose ways of saying a number of digits are read. */
const READ_LANGUAGES: ReadonlySet<string> = new Set(['en', 'es', 'ko', 'ja']);

const languageOf = (locale: string): string => locale.slice(0, 2).toLowerCase();

/** NFKC ("８" is "8"), lower case, SSML tags dropped. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/<[^<>]*>/g, ' ').toLowerCase();
}

/** Whether a text says the entry has `n` digits. */
function saysCount(text: string, n: number, language: string): boolean {
  const p = patternsFor(n);
  if (!READ_LANGUAGES.has(language)) return p.digits.test(text);
  return p.words.test(text) || p.ko.test(text) || p.ja.test(text);
}

/** The names of the keys that end an entry, said anywhere in the text. */
const KEY_NAMES: Readonly<Record<'#' | '*', RegExp>> = {
  '#': /#|(?<![\p{L}])(?:pound|hash|numeral|almohadilla|gato)(?![\p{L}])|signo de n[úu]mero|우물\s*정자?|샵|샾|シャープ|井桁|井げた|井号/u,
  '*': /\*|(?<![\p{L}])(?:star|asterisk|asterisco|estrella)(?![\p{L}])|별표|米印|アスタリスク|スター|星号/u
};

/** Whether a text (as written, and normalised) names the key that ends the entry. */
function saysKey(raw: string, text: string, key: '#' | '*'): boolean {
  return KEY_NAMES[key].test(text) || keyMentions(raw).some((mention) => mention.key === key);
}

/** The lengths looked for when an input does not say its most digits. */
const MAX_NUMBER_SAID = 20;

/** Whether a locale's text tells the caller enough to enter the digits. */
function tells(raw: string, entry: Entry, language: string): boolean {
  if (hasDynamicText(raw)) return true;
  const text = normalise(raw);
  if (entry.fixed !== undefined) return saysCount(text, entry.fixed, language);
  if (saysKey(raw, text, entry.terminator!)) return true;
  if (entry.maxDigits !== undefined) return entry.maxDigits >= 2 && saysCount(text, entry.maxDigits, language);
  // With no most digits known, any length said ("your 10-digit phone number") tells the caller what to type.
  for (let n = 2; n <= MAX_NUMBER_SAID; n++) if (saysCount(text, n, language)) return true;
  return false;
}

const rule: Rule = {
  meta: {
    id: 'unannounced-entry-length',
    severity: 'warning',
    description: 'An input’s prompt never says how many digits to enter, or which key ends an entry of no fixed length.'
  },
  check(ctx) {
    const locales = localesOf(ctx.flow);
    const defaultLocale = locales[0]!;
    for (let gi = 0; gi < ctx.graph.nodes.length; gi++) {
      const g = ctx.graph.nodes[gi]!;
      if (g.node.kind !== 'input') continue;
      const entry = entryOf(g.node);
      if (entry === undefined) continue;
      const silent: string[] = [];
      let pointer: string | undefined;
      for (const locale of locales) {
        const text = promptTextIn(g.node.prompt, locale, defaultLocale);
        // A missing text is missing-translation's to report.
        if (text === undefined || text.trim() === '') continue;
        if (tells(text, entry, languageOf(locale))) continue;
        silent.push(locale);
        pointer ??= typeof g.node.prompt === 'string' ? `${g.pointer}/prompt` : `${g.pointer}/prompt/${escapeToken(locale)}`;
      }
      if (silent.length === 0) continue;
      const where = locales.length > 1 ? ` (${silent.join(', ')})` : '';
      const ref = nodeRef(g.node, g.id);
      const message =
        entry.fixed !== undefined
          ? `Input ${ref} takes ${entry.fixed} digits, but its prompt never says how many${where}`
          : `Input ${ref} ends when the caller presses ${entry.terminator}, but its prompt never says so${entry.maxDigits === undefined ? '' : ` nor that it takes ${entry.maxDigits} digits`}${where}`;
      ctx.report({
        node: g.id,
        message,
        pointer: pointer!,
        data: {
          locales: silent,
          ...(entry.fixed === undefined ? { terminator: entry.terminator } : { digits: entry.fixed }),
          ...(entry.maxDigits === undefined ? {} : { maxDigits: entry.maxDigits })
        }
      });
    }
  }
};

export default rule;
