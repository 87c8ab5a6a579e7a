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
  if (Object.prototype.hasOwnProperty.call(prompt, locale)) return prompt[locale];
  if (Object.prototype.hasOwnProperty.call(prompt, defaultLocale)) return prompt[defaultLocale];
  const first = Object.keys(prompt)[0];
  return first === undefined ? undefined : prompt[first];
}

/** Every text of a prompt with its locale (plain text counts as the default locale). */
export function promptTexts(prompt: Prompt, defaultLocale: string): [locale: string, text: string][] {
  if (typeof prompt === 'string') return [[defaultLocale, prompt]];
  return Object.entries(prompt);
}

// Han, Hiragana, Katakana and Hangul: spoken roughly one syllable per character.
const SYLLABIC = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g;
const SYLLABLES_PER_SECOND = 6;

/**
 * Seconds of speech for a text at a speaking rate: words at `wordsPerMinute`,
 * CJK and Hangul characters at about six syllables a second, plus a short
 * pause at each sentence end. SSML tags and `{{placeholders}}` count as one word.
 */
export function speechSeconds(text: string, wordsPerMinute: number): number {
  const plain = text.replace(/<[^>]*>/g, ' ');
  const syllables = plain.match(SYLLABIC)?.length ?? 0;
  const rest = plain.replace(SYLLABIC, ' ');
  const words = rest.split(/\s+/).filter((w) => /[\p{L}\p{N}{$]/u.test(w)).length;
  const pauses = (plain.match(/[.!?。？！]/g)?.length ?? 0) * 0.3;
  return words / (wordsPerMinute / 60) + syllables / SYLLABLES_PER_SECOND + pauses;
}
