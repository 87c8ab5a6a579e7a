/**
 * Where the designer's flows live, behind one interface: the local server's
 * flows/ folder (`npm start`), or this browser's IndexedDB when the page is
 * served by a plain static host with no Zero Out server behind it; or, on
 * such a page, a folder the user opens (the File System Access API, in
 * Chromium-based browsers: folderStore.ts).
 *
 * Every store offers the same operations as the server's API: list, read,
 * save with the version it was made from (a stale save is refused as a
 * conflict), delete, review comments and committed versions.
 */
import * as api from './api.ts';
import type { FlowStore } from './flowStore.ts';

export type { FlowEntry, FlowFile, FlowReview, Revision, SaveResult } from './api.ts';
export type { FlowStore, StoreKind } from './flowStore.ts';

/** The name of the folder a store of kind 'folder' works on (as the user's disk names it), else its place. */
export function folderName(store: FlowStore): string {
  return 'name' in store && typeof store.name === 'string' ? store.name : store.place;
}

/** The flow a first visit opens when the address names none, in a store seeded with the examples. */
export const FIRST_FLOW = 'bank';

/** The local server's flows/ folder, through its API. */
export const serverStore: FlowStore = {
  kind: 'server',
  place: 'flows/',
  where: (id) => `flows/${id}.ivr.json`,
  list: api.listFlows,
  read: api.readFlow,
  save: api.saveFlow,
  remove: api.deleteFlow,
  loadReview: api.loadReview,
  addComment: api.addComment,
  resolveComment: api.resolveComment,
  listRevisions: api.listRevisions,
  readRevision: api.readRevision
};

/**
 * Whether a response to `GET /api/flows` is the Zero Out server's: JSON with
 * the list (or the server's own JSON error). A static host answers 404, or
 * its index page as HTML.
 */
export async function isServerAnswer(response: Response): Promise<boolean> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return false;
  try {
    const body = (await response.json()) as unknown;
    if (typeof body !== 'object' || body === null) return false;
    const record = body as Record<string, unknown>;
    return response.ok ? Array.isArray(record['flows']) : typeof record['error'] === 'string';
  } catch {
    return false;
  }
}

/**
 * The store for this page: the local server when `/api/flows` answers as it
 * does, else this browser's (seeded with the example flows on a first visit).
 */
export async function chooseStore(request: typeof fetch = fetch): Promise<FlowStore> {
  const answer = await request('/api/flows', { headers: { Accept: 'application/json' } }).catch(() => undefined);
  if (answer !== undefined && (await isServerAnswer(answer))) return serverStore;
  const { createBrowserStore } = await import('./browserStore.ts');
  const { exampleFlows } = await import('./examples.ts');
  const store = createBrowserStore();
  // A browser that keeps nothing still draws: every later call says why nothing is kept.
  await store.seed(exampleFlows).catch(() => false);
  return store;
}
