/**
 * The design's variables and conditions as Architect writes them. A flow
 * variable is `Flow.<name>` (letters, digits and underscores: `booking.status`
 * is `Flow.booking_status`); the caller's number is `Call.Ani`. A condition is
 * an Architect expression: `Flow.tier == "gold"`, `(… or …)` for a list of
 * values, `and` between conditions that must all hold.
 */
import type { Condition, Scalar } from '../../../model/types.ts';

/** Architect's own call data for the caller data the design reads. */
const CALL_DATA: Readonly<Record<string, string>> = { 'caller.ani': 'Call.Ani', 'caller.dnis': 'Call.CalledAddressOriginal' };

/** The Architect types of the flow variables an export declares. */
export type VariableType = 'string' | 'integer' | 'decimal' | 'boolean';

/** The flow variables one export uses, with their types, in the order first used. */
export class Variables {
  readonly declared = new Map<string, VariableType>();

  /** The Architect variable for a design variable, declared as a flow variable when it is one. */
  of(name: string, type: VariableType = 'string'): string {
    if (Object.hasOwn(CALL_DATA, name)) return CALL_DATA[name]!;
    let bare = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(bare)) bare = `v${bare}`;
    const variable = `Flow.${bare}`;
    if (!this.declared.has(variable)) this.declared.set(variable, type);
    return variable;
  }

  /** The `variables:` list of the flow. */
  list(): Record<string, unknown>[] {
    return [...this.declared].map(([name, type]) => ({ [`${type}Variable`]: { name, initialValue: { noValue: true } } }));
  }
}

/** A literal as an Architect expression writes it. */
export function literal(value: Scalar): string {
  if (value === null) return 'NOT_SET';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

const OPERATORS: Readonly<Record<string, string>> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** The type a variable compared with `value` has. */
function typeOf(value: unknown): VariableType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  return 'string';
}

/**
 * A design condition as an Architect expression; `inexact` is set when
 * Architect has no way to say it (a regular expression).
 */
export function expressionOf(when: Condition | readonly Condition[], variables: Variables): { expression: string; inexact?: string } {
  const list = Array.isArray(when) ? (when as readonly Condition[]) : [when as Condition];
  let inexact: string | undefined;
  const parts = list.map((c) => {
    const first = Array.isArray(c.value) ? c.value[0] : c.value;
    const variable = variables.of(c.var, typeOf(first));
    if (c.op === 'exists') return `Not(IsNotSetOrEmpty(${variable}))`;
    if (c.op === 'in') {
      const values = Array.isArray(c.value) ? c.value : [c.value ?? null];
      const each = values.map((v) => `${variable} == ${literal(v)}`);
      return each.length === 1 ? each[0]! : `(${each.join(' or ')})`;
    }
    if (c.op === 'matches') {
      inexact = `${c.var} matches ${JSON.stringify(c.value)}`;
      return `${variable} == ${literal(typeof c.value === 'string' ? c.value : String(c.value))}`;
    }
    return `${variable} ${OPERATORS[c.op]!} ${literal(Array.isArray(c.value) ? (c.value[0] ?? null) : (c.value ?? null))}`;
  });
  return { expression: parts.join(' and '), ...(inexact === undefined ? {} : { inexact }) };
}
