import { useCallback, useEffect, useRef, useState } from 'react';
import { applyFlowChanges, type Draft, type FlowChange } from '../../core/model/index.ts';
import { record, redo, undo, type History } from '../model/history.ts';
import { storeDraft } from '../services/drafts.ts';

/** The flow open in the designer. */
export interface OpenFlow {
  readonly id: string;
  readonly history: History<Draft>;
  /** The server version the draft was loaded from or last saved as; null when never saved. */
  readonly baseVersion: string | null;
  /** The draft as last loaded or saved, to tell unsaved changes. */
  readonly saved: Draft | null;
}

/**
 * Applies changes to the open draft now, as one undo step (joined with the
 * last one when both have the same `streak`); returns the new draft
 * (undefined when no flow is open). Changes that change nothing make no step.
 */
export type Edit = (changes: FlowChange | readonly FlowChange[], streak?: string) => Draft | undefined;

export interface FlowDocument {
  readonly open: OpenFlow | null;
  /** The draft as it is now: `open.history.present`. */
  readonly draft: Draft | undefined;
  /** Whether the draft has changes not saved to its file. */
  readonly dirty: boolean;
  /** The open flow after the latest change, even one React has not rendered yet. */
  latest(): OpenFlow | null;
  /** Opens another flow (or none) in place of this one. */
  replaceOpen(next: OpenFlow | null): void;
  readonly edit: Edit;
  travel(direction: 'undo' | 'redo'): void;
}

function isChangeList(changes: FlowChange | readonly FlowChange[]): changes is readonly FlowChange[] {
  return Array.isArray(changes);
}

/**
 * Owns the open flow: its draft and undo history, the version it was loaded
 * from, and whether it has unsaved changes, which are kept in IndexedDB and
 * make leaving the page ask first.
 */
export function useFlowDocument(): FlowDocument {
  const [open, setOpen] = useState<OpenFlow | null>(null);
  const dirty = open !== null && open.saved !== open.history.present;

  // The latest state, for edits that follow each other before React renders.
  const openRef = useRef(open);
  openRef.current = open;
  const latest = useCallback(() => openRef.current, []);
  const replaceOpen = useCallback((next: OpenFlow | null) => {
    openRef.current = next;
    setOpen(next);
  }, []);

  const edit: Edit = useCallback(
    (changes, streak) => {
      const current = openRef.current;
      if (current === null) return undefined;
      const next = applyFlowChanges(current.history.present, isChangeList(changes) ? changes : [changes]);
      if (next !== current.history.present) replaceOpen({ ...current, history: record(current.history, next, streak) });
      return next;
    },
    [replaceOpen]
  );

  const travel = useCallback(
    (direction: 'undo' | 'redo') => {
      const current = openRef.current;
      if (current === null) return;
      replaceOpen({ ...current, history: direction === 'undo' ? undo(current.history) : redo(current.history) });
    },
    [replaceOpen]
  );

  // Every edit is kept in IndexedDB until it is saved.
  useEffect(() => {
    if (open === null || !dirty) return;
    const timer = setTimeout(() => {
      void storeDraft({ id: open.id, draft: open.history.present, baseVersion: open.baseVersion, savedAt: Date.now() });
    }, 150);
    return () => clearTimeout(timer);
  }, [open, dirty]);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return { open, draft: open?.history.present, dirty, latest, replaceOpen, edit, travel };
}
