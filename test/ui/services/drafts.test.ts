import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/core/model/index.ts';
import { dropDraft, keepDraftNow, listDrafts, loadDraft, type StoredDraft } from '../../../src/ui/services/drafts.ts';

// Just enough of a browser: localStorage, and no IndexedDB (as in a browser that refuses storage to the page).
const original = (globalThis as { localStorage?: unknown }).localStorage;
let items: Map<string, string>;

beforeEach(() => {
  items = new Map();
  (globalThis as { localStorage?: unknown }).localStorage = {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key)
  };
});

afterEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = original;
});

const draft = (id: string, savedAt: number): StoredDraft => ({ id, draft: emptyDraft(id, `Flow ${id}`), baseVersion: null, savedAt });

describe('a draft written as the page is left', () => {
  it('is read back, listed, and dropped with the flow', async () => {
    keepDraftNow(draft('claims', 1));
    expect(await loadDraft('claims')).toMatchObject({ id: 'claims', draft: { name: 'Flow claims' } });
    // With no IndexedDB to move it to, it stays where it was written.
    expect(await loadDraft('claims')).toMatchObject({ id: 'claims' });
    expect((await listDrafts()).map((d) => d.id)).toEqual(['claims']);
    await dropDraft('claims');
    expect(await loadDraft('claims')).toBeUndefined();
    expect(await listDrafts()).toEqual([]);
  });

  it('is one per flow, the latest written', async () => {
    keepDraftNow(draft('a', 1));
    keepDraftNow(draft('b', 2));
    keepDraftNow({ ...draft('a', 3), draft: emptyDraft('a', 'Renamed') });
    expect((await listDrafts()).map((d) => [d.id, d.draft.name]).sort()).toEqual([
      ['a', 'Renamed'],
      ['b', 'Flow b']
    ]);
    expect(await loadDraft('c')).toBeUndefined();
  });

  it('is ignored when it is not a draft', async () => {
    items.set('zeroout:draft:x', '{"id": "x"}');
    items.set('zeroout:draft:y', 'not json');
    expect(await listDrafts()).toEqual([]);
    expect(await loadDraft('x')).toBeUndefined();
  });
});
