/** Branch conditions on variables and caller data. */
import type { Condition, Scalar } from './types.ts';

export type Variables = Readonly<Record<string, Scalar | undefined>>;

function lookup(vars: Variables, name: string): Scalar | undefined {
  return Object.hasOwn(vars, name) ? vars[name] : undefined;
}

function compare(a: Scalar | undefined, b: Scalar | undefined): number | undefined {
  if (a === undefined || a === null || b === undefined || b === null) return undefined;
  const x = Number(a);
  const y = Number(b);
  if (typeof a !== 'boolean' && typeof b !== 'boolean' && Number.isFinite(x) && Number.isFinite(y) && String(a).trim() !== '' && String(b).trim() !== '') {
    return x - y;
  }
  return String(a).localeCompare(String(b));
}

function same(a: Scalar | undefined, b: Scalar | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  return String(a) === String(b);
}

export function evaluateCondition(condition: Condition, vars: Variables): boolean {
  const actual = lookup(vars, condition.var);
  const expected = condition.value;
  switch (condition.op) {
    case 'exists':
      return actual !== undefined && actual !== null && actual !== '';
    case 'eq':
      return !Array.isArray(expected) && same(actual, expected);
    case 'ne':
      return !Array.isArray(expected) && !same(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((v) => same(actual, v));
    case 'matches':
      if (typeof expected !== 'string' || actual === undefined || actual === null) return false;
      try {
        return new RegExp(expected).test(String(actual));
      } catch {
        return false;
      }
    default: {
      if (Array.isArray(expected)) return false;
      const order = compare(actual, expected);
      if (order === undefined) return false;
      if (condition.op === 'lt') return order < 0;
      if (condition.op === 'le') return order <= 0;
      if (condition.op === 'gt') return order > 0;
      return order >= 0;
    }
  }
}

export function evaluateWhen(when: Condition | Condition[], vars: Variables): boolean {
  return Array.isArray(when) ? when.every((c) => evaluateCondition(c, vars)) : evaluateCondition(when, vars);
}

/** Variables a condition reads. */
export function conditionVars(when: Condition | Condition[]): string[] {
  return (Array.isArray(when) ? when : [when]).map((c) => c.var);
}
