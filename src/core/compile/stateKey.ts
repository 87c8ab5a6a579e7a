/**
 * State keys for node ids. XState reads `.` and `#` in targets as paths and
 * ids and `\` as escaping the next character, and a state named `__proto__`
 * would be lost in a plain object, so node ids are escaped reversibly: `%`,
 * `.`, `#`, `\` and a leading `$` as `%XX`, and
 * the first character of a name that `Object.prototype` owns. Ids without
 * those characters are used exactly as written.
 */

/** The final states of every flow machine. `$` never starts an escaped key. */
export const FINAL_STATES = [
  '$person',
  '$voicemail',
  '$callback',
  '$ended',
  '$dropped',
  '$abandoned',
  '$trapped',
  '$stepLimit'
] as const;
export type FinalState = (typeof FINAL_STATES)[number];

const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

const hex = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

export function stateKey(nodeId: string): string {
  let key = nodeId.replace(/[%.#\\]/g, hex);
  if (key.startsWith('$')) key = hex('$') + key.slice(1);
  if (PROTOTYPE_NAMES.has(key)) key = hex(key[0]!) + key.slice(1);
  return key;
}

export function nodeIdOf(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}
