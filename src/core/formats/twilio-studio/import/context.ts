/**
 * What every step of a Studio import shares: the widgets read so far, by
 * name, and the notes and problems made along the way.
 */
import type { Problem } from '../../../model/load.ts';
import type { NoteDraft } from '../../types.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import type { Json } from '../json.ts';

/** A transition of a widget, as read. */
export interface Transition {
  readonly event: string;
  /** The widget it goes to; undefined when the exit is not wired. */
  readonly next: string | undefined;
  readonly conditions: unknown;
  readonly index: number;
  readonly pointer: string;
}

/** A widget (a "state") of the definition, as read. */
export interface Widget {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly pointer: string;
  readonly transitions: readonly Transition[];
  readonly properties: Json;
  readonly raw: Json;
}

/** A native outcome as the vendor names it. */
export type SourceOutcome = readonly [native: string, vendor: string, pointer: string];

/** The state of one import: widgets read so far, and what it said. */
export class StudioImport {
  readonly notes: NoteDraft[] = [];
  readonly problems: Problem[] = [];
  readonly widgets: Widget[] = [];
  readonly byName = new Map<string, Widget>();

  constructor(
    readonly file: string,
    readonly base: string
  ) {}

  note(pointer: string, message: string, node?: string): void {
    this.notes.push(node === undefined ? { pointer, message } : { node, pointer, message });
  }

  problem(pointer: string, message: string): void {
    this.problems.push({ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file: this.file, pointer, message });
  }

  /** The first transition for an event; a repeated one is noted and ignored. */
  event(widget: Widget, event: string): Transition | undefined {
    const found = widget.transitions.filter((t) => t.event === event);
    if (found.length > 1) {
      this.note(found[1]!.pointer, `widget ${JSON.stringify(widget.name)} lists ${event} twice; the first is used`, widget.name);
    }
    return found[0];
  }

  /** A native outcome for an event: its target, and its source entry (when the event exists). */
  wire(widget: Widget, native: string, event: string, outcomes: SourceOutcome[]): string | undefined {
    const transition = this.event(widget, event);
    if (transition === undefined) return undefined;
    outcomes.push([native, event, transition.pointer]);
    return transition.next;
  }
}
