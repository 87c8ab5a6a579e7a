/**
 * Counter-based randomness: every draw is a hash of (seed, call, what is
 * being decided, which time), not the next number of a stream. A call's
 * decisions do not depend on the order an engine makes them in, so any two
 * engines (or workers) that make the same decisions agree exactly.
 */

/** 32-bit mix of a number into a well-spread hash (a murmur3 finaliser). */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hashes = new Map<string, number>();

/** A hash of a string, for keys like node ids (remembered: the same ids come back on every call). */
export function hashText(text: string): number {
  const known = hashes.get(text);
  if (known !== undefined) return known;
  if (hashes.size > 100_000) hashes.clear();
  const h = hashOf(text);
  hashes.set(text, h);
  return h;
}

function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h >>> 0);
}

/** A uniform number in [0, 1) for these keys. */
export function uniform(seed: number, call: number, key: number, index = 0): number {
  return uniformIn(callStream(seed, call), key, index);
}

/**
 * The part of every draw of one call that depends only on the seed and the
 * call. A seed is a whole number up to 2^53 - 1, all of it used: its bits
 * above the low 32 are mixed in when there are any (so seeds below 2^32 draw
 * as they always have), and seeds that differ there give other calls.
 */
export function callStream(seed: number, call: number): number {
  const low = seed >>> 0;
  const stream = mix(mix(low ^ 0x9e3779b9) ^ (call >>> 0));
  const high = Math.floor(seed / 4294967296) >>> 0;
  return high === 0 ? stream : mix(stream ^ mix(high ^ 0x7f4a7c15));
}

/** `uniform(seed, call, key, index)`, given the call's stream: the same number, with half the work. */
export function uniformIn(stream: number, key: number, index = 0): number {
  let h = mix(stream ^ (key >>> 0));
  h = mix(h ^ (index >>> 0) ^ 0x27d4eb2f);
  return h / 4294967296;
}

/** An exponential draw with this mean, from a uniform number. */
export function exponential(u: number, mean: number): number {
  return -Math.log(1 - u) * mean;
}
