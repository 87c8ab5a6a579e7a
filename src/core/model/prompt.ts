/** Prompt text per locale, and how long it takes to hear. */
import type { Flow, Prompt } from './types.ts';

export const DEFAULT_LOCALE = 'en-US';

export function localesOf(flow: Pick<Flow, 'locales'>): string[] {
  return flow.locales && flow.locales.length > 0 ? flow.locales : [DEFAULT_LOCALE];
}

/** The text of a prompt in a locale: plain text is the default locale's. */
export function promptText(prompt: Prompt | undefined, locale: string, defaultLocale: string): string | undefined {
  if (prompt === undefined) return undefined;
  if (typeof prompt === 'string') return prompt;
  if (Object.hasOwn(prompt, locale)) return prompt[locale];
  if (Object.hasOwn(prompt, defaultLocale)) return prompt[defaultLocale];
  const first = Object.keys(prompt)[0];
  return first === undefined ? undefined : prompt[first];
}

/** A prompt's text in exactly this locale, with no fallback: plain text is the default locale's only. */
export function promptTextIn(prompt: Prompt | undefined, locale: string, defaultLocale: string): string | undefined {
  if (prompt === undefined) return undefined;
  if (typeof prompt === 'string') return locale === defaultLocale ? prompt : undefined;
  return Object.hasOwn(prompt, locale) ? prompt[locale] : undefined;
}

/** Every text of a prompt with its locale (plain text counts as the default locale). */
export function promptTexts(prompt: Prompt, defaultLocale: string): [locale: string, text: string][] {
  if (typeof prompt === 'string') return [[defaultLocale, prompt]];
  return Object.entries(prompt);
}

const SYLLABLES_PER_SECOND = 6;
/** Seconds of pause at each sentence end. */
const SENTENCE_PAUSE = 0.3;

/** Han, Hiragana, Katakana and Hangul: spoken roughly one syllable per character. */
function isSyllabic(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af)
  );
}

function isSentenceEnd(code: number): boolean {
  // . ! ? and their full-width forms, and the ideographic full stop
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3002 || code === 0xff01 || code === 0xff1f;
}

/** Letters and digits in any script, and `{` `$` that open a placeholder (`{{name}}`, `${VAR}`). */
const WORDISH = /[\p{L}\p{N}{$]/u;

function isWordish(char: string, code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x7b || code === 0x24;
  }
  return WORDISH.test(char);
}

/** What a character is to speechSeconds; an ASCII one by one look-up, where most prompt text is ASCII. */
const ASCII_OTHER = 0;
const ASCII_SPACE = 1;
const ASCII_WORDISH = 2;
const ASCII_SENTENCE_END = 3;
const ASCII_TAG_OPEN = 4;
/** Any other script's character: a letter or not is asked when it matters. */
const NON_ASCII = 5;
const ASCII_CLASS = new Uint8Array(0x80);
for (let code = 0; code < 0x80; code++) {
  ASCII_CLASS[code] =
    code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d
      ? ASCII_SPACE
      : code === 0x3c
        ? ASCII_TAG_OPEN
        : isSentenceEnd(code)
          ? ASCII_SENTENCE_END
          : isWordish(String.fromCharCode(code), code)
            ? ASCII_WORDISH
            : ASCII_OTHER;
}

/**
 * Seconds of speech for a text at a speaking rate: words at `wordsPerMinute`,
 * CJK and Hangul characters at about six syllables a second, plus a short
 * pause at each sentence end. SSML tags are skipped; a placeholder counts as
 * one word. One pass over the text: prompts are timed for every node of a flow.
 */
export function speechSeconds(text: string, wordsPerMinute: number): number {
  let words = 0;
  let syllables = 0;
  let pauses = 0;
  // Inside a run of non-space characters, and whether it has counted as a word yet.
  let inToken = false;
  let tokenIsWord = false;
  let inTag = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inTag) {
      if (code === 0x3e) inTag = false;
      continue;
    }
    let kind: number;
    if (code < 0x80) kind = ASCII_CLASS[code]!;
    else if (isSyllabic(code)) {
      syllables++;
      inToken = false;
      continue;
    } else kind = code === 0xa0 || code === 0x3000 ? ASCII_SPACE : isSentenceEnd(code) ? ASCII_SENTENCE_END : NON_ASCII;
    if (kind === ASCII_SPACE) {
      inToken = false;
      continue;
    }
    if (kind === ASCII_TAG_OPEN) {
      inTag = true;
      inToken = false;
      continue;
    }
    if (kind === ASCII_SENTENCE_END) pauses++;
    if (!inToken) {
      inToken = true;
      tokenIsWord = false;
    }
    // Whether another script's character is a letter is asked only where it could start a word.
    if (!tokenIsWord && (kind === ASCII_WORDISH || (kind === NON_ASCII && isWordish(text[i]!, code)))) {
      tokenIsWord = true;
      words++;
    }
  }
  return words / (wordsPerMinute / 60) + syllables / SYLLABLES_PER_SECOND + pauses * SENTENCE_PAUSE;
}
