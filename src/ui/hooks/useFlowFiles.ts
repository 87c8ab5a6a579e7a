import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { emptyDraft, parseJson, type Draft } from '../../core/model/index.ts';
import { draftText, freeId, slug } from '../model/flowFile.ts';
import { record, startHistory } from '../model/history.ts';
import { flowInAddress, forgetFlowInAddress, showFlowInAddress } from '../services/address.ts';
import { FIRST_FLOW, type FlowEntry, type FlowStore } from '../services/store.ts';
import { dropDraft, listDrafts, loadDraft, storeDraft } from '../services/drafts.ts';
import type { Ask } from './useAsk.ts';
import type { CanvasView } from './useCanvasView.ts';
import { openedFlow, type FlowDocument } from './useFlowDocument.ts';
import { errorText, type Notify } from './useNotice.ts';

export interface FlowFilesOptions {
  /** Where the flows live: the local server's flows/, or this browser. */
  readonly store: FlowStore;
  readonly notify: Notify;
  readonly setSelected: CanvasView['setSelected'];
  /** Called once a flow is opened from flows/: clears what the last flow left and fits the view. */
  readonly onOpened: () => void;
  /** Asks for names and confirmations in the page. */
  readonly ask: Ask;
}

/** The localStorage key set once the notice that flows live in this browser only was shown. */
const BROWSER_NOTICE_SHOWN = 'zeroout:browser-store-notice';

/** A flow never saved to flows/ (new or imported), kept as a draft in this browser until it is saved or discarded. */
export interface UnsavedFlow {
  readonly id: string;
  readonly name: string;
}

/**
 * Owns the flows of the store (flows/ through the local server, or this
 * browser): the list, and opening,
 * saving (keeping both versions on a conflict), new, rename, duplicate and
 * discard; and the flows not saved yet, listed until they are saved or
 * discarded. On load it opens the flow the address names (`?flow=<id>`),
 * or in this browser's store the bank example.
 */
