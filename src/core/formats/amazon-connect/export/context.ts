/** What every part of a Connect export works with: the design, and the collaborators each part adds to. */
import type { Flow } from '../../../model/types.ts';
import type { Actions } from './actions.ts';
import type { ExportNotes } from './notes.ts';
import type { References } from './references.ts';
import type { Targets } from './targets.ts';

export interface ConnectExport {
  readonly flow: Flow;
  /** The locale whose prompts are written (Connect speaks one text per action). */
  readonly locale: string;
  readonly notes: ExportNotes;
  readonly refs: References;
  readonly actions: Actions;
  readonly targets: Targets;
}
