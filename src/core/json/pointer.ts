/** JSON Pointer (RFC 6901) helpers. */

/** Escapes one reference token. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from path segments: `['nodes', 3, 'id']` → `/nodes/3/id`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${escapeToken(String(segment))}`).join('');
}

/** Splits a pointer into its unescaped tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const indexed = new Map<string, Map<string, string[]>>();

/**
 * `${prefix}/${index}${suffix}`, kept and shared: the analysis names a
 * pointer for every node and outcome of a flow, and most are never shown.
 */
export function indexedPointer(prefix: string, index: number, suffix = ''): string {
  let bySuffix = indexed.get(prefix);
  if (bySuffix === undefined) {
    bySuffix = new Map();
    indexed.set(prefix, bySuffix);
  }
  let list = bySuffix.get(suffix);
  if (list === undefined) {
    list = [];
    bySuffix.set(suffix, list);
  }
  let pointer = list[index];
  if (pointer === undefined) {
    pointer = `${prefix}/${index}${suffix}`;
    list[index] = pointer;
  }
  return pointer;
}
