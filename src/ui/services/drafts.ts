/**
 * Unsaved drafts in IndexedDB, one per flow: every edit is kept, so a reload
 * or a crashed tab loses nothing. A draft remembers the file version it was
 * made from, so it is offered back only over that version.
 *
 * IndexedDB writes finish after the page may be gone, so as the page is left
 * the open draft is also written synchronously to localStorage
 * ({@link keepDraftNow}); the newer of the two copies is the one read back.
 */
import type { Draft } from '../../core/model/index.ts';

export interface StoredDraft {
  readonly id: string;
  readonly draft: Draft;
  /** The server version the draft was made from; null for a flow never saved. */
  readonly baseVersion: string | null;
  readonly savedAt: number;
}

const DB = 'zero-out';
const STORE = 'drafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}

/** The localStorage key of a draft written as the page was left. */
const KEPT = 'zeroout:draft:';

function isStoredDraft(value: unknown): value is StoredDraft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['id'] === 'string' && typeof v['draft'] === 'object' && v['draft'] !== null && typeof v['savedAt'] === 'number';
}

/** The draft written to localStorage as the page was left, if any. */
function keptDraft(id: string): StoredDraft | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(KEPT + id) ?? 'null') as unknown;
    return isStoredDraft(value) && value.id === id ? value : undefined;
  } catch {
    return undefined;
  }
}

function forgetKept(id: string): void {
  try {
    localStorage.removeItem(KEPT + id);
  } catch {
    // Nothing kept.
  }
}

/**
 * Writes a draft at once, synchronously, to localStorage: for the moment the
 * page is left (pagehide, beforeunload), when an IndexedDB write could be cut off.
 */
export function keepDraftNow(draft: StoredDraft): void {
  try {
    localStorage.setItem(KEPT + draft.id, JSON.stringify(draft));
  } catch {
    // Too large or no storage: the IndexedDB copy is all there is.
    void storeDraft(draft);
  }
}

async function storedDraft(id: string): Promise<StoredDraft | undefined> {
  try {
    return (await run('readonly', (store) => store.get(id) as IDBRequest<StoredDraft | undefined>)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The draft kept for a flow: the newer of the IndexedDB copy and one written as the page was last left. */
export async function loadDraft(id: string): Promise<StoredDraft | undefined> {
  const stored = await storedDraft(id);
  const kept = keptDraft(id);
  if (kept === undefined) return stored;
  if (stored === undefined || kept.savedAt >= stored.savedAt) {
    // Moved into IndexedDB before it leaves localStorage, so it is never in neither.
    if (await storeDraft(kept)) forgetKept(id);
    return kept;
  }
  forgetKept(id);
  return stored;
}

/** Every draft kept in this browser (the newer copy of each). */
export async function listDrafts(): Promise<StoredDraft[]> {
  const byId = new Map<string, StoredDraft>();
  try {
    for (const draft of await run('readonly', (store) => store.getAll() as IDBRequest<StoredDraft[]>)) if (isStoredDraft(draft)) byId.set(draft.id, draft);
  } catch {
    // No IndexedDB: only what localStorage holds.
  }
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key === null || !key.startsWith(KEPT)) continue;
      const kept = keptDraft(key.slice(KEPT.length));
      const stored = kept === undefined ? undefined : byId.get(kept.id);
      if (kept !== undefined && (stored === undefined || kept.savedAt >= stored.savedAt)) byId.set(kept.id, kept);
    }
  } catch {
    // No localStorage.
  }
  return [...byId.values()];
}

/** Keeps a draft in IndexedDB; false when it could not be (a browser without storage still edits; only the crash safety is lost). */
export async function storeDraft(draft: StoredDraft): Promise<boolean> {
  try {
    await run('readwrite', (store) => store.put(draft));
    return true;
  } catch {
    return false;
  }
}

export async function dropDraft(id: string): Promise<void> {
  forgetKept(id);
  try {
    await run('readwrite', (store) => store.delete(id));
  } catch {
    // Nothing to drop.
  }
}
