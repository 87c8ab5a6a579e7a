/**
 * An exported Architect document as YAML text, as Archy writes it: two-space
 * indents, lists under their key, no folded lines, YAML 1.2 (`yes:` and `no:`
 * stay plain strings). The substitution tokens a file held (`{{ivr_failure}}`,
 * filled in by Terraform) are written back as they came, unquoted, values
 * and keys alike; a string that only looks like one stays quoted.
 */
import { stringify } from 'yaml';
import { MAX_WALK_DEPTH } from '../../../json/limits.ts';
import { parsePointer } from '../../../json/pointer.ts';
import type { Placeholder } from '../yaml.ts';

type Json = Record<string, unknown>;

/** The tokens each exported document holds, by the document (stringify reads them from there). */
const documentPlaceholders = new WeakMap<object, readonly Placeholder[]>();

/** Records the substitution tokens an exported document holds, to be written unquoted. */
export function withPlaceholders<T extends object>(document: T, placeholders: readonly Placeholder[]): T {
  if (placeholders.length > 0) documentPlaceholders.set(document, placeholders);
  return document;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of the document (plain data), so marking tokens never changes the document itself. */
function copyOf(value: unknown, depth: number): unknown {
  if (depth > MAX_WALK_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => copyOf(item, depth + 1));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: copyOf(value[key], depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

/** The document as Archy YAML text, ending with a newline. */
export function architectText(document: unknown): string {
  const placeholders = typeof document === 'object' && document !== null ? (documentPlaceholders.get(document) ?? []) : [];
  const options = { lineWidth: 0, indentSeq: true, version: '1.2' as const };
  if (placeholders.length === 0) return stringify(document, options);
  const all = JSON.stringify(document);
  let prefix = 'zeroouttoken';
  while (all.includes(prefix)) prefix += 'x';
  const root = copyOf(document, 0);
  const tokens = new Map<string, string>();
  // Deepest first: a token key renamed leaves the paths of the tokens under it as the file had them.
  const deepestFirst = placeholders.map((placeholder, index) => ({ placeholder, index, path: parsePointer(placeholder.pointer) })).sort((a, b) => b.path.length - a.path.length);
  deepestFirst.forEach(({ placeholder, index, path }) => {
    const last = path.pop();
    if (last === undefined) return;
    let parent: unknown = root;
    for (const token of path) parent = Array.isArray(parent) ? parent[Number(token)] : isObject(parent) && Object.hasOwn(parent, token) ? parent[token] : undefined;
    const mark = `${prefix}${index}`;
    if (Array.isArray(parent) && typeof parent[Number(last)] === 'string') {
      tokens.set(mark, parent[Number(last)] as string);
      parent[Number(last)] = mark;
    } else if (isObject(parent) && Object.hasOwn(parent, last)) {
      if (placeholder.key === true) {
        // The key renamed in place, the keys after it kept in order.
        const entries = Object.entries(parent);
        for (const key of Object.keys(parent)) delete parent[key];
        for (const [key, value] of entries) Object.defineProperty(parent, key === last ? mark : key, { value, enumerable: true, writable: true, configurable: true });
        tokens.set(mark, last);
      } else if (typeof parent[last] === 'string') {
        tokens.set(mark, parent[last] as string);
        parent[last] = mark;
      }
    }
  });
  // Each mark is a plain scalar the writer never quotes; put back, it is the token as the file had it.
  return stringify(root, options).replace(new RegExp(`${prefix}\\d+`, 'g'), (mark) => tokens.get(mark) ?? mark);
}
