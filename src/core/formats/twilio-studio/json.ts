/** JSON helpers the Studio import and export share. */
import { MAX_WALK_DEPTH } from '../../json/limits.ts';

export type Json = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an object has a field of its own. */
export function has(object: Json, key: string): boolean {
  return Object.hasOwn(object, key);
}

/** An object without its undefined fields. */
export function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** A copy of JSON data without `__proto__` fields, which a native file may not hold (data deeper than any file may be, json/limits.ts, as it is). */
export function plain(value: unknown, depth = 0): unknown {
  if (depth > MAX_WALK_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => key !== '__proto__')
      .map((key) => [key, plain((value as Json)[key], depth + 1)])
  );
}

/** A deep copy of JSON data. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
