import { useCallback, useEffect, useRef, useState } from 'react';
import { emptyDraft, parseJson, type Draft } from '../../core/model/index.ts';
import { draftText, freeId, slug } from '../model/flowFile.ts';
import { record, startHistory } from '../model/history.ts';
import { flowInAddress, showFlowInAddress } from '../services/address.ts';
import { deleteFlow, listFlows, readFlow, saveFlow, type FlowEntry } from '../services/api.ts';
import { dropDraft, loadDraft, storeDraft } from '../services/drafts.ts';
import type { CanvasView } from './useCanvasView.ts';
import type { FlowDocument } from './useFlowDocument.ts';
import { errorText, type Notify } from './useNotice.ts';

export interface FlowFilesOptions {
  readonly notify: Notify;
  readonly setSelected: CanvasView['setSelected'];
  /** Called once a flow is opened from flows/: clears what the last flow left and fits the view. */
  readonly onOpened: () => void;
}

/**
 * Owns the flows in flows/, through the local server: the list, and opening,
 * saving (keeping both versions on a conflict), new, rename and duplicate.
 * On load it opens the flow the address names (`?flow=<id>`).
 */
export function useFlowFiles(doc: FlowDocument, { notify, setSelected, onOpened }: FlowFilesOptions) {
  const { open, latest, replaceOpen, edit } = doc;
  const [flows, setFlows] = useState<FlowEntry[]>([]);

  const refreshList = useCallback(async () => {
    try {
      setFlows(await listFlows());
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    }
  }, [notify]);

  /** Opens a flow's file, or the unsaved draft kept over it. */
  const openFlow = useCallback(
    async (id: string) => {
      const file = await readFlow(id).catch((error: unknown) => {
        notify({ kind: 'error', text: errorText(error) });
        return null;
      });
      if (file === null) return;
      const stored = await loadDraft(id);
      if (file === undefined) {
        if (stored !== undefined) {
          replaceOpen({ id, history: startHistory(stored.draft), baseVersion: stored.baseVersion, saved: null });
          notify({ kind: 'info', text: `Flow ${JSON.stringify(id)} has no file yet: your unsaved draft is restored.` });
        } else {
          notify({ kind: 'error', text: `There is no flow ${JSON.stringify(id)} in flows/.` });
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
        replaceOpen({ id, history: record(startHistory(fromFile), stored.draft), baseVersion: file.version, saved: fromFile });
        notify({ kind: 'info', text: 'Your unsaved changes to this flow were restored (undo to see the saved version).' });
      } else {
        if (stored !== undefined && stored.baseVersion !== file.version) {
          // The file changed since the draft was made: keep the draft as its own flow rather than lose it.
          if (draftText(stored.draft) !== draftText(fromFile)) {
            const copyId = `${id}-unsaved-${Date.now().toString(36)}`;
            await storeDraft({ id: copyId, draft: { ...stored.draft, id: copyId }, baseVersion: null, savedAt: Date.now() });
            notify({ kind: 'conflict', text: `The file changed since your unsaved draft was made. Your draft is kept as flow "${copyId}" (open it from the list).` });
          }
          await dropDraft(id);
        } else {
          notify(null);
        }
        replaceOpen({ id, history: startHistory(fromFile), baseVersion: file.version, saved: fromFile });
      }
      showFlowInAddress(id);
      onOpened();
    },
    [notify, replaceOpen, onOpened]
  );

  // On load: the list, and the flow the address names (`?flow=<id>`).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void refreshList();
    const id = flowInAddress();
    if (id !== null && id !== '') void openFlow(id);
  }, [refreshList, openFlow]);

  const save = useCallback(async () => {
    if (open === null) return;
    const text = draftText(open.history.present);
    const result = await saveFlow(open.id, text, open.baseVersion);
    if (result.ok) {
      const savedDraft = open.history.present;
      const current = latest();
      if (current !== null && current.id === open.id) replaceOpen({ ...current, baseVersion: result.version, saved: savedDraft });
      await dropDraft(open.id);
      notify({ kind: 'info', text: `Saved flows/${open.id}.ivr.json.` });
      void refreshList();
      return;
    }
    if (result.conflict !== undefined) {
      // Someone saved this flow since it was opened here: keep both.
      const copyId = `${open.id}-conflict-${Date.now().toString(36)}`;
      const copy = { ...open.history.present, id: copyId, name: `${open.history.present.name} (my version)` };
      const kept = await saveFlow(copyId, draftText(copy), null);
      notify({
        kind: 'conflict',
        text: kept.ok
          ? `Conflict: flows/${open.id}.ivr.json was saved elsewhere since you opened it. Your version is saved as flows/${copyId}.ivr.json; the other is untouched. Compare them and keep what you need.`
          : `Conflict: flows/${open.id}.ivr.json was saved elsewhere since you opened it, and your version could not be saved beside it (${kept.message}). Your changes stay in this tab and in its draft.`
      });
      if (kept.ok) {
        await dropDraft(open.id);
        replaceOpen({ id: copyId, history: startHistory(copy), baseVersion: kept.version, saved: copy });
        showFlowInAddress(copyId);
      }
      void refreshList();
      return;
    }
    notify({ kind: 'error', text: `Not saved: ${result.message}`, ...(result.problems ? { problems: result.problems } : {}) });
  }, [open, latest, replaceOpen, notify, refreshList]);

  const newFlow = async () => {
    const name = window.prompt('Name of the new flow', 'New flow');
    if (name === null || name.trim() === '') return;
    const id = freeId(slug(name), new Set(flows.map((f) => f.id)));
    const fresh = emptyDraft(id, name.trim());
    replaceOpen({ id, history: startHistory(fresh), baseVersion: null, saved: null });
    setSelected([]);
    notify({ kind: 'info', text: `New flow "${name.trim()}": add nodes from the palette, then Save.` });
    showFlowInAddress(id);
  };

  const duplicateFlow = async () => {
    if (open === null) return;
    const id = freeId(`${open.id}-copy`, new Set(flows.map((f) => f.id)));
    const copy = { ...open.history.present, id, name: `${open.history.present.name} (copy)` };
    const result = await saveFlow(id, draftText(copy), null);
    if (!result.ok) {
      notify({ kind: 'error', text: `Could not duplicate: ${result.message}` });
      return;
    }
    await refreshList();
    await openFlow(id);
  };

  const renameFlow = async () => {
    if (open === null) return;
    const name = window.prompt('New name of the flow', open.history.present.name);
    if (name === null || name.trim() === '') return;
    const newId = slug(name);
    if (newId === open.id || open.baseVersion === null || flows.some((f) => f.id === newId)) {
      edit({ type: 'setFlowFields', fields: { name: name.trim() } });
      return;
    }
    const moved = { ...open.history.present, id: newId, name: name.trim() };
    const result = await saveFlow(newId, draftText(moved), null);
    if (!result.ok) {
      notify({ kind: 'error', text: `Could not rename: ${result.message}` });
      return;
    }
    await deleteFlow(open.id, open.baseVersion, newId);
    await dropDraft(open.id);
    await refreshList();
    await openFlow(newId);
  };

  return { flows, openFlow, save, newFlow, renameFlow, duplicateFlow };
}

export type FlowFiles = ReturnType<typeof useFlowFiles>;
