/** What every part of a Studio export works with: the design, and the collaborators each part adds to. */
import type { Flow } from '../../../model/types.ts';
import type { WidgetList } from './layout.ts';
import type { WidgetNames } from './names.ts';
import type { ExportNotes } from './notes.ts';
import type { References } from './references.ts';

export interface StudioExport {
  readonly flow: Flow;
  /** The locale whose prompts are written (Studio says one text per widget). */
  readonly locale: string;
  readonly notes: ExportNotes;
  readonly refs: References;
  readonly names: WidgetNames;
  readonly widgets: WidgetList;
  /** `widget\0next` of imported transitions that already named no widget in the imported file. */
  readonly dangling: Set<string>;
}
