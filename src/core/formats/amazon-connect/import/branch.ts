/** Compare → branch; Loop → a counter and a branch on it. */
import type { Condition, FlowNode } from '../../../model/types.ts';
import { conditionEdge, missing, missingName, noMatchEdge } from './edges.ts';
import type { NodeMaker, Outcomes } from './maker.ts';
import { describeValue, type Step, type StepEdge } from './steps.ts';
import { safeName, str, toCondition } from './values.ts';

/** Compare: a branch with a case per condition, the rest going where no condition holds. */
export function branch(maker: NodeMaker, step: Step): FlowNode {
  const variable = str(step.parameters.ComparisonValue) ?? '';
  const outcomes: Outcomes = {};
  const cases: { label: string; when: Condition; next?: string }[] = [];
  const labels = new Set<string>();
  const used: StepEdge[] = [];
  for (const c of step.conditions) {
    const when = toCondition(variable === '' ? '$.ComparisonValue' : variable, c);
    if (when === undefined) {
      maker.note(step, `unknown operator ${JSON.stringify(c.operator)}: the condition is read as Equals`, c.pointer);
    }
    const base = safeName(c.operator === 'Equals' ? c.value : `${c.operator} ${c.value}`);
    let label = base === '' ? '(empty)' : base;
    for (let i = 2; labels.has(label) || label === 'otherwise'; i++) label = `${base} (${i})`;
    labels.add(label);
    const target = maker.outcome(outcomes, label, c);
    used.push(c);
    cases.push({
      label,
      when: when ?? { var: variable === '' ? '$.ComparisonValue' : variable, op: 'eq', value: c.value },
      ...(target === undefined ? {} : { next: target })
    });
  }
  const otherwise = noMatchEdge(step);
  const o = maker.outcome(outcomes, 'otherwise', otherwise);
  maker.unmodelled(step, 'branch', [...used, otherwise]);
  return { ...maker.base(step, outcomes), kind: 'branch', cases, ...(o === undefined ? {} : { otherwise: o }) } as FlowNode;
}

/**
 * Loop: a `set` that counts the passes (keeping the action's Identifier)
 * and a `branch` on the counter, which the analysis sees as a retry limit.
 */
export function loop(maker: NodeMaker, step: Step): FlowNode[] {
  const raw = str(step.parameters.LoopCount);
  let count = raw === undefined ? NaN : Number(raw);
  if (!Number.isFinite(count) || count < 0) {
    maker.note(step, `LoopCount ${describeValue(step.parameters.LoopCount)} is not a number: read as 1`);
    count = 1;
  }
  const counter = `$.Loop.${step.id}`;
  const checkId = maker.uniqueId(`${step.id}:LoopCount`);
  const setOutcomes: Outcomes = {};
  maker.outcome(setOutcomes, 'next', { target: checkId, name: missingName(step, 'NextAction'), pointer: step.pointer });
  const set = {
    ...maker.base(step, setOutcomes),
    kind: 'set',
    increment: [counter],
    next: checkId
  } as FlowNode;
  const outcomes: Outcomes = {};
  const more = conditionEdge(step, 'ContinueLooping') ?? missing(step, 'ContinueLooping');
  const done = conditionEdge(step, 'DoneLooping') ?? step.next ?? missing(step, 'DoneLooping');
  const m = maker.outcome(outcomes, more.name, more);
  const d = maker.outcome(outcomes, 'otherwise', done);
  maker.unmodelled(step, 'loop', [more, done]);
  const check = {
    ...maker.base(step, outcomes, checkId),
    ...(step.position ? { position: { x: step.position.x, y: step.position.y + 80 } } : {}),
    name: `Loop ${count} times`,
    kind: 'branch',
    cases: [{ label: more.name, when: { var: counter, op: 'le', value: count }, ...(m === undefined ? {} : { next: m }) }],
    ...(d === undefined ? {} : { otherwise: d })
  } as FlowNode;
  return [set, check];
}
