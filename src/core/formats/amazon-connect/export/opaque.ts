/** Steps this tool does not model, written as the action they came from (hours) or as a Compare with a branch per outcome. */
import { outcomesOf } from '../../../model/outcomes.ts';
import type { FlowNode } from '../../../model/types.ts';
import type { ConnectExport } from './context.ts';
import { LEGACY_ERRORS } from './kept.ts';

/** A step this tool does not model, not from the flow language: its outcomes as a Compare. */
export function buildOpaque(ctx: ConnectExport, node: Extract<FlowNode, { kind: 'opaque' }>): void {
  const outcomes = outcomesOf(node);
  const targets = outcomes.map((o) => ctx.targets.to(node, o));
  if (node.vendorType === 'CheckHoursOfOperation' && outcomes.some((o) => o.name === 'True')) {
    const t = (name: string): string | undefined => targets[outcomes.findIndex((o) => o.name === name)];
    const errors = outcomes.map((o, i) => ({ o, target: targets[i]! })).filter(({ o }) => o.name !== 'True' && o.name !== 'False');
    ctx.actions.add(node, {
      Identifier: ctx.targets.id(node.id),
      Type: 'CheckHoursOfOperation',
      Parameters: {},
      Transitions: {
        ...(t('False') === undefined ? {} : { NextAction: t('False')! }),
        Conditions: (['True', 'False'] as const).flatMap((v) => (t(v) === undefined ? [] : [{ NextAction: t(v)!, Condition: { Operator: 'Equals', Operands: [v] } }])),
        Errors: errors.length === 0 ? [{ NextAction: t('False') ?? ctx.targets.disconnect(), ErrorType: 'NoMatchingError' }] : errors.map(({ o, target }) => ({ NextAction: target, ErrorType: LEGACY_ERRORS[o.name] ?? 'NoMatchingError' }))
      }
    });
    return;
  }
  ctx.notes.warn(node, `${node.vendorType ?? 'this step'} has no Amazon Connect action: written as a Compare on $.Attributes.zeroOutStep with one branch per outcome (${outcomes.map((o) => JSON.stringify(o.name)).join(', ')}), each wired as the design wires it; replace it with the real action in Connect`);
  const first = targets[0]!;
  ctx.actions.add(node, {
    Identifier: ctx.targets.id(node.id),
    Type: 'Compare',
    Parameters: { ComparisonValue: '$.Attributes.zeroOutStep' },
    Transitions: {
      NextAction: first,
      Conditions: outcomes.map((o, i) => ({ NextAction: targets[i]!, Condition: { Operator: 'Equals', Operands: [o.name] } })),
      Errors: [{ NextAction: first, ErrorType: 'NoMatchingCondition' }]
    }
  });
}
