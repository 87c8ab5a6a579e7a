/** Branches as Compare actions, each native condition as Connect's operator. */
import { outcomesOf } from '../../../model/outcomes.ts';
import type { Condition, FlowNode } from '../../../model/types.ts';
import type { ConnectExport } from './context.ts';
import { readReference, scalarText } from './variables.ts';

/** A branch as Compare actions: one when every case tests one variable, else a chain. */
export function buildBranch(ctx: ConnectExport, node: Extract<FlowNode, { kind: 'branch' }>): void {
  const outcomes = outcomesOf(node);
  const otherwise = ctx.targets.to(node, outcomes[outcomes.length - 1]);
  // Each variable is looked up once, so what is said about it is said once.
  const references = new Map<string, string>();
  const reference = (variable: string, pointer: string): string => {
    let path = references.get(variable);
    if (path === undefined) {
      path = readReference(ctx, node, variable, pointer);
      references.set(variable, path);
    }
    return path;
  };
  const caseTargets = node.cases.map((_, i) => ctx.targets.to(node, outcomes[i]));
  const single = node.cases.map((c) => (Array.isArray(c.when) ? (c.when.length === 1 ? c.when[0] : undefined) : c.when));
  const variable = single[0]?.var;
  const simple = single.every((c) => c !== undefined && c.var === variable && operator(c) !== undefined && !operator(c)!.negate);
  if (simple && variable !== undefined) {
    const conditions = single.flatMap((c, i) => operator(c!)!.operands.map((operand) => ({ NextAction: caseTargets[i]!, Condition: { Operator: operator(c!)!.operator, Operands: [operand] } })));
    ctx.actions.add(node, {
      Identifier: ctx.targets.id(node.id),
      Type: 'Compare',
      Parameters: { ComparisonValue: reference(variable, '/cases/0') },
      Transitions: { NextAction: otherwise, Conditions: conditions, Errors: [{ NextAction: otherwise, ErrorType: 'NoMatchingCondition' }] }
    });
    return;
  }
  // A chain: case i, condition j tests one condition; true goes on to the next condition or the case's target.
  const ids = node.cases.map((c, i) => (Array.isArray(c.when) ? c.when : [c.when]).map((_, j) => (i === 0 && j === 0 ? ctx.targets.id(node.id) : ctx.targets.id(node.id, `case ${i + 1}.${j + 1}`))));
  node.cases.forEach((c, i) => {
    const list = Array.isArray(c.when) ? c.when : [c.when];
    const nextCase = ids[i + 1]?.[0] ?? otherwise;
    if (list.length === 0) {
      return;
    }
    list.forEach((condition, j) => {
      const pass = j + 1 < list.length ? ids[i]![j + 1]! : caseTargets[i]!;
      const op = operator(condition) ?? { operator: 'Equals', operands: [scalarText(condition.value)], negate: false };
      if (operator(condition) === undefined) ctx.notes.note(node, `the condition "${condition.var} ${condition.op}" has no Connect operator: written as Equals`, `/cases/${i}`);
      const [onTrue, onFalse] = op.negate ? [nextCase, pass] : [pass, nextCase];
      ctx.actions.add(node, {
        Identifier: ids[i]![j]!,
        Type: 'Compare',
        Parameters: { ComparisonValue: reference(condition.var, `/cases/${i}`) },
        Transitions: {
          NextAction: onFalse,
          Conditions: op.operands.map((operand) => ({ NextAction: onTrue, Condition: { Operator: op.operator, Operands: [operand] } })),
          Errors: [{ NextAction: onFalse, ErrorType: 'NoMatchingCondition' }]
        }
      }, i + j);
    });
  });
  if (node.cases.length === 0 || node.cases.every((c) => Array.isArray(c.when) && c.when.length === 0)) {
    ctx.actions.add(node, {
      Identifier: ctx.targets.id(node.id),
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: {}, TargetContact: 'Current' },
      Transitions: { NextAction: otherwise, Errors: [{ NextAction: otherwise, ErrorType: 'NoMatchingError' }] }
    });
  }
}

function operator(c: Condition): { operator: string; operands: string[]; negate: boolean } | undefined {
  const values = Array.isArray(c.value) ? c.value.map(scalarText) : [scalarText(c.value)];
  switch (c.op) {
    case 'eq': return { operator: 'Equals', operands: values, negate: false };
    case 'ne': return { operator: 'Equals', operands: values, negate: true };
    case 'in': return { operator: 'Equals', operands: values, negate: false };
    case 'gt': return { operator: 'NumberGreaterThan', operands: values, negate: false };
    case 'ge': return { operator: 'NumberGreaterOrEqualTo', operands: values, negate: false };
    case 'lt': return { operator: 'NumberLessThan', operands: values, negate: false };
    case 'le': return { operator: 'NumberLessOrEqualTo', operands: values, negate: false };
    case 'exists': return { operator: 'Equals', operands: [''], negate: true };
    case 'matches': {
      const source = scalarText(c.value);
      const literal = (text: string): string | undefined => (/[.*+?()[\]{}|\\^$]/.test(text) ? undefined : text);
      const unescaped = (text: string): string => text.replace(/\\(.)/g, '$1');
      const inner = unescaped(source.replace(/^\^/, '').replace(/\$$/, ''));
      if (literal(inner) === undefined) return undefined;
      if (source.startsWith('^') && !source.endsWith('$')) return { operator: 'TextStartsWith', operands: [inner], negate: false };
      if (source.endsWith('$') && !source.startsWith('^')) return { operator: 'TextEndsWith', operands: [inner], negate: false };
      if (source.startsWith('^') && source.endsWith('$')) return { operator: 'Equals', operands: [inner], negate: false };
      return { operator: 'TextContains', operands: [inner], negate: false };
    }
  }
}

