/**
 * Regular expressions made from flow data (an input's entry pattern), each
 * compiled once: the loader checks every input's pattern and each simulated
 * call tests its entry against it, and inputs share a few patterns.
 */

/** Expressions by source; null for a source that does not compile. Files are hostile: what is kept is bounded. */
const compiled = new Map<string, RegExp | null>();
const MAX_KEPT = 1000;

/** The expression with this source, compiled once; null when it does not compile. */
export function compiledPattern(source: string): RegExp | null {
  let known = compiled.get(source);
  if (known !== undefined) return known;
  try {
    known = new RegExp(source);
  } catch {
    known = null;
  }
  if (compiled.size >= MAX_KEPT) compiled.clear();
  compiled.set(source, known);
  return known;
}
