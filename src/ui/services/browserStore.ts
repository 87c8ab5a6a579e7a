/**
 * Flows kept in this browser's IndexedDB, for the designer served by a plain
 * static host (no Zero Out server behind it). A database of its own
 * (`zero-out-flows`, apart from the drafts' `zero-out`) holds each flow as
 * its file's text with a version, and each flow's review comments.
 *
 * It keeps the server's promises: a save names the version it was made from,
 * and one from a stale tab is refused as a conflict (the caller keeps its
 * version beside the other, as with the server); a flow is saved only when it
 * is valid; a flow renamed takes its comments along. There is no history, so
 * no committed versions to compare with.
 */
import { emptyReview, type ReviewFile } from '../../core/review/index.ts';
import { fileNameOf, nameInText, problemsText, problemsToSave, textVersion, type FlowText } from './flowBundle.ts';
import type { FlowEntry, FlowFile, FlowReview, SaveResult } from './api.ts';
import type { FlowStore } from './flowStore.ts';
import { reviewComments } from './reviewComments.ts';

/** A flow as kept in the database. */
interface StoredFlow {
  readonly id: string;
  readonly name: string;
  readonly text: string;
  readonly version: string;
  readonly savedAt: number;
}

const FLOWS = 'flows';
const REVIEWS = 'reviews';
const META = 'meta';
/** The meta record set once the example flows were offered, so that they come back only to an empty, new store. */
const SEEDED = 'seeded';

