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
