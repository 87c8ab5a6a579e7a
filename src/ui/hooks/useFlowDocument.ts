import { useCallback, useEffect, useRef, useState } from 'react';
import { applyFlowChanges, type Draft, type FlowChange } from '../../core/model/index.ts';
import { record, redo, undo, type History } from '../model/history.ts';
import { keepDraftNow, storeDraft, type StoredDraft } from '../services/drafts.ts';

/** The flow open in the designer. */
export interface OpenFlow {
  readonly id: string;
  readonly history: History<Draft>;
  /** The server version the draft was loaded from or last saved as; null when never saved. */
  readonly baseVersion: string | null;
  /** The draft as last loaded or saved, to tell unsaved changes. */
  readonly saved: Draft | null;
  /**
   * Which opening of a flow this is: new each time a flow is opened, created
   * or imported, kept through its edits and saves. What belongs to one
   * opening (a simulated call, traffic) ends with it.
   */
  readonly session: number;
}

let sessions = 0;

/** A flow as it is opened (from flows/, new, imported): a session of its own. */
export function openedFlow(flow: Omit<OpenFlow, 'session'>): OpenFlow {
  sessions += 1;
  return { ...flow, session: sessions };
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
  /** Forgets an edit of flow `id` not yet written to its draft: the draft is being discarded. */
  dropPending(id: string): void;
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

  // Every edit is kept in IndexedDB until it is saved: written once edits pause
  // for a moment, at once when another flow is opened, and synchronously as the
  // page is left, so neither a reload just after an edit nor a quick switch loses it.
  const pending = useRef<StoredDraft | null>(null);
  const flush = useCallback(() => {
    const waiting = pending.current;
    pending.current = null;
    if (waiting !== null) void storeDraft(waiting);
  }, []);
  useEffect(() => {
    if (pending.current !== null && pending.current.id !== open?.id) flush();
    else if (!dirty) pending.current = null;
    if (open === null || !dirty) return;
    pending.current = { id: open.id, draft: open.history.present, baseVersion: open.baseVersion, savedAt: Date.now() };
    const timer = setTimeout(flush, 150);
    return () => clearTimeout(timer);
  }, [open, dirty, flush]);

  // Leaving the page with unsaved changes asks first, and writes them where a reload finds them.
  useEffect(() => {
    const keep = () => {
      const current = openRef.current;
      if (current === null || current.saved === current.history.present) return;
      pending.current = null;
      keepDraftNow({ id: current.id, draft: current.history.present, baseVersion: current.baseVersion, savedAt: Date.now() });
    };
    const warn = (event: BeforeUnloadEvent) => {
      keep();
      if (dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    window.addEventListener('pagehide', keep);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('pagehide', keep);
    };
  }, [dirty]);

  const dropPending = useCallback((id: string) => {
    if (pending.current?.id === id) pending.current = null;
  }, []);

  return { open, draft: open?.history.present, dirty, latest, replaceOpen, edit, travel, dropPending };
}
