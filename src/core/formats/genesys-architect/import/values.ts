/**
 * Archy's values: every setting is a wrapper saying what kind of value it is
 * (`lit:` a literal, `exp:` an expression, `var:` a variable, `noValue: true`
 * none; audio as `tts:`, `prompt:` or an audio expression). Reading them
 * never throws: what cannot be read is undefined.
 */
import type { Condition, Scalar } from '../../../model/types.ts';

export type Json = Record<string, unknown>;

/** An object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field of an object, when it is its own. */
export function own(object: unknown, key: string): unknown {
  return isObject(object) && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A value as a message names it: `an array`, `the string "x"`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Non-empty text, trimmed of nothing; undefined otherwise. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Whether a wrapped value says it has none (`noValue: true`), or is absent. */
export function noValue(value: unknown): boolean {
  return value === undefined || value === null || own(value, 'noValue') === true;
}

/** Whether a wrapped value is computed when the flow runs (`exp:` or `var:`): it may be NOT_SET then. */
export function computed(value: unknown): boolean {
  return own(value, 'exp') !== undefined || own(value, 'var') !== undefined;
}

/**
 * The name a wrapped reference gives (a queue, a user, a schedule group, a
 * data action): `lit: {name: X}` or `lit: X`, else the expression or
 * variable as written.
 */
export function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  const lit = own(value, 'lit');
  if (lit !== undefined) return text(own(lit, 'name')) ?? text(lit);
  return text(own(value, 'exp')) ?? text(own(value, 'var')) ?? text(own(value, 'name'));
}

/** A literal number (`lit: 3`, `lit: "3"`), else undefined. */
export function numberOf(value: unknown): number | undefined {
  const lit = own(value, 'lit');
  const raw = typeof lit === 'number' ? lit : typeof lit === 'string' && lit.trim() !== '' ? Number(lit) : undefined;
  return raw !== undefined && Number.isFinite(raw) ? raw : undefined;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, milliseconds: 0.001, seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** A literal duration (`lit: {seconds: 5}`, `{ms: 1500}`, `{minutes: 1}`), in seconds; else undefined. */
export function secondsOf(value: unknown): number | undefined {
  const lit = own(value, 'lit');
  if (!isObject(lit)) return undefined;
  let total = 0;
  let found = false;
  for (const [unit, factor] of Object.entries(UNIT_SECONDS)) {
    const amount = own(lit, unit);
    if (typeof amount === 'number' && Number.isFinite(amount) && amount >= 0) {
      total += amount * factor;
      found = true;
    }
  }
  return found ? Math.round(total * 1000) / 1000 : undefined;
}

/** The text inside every `ToAudioTTS("…")` of an audio expression, in order. */
function ttsInExpression(expression: string): string[] {
  const found: string[] = [];
  const call = /ToAudioTTS\s*\(\s*"((?:[^"\\]|\\.)*)"/g;
  for (let match = call.exec(expression); match !== null; match = call.exec(expression)) {
    const said = match[1]!.replace(/\\(.)/g, '$1').trim();
    if (said !== '') found.push(said);
  }
  return found;
}

/**
 * What an audio value says, as prompt text: its TTS, the TTS inside an audio
 * expression, or `[audio prompt X]` for a recorded prompt; undefined for no
 * audio.
 */
export function audioText(value: unknown): string | undefined {
  if (noValue(value)) return undefined;
  const tts = text(own(value, 'tts'));
  if (tts !== undefined) return tts;
  const prompt = text(own(value, 'prompt')) ?? text(own(own(value, 'lit'), 'name'));
  if (prompt !== undefined) return `[audio prompt ${prompt}]`;
  const expression = text(own(value, 'exp'));
  if (expression !== undefined) {
    const said = ttsInExpression(expression);
    return said.length > 0 ? said.join(' ') : `[audio: ${expression}]`;
  }
  const variable = text(own(value, 'var'));
  if (variable !== undefined) return `[audio: ${variable}]`;
  return undefined;
}

const COMPARISON = /^\s*([A-Za-z_][\w.]*)\s*(==|!=|<>|<=|>=|<|>)\s*(.+?)\s*$/;
const OPERATORS: Readonly<Record<string, Condition['op']>> = { '==': 'eq', '!=': 'ne', '<>': 'ne', '<=': 'le', '>=': 'ge', '<': 'lt', '>': 'gt' };

/** A literal of an Architect expression: `"text"`, a number, `true`, `false`. */
function literal(source: string): Scalar | undefined {
  if (/^"(?:[^"\\]|\\.)*"$/.test(source)) return source.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^-?\d+(?:\.\d+)?$/.test(source)) return Number(source);
  if (/^true$/i.test(source)) return true;
  if (/^false$/i.test(source)) return false;
  return undefined;
}

/**
 * An Architect condition as a native one: `Flow.x == "1"` compares the
 * variable, `Task.AgentsIdle` (or `Not(...)` of it) tests it is true; any
 * other expression is kept as written, true when it holds (the simulator
 * reads it as a variable it does not know, so a test call sets it).
 */
export function conditionOf(expression: string): Condition {
  const compared = COMPARISON.exec(expression);
  if (compared !== null) {
    const value = literal(compared[3]!);
    if (value !== undefined) return { var: compared[1]!, op: OPERATORS[compared[2]!]!, value };
  }
  const bare = expression.trim();
  if (/^[A-Za-z_][\w.]*$/.test(bare)) return { var: bare, op: 'eq', value: true };
  const negated = /^Not\(\s*([A-Za-z_][\w.]*)\s*\)$/i.exec(bare);
  if (negated !== null) return { var: negated[1]!, op: 'eq', value: false };
  return { var: bare === '' ? 'condition' : bare, op: 'eq', value: true };
}

/** An outcome name usable as a field name (a native flow refuses `__proto__` fields). */
export function safeName(name: string): string {
  return name === '__proto__' ? '"__proto__"' : name;
}

/**
 * A copy of vendor data for `meta`, without `__proto__` fields, and with the
 * action lists it holds emptied: each nested action is a node of its own,
 * which keeps its own data, so a flow's data is kept once, not once per
 * level it is nested in.
 */
export function keptCopy(value: unknown, depth = 0): unknown {
  return copyOf(value, depth, true);
}

/**
 * A whole copy of vendor data (its action lists too), without `__proto__`
 * fields: for the parts of a file no node keeps (a jump that is followed, an
 * output this tool does not read), so an export writes them back as they came.
 */
export function fullCopy(value: unknown): unknown {
  return copyOf(value, 0, false);
}

function copyOf(value: unknown, depth: number, emptyActions: boolean): unknown {
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((item) => copyOf(item, depth + 1, emptyActions));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    out[key] = emptyActions && (key === 'actions' || key === 'startUpTaskActions') && Array.isArray(value[key]) ? [] : copyOf(value[key], depth + 1, emptyActions);
  }
  return out;
}
