/**
 * Schema problems in words a person can act on: a Zod issue as a problem at
 * the JSON pointer of the value at fault, saying what was expected and what
 * was found there. The flow loader, the traffic model and the review file
 * all report their problems this way.
 */
import type { z } from 'zod';
import { DIAGNOSTIC_CODES, type Problem } from '../diagnostic/index.ts';
import { toPointer } from './pointer.ts';

/** The value at a path of a document, or undefined when there is none. */
export function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = document;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A value as a problem names it: `string "x"`, `an object`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) return `number ${value} (out of range)`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * One issue of checking `document` as a problem. An unknown field is pointed
 * at itself; a missing one is named. `explain` may word an issue its own way
 * (the flow loader names the node kinds); undefined leaves it to this.
 */
export function issueToProblem(
  issue: z.core.$ZodIssue,
  file: string,
  document: unknown,
  explain?: (issue: z.core.$ZodIssue, actual: unknown) => string | undefined
): Problem {
  const path = issue.path;
  const pointer = toPointer(path);
  const actual = valueAt(document, path);
  const own = explain?.(issue, actual);
  if (own !== undefined) return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: own };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: toPointer([...path, issue.keys[0] ?? '']), message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}` };
    }
    case 'invalid_union': {
      if (!/^Invalid input\b/.test(issue.message)) return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `${issue.message} (got ${describeValue(actual)})` };
      if (actual === undefined) return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `missing required field ${JSON.stringify(String(path[path.length - 1] ?? ''))}` };
      // What each alternative expected, when each wanted a type: "expected string or record".
      const expected = issue.errors.map((alternative) => (alternative.length === 1 && alternative[0]!.code === 'invalid_type' ? alternative[0]!.expected : undefined));
      const wanted = expected.every((e) => e !== undefined) ? [...new Set(expected)] : [];
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: wanted.length > 0 ? `expected ${wanted.join(' or ')}, got ${describeValue(actual)}` : `not a valid value here: got ${describeValue(actual)}` };
    }
    case 'too_small':
    case 'too_big':
      // A schema's own message ("a name cannot be empty") is kept; the library's ("Too small: …") is said in these words.
      if (!/^Too (small|big)\b/.test(issue.message)) return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: issue.message };
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `${boundText(issue)}, got ${Array.isArray(actual) ? `${actual.length} item${actual.length === 1 ? '' : 's'}` : describeValue(actual)}` };
    case 'invalid_type':
      if (!/^Invalid input\b/.test(issue.message)) return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `${issue.message} (got ${describeValue(actual)})` };
      if (actual === undefined) return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `missing required field ${JSON.stringify(String(path[path.length - 1] ?? ''))}` };
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `expected ${issue.expected}, got ${describeValue(actual)}` };
    case 'invalid_value':
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(actual)}` };
    default:
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: issue.message };
  }
}

/** A size or range a value missed, in words: "expected a number of at most 1", "expected a non-empty string". */
function boundText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  const limit = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint':
      return `expected ${issue.origin === 'number' ? 'a number' : 'a whole number'} ${inclusive ? `of ${limit}` : small ? 'above' : 'below'} ${String(bound)}`;
    case 'string':
      return small && Number(bound) === 1 && inclusive ? 'expected a non-empty string' : `expected a string of ${limit} ${String(bound)} characters`;
    case 'array':
    case 'set':
      return small && Number(bound) === 1 && inclusive ? 'expected at least one item' : `expected ${limit} ${String(bound)} items`;
    default:
      return `expected ${limit} ${String(bound)}`;
  }
}
