import { useCallback, useState } from 'react';
import type { Diagnostic } from '../../core/diagnostic/index.ts';

/** Where a flow's notes came from: the import it was made by, or its last export. */
export type NoteSource = 'import' | 'export';

type FlowNotes = Readonly<Record<NoteSource, readonly Diagnostic[]>>;

const NONE: readonly Diagnostic[] = [];

/**
 * Owns the notes of imports and exports (what they could not carry over
 * exactly, and what they did instead), by flow, for this page: an import's
 * notes stay with the flow it made; an export's are those of its latest export.
 * The Problems panel lists them with the findings.
 */
export function useNotes() {
  const [byFlow, setByFlow] = useState<ReadonlyMap<string, FlowNotes>>(new Map());

  /** Keeps the notes of an import or an export of a flow, in place of that source's last ones. */
  const setNotes = useCallback((flowId: string, source: NoteSource, notes: readonly Diagnostic[]) => {
    setByFlow((map) => {
      const kept = map.get(flowId) ?? { import: NONE, export: NONE };
      if (kept[source] === notes || (kept[source].length === 0 && notes.length === 0)) return map;
      return new Map(map).set(flowId, { ...kept, [source]: notes });
    });
  }, []);

  /** A flow's notes: its import's, then its last export's. */
  const notesOf = useCallback(
    (flowId: string | undefined): readonly Diagnostic[] => {
      const kept = flowId === undefined ? undefined : byFlow.get(flowId);
      return kept === undefined ? NONE : [...kept.import, ...kept.export];
    },
    [byFlow]
  );

  return { setNotes, notesOf };
}

export type Notes = ReturnType<typeof useNotes>;
