/**
 * Undo and redo over drafts. Edits that come in a stream (typing in one
 * field, dragging one node) share a key and make one step together.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The key of the last edit, so the next one with the same key joins it. */
  readonly streak: string | undefined;
}

const LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], streak: undefined };
}

/** Records an edit. With the same `streak` as the last edit, it replaces that step instead of adding one. */
export function record<T>(history: History<T>, next: T, streak?: string): History<T> {
  if (next === history.present) return history;
  if (streak !== undefined && streak === history.streak && history.past.length > 0) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present];
  return { past: past.length > LIMIT ? past.slice(past.length - LIMIT) : past, present: next, future: [], streak };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], streak: undefined };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, streak: undefined };
}
