/**
 * Plain records, as JSON.parse makes them and as data names fill them.
 *
 * Read without asking of each field whether it is the object's own: `for …
 * in` lists an object's own enumerable fields and those it inherits; an
 * object whose prototype is Object.prototype (or none) inherits none while
 * Object.prototype itself has no enumerable field, which a walk checks once
 * before it starts.
 *
 * Written with names from data (see setField), where a field named
 * `__proto__` must stay a field.
 */

/** Whether Object.prototype has an enumerable field, which every object's `for … in` would list as its own. */
export function prototypeHasFields(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}

/** Whether an object's prototype is Object.prototype or none: while Object.prototype has no enumerable field, its `for … in` lists only its own. */
export function hasPlainPrototype(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Sets a field of a record whose names come from data (node ids, variable
 * names): one named `__proto__` is defined as a field of its own, where
 * assigning it would set the record's prototype and lose the value.
 */
export function setField<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
