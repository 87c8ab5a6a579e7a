/** Branches: a split-based-on with a match per case, each native condition as Studio's. */
import type { Condition, NodeOfKind } from '../../../model/types.ts';
import type { Json } from '../json.ts';
import type { StudioExport } from './context.ts';
import { canvasOffset } from './layout.ts';
import { readVariable, scalarString } from './liquid.ts';
import { nodePointer } from './notes.ts';
import { transition, type Transition } from './widgets.ts';

/** A native condition as a Studio one (`arguments`, `type`, `value`), reading `variable` (the Liquid for `c.var`). */
export function condition(ctx: StudioExport, c: Condition, pointer: string, node: string, variable: string): Json {
  const argument = `{{${variable}}}`;
  const value = scalarString(c.value);
  const of = (type: string, v = value): Json => ({ arguments: [argument], type, value: v });
  switch (c.op) {
    case 'eq':
      return of('equal_to');
    case 'ne':
      return of('not_equal_to');
    case 'lt':
      return of('less_than');
    case 'gt':
      return of('greater_than');
    case 'le':
    case 'ge': {
      const n = Number(c.value);
      if (typeof c.value === 'number' && Number.isInteger(n)) {
        return c.op === 'le' ? of('less_than', String(n + 1)) : of('greater_than', String(n - 1));
      }
      ctx.notes.note(pointer, `"${c.op}" has no Studio condition; it is written as ${c.op === 'le' ? 'less_than' : 'greater_than'}`, node);
      return of(c.op === 'le' ? 'less_than' : 'greater_than');
    }
    case 'in':
      return of('matches_any_of');
    case 'exists':
      return of('is_not_blank', '');
    case 'matches':
      return of('regex');
  }
}

/** A branch: a split-based-on with a match per case, noMatch going where `otherwise` does. */
export function branch(ctx: StudioExport, node: NodeOfKind<'branch'>, index: number, name: string): void {
  const at = nodePointer(index);
  // Each variable is looked up once, so what is said about it is said once.
  const liquid = new Map<string, string>();
  const read = (variable: string, pointer: string): string => {
    let text = liquid.get(variable);
    if (text === undefined) {
      text = readVariable(ctx, variable, node.id, pointer);
      liquid.set(variable, text);
    }
    return text;
  };
  const matches: Transition[] = node.cases.map((c, i) => {
    const when = Array.isArray(c.when) ? c.when : [c.when];
    const conditions = when.map((w, j) => {
      const pointer = `${at}/cases/${i}/when${Array.isArray(c.when) ? `/${j}` : ''}`;
      return { friendly_name: c.label ?? `case ${i + 1}`, ...condition(ctx, w, pointer, node.id, read(w.var, pointer)) };
    });
    const next = ctx.names.target(c.next);
    return { event: 'match', ...(next === undefined ? {} : { next }), conditions };
  });
  const first = node.cases[0];
  const firstVar = first === undefined ? undefined : (Array.isArray(first.when) ? first.when[0] : first.when)?.var;
  ctx.widgets.push({
    name,
    type: 'split-based-on',
    transitions: [transition('noMatch', ctx.names.target(node.otherwise)), ...matches],
    properties: { input: firstVar === undefined ? '' : `{{${read(firstVar, `${at}/cases/0/when`)}}}`, offset: canvasOffset(node, index) }
  });
}
