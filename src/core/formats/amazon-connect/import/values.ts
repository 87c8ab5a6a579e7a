/** Reading parameter values (text, seconds, prompts, conditions) and copying vendor JSON for a node. */
import type { Condition } from '../../../model/types.ts';
import { MAX_WALK_DEPTH } from '../../../json/limits.ts';
import { DESIGN_KEY } from '../contract.ts';
import { isObject, own, type Json, type Step, type StepCondition } from './steps.ts';

/** A string, or a finite number as text. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A non-negative number of seconds, also from text. */
export function seconds(value: unknown): number | undefined {
  const text = str(value);
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** What an action says: its Text or SSML, or its audio prompt as `[audio …]`. */
export function promptOf(parameters: Readonly<Record<string, unknown>>): string | undefined {
  const text = str(parameters.Text) ?? str(parameters.SSML);
  if (text !== undefined) return text;
  const promptId = str(parameters.PromptId);
  if (promptId !== undefined) return `[audio prompt ${promptId}]`;
  const media = parameters.Media;
  if (isObject(media)) {
    const uri = str(own(media, 'Uri'));
    return uri === undefined ? '[audio]' : `[audio ${uri}]`;
  }
  return undefined;
}

/** What the export recorded in an action's editor metadata about the native design, if anything. */
export function designOf(step: Step): Json | undefined {
  const design = step.metadata === undefined ? undefined : own(step.metadata, DESIGN_KEY);
  return isObject(design) ? design : undefined;
}

/** Copies vendor JSON for `meta`, leaving out fields named `__proto__` (and anything deeper than any file may nest, json/limits.ts). */
export function cleanCopy(value: unknown, depth = 0): unknown {
  if (depth > MAX_WALK_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => cleanCopy(item, depth + 1));
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => key !== '__proto__')
        .map((key) => [key, cleanCopy(value[key], depth + 1)])
    );
  }
  return value;
}

const OPERATORS: Record<string, Condition['op']> = {
  Equals: 'eq',
  NumberGreaterThan: 'gt',
  NumberGreaterOrEqualTo: 'ge',
  NumberLessThan: 'lt',
  NumberLessOrEqualTo: 'le'
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Connect condition on `variable` as a native one; undefined for an operator with none. */
export function toCondition(variable: string, c: StepCondition): Condition | undefined {
  const op = OPERATORS[c.operator];
  if (op !== undefined) return { var: variable, op, value: c.value };
  switch (c.operator) {
    case 'TextStartsWith':
      return { var: variable, op: 'matches', value: `^${escapeRegExp(c.value)}` };
    case 'TextEndsWith':
      return { var: variable, op: 'matches', value: `${escapeRegExp(c.value)}$` };
    case 'TextContains':
      return { var: variable, op: 'matches', value: escapeRegExp(c.value) };
    default:
      return undefined;
  }
}

/** An outcome name usable as a field name (a native flow refuses `__proto__` fields). */
export function safeName(name: string): string {
  return name === '__proto__' ? '"__proto__"' : name;
}
