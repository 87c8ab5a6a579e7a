/** The part every imported node shares: its id, position, kept widget and vendor outcomes; and a widget's prompt. */
import { compact, isObject, plain, type Json } from '../json.ts';
import type { SourceOutcome, Widget } from './context.ts';
import { scalarText, text } from './values.ts';

/** The fields every node made from a widget has: its id and position, the widget kept, and each native outcome with its Studio event. */
export function common(widget: Widget, outcomes: readonly SourceOutcome[], extra: Json = {}): Json {
  const offset = widget.properties.offset;
  const position =
    isObject(offset) && typeof offset.x === 'number' && typeof offset.y === 'number' && Number.isFinite(offset.x) && Number.isFinite(offset.y)
      ? { x: offset.x, y: offset.y }
      : undefined;
  return compact({
    id: widget.name,
    position,
    meta: { vendor: plain(widget.raw), ...extra },
    source: {
      type: widget.type,
      pointer: widget.pointer,
      outcomes: Object.fromEntries(outcomes.map(([native, vendor, pointer]) => [native, { name: vendor, pointer }]))
    }
  });
}

/** A widget's prompt: its `say`, or its `play` as `[audio: URL]`. */
export function prompt(widget: Widget): string {
  const say = scalarText(widget.properties.say);
  if (say !== undefined && say.trim() !== '') return say;
  const play = text(widget.properties.play);
  if (play !== undefined) return `[audio: ${play}]`;
  return '';
}
