/**
 * prompt-key-mismatch: a menu's prompt names a key that no choice has, or a
 * choice's key is never announced. Each locale's text is checked on its own,
 * so a translation that forgets a key is found too.
 */
import { escapeToken } from '../../json/pointer.ts';
import { localesOf, promptTextIn, promptTexts } from '../../model/prompt.ts';
import { promptsOf } from '../../model/outcomes.ts';
import { keyBit } from '../../model/schema.ts';
import type { NodeOfKind, Prompt } from '../../model/types.ts';
import { hasDynamicText, keyMentions, type KeyMention } from '../keys-in-prompt.ts';
import { nodeRef } from '../describe.ts';
import type { Rule } from '../types.ts';

/** What a text says, read once per text. */
interface Reading {
  readonly mentions: readonly KeyMention[];
  /** The keys named, one bit per key. */
  readonly mask: number;
  readonly dynamic: boolean;
}

/** Reads texts once: menus share them (the same reprompt everywhere). */
class Reader {
  private readonly cache = new Map<string, Reading>();

  read(text: string): Reading {
    let reading = this.cache.get(text);
    if (reading === undefined) {
      const mentions = keyMentions(text);
      let mask = 0;
      for (const mention of mentions) mask |= keyBit(mention.key);
      reading = { mentions, mask, dynamic: hasDynamicText(text) };
      this.cache.set(text, reading);
    }
    return reading;
  }
}

/** Whether a locale's texts name exactly the keys (`keyMask`) of the menu. */
function localeFits(prompts: readonly { prompt: Prompt }[], locale: string, defaultLocale: string, keyMask: number, reader: Reader): boolean {
  let mask = 0;
  let dynamic = false;
  for (const { prompt } of prompts) {
    const text = promptTextIn(prompt, locale, defaultLocale);
    if (text === undefined) continue;
    const reading = reader.read(text);
    mask |= reading.mask;
    dynamic ||= reading.dynamic;
  }
  return (mask & ~keyMask) === 0 && (dynamic || (keyMask & ~mask) === 0);
}

/**
 * Whether every locale's texts name exactly the menu's keys: the common case,
 * checked with bit masks before any finding is worked out.
 */
function fits(menu: NodeOfKind<'menu'>, keyMask: number, defaultLocale: string, reader: Reader): boolean {
  const prompts = promptsOf(menu);
  const locales = new Set<string>();
  for (const { prompt } of prompts) {
    if (typeof prompt === 'string') locales.add(defaultLocale);
    else for (const locale in prompt) locales.add(locale);
  }
  for (const locale of locales) if (!localeFits(prompts, locale, defaultLocale, keyMask, reader)) return false;
  return true;
}

/** What one locale's texts of a menu name. */
interface LocaleCheck {
  readonly locale: string;
  /** Pointer of the locale's prompt text (or reprompt text when the prompt has none). */
  readonly pointer: string;
  /** The keys named, with the first phrase naming each and the field it is in. */
  readonly named: Map<string, { phrase: string; field: string; pointer: string }>;
  /** A text has parts only known at run time, which may announce keys. */
  dynamic: boolean;
}

const rule: Rule = {
  meta: {
    id: 'prompt-key-mismatch',
    severity: 'warning',
    description: 'A menu prompt names a key no choice has, or never announces a choice’s key (English, Spanish, Korean and Japanese phrasing).'
  },
  check(ctx) {
    const flowLocales = localesOf(ctx.flow);
    const defaultLocale = flowLocales[0]!;
    const reader = new Reader();
    for (let gi = 0; gi < ctx.graph.nodes.length; gi++) {
      const g = ctx.graph.nodes[gi]!;
      if (g.node.kind !== 'menu') continue;
      const menu = g.node;
      let keyMask = 0;
      for (const option of menu.options) if (option.key !== undefined) keyMask |= keyBit(option.key);
      if (fits(menu, keyMask, defaultLocale, reader)) continue;

      const keys = menu.options.flatMap((option) => (option.key === undefined ? [] : [option.key]));
      const keySet = new Set<string>(keys);

      const byLocale = new Map<string, LocaleCheck>();
      for (const { field, prompt } of promptsOf(menu)) {
        for (const [locale, text] of promptTexts(prompt, defaultLocale)) {
          const pointer =
            typeof prompt === 'string' ? `${g.pointer}${field}` : `${g.pointer}${field}/${escapeToken(locale)}`;
          let check = byLocale.get(locale);
          if (check === undefined) {
            check = { locale, pointer, named: new Map(), dynamic: false };
            byLocale.set(locale, check);
          }
          const known = reader.read(text);
          if (known.dynamic) check.dynamic = true;
          for (const mention of known.mentions) {
            if (!check.named.has(mention.key)) {
              check.named.set(mention.key, { phrase: mention.phrase, field: field.slice(1), pointer });
            }
          }
        }
      }
      if (byLocale.size === 0) continue;
      const showLocale = flowLocales.length > 1 || byLocale.size > 1;

      // Locales with the same mismatch make one finding, at the first of them.
      const findings = new Map<string, { check: LocaleCheck; locales: string[]; unknown: string[]; unannounced: string[] }>();
      for (const check of byLocale.values()) {
        const unknown = [...check.named.keys()].filter((key) => !keySet.has(key));
        const unannounced = check.dynamic ? [] : keys.filter((key) => !check.named.has(key));
        if (unknown.length === 0 && unannounced.length === 0) continue;
        const signature = `${unknown.join(' ')}|${unannounced.join(' ')}`;
        const same = findings.get(signature);
        if (same) same.locales.push(check.locale);
        else findings.set(signature, { check, locales: [check.locale], unknown, unannounced });
      }

      for (const { check, locales, unknown, unannounced } of findings.values()) {
        const parts: string[] = [];
        if (unknown.length > 0) {
          const sources = unknown.map((key) => check.named.get(key)!);
          const fields = [...new Set(sources.map((s) => s.field))];
          const phrases = [...new Set(sources.map((s) => `"${s.phrase}"`))];
          parts.push(
            `the ${fields.join(' and ')} ${fields.length > 1 ? 'say' : 'says'} ${list(phrases, 'and')} ` +
              `but no choice has key ${list(unknown, 'or')}`
          );
        }
        if (unannounced.length > 0) {
          const choices = `${unannounced.length === 1 ? 'choice' : 'choices'} ${list(unannounced, 'and')}`;
          const verb = unannounced.length === 1 ? 'is' : 'are';
          parts.push(
            check.named.size === 0
              ? `the prompt names no key, so ${choices} ${verb} never announced`
              : `${choices} ${verb} never announced`
          );
        }
        // An unknown key heard only in the reprompt is fixed there.
        const onlyUnknown = unannounced.length === 0;
        const unknownPointers = new Set(unknown.map((key) => check.named.get(key)!.pointer));
        const pointer = onlyUnknown && unknownPointers.size === 1 ? [...unknownPointers][0]! : check.pointer;
        const where = showLocale ? ` (${locales.join(', ')})` : '';
        ctx.report({
          node: g.id,
          message: `Menu ${nodeRef(g.node, g.id)}${where}: ${parts.join('; ')}`,
          pointer,
          data: { locale: check.locale, locales, unknownKeys: unknown, unannouncedKeys: unannounced }
        });
      }
    }
  }
};

/** "1", "1 and 2", "1, 2 and 3". */
function list(items: readonly string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

export default rule;
