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
    case 'invalid_union':
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `${issue.message} (got ${describeValue(actual)})` };
    case 'invalid_type':
      if (actual === undefined) return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `missing required field ${JSON.stringify(String(path[path.length - 1] ?? ''))}` };
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `expected ${issue.expected}, got ${describeValue(actual)}` };
    case 'invalid_value':
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(actual)}` };
    default:
      return { code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: issue.message };
  }
}
