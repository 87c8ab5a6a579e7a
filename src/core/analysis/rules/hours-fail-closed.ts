import type { Outcome } from '../../model/outcomes.ts';
import { promptsOf } from '../../model/outcomes.ts';
import { promptTexts } from '../../model/prompt.ts';
import type { Condition, FlowNode, NodeOfKind } from '../../model/types.ts';
import { nodeLabel, nodeRef } from '../describe.ts';
import type { FlowGraph, GraphNode } from '../graph.ts';
import type { Rule } from '../types.ts';

/** A variable that says whether the line is open: `isOpen`, `widgets.check.parsed.isOpen`, `$.External.is_open`. */
const OPEN_VARIABLE = /(?:^|[.$])is_?open$/i;

/** Words that tell a caller the line is closed (English and Spanish). */
const SAYS_CLOSED = [
  /\bclosed\b/i,
  /\boutside (?:of )?(?:our |the )?(?:normal |regular |usual )?(?:business |office |opening |operating )?hours\b/i,
  /\bafter[- ]hours\b/i,
  /\bcerrad[oa]s?\b/i,
  /\bfuera (?:del|de nuestro) horario\b/i
];

/** Whether a node's own prompt tells the caller the line is closed. */
function saysClosed(node: FlowNode): boolean {
  return promptsOf(node).some(({ prompt }) => promptTexts(prompt, '').some(([, text]) => SAYS_CLOSED.some((words) => words.test(text))));
}

/** Whether a condition holds when the line is open (true), when it is closed (false), or says nothing of it. */
function holdsWhenOpen(condition: Condition): boolean | undefined {
  if (!OPEN_VARIABLE.test(condition.var) || (condition.op !== 'eq' && condition.op !== 'ne')) return undefined;
  const value = typeof condition.value === 'string' ? condition.value.trim().toLowerCase() : condition.value;
  const open = value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
  if (open === undefined) return undefined;
  return condition.op === 'eq' ? open : !open;
}

/** Where a branch on whether the line is open sends an open and a closed line; undefined for any other branch. */
function openAndClosed(branch: NodeOfKind<'branch'>): { open: string | undefined; closed: string | undefined } | undefined {
  for (const c of branch.cases) {
    const conditions = Array.isArray(c.when) ? c.when : [c.when];
    if (conditions.length !== 1) continue;
    const open = holdsWhenOpen(conditions[0]!);
    if (open === undefined) continue;
    return open ? { open: c.next, closed: branch.otherwise } : { open: branch.otherwise, closed: c.next };
  }
  return undefined;
}

/** An hours check: where it sends an open line and a closed one, and the outcomes taken when the check itself fails. */
interface HoursCheck {
  readonly open: string | undefined;
  readonly closed: string | undefined;
  readonly failures: readonly Outcome[];
}

/**
 * The hours check a node is: a Connect CheckHoursOfOperation step (True,
 * False, and its error branches), or a lookup whose success goes to a branch
 * on whether the line is open (a Studio Function and a split on its
 * `isOpen`, a Lambda and a Compare), its failure the check failing.
 */
function hoursCheck(graph: FlowGraph, g: GraphNode): HoursCheck | undefined {
  const node = g.node;
  if (node.kind === 'opaque' && node.vendorType === 'CheckHoursOfOperation') {
    const named = (name: string) => g.outcomes.find((o) => o.name.toLowerCase() === name);
    const open = named('true');
    const closed = named('false');
    if (open === undefined || closed === undefined) return undefined;
    return { open: open.target, closed: closed.target, failures: g.outcomes.filter((o) => o !== open && o !== closed) };
  }
  if (node.kind === 'lookup' && node.success !== undefined) {
    const after = graph.byId.get(node.success);
    const branch = after === undefined ? undefined : graph.nodes[after]!.node;
    const sides = branch?.kind === 'branch' ? openAndClosed(branch) : undefined;
    if (sides === undefined) return undefined;
    return { ...sides, failures: g.outcomes.filter((o) => o.name === 'failure') };
  }
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'hours-fail-closed',
    severity: 'warning',
    description: 'An opening-hours check whose failure gives the closed treatment, so callers in open hours are told the line is closed whenever the check fails.'
  },
  check({ graph, report }) {
    for (let gi = 0; gi < graph.nodes.length; gi++) {
      const g = graph.nodes[gi]!;
      const check = hoursCheck(graph, g);
      if (check === undefined || check.closed === undefined) continue;
      for (const failure of check.failures) {
        const target = failure.target;
        if (target === undefined || target === check.open) continue;
        const index = graph.byId.get(target);
        const same = target === check.closed;
        if (!same && (index === undefined || !saysClosed(graph.nodes[index]!.node))) continue;
        report({
          node: g.id,
          nodes: index === undefined ? [g.id] : [g.id, target],
          outcome: failure.name,
          message: `${nodeLabel(g)} checks the opening hours, and when the check itself fails ("${failure.name}") the caller ${
            same ? `goes where a closed line goes (${nodeRef(index === undefined ? undefined : graph.nodes[index]!.node, target)})` : `is told the line is closed (${nodeRef(index === undefined ? undefined : graph.nodes[index]!.node, target)})`
          }: whenever the check fails, callers who call in open hours are turned away as if you were closed`,
          pointer: g.pointer + failure.pointer,
          data: { target, closed: check.closed }
        });
      }
    }
  }
};

export default rule;
