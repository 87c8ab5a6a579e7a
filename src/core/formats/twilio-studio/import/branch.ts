/** split-based-on → branch: a case per match transition, its conditions in native terms; noMatch → otherwise. */
import { compact, isObject, type Json } from '../json.ts';
import type { SourceOutcome, StudioImport, Widget } from './context.ts';
import { common } from './node.ts';
import { escapeRegExp, liquidExpression, list, scalarText, text } from './values.ts';

/** split-based-on: a branch with a case per match transition, noMatch as otherwise. */
export function branch(ctx: StudioImport, widget: Widget): Json {
  const outcomes: SourceOutcome[] = [];
  const input = scalarText(widget.properties.input);
  const used = new Set<string>(['otherwise']);
  const cases: Json[] = [];
  widget.transitions.forEach((transition) => {
    if (transition.event !== 'match') return;
    const index = cases.length;
    const conditions = Array.isArray(transition.conditions) ? transition.conditions : [];
    if (!Array.isArray(transition.conditions)) {
      ctx.note(transition.pointer, `widget ${JSON.stringify(widget.name)}: a match without "conditions" is read as "the input is not empty"`, widget.name);
    }
    const when = conditions.map((condition: unknown, c) => readCondition(ctx, widget, condition, `${transition.pointer}/conditions/${c}`, input));
    if (when.length === 0) when.push({ var: input === undefined ? 'input' : liquidExpression(input) || 'input', op: 'exists' });
    const first: unknown = conditions[0];
    const friendly = isObject(first) ? text(first.friendly_name) : undefined;
    const label =
      friendly !== undefined && friendly !== '__proto__' && !used.has(friendly) && !/^case \d+$/.test(friendly) ? friendly : undefined;
    if (label !== undefined) used.add(label);
    const name = label ?? `case ${index + 1}`;
    outcomes.push([name, name, transition.pointer]);
    cases.push(compact({ label, when: when.length === 1 ? when[0]! : when, next: transition.next }));
  });
  const otherwise = ctx.wire(widget, 'otherwise', 'noMatch', outcomes);
  return compact({ ...common(widget, outcomes), kind: 'branch', cases, otherwise });
}

/** A Studio condition as a native one; one with no native equivalent reads as "the input is not empty", with a note. */
export function readCondition(ctx: StudioImport, widget: Widget, condition: unknown, pointer: string, input: string | undefined): Json {
  if (!isObject(condition)) {
    ctx.note(pointer, `widget ${JSON.stringify(widget.name)}: a condition must be an object; read as "the input is not empty"`, widget.name);
    return { var: (input && liquidExpression(input)) || 'input', op: 'exists' };
  }
  const args = Array.isArray(condition.arguments) ? condition.arguments : [];
  const argument = scalarText(args[0]) ?? input;
  const variable = (argument !== undefined && withoutDefault(ctx, widget, liquidExpression(argument), pointer)) || 'input';
  const value = scalarText(condition.value) ?? '';
  const number = (v: string): string | number => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  switch (condition.type) {
    case 'equal_to':
      return { var: variable, op: 'eq', value };
    case 'not_equal_to':
      return { var: variable, op: 'ne', value };
    case 'matches_any_of':
      return { var: variable, op: 'in', value: list(value) };
    case 'contains':
      return { var: variable, op: 'matches', value: escapeRegExp(value) };
    case 'starts_with':
      return { var: variable, op: 'matches', value: `^${escapeRegExp(value)}` };
    case 'ends_with':
      return { var: variable, op: 'matches', value: `${escapeRegExp(value)}$` };
    case 'regex':
      return { var: variable, op: 'matches', value };
    case 'less_than':
      return { var: variable, op: 'lt', value: number(value) };
    case 'greater_than':
      return { var: variable, op: 'gt', value: number(value) };
    case 'is_not_blank':
      return { var: variable, op: 'exists' };
    case 'is_blank':
      return { var: variable, op: 'eq', value: '' };
    default: {
      const type = condition.type;
      const said =
        type === undefined
          ? 'a condition has no "type" (such as equal_to or matches_any_of)'
          : typeof type === 'string'
            ? `condition type ${JSON.stringify(type.length > 40 ? `${type.slice(0, 40)}…` : type)} has no native equivalent`
            : `a condition "type" is a name such as equal_to, not ${Array.isArray(type) ? 'an array' : type === null ? 'null' : typeof type === 'object' ? 'an object' : `${typeof type} ${String(type)}`}`;
      ctx.note(type === undefined ? pointer : `${pointer}/type`, `widget ${JSON.stringify(widget.name)}: ${said}; read as "the input is not empty"`, widget.name);
      return { var: variable, op: 'exists' };
    }
  }
}

/**
 * `flow.variables.tries | default: 0` → `flow.variables.tries`: the variable
 * a split reads, so that it is the one a counter counts. The default is what
 * Liquid reads while the variable is unset, which a native condition does not
 * know: noted.
 */
function withoutDefault(ctx: StudioImport, widget: Widget, expression: string, pointer: string): string {
  const match = /^([^\s|{}]+)\s*\|\s*default\s*:\s*([^|{}]*?)\s*$/.exec(expression);
  if (match === null) return expression;
  ctx.note(pointer, `widget ${JSON.stringify(widget.name)}: the condition reads ${match[1]!}; its default (${match[2]!}), read while it is unset, is not kept`, widget.name);
  return match[1]!;
}
