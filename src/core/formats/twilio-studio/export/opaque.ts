/**
 * A step Studio has no widget for: an opaque node that came from another
 * vendor (a Connect CheckStaffing, a hand-off to a Lex bot, an hours check
 * against the instance's hours of operation, …). Studio runs no step it does
 * not know, and an exit left unwired ends the call, so the step is written as
 * what a Studio user would build in its place: a Function that does the work
 * and answers which way to go, and a split on that answer with one branch per
 * outcome of the design, each wired where the design wires it.
 *
 * The Function is the team's to supply, so each such step is a warning that
 * names it: its URL comes from the environment (`functions`, keyed by the
 * node id or the step's vendor type; for an hours check, `hours`, as for the
 * native hours node), or a placeholder is written. The Function answers
 * `{"outcome": "<name>"}` (an hours check answers `{"isOpen": false}` when
 * closed); any other answer takes the step's first outcome, as the design
 * does unless told otherwise.
 */
import { ANY_HOURS } from '../../environment.ts';
import type { NodeOfKind } from '../../../model/types.ts';
import type { Json } from '../json.ts';
import type { StudioExport } from './context.ts';
import { canvasOffset } from './layout.ts';
import { nodePointer } from './notes.ts';
import { HOURS_FUNCTION_PLACEHOLDER } from './references.ts';
import { transition, type Transition } from './widgets.ts';

/** Written as the URL of a step's Function when the environment names none. */
export const STEP_FUNCTION_PLACEHOLDER = 'https://YOUR-SERVICE.twil.io/';

type Opaque = NodeOfKind<'opaque'>;
type Outcome = Opaque['outcomes'][number];

/** The outcome a failed Function call takes: the step's own error outcome, else its first (what it does unless told otherwise). */
function failureOutcome(node: Opaque): Outcome {
  return node.outcomes.find((o) => /error|fail/i.test(o.name)) ?? node.outcomes[0]!;
}

/** An opaque step of another vendor, as a Function and a split with every exit wired. */
export function opaqueStep(ctx: StudioExport, node: Opaque, index: number, name: string): void {
  const at = nodePointer(index);
  const type = node.vendorType === undefined ? 'step' : `${node.vendorType} step`;
  const hours = node.vendorType === 'CheckHoursOfOperation' && node.outcomes[0]?.name === 'True';
  const url = hours ? ctx.refs.lookup('hours', node.id, ANY_HOURS) : ctx.refs.lookup('functions', node.id, ...(node.vendorType === undefined ? [] : [node.vendorType]));
  const failure = failureOutcome(node);
  // An exit the design leaves unwired on purpose ends the call there: a hang-up widget, so it reads back as designed.
  let ending: string | undefined;
  const targetOf = (outcome: Outcome): string | undefined => {
    if (outcome.next !== undefined) return ctx.names.target(outcome.next);
    if (outcome.required !== false) return undefined;
    ending ??= ctx.names.claim(`${name}_end`);
    return ending;
  };
  const split = ctx.names.claim(`${name}_${hours ? 'is_open' : 'outcome'}`);
  const answer = `{{widgets.${name}.parsed.${hours ? 'isOpen' : 'outcome'}}}`;
  const supply = hours
    ? `a Function that checks the hours of operation and answers {"isOpen": false} when closed (set its URL in the environment as {"hours": {"${node.id}": …}}, or "*" for every hours check)`
    : `a Function that does what the ${type} did and answers {"outcome": …} with one of ${node.outcomes.map((o) => JSON.stringify(o.name)).join(', ')} (set its URL in the environment as {"functions": {"${node.id}": …}})`;
  ctx.notes.warn(
    at,
    `${type} ${JSON.stringify(node.id)} has no Studio widget: it is written as ${supply}${url === undefined ? '; a placeholder URL is written' : ''}; any other answer goes where ${JSON.stringify(node.outcomes[0]!.name)} goes, a failed call where ${JSON.stringify(failure.name)} goes`,
    node.id
  );
  const failed = targetOf(failure);
  ctx.widgets.push({
    name,
    type: 'run-function',
    transitions: [transition('success', split), transition('fail', failed)],
    properties: {
      url: url ?? (hours ? HOURS_FUNCTION_PLACEHOLDER : `${STEP_FUNCTION_PLACEHOLDER}${encodeURIComponent(node.vendorType ?? 'step')}`),
      parameters: node.vendorType === undefined ? [] : [{ key: 'step', value: node.vendorType }],
      offset: canvasOffset(node, index)
    }
  });
  // An answer the split does not know takes the first outcome: what the step does unless told otherwise.
  const [first, ...rest] = node.outcomes as [Outcome, ...Outcome[]];
  const otherwise = targetOf(first);
  const branches: Transition[] = [];
  if (hours) {
    const closed = node.outcomes.find((o) => o.name === 'False');
    if (closed !== undefined) branches.push(matching(targetOf(closed), answer, 'closed', 'false'));
  } else {
    for (const outcome of rest) branches.push(matching(targetOf(outcome), answer, outcome.name, outcome.name));
  }
  ctx.widgets.push({
    name: split,
    type: 'split-based-on',
    transitions: [transition('noMatch', otherwise), ...branches],
    properties: { input: answer, offset: canvasOffset(node, index, 0, 200) }
  });
  if (ending !== undefined) hangUp(ctx, ending, canvasOffset(node, index, 250, 400));
}

/** A split branch taken when the answer equals `value`. */
function matching(next: string | undefined, answer: string, label: string, value: string): Transition {
  return {
    event: 'match',
    ...(next === undefined ? {} : { next }),
    conditions: [{ friendly_name: label, arguments: [answer], type: 'equal_to', value }]
  };
}

/**
 * A designed hang-up: an empty set-variables widget with nothing after it.
 * Studio ends the call where an execution has nowhere to go; the empty widget
 * says the ending is meant, where an unwired exit would read as forgotten.
 */
export function hangUp(ctx: StudioExport, name: string, offset: Json): void {
  ctx.widgets.push({ name, type: 'set-variables', transitions: [transition('next', undefined)], properties: { variables: [], offset } });
}
