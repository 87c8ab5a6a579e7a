/**
 * Objects as JSON.parse makes them, read without asking of each field
 * whether it is the object's own. `for … in` lists an object's own
 * enumerable fields and those it inherits; an object whose prototype is
 * Object.prototype (or none) inherits none while Object.prototype itself has
 * no enumerable field, which a walk checks once before it starts.
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