export function useFlowFiles(doc: FlowDocument, { store, notify, setSelected, onOpened, ask }: FlowFilesOptions) {
  const { open, latest, replaceOpen, edit } = doc;
  const [flows, setFlows] = useState<FlowEntry[]>([]);
  // Flows never saved, by id: their names as last seen.
  const [drafts, setDrafts] = useState<ReadonlyMap<string, string>>(new Map());
  const forgetUnsaved = useCallback((id: string) => {
    setDrafts((map) => {
      if (!map.has(id)) return map;
      const next = new Map(map);
      next.delete(id);
      return next;
    });
  }, []);
  // The open flow, while it has never been saved, is one of them, by its name as it is now.
  const unsavedId = open !== null && open.baseVersion === null ? open.id : undefined;
  const unsavedName = unsavedId === undefined ? undefined : open?.history.present.name;
  useEffect(() => {
    if (unsavedId === undefined || unsavedName === undefined) return;
    setDrafts((map) => (map.get(unsavedId) === unsavedName ? map : new Map(map).set(unsavedId, unsavedName)));
  }, [unsavedId, unsavedName]);
  /** The flows not saved yet (not in flows/), in the order they were made. */
  const unsaved: readonly UnsavedFlow[] = useMemo(() => {
    const saved = new Set(flows.map((f) => f.id));
    return [...drafts].filter(([id]) => !saved.has(id)).map(([id, name]) => ({ id, name }));
  }, [flows, drafts]);
  /** Every id a new flow must not take: the saved flows', the unsaved ones', the open one's. */
  const takenIds = useCallback((): ReadonlySet<string> => {
    const current = latest();
    return new Set([...flows.map((f) => f.id), ...drafts.keys(), ...(current === null ? [] : [current.id])]);
  }, [flows, drafts, latest]);

  const refreshList = useCallback(async () => {
    try {
      const list = await store.list();
      setFlows(list);
      return list;
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
      return [];
    }
  }, [store, notify]);

  /** Opens a flow's file, or the unsaved draft kept over it. */
  const openFlow = useCallback(
    async (id: string) => {
      const file = await store.read(id).catch((error: unknown) => {
        notify({ kind: 'error', text: errorText(error) });
        return null;
      });
      if (file === null) return;
      const stored = await loadDraft(id);
      if (file === undefined) {
        if (stored !== undefined) {
          replaceOpen(openedFlow({ id, history: startHistory(stored.draft), baseVersion: stored.baseVersion, saved: null }));
          notify({ kind: 'info', text: `"${stored.draft.name}" is not saved yet: Save keeps it in ${store.place}, Discard deletes it from this browser.` });
          showFlowInAddress(id);
          onOpened();
        } else {
          notify({ kind: 'error', text: `There is no flow ${JSON.stringify(id)} in ${store.place}.` });
        }
        return;
      }
      const parsed = parseJson(file.text, file.file);
      if (!parsed.ok) {
        notify({ kind: 'error', text: `${file.file} is not valid JSON; open it in a text editor to repair it.`, problems: parsed.problems });
        return;
      }
      const fromFile = parsed.value as Draft;
      if (stored !== undefined && stored.baseVersion === file.version && draftText(stored.draft) !== draftText(fromFile)) {
        replaceOpen(openedFlow({ id, history: record(startHistory(fromFile), stored.draft), baseVersion: file.version, saved: fromFile }));
        notify({ kind: 'info', text: 'Your unsaved changes to this flow were restored (undo to see the saved version).' });
      } else {
        if (stored !== undefined && stored.baseVersion !== file.version) {
          // The file changed since the draft was made: keep the draft as its own flow rather than lose it.
          if (draftText(stored.draft) !== draftText(fromFile)) {
            const copyId = `${id}-unsaved-${Date.now().toString(36)}`;
            await storeDraft({ id: copyId, draft: { ...stored.draft, id: copyId }, baseVersion: null, savedAt: Date.now() });
            setDrafts((map) => new Map(map).set(copyId, stored.draft.name));
            notify({ kind: 'conflict', text: `The file changed since your unsaved draft was made. Your draft is kept as flow "${copyId}" (open it from the list).` });
          }
          await dropDraft(id);
        } else {
          notify(null);
        }
        replaceOpen(openedFlow({ id, history: startHistory(fromFile), baseVersion: file.version, saved: fromFile }));
      }
      showFlowInAddress(id);
      onOpened();
    },
    [store, notify, replaceOpen, onOpened]
  );

  // On load: the list, the flows never saved, and the flow the address names (`?flow=<id>`).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const listed = refreshList();
    void listDrafts().then((list) => {
      const never = [...list].filter((d) => d.baseVersion === null).sort((a, b) => a.savedAt - b.savedAt);
      setDrafts((map) => new Map([...never.map((d): [string, string] => [d.id, d.draft.name]), ...map]));
    });
    const id = flowInAddress();
    if (store.kind !== 'browser') {
      if (id !== null && id !== '') void openFlow(id);
      return;
    }
    // In this browser: the flow named, else the bank example (seeded on a first visit); then, once, where flows live.
    void (async () => {
      const list = await listed;
      if (id !== null && id !== '') await openFlow(id);
      else if (list.some((f) => f.id === FIRST_FLOW)) await openFlow(FIRST_FLOW);
      if (localStorage.getItem(BROWSER_NOTICE_SHOWN) !== null) return;
      localStorage.setItem(BROWSER_NOTICE_SHOWN, '1');
      notify({
        kind: 'info',
        text: 'Your flows are kept in this browser only (no Zero Out server is behind this page). Flows → Download all keeps a copy.'
      });
    })();
  }, [store, refreshList, openFlow, notify]);

  const save = useCallback(async () => {
    if (open === null) return;
    const text = draftText(open.history.present);
    const result = await store.save(open.id, text, open.baseVersion);
    if (result.ok) {
      const savedDraft = open.history.present;
      const current = latest();
      if (current !== null && current.id === open.id) replaceOpen({ ...current, baseVersion: result.version, saved: savedDraft });
      await dropDraft(open.id);
      forgetUnsaved(open.id);
      notify({ kind: 'info', text: `Saved ${store.where(open.id)}.` });
      void refreshList();
      return;
    }
    if (result.conflict !== undefined) {
      // Someone saved this flow since it was opened here: keep both.
      const copyId = `${open.id}-conflict-${Date.now().toString(36)}`;
      const copy = { ...open.history.present, id: copyId, name: `${open.history.present.name} (my version)` };
      const kept = await store.save(copyId, draftText(copy), null);
      notify({
        kind: 'conflict',
        text: kept.ok
          ? `Conflict: ${store.where(open.id)} was saved elsewhere since you opened it. Your version is saved as ${store.where(copyId)}; the other is untouched. Compare them and keep what you need.`
          : `Conflict: ${store.where(open.id)} was saved elsewhere since you opened it, and your version could not be saved beside it (${kept.message}). Your changes stay in this tab and in its draft.`
      });
      if (kept.ok) {
        await dropDraft(open.id);
        // The same opening goes on, as the copy: a call in progress carries on.
        replaceOpen({ id: copyId, history: startHistory(copy), baseVersion: kept.version, saved: copy, session: open.session });
        showFlowInAddress(copyId);
      }
      void refreshList();
      return;
    }
    notify({ kind: 'error', text: `Not saved: ${result.message}`, ...(result.problems ? { problems: result.problems } : {}) });
  }, [store, open, latest, replaceOpen, notify, refreshList, forgetUnsaved]);

  const newFlow = async () => {
    const name = await ask.text({ title: 'New flow', label: 'Name of the new flow', initial: 'New flow' });
    if (name === null) return;
    const id = freeId(slug(name), takenIds());
    const fresh = emptyDraft(id, name);
    replaceOpen(openedFlow({ id, history: startHistory(fresh), baseVersion: null, saved: null }));
    setSelected([]);
    notify({ kind: 'info', text: `New flow "${name}": add nodes from the palette, then Save.` });
    showFlowInAddress(id);
    onOpened();
  };

  const duplicateFlow = async () => {
    if (open === null) return;
    const initial = `${open.history.present.name} (copy)`;
    const name = await ask.text({
      title: 'Duplicate flow',
      label: 'Name of the copy',
      initial,
      hint: `The copy is saved to ${store.place} as it is now, and opened in place of "${open.history.present.name}".`
    });
    if (name === null) return;
    // Named as offered, the copy's file is named after this one's; named anew, after its name.
    const id = freeId(name === initial ? `${open.id}-copy` : slug(name), takenIds());
    const copy = { ...open.history.present, id, name };
    const result = await store.save(id, draftText(copy), null);
    if (!result.ok) {
      notify({ kind: 'error', text: `Could not duplicate: ${result.message}` });
      return;
    }
    await refreshList();
    await openFlow(id);
  };

  const renameFlow = async () => {
    if (open === null) return;
    const name = await ask.text({ title: 'Rename flow', label: 'New name of the flow', initial: open.history.present.name });
    if (name === null) return;
    const newId = slug(name);
    if (newId === open.id || open.baseVersion === null || takenIds().has(newId)) {
      edit({ type: 'setFlowFields', fields: { name } });
      return;
    }
    const moved = { ...open.history.present, id: newId, name };
    const result = await store.save(newId, draftText(moved), null);
    if (!result.ok) {
      notify({ kind: 'error', text: `Could not rename: ${result.message}` });
      return;
    }
    await store.remove(open.id, open.baseVersion, newId);
    await dropDraft(open.id);
    await refreshList();
    await openFlow(newId);
  };

  /**
   * Discards, once confirmed: a flow never saved is deleted from this browser
   * and closed; a saved flow's unsaved changes are undone back to its file
   * (Undo brings them back).
   */
  const discard = async () => {
    const current = latest();
    if (current === null || current.saved === current.history.present) return;
    const { name } = current.history.present;
    const never = current.baseVersion === null || current.saved === null;
    const yes = await ask.confirm(
      never
        ? {
            title: 'Discard this flow?',
            message: `"${name}" has never been saved. Discarding deletes it from this browser; it cannot be brought back.`,
            confirm: 'Discard flow',
            danger: true
          }
        : {
            title: 'Discard unsaved changes?',
            message: `Your changes to "${name}" since it was last saved are undone, and the saved version is shown. Undo brings them back until you open another flow.`,
            confirm: 'Discard changes',
            danger: true
          }
    );
    const now = latest();
    if (!yes || now === null || now.id !== current.id) return;
    doc.dropPending(now.id);
    if (never || now.saved === null) {
      forgetUnsaved(now.id);
      replaceOpen(null);
      setSelected([]);
      forgetFlowInAddress();
      notify({ kind: 'info', text: `Discarded "${name}".` });
    } else {
      replaceOpen({ ...now, history: record(now.history, now.saved) });
      notify({ kind: 'info', text: `Discarded the unsaved changes to "${name}".` });
    }
    await dropDraft(now.id);
  };

  return { store, flows, unsaved, takenIds, refreshList, openFlow, save, newFlow, renameFlow, duplicateFlow, discard };
}

export type FlowFiles = ReturnType<typeof useFlowFiles>;
