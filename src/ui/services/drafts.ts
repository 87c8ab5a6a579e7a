/**
 * Unsaved drafts in IndexedDB, one per flow: every edit is kept, so a reload
 * or a crashed tab loses nothing. A draft remembers the file version it was
 * made from, so it is offered back only over that version.
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

export async function loadDraft(id: string): Promise<StoredDraft | undefined> {
  try {
    return (await run('readonly', (store) => store.get(id) as IDBRequest<StoredDraft | undefined>)) ?? undefined;
  } catch {
    return undefined;
  }
}

export async function storeDraft(draft: StoredDraft): Promise<void> {
  try {
    await run('readwrite', (store) => store.put(draft));
  } catch {
    // A browser without storage still edits; only the crash safety is lost.
  }
}

export async function dropDraft(id: string): Promise<void> {
  try {
    await run('readwrite', (store) => store.delete(id));
  } catch {
    // Nothing to drop.
  }
}
