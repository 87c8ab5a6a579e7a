/** Reading the values a Studio widget's properties hold: text, numbers, Liquid, lists. */
import { isObject } from '../json.ts';

/** Non-blank text, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A non-negative number, also from a numeric string ("3600"). */
export function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Whether Flex task attributes (a JSON string or object) mark a callback. */
export function isCallbackTask(attributes: unknown): boolean {
  let value = attributes;
  if (typeof value === 'string') {
    if (!/callback/i.test(value)) return false;
    try {
      value = JSON.parse(value);
    } catch {
      return false;
    }
  }
  return isObject(value) && (value.callback === true || value.type === 'callback');
}

/**
 * The design's estimate of the wait, as this tool's export keeps it in a
 * task's attributes (`{"zeroOut": {"expectedWaitSeconds": 20}}`): Studio has
 * no place for it, and the wait a caller hears belongs to the hold music.
 */
export function designedWait(attributes: unknown): number | undefined {
  if (typeof attributes !== 'string' || !attributes.includes('zeroOut')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(attributes);
  } catch {
    return undefined;
  }
  const design = isObject(value) && Object.hasOwn(value, 'zeroOut') ? value.zeroOut : undefined;
  const wait = isObject(design) && Object.hasOwn(design, 'expectedWaitSeconds') ? design.expectedWaitSeconds : undefined;
  return typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? wait : undefined;
}

/** `{{ widgets.menu.Digits }}` → `widgets.menu.Digits`; other text as written. */
export function liquidExpression(value: string): string {
  const match = /^\s*\{\{\s*([\s\S]*?)\s*\}\}\s*$/.exec(value);
  return (match ? match[1]! : value).trim();
}

/** Text as a regular expression that matches it literally. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `a, b` → `["a", "b"]`. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A string, number or boolean as text. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
