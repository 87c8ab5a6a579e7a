/**
 * Where values sit in JSON text: a small linear scanner that maps each JSON
 * pointer to the 1-based line and column at which its value starts, so that
 * problems and findings (which carry pointers) can name a place in the file.
 *
 * The scanner never throws. On malformed text it keeps what it read before
 * the first error, and every other pointer is simply unknown.
 */
import { MAX_WALK_DEPTH } from './limits.ts';
import { escapeToken, parsePointer } from './pointer.ts';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../diagnostic/index.ts';

export interface Location {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units like the rest of the tool. */
  readonly column: number;
}

export type Locate = (pointer: string) => Location | undefined;

/**
 * Indexes the values of `text` by JSON pointer (RFC 6901).
 *
 * The text is scanned on the first look-up, not before, so callers that never
 * need a location pay nothing. When an object repeats a key, the last one
 * wins, as with `JSON.parse`.
 *
 * @example
 * const locate = locatePointers('{\n  "a": [1, 2]\n}');
 * locate('/a/1'); // { line: 2, column: 12 }
 */
export function locatePointers(text: string): Locate {
  let offsets: Map<string, number> | undefined;
  let lineStarts: number[] | undefined;
  return (pointer) => {
    offsets ??= scan(text).offsets;
    const offset = offsets.get(pointer);
    if (offset === undefined) return undefined;
    lineStarts ??= findLineStarts(text);
    return toLocation(lineStarts, offset);
  };
}

/**
 * Where JSON text stops being valid JSON, or undefined when it is valid.
 * `JSON.parse` names a position for only some errors ("Unexpected token '}',
 * … is not valid JSON" has none), so this fills the gap.
 */
export function locateSyntaxError(text: string): Location | undefined {
  const { error } = scan(text);
  return error === undefined ? undefined : toLocation(findLineStarts(text), error);
}

/**
 * Locates `pointer`, or failing that its closest ancestor that exists: a
 * missing field is reported at the object that lacks it.
 */
export function locateNearest(locate: Locate, pointer: string): Location | undefined {
  const tokens = parsePointer(pointer);
  for (let length = tokens.length; length >= 0; length--) {
    const found = locate(tokens.slice(0, length).map((token) => `/${escapeToken(token)}`).join(''));
    if (found) return found;
  }
  return undefined;
}

function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function toLocation(lineStarts: readonly number[], offset: number): Location {
  // The last line start at or before the offset.
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

interface Container {
  readonly array: boolean;
  readonly pointer: string;
  index: number;
}

const VALUE_START = /[{["\-0-9tfn]/;
const SCALAR_CHAR = /[-+.0-9eEa-z]/;
const SCALAR = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
/**
 * The pointer of a value nested deeper than any file may be: never recorded,
 * so a file nested a million deep costs no pointer of a million tokens
 * (nothing deeper than the limit is ever reported but the limit itself).
 */
const TOO_DEEP = '#';

interface Scan {
  /** Pointer → offset where its value starts. */
  readonly offsets: Map<string, number>;
  /** Offset of the first syntax error, if any. */
  readonly error: number | undefined;
}

/**
 * Records the offset where each value starts, stopping at the first syntax
 * error. Iterative, so deep nesting cannot overflow the stack; values deeper
 * than MAX_WALK_DEPTH are scanned but not recorded.
 */
function scan(text: string): Scan {
  const offsets = new Map<string, number>();
  const stack: Container[] = [];
  const length = text.length;
  let pos = 0;

  const skipWhitespace = (): void => {
    while (pos < length) {
      const c = text.charCodeAt(pos);
      // space, tab, line feed, carriage return
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      pos++;
    }
  };

  /** Reads a string at `pos` (an opening quote); returns its value, or undefined if it never closes. */
  const readString = (): string | undefined => {
    pos++;
    let value = '';
    let chunkStart = pos;
    while (pos < length) {
      const c = text[pos];
      if (c === '"') {
        value += text.slice(chunkStart, pos);
        pos++;
        return value;
      }
      if (text.charCodeAt(pos) < 0x20) return undefined;
      if (c === '\\') {
        value += text.slice(chunkStart, pos);
        const escape = text[pos + 1];
        if (escape === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!HEX4.test(hex)) {
            pos++;
            return undefined;
          }
          value += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
        } else {
          const decoded = ESCAPES[escape ?? ''];
          if (decoded === undefined) {
            pos++;
            return undefined;
          }
          value += decoded;
          pos += 2;
        }
        chunkStart = pos;
        continue;
      }
      pos++;
    }
    return undefined;
  };

  /** Reads `"key":` and returns the pointer of the member's value. */
  const readMember = (container: Container): string | undefined => {
    skipWhitespace();
    if (text[pos] !== '"') return undefined;
    const key = readString();
    if (key === undefined) return undefined;
    skipWhitespace();
    if (text[pos] !== ':') return undefined;
    pos++;
    return container.pointer === TOO_DEEP ? TOO_DEEP : `${container.pointer}/${escapeToken(key)}`;
  };

  const fail = (): Scan => ({ offsets, error: pos });
  let pointer = '';
  for (;;) {
    // Expecting a value that belongs at `pointer`.
    skipWhitespace();
    const c = text[pos];
    if (c === undefined || !VALUE_START.test(c)) return fail();
    if (pointer !== TOO_DEEP) offsets.set(pointer, pos);
    if (c === '{' || c === '[') {
      const container: Container = { array: c === '[', pointer: stack.length >= MAX_WALK_DEPTH ? TOO_DEEP : pointer, index: 0 };
      pos++;
      skipWhitespace();
      if (text[pos] === (container.array ? ']' : '}')) {
        pos++;
      } else {
        stack.push(container);
        const first = container.array ? (container.pointer === TOO_DEEP ? TOO_DEEP : `${pointer}/0`) : readMember(container);
        if (first === undefined) return fail();
        pointer = first;
        continue;
      }
    } else if (c === '"') {
      if (readString() === undefined) return fail();
    } else {
      const scalarStart = pos;
      while (pos < length && SCALAR_CHAR.test(text[pos] ?? '')) pos++;
      if (!SCALAR.test(text.slice(scalarStart, pos))) {
        pos = scalarStart;
        return fail();
      }
    }
    // The value is complete: close finished containers and find the next value.
    for (;;) {
      const container = stack[stack.length - 1];
      skipWhitespace();
      if (container === undefined) return pos < length ? fail() : { offsets, error: undefined };
      const next = text[pos];
      if (next === ',') {
        pos++;
        if (container.array) {
          container.index++;
          pointer = container.pointer === TOO_DEEP ? TOO_DEEP : `${container.pointer}/${container.index}`;
        } else {
          const member = readMember(container);
          if (member === undefined) return fail();
          pointer = member;
        }
        break;
      }
      if (next !== (container.array ? ']' : '}')) return fail();
      pos++;
      stack.pop();
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
};

/**
 * Gives each diagnostic the line and column it points at in `text` (the
 * syntax error's place for malformed JSON), unless it has them already.
 */
export function locateDiagnostics<T extends Diagnostic>(diagnostics: readonly T[], text: string, locate: Locate = locatePointers(text)): T[] {
  return diagnostics.map((diagnostic) => {
    if (diagnostic.line !== undefined) return diagnostic;
    const where = diagnostic.code === DIAGNOSTIC_CODES.jsonMalformed ? locateSyntaxError(text) : locateNearest(locate, diagnostic.pointer);
    return where ? { ...diagnostic, line: where.line, column: where.column } : diagnostic;
  });
}
