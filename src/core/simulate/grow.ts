/**
 * Typed arrays that grow by doubling: the simulation's lists of numbers
 * (times to a person, places a call touched) are kept in typed arrays and
 * grown when full.
 */

/** A typed array twice as long as `array`, holding its values first. */
export function doubled<T extends Int32Array | Float64Array>(array: T): T {
  const Kind = array.constructor as new (length: number) => T;
  const grown = new Kind(array.length * 2);
  grown.set(array);
  return grown;
}
