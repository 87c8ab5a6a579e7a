/**
 * How deep and how long the data a file holds may be. Every file is checked
 * against these once, where it enters (a native flow in loadFlow, a vendor
 * flow before its importer reads it, a traffic model, a review file), so the
 * code behind can walk what it holds without a depth to fear: a value nested
 * thousands deep would overflow any recursive walk (and JSON.stringify), and
 * a string of many megabytes is no text a phone menu says or an id it has.
 *
 * The walks that may still meet data no file check saw (a flow built in
 * memory) stop at {@link MAX_WALK_DEPTH} rather than overflow.
 */
import { DIAGNOSTIC_CODES, type Problem } from '../diagnostic/index.ts';
import { hasPlainPrototype, prototypeHasFields } from './plain.ts';
import { escapeToken } from './pointer.ts';

/**
 * The deepest a file's objects and arrays may sit within each other: the
 * document itself is level 1. Real flows nest less than 20 (a Connect
 * action's parameters, 8); a native node's vendor data adds a few levels to
 * the vendor file's.
 */
export const MAX_DEPTH = 64;

/**
 * The most UTF-16 code units a string (a value or a field name) may have.
 * Connect's own limit on a whole flow's content is 256,000 characters; a
 * prompt, an id or a name is far shorter.
 */
export const MAX_STRING = 1_000_000;

/**
 * How deep a walk over data in memory goes before it stops (twice the file
 * limit, so data a file check passed never reaches it, even with the levels
 * an import or an export wraps around it). Far below what overflows a stack.
 */
export const MAX_WALK_DEPTH = 2 * MAX_DEPTH;

/** Where a value breaks a limit, and which: never the value itself. */
export interface LimitBreach {
  readonly pointer: string;
  readonly message: string;
}

/** `1000000` → `1,000,000`. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export interface LimitOptions {
  /** The pointer of the value checked within its file ('' for the document). */
  readonly at?: string;
  /** The level of the value's parent in its file (0 for the document). */
  readonly level?: number;
  /** The deepest level allowed: {@link MAX_DEPTH} for a file; {@link MAX_WALK_DEPTH} for data in memory (an import's flow, its vendor data a few levels deeper than its file's). */
  readonly maxDepth?: number;
}

/**
 * The first place, in document order, where `value` nests deeper than
 * {@link MAX_DEPTH} or holds a string (or a field name) longer than
 * {@link MAX_STRING}; undefined when it keeps to both. The walk goes no
 * deeper than the limit, so any depth is safe to check.
 */
export function findLimitBreach(value: unknown, options: LimitOptions = {}): LimitBreach | undefined {
  return walk(value, options, undefined);
}

/**
 * The same walk, also giving the pointer of each field named `__proto__`
 * (JSON.parse keeps one as a field of its own, which code reading the data
 * could take for the object's prototype), in document order, into `protoKeys`.
 */
export function scanDocument(value: unknown, options: LimitOptions, protoKeys: string[]): LimitBreach | undefined {
  return walk(value, options, protoKeys);
}

/**
 * One pass over the data, depth first in document order. It allocates
 * nothing per value: the path is one list of field names and indices,
 * turned into a pointer only for what is reported. Its depth is bounded by
 * the limit it checks.
 */
function walk(value: unknown, options: LimitOptions, protoKeys: string[] | undefined): LimitBreach | undefined {
  const base = options.at ?? '';
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const path: (string | number)[] = [];
  const pointer = (length: number): string => {
    let text = base;
    for (let i = 0; i < length; i++) {
      const token = path[i]!;
      text += typeof token === 'number' ? `/${token}` : `/${escapeToken(token)}`;
    }
    return text;
  };
  let breach: LimitBreach | undefined;
  const tooLong = (text: string): boolean => {
    breach = { pointer: pointer(path.length), message: `a text of ${grouped(text.length)} characters: at most ${grouped(MAX_STRING)} are read` };
    return true;
  };
  // While Object.prototype has no enumerable field, a plain object's fields are all its own (json/plain.ts).
  const trusted = !prototypeHasFields();
  /**
   * Whether the walk stops at a field or item: strings and other values
   * that hold nothing are read where they stand, without a step of the path.
   */
  const step = (child: unknown, token: string | number, level: number): boolean => {
    if (typeof child === 'string') {
      if (child.length <= MAX_STRING) return false;
      path.push(token);
      return tooLong(child);
    }
    if (typeof child !== 'object' || child === null) return false;
    path.push(token);
    const stop = visit(child, level);
    path.pop();
    return stop;
  };
  /** Whether the walk stops here: `breach` says why. */
  const visit = (current: unknown, level: number): boolean => {
    if (typeof current === 'string') return current.length > MAX_STRING && tooLong(current);
    if (typeof current !== 'object' || current === null) return false;
    if (level > maxDepth) {
      // Named by the field whose value nests too deep (`/nodes/0/kind`, not `/nodes/0/kind/0/0/…/0`).
      let field = path.length;
      while (field > 0 && typeof path[field - 1] === 'number') field--;
      breach = { pointer: pointer(field > 0 ? field : path.length), message: `nested deeper than ${maxDepth} levels (objects and arrays within each other)` };
      return true;
    }
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) if (step(current[i], i, level + 1)) return true;
      return false;
    }
    const record = current as Record<string, unknown>;
    const own = trusted && hasPlainPrototype(record);
    for (const key in record) {
      if (!own && !Object.hasOwn(record, key)) continue;
      if (key.length > MAX_STRING) {
        breach = { pointer: pointer(path.length), message: `a field name of ${grouped(key.length)} characters: at most ${grouped(MAX_STRING)} are read` };
        return true;
      }
      if (key === '__proto__' && protoKeys !== undefined) {
        path.push(key);
        protoKeys.push(pointer(path.length));
        path.pop();
      }
      if (step(record[key], key, level + 1)) return true;
    }
    return false;
  };
  visit(value, (options.level ?? 0) + 1);
  return breach;
}

/** {@link findLimitBreach} as the problem that refuses `file` (code `schema`). */
export function limitProblem(value: unknown, file: string, options?: LimitOptions): Problem | undefined {
  const breach = findLimitBreach(value, options);
  return breach === undefined ? undefined : { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: breach.pointer, message: breach.message };
}
