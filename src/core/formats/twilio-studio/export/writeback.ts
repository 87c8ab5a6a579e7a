/**
 * A node imported from Studio (its raw widget kept in `meta.vendor`, its type
 * in `source.type`) is written back as it came; only the `next` of the
 * transitions its native outcomes name (`source.outcomes[…].pointer`) are
 * updated when the design changed them. A menu read from a gather and a split
 * writes both widgets back; a queue writes the failure step the importer
 * added for its two failure exits back into its widget.
 */
import { outcomesOf } from '../../../model/outcomes.ts';
import type { FlowNode } from '../../../model/types.ts';
import { clone, isObject, type Json } from '../json.ts';
import type { StudioExport } from './context.ts';
import { stateIndex } from './layout.ts';
import { nodePointer } from './notes.ts';
import { isStudioWidget, type KeptWidget, type State } from './widgets.ts';

/** An imported node, written back from its raw widget(s). */
export function writeBack(ctx: StudioExport, node: FlowNode, index: number, raw: KeptWidget): void {
  const source = node.source!;
  const widgets: { pointer: string; state: Json }[] = [{ pointer: source.pointer, state: clone(raw) }];
  const split = isObject(node.meta?.split) && isStudioWidget(node.meta.split.vendor) ? node.meta.split : undefined;
  if (split !== undefined && typeof split.pointer === 'string' && !ctx.names.isKept((split.vendor as Json).name as string)) {
    widgets.push({ pointer: split.pointer, state: clone(split.vendor as Json) });
  }
  const done = new Set<string>();
  // The failure step of a queue: its outcomes are the queue widget's failure exits.
  const helpers = ctx.names.helpersOf(node.id);
  const helperIds = new Set(helpers.map((h) => h.id));
  const members = [node, ...helpers].flatMap((member) => {
    const at = member === node ? index : ctx.flow.nodes.indexOf(member);
    return outcomesOf(member).map((outcome) => ({ member, at, outcome }));
  });
  for (const { member, at, outcome } of members) {
    if (outcome.target !== undefined && helperIds.has(outcome.target)) continue;
    const memberSource = member.source ?? source;
    const vendor = memberSource.outcomes && Object.hasOwn(memberSource.outcomes, outcome.name) ? memberSource.outcomes[outcome.name] : undefined;
    if (vendor?.pointer === undefined) {
      if (outcome.target !== undefined) {
        ctx.notes.note(nodePointer(at, outcome.pointer), `outcome ${JSON.stringify(outcome.name)} was added after import and has no Studio transition; it is not written`, member.id);
      }
      continue;
    }
    const owner = widgets.find((w) => vendor.pointer!.startsWith(`${w.pointer}/transitions/`));
    const position = owner === undefined ? undefined : Number(vendor.pointer.slice(owner.pointer.length + '/transitions/'.length));
    const transitions = owner?.state.transitions;
    if (owner === undefined || position === undefined || !Array.isArray(transitions) || !isObject(transitions[position])) continue;
    const t = transitions[position] as Json;
    const key = `${owner.pointer}/${position}`;
    const had = typeof t.next === 'string' && t.next !== '' ? t.next : undefined;
    // A target that is no node of the flow came from the file as it was: it stays as written.
    const missing = outcome.target !== undefined && !ctx.names.isNode(outcome.target);
    const wanted = missing ? outcome.target : ctx.names.target(outcome.target);
    if (missing && wanted === had) ctx.dangling.add(`${String(owner.state.name)}\u0000${had}`);
    if (had === wanted) {
      done.add(key);
      continue;
    }
    if (done.has(key)) {
      ctx.notes.note(nodePointer(at, outcome.pointer), `outcome ${JSON.stringify(outcome.name)} shares Studio's ${JSON.stringify(t.event)} exit with another outcome; that one's target is written`, member.id);
      continue;
    }
    done.add(key);
    if (wanted === undefined) delete t.next;
    else t.next = wanted;
  }
  const position = node.position;
  for (const [i, widget] of widgets.entries()) {
    if (i === 0 && position !== undefined && isObject(widget.state.properties)) {
      const offset = widget.state.properties.offset;
      if (!isObject(offset) || offset.x !== position.x || offset.y !== position.y) widget.state.properties.offset = { ...position };
    }
    ctx.widgets.push(widget.state as unknown as State, stateIndex(widget.pointer));
  }
}
