/**
 * A node imported from a flow-language file is written back as the action it
 * came from, with only the targets the designer changed rewritten; the
 * helper nodes the importer added for it fold back into it.
 */
import { outcomesOf, type Outcome } from '../../../model/outcomes.ts';
import type { FlowNode } from '../../../model/types.ts';
import type { ConnectAction } from './actions.ts';
import type { ConnectExport } from './context.ts';
import { clone, isObject, LEGACY_ERRORS, vendorMetadata } from './kept.ts';

/** An imported action as it came, with the targets the designer changed rewritten. */
export function writeBack(ctx: ConnectExport, node: FlowNode, raw: ConnectAction, helpers: FlowNode[]): void {
  const action = clone(raw);
  ctx.actions.keep(action, node.id, node.position);
  const metadata = vendorMetadata(node);
  if (metadata !== undefined) ctx.actions.describe(action.Identifier, metadata);
  const helperIds = new Set(helpers.map((h) => h.id));
  for (const member of [node, ...helpers]) {
    for (const o of outcomesOf(member)) {
      if (o.target !== undefined && helperIds.has(o.target)) continue;
      const vendor = member.source?.outcomes && Object.hasOwn(member.source.outcomes, o.name) ? member.source.outcomes[o.name] : undefined;
      if (vendor === undefined) continue;
      retarget(ctx, member, action, o, vendor.name, vendor.pointer);
    }
  }
}

/** Points the branch of `action` that Connect names `name` (at `pointer`) where outcome `o` goes now. */
function retarget(ctx: ConnectExport, node: FlowNode, action: ConnectAction, o: Outcome, name: string, pointer: string | undefined): void {
  const t = action.Transitions ?? {};
  type Slot = { get(): string | undefined; set(v: string): void };
  const slots: Slot[] = [];
  const exact = pointer?.match(/\/Transitions\/(?:(NextAction)|Conditions\/(\d+)\/NextAction|Errors\/(\d+)\/NextAction)$/);
  const conditionSlot = (c: { NextAction: string }): Slot => ({ get: () => c.NextAction, set: (v) => { c.NextAction = v; } });
  if (exact?.[1] !== undefined) {
    slots.push({ get: () => t.NextAction, set: (v) => { t.NextAction = v; } });
  } else if (exact?.[2] !== undefined && t.Conditions?.[Number(exact[2])]) {
    slots.push(conditionSlot(t.Conditions[Number(exact[2])]!));
  } else if (exact?.[3] !== undefined && t.Errors?.[Number(exact[3])]) {
    slots.push(conditionSlot(t.Errors[Number(exact[3])]!));
  } else {
    if ((name === 'NextAction' || name === 'Success') && t.NextAction !== undefined) slots.push({ get: () => t.NextAction, set: (v) => { t.NextAction = v; } });
    for (const c of t.Conditions ?? []) if (isObject(c) && c.Condition?.Operands?.[0] !== undefined && String(c.Condition.Operands[0]) === name) slots.push(conditionSlot(c));
    const errorType = LEGACY_ERRORS[name] ?? name;
    for (const e of t.Errors ?? []) if (isObject(e) && e.ErrorType === errorType) slots.push(conditionSlot(e));
  }
  if (slots.length === 0) {
    if (o.target === undefined) return;
    // A branch the action did not have: the designer wired it in the native model.
    const target = ctx.targets.to(node, o);
    if (name === 'NextAction' || name === 'Success') t.NextAction = target;
    else (t.Errors ??= []).push({ NextAction: target, ErrorType: LEGACY_ERRORS[name] ?? name });
    action.Transitions = t;
    ctx.notes.note(node, `the "${o.name}" outcome was wired in the design: added as the "${name}" branch of ${action.Type}`, o.pointer);
    return;
  }
  for (const slot of slots) {
    const current = slot.get();
    if (o.target === undefined) {
      // Unwired as it came (no NextAction, or Connect's empty one): kept so.
      if (current === undefined || current === '') continue;
      slot.set(ctx.targets.to(node, o));
      continue;
    }
    const wanted = ctx.targets.targetOf(o.target) ?? o.target;
    if (current !== wanted) slot.set(wanted);
  }
}
