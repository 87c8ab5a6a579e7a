/** Studio's rules, checked on the widgets before they are written. */
import { isObject } from '../json.ts';
import type { StudioExport } from './context.ts';
import { MAX_STATES, type State } from './widgets.ts';

/** Studio's rules, checked on the document: a `next` that names no widget is unwired, with a note. */
export function check(ctx: StudioExport, states: State[]): void {
  const names = new Set<string>();
  for (const [i, state] of states.entries()) {
    if (names.has(state.name)) ctx.notes.problem('', `two widgets are named ${JSON.stringify(state.name)} (states ${i})`);
    names.add(state.name);
  }
  for (const state of states) {
    for (const t of state.transitions) {
      if (!isObject(t) || t.next === undefined || names.has(t.next)) continue;
      if (ctx.dangling.has(`${state.name}\u0000${t.next}`)) {
        ctx.notes.note('', `widget ${JSON.stringify(state.name)}: ${t.event} goes to ${JSON.stringify(t.next)}, which is no widget of the flow (as in the imported file); Studio will not publish the flow until it is fixed`);
        continue;
      }
      ctx.notes.note('', `widget ${JSON.stringify(state.name)}: ${t.event} went to ${JSON.stringify(t.next)}, which is not written; it is left unwired`);
      delete t.next;
    }
  }
  if (states.length > MAX_STATES) {
    ctx.notes.problem('/nodes', `the flow needs ${states.length} Studio widgets; Studio takes at most ${MAX_STATES} in one flow (split it into sub-flows)`);
  }
}