export interface BrowserStore extends FlowStore {
  readonly kind: 'browser';
  /**
   * On a first visit (a store never seeded, and empty), saves the flows
   * `examples` gives. Resolves to whether it did.
   */
  seed(examples: () => Promise<readonly FlowText[]>): Promise<boolean>;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function conflictMessage(file: string, baseVersion: string | null, current: StoredFlow | undefined): string {
  if (baseVersion === null) return `${file} already exists in this browser: load it, or choose another id`;
  if (current === undefined) return `${file} no longer exists in this browser: it was deleted or renamed in another tab`;
  return `${file} was changed in another tab since it was loaded: reload it before saving`;
}

/** The flows in this browser's database `name` (`zero-out-flows` by default). */
export function createBrowserStore(name = 'zero-out-flows', factory: IDBFactory = indexedDB): BrowserStore {
  let connection: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    connection ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore(FLOWS, { keyPath: 'id' });
        db.createObjectStore(REVIEWS, { keyPath: 'flow' });
        db.createObjectStore(META);
      };
      request.onsuccess = () => {
        const db = request.result;
        // A newer page asks for the database: let it have it, and open again on the next call.
        db.onversionchange = () => {
          db.close();
          connection = undefined;
        };
        resolve(db);
      };
      request.onerror = () => {
        connection = undefined;
        reject(new Error(`flows cannot be kept in this browser: ${request.error?.message ?? 'IndexedDB is not available'}`));
      };
    });
    return connection;
  };

  /** Runs `work` in one transaction, which IndexedDB runs alone among those writing the same stores (other tabs' too). */
  const transact = async <T>(stores: readonly string[], mode: IDBTransactionMode, work: (t: IDBTransaction) => Promise<T>): Promise<T> => {
    const db = await open();
    const t = db.transaction([...stores], mode);
    const finished = new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
    let result: T;
    try {
      result = await work(t);
    } catch (error) {
      try {
        t.abort();
      } catch {
        // Already finished.
      }
      finished.catch(() => undefined);
      throw error;
    }
    await finished;
    return result;
  };

  const readFlow = (t: IDBTransaction, id: string) => done(t.objectStore(FLOWS).get(id) as IDBRequest<StoredFlow | undefined>);
  const readReview = (t: IDBTransaction, id: string) => done(t.objectStore(REVIEWS).get(id) as IDBRequest<ReviewFile | undefined>);
  const stored = (id: string, text: string): StoredFlow => ({ id, name: nameInText(text, id), text, version: textVersion(text), savedAt: Date.now() });
  const noFlow = (id: string) => new Error(`no flow ${JSON.stringify(id)}: there is no ${fileNameOf(id)} in this browser`);

  /** Changes a flow's review in one transaction; `change` answers the review to keep and what to return. */
  const updateReview = <T>(flowId: string, change: (review: ReviewFile) => { review: ReviewFile; answer: T }) =>
    transact([FLOWS, REVIEWS], 'readwrite', async (t) => {
      if ((await readFlow(t, flowId)) === undefined) throw noFlow(flowId);
      const { review, answer } = change((await readReview(t, flowId)) ?? emptyReview(flowId));
      await done(t.objectStore(REVIEWS).put(review));
      return answer;
    });

  const read = async (id: string): Promise<FlowFile | undefined> => {
    const flow = await transact([FLOWS], 'readonly', (t) => readFlow(t, id));
    return flow === undefined ? undefined : { id, file: fileNameOf(id), version: flow.version, text: flow.text };
  };

  return {
    kind: 'browser',
    place: 'this browser',
    where: (id) => `${fileNameOf(id)} in this browser`,

    async list(): Promise<FlowEntry[]> {
      const all = await transact([FLOWS], 'readonly', (t) => done(t.objectStore(FLOWS).getAll() as IDBRequest<StoredFlow[]>));
      return all.map(({ id, name, version }) => ({ id, name, file: fileNameOf(id), version })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    read,

    async save(id, text, baseVersion): Promise<SaveResult> {
      const problems = problemsToSave(id, text);
      if (problems.length > 0) return { ok: false, message: `not saved: ${problemsText(problems)}`, problems };
      return transact([FLOWS], 'readwrite', async (t): Promise<SaveResult> => {
        const current = await readFlow(t, id);
        if ((current?.version ?? null) !== baseVersion) {
          return { ok: false, conflict: current === undefined ? null : { version: current.version, text: current.text }, message: conflictMessage(fileNameOf(id), baseVersion, current) };
        }
        const next = stored(id, text);
        await done(t.objectStore(FLOWS).put(next));
        return { ok: true, version: next.version };
      });
    },

    remove(id, version, renamedTo) {
      return transact([FLOWS, REVIEWS], 'readwrite', async (t) => {
        const current = await readFlow(t, id);
        if (current === undefined || current.version !== version) return false;
        if (renamedTo !== undefined && (await readFlow(t, renamedTo)) === undefined) return false;
        await done(t.objectStore(FLOWS).delete(id));
        const review = await readReview(t, id);
        if (review !== undefined) {
          // The comments go with the flow, unless the new id has some already: then both stay, as the server keeps both files.
          if (renamedTo !== undefined && (await readReview(t, renamedTo)) === undefined) {
            await done(t.objectStore(REVIEWS).put({ ...review, flow: renamedTo }));
            await done(t.objectStore(REVIEWS).delete(id));
          } else if (renamedTo === undefined) {
            await done(t.objectStore(REVIEWS).delete(id));
          }
        }
        return true;
      });
    },

    async loadReview(flowId): Promise<FlowReview> {
      return transact([FLOWS, REVIEWS], 'readonly', async (t) => {
        if ((await readFlow(t, flowId)) === undefined) throw noFlow(flowId);
        const review = (await readReview(t, flowId)) ?? emptyReview(flowId);
        return { flow: review.flow, comments: review.comments };
      });
    },

    ...reviewComments(read, updateReview, noFlow),

    // Flows kept in this browser have no history: nothing to compare with but the saved version, other flows and files.
    listRevisions: async () => [],
    readRevision: async (flowId) => {
      throw new Error(`flow ${JSON.stringify(flowId)} is kept in this browser, which keeps no committed versions`);
    },

    async seed(examples) {
      const already = await transact([META], 'readonly', (t) => done(t.objectStore(META).get(SEEDED)));
      if (already !== undefined) return false;
      // Loaded before the transaction: one that waits on anything but IndexedDB ends.
      const flows = await examples();
      return transact([FLOWS, META], 'readwrite', async (t) => {
        if ((await done(t.objectStore(META).get(SEEDED))) !== undefined) return false;
        const count = await done(t.objectStore(FLOWS).count());
        await done(t.objectStore(META).put(true, SEEDED));
        if (count > 0) return false;
        for (const { id, text } of flows) await done(t.objectStore(FLOWS).put(stored(id, text)));
        return true;
      });
    }
  };
}
