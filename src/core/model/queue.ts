/** Wait announcements: how a flow tells the caller how long they will wait. */
import { promptTextIn } from './prompt.ts';
import type { NodeOfKind, Prompt } from './types.ts';

/** The wait in words, per language: "about 4 minutes". */
const PHRASES: Record<string, (minutes: number | undefined) => string> = {
  en: (m) => (m === undefined ? 'The wait is a few minutes.' : `The expected wait is about ${m} minute${m === 1 ? '' : 's'}.`),
  es: (m) => (m === undefined ? 'La espera es de unos minutos.' : `El tiempo de espera estimado es de unos ${m} minuto${m === 1 ? '' : 's'}.`),
  ko: (m) => (m === undefined ? '대기 시간은 몇 분입니다.' : `예상 대기 시간은 약 ${m}분입니다.`),
  ja: (m) => (m === undefined ? '待ち時間は数分です。' : `待ち時間は約${m}分です。`)
};

function phrase(locale: string, seconds: number | undefined): string {
  const language = locale.slice(0, 2).toLowerCase();
  const minutes = seconds === undefined ? undefined : Math.max(1, Math.round(seconds / 60));
  return (PHRASES[language] ?? PHRASES['en']!)(minutes);
}

/**
 * Whether a text tells the caller how long the wait is: a word for waiting
 * and a duration ("the expected wait is about 4 minutes", "대기 시간은 약 4분").
 * "Please hold" alone says nothing of how long.
 */
export function mentionsWait(text: string): boolean {
  return /wait|hold|espera|대기|待ち/i.test(text) && /\d|a few|minute|minuto|segundo|second|분|分|秒|초/i.test(text);
}

/**
 * The queue's prompt with the expected wait spoken at its end, in each of the
 * flow's locales: what a queue with `announceWait` says, written out for a
 * platform that has no such setting. The prompt as it is when it already
 * speaks of the wait, or when the queue does not announce it.
 */
export function promptWithWait(node: NodeOfKind<'queue'>, locales: readonly string[]): Prompt | undefined {
  if (!node.announceWait) return node.prompt;
  const texts: Record<string, string> = {};
  for (const locale of locales) {
    const text = promptTextIn(node.prompt, locale, locales[0]!) ?? '';
    texts[locale] = mentionsWait(text) ? text : `${text}${text === '' ? '' : ' '}${phrase(locale, node.expectedWaitSeconds)}`;
  }
  return locales.length === 1 && (node.prompt === undefined || typeof node.prompt === 'string') ? texts[locales[0]!] : texts;
}
