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

/** A path as a linked list, turned into a pointer only for the breach found. */
interface Step {
  readonly parent: Step | undefined;
  readonly token: string;
  /** Whether the token is a field name (else an array index). */
  readonly field: boolean;
}

function pointerOf(step: Step | undefined): string {
  const tokens: string[] = [];
  for (let s = step; s !== undefined; s = s.parent) tokens.push(s.token);
  let pointer = '';
  for (let i = tokens.length - 1; i >= 0; i--) pointer += tokens[i]!;
  return pointer;
}

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
 * {@link MAX_STRING}; undefined when it keeps to both. Iterative: any depth
 * is safe to check.
 */
export function findLimitBreach(value: unknown, options: LimitOptions = {}): LimitBreach | undefined {
  const base = options.at ?? '';
  const values: unknown[] = [value];
  const levels: number[] = [options.level ?? 0];
  const steps: (Step | undefined)[] = [undefined];
  const at = (step: Step | undefined) => base + pointerOf(step);
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  while (values.length > 0) {
    const current = values.pop();
    const parentLevel = levels.pop()!;
    const step = steps.pop();
    if (typeof current === 'string') {
      if (current.length > MAX_STRING) return { pointer: at(step), message: `a text of ${grouped(current.length)} characters: at most ${grouped(MAX_STRING)} are read` };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const level = parentLevel + 1;
    if (level > maxDepth) {
      // Named by the field whose value nests too deep (`/nodes/0/kind`, not `/nodes/0/kind/0/0/…/0`).
      let field = step;
      while (field !== undefined && !field.field) field = field.parent;
      return { pointer: at(field ?? step), message: `nested deeper than ${maxDepth} levels (objects and arrays within each other)` };
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        values.push(current[i]);
        levels.push(level);
        steps.push({ parent: step, token: `/${i}`, field: false });
      }
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key.length > MAX_STRING) return { pointer: at(step), message: `a field name of ${grouped(key.length)} characters: at most ${grouped(MAX_STRING)} are read` };
      values.push((current as Record<string, unknown>)[key]);
      levels.push(level);
      steps.push({ parent: step, token: `/${escapeToken(key)}`, field: true });
    }
  }
  return undefined;
}

/** {@link findLimitBreach} as the problem that refuses `file` (code `schema`). */
export function limitProblem(value: unknown, file: string, options?: LimitOptions): Problem | undefined {
  const breach = findLimitBreach(value, options);
  return breach === undefined ? undefined : { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: breach.pointer, message: breach.message };
}
