import { useRef } from 'react';
import { draftText } from '../model/flowFile.ts';
import { download } from '../services/download.ts';
import { BUNDLE_FILE, bundleText, placeUploads, problemsText, readUpload, type FlowText } from '../services/flowBundle.ts';
import type { FlowDocument } from './useFlowDocument.ts';
import type { FlowFiles } from './useFlowFiles.ts';
import { errorText, type Notify } from './useNotice.ts';

/**
 * Owns carrying flows in and out of the store as files: Download flow (the
 * open one, as it stands), Download all (every flow of the store as one
 * bundle), and Upload (a flow or a bundle, each flow saved under a free id,
 * never over another).
 */
export function useFlowTransfer(doc: FlowDocument, files: FlowFiles, notify: Notify) {
  const { store } = files;
  const fileInput = useRef<HTMLInputElement>(null);

  /** Downloads the open flow as it stands (unsaved changes too) as `<id>.ivr.json`. */
  const downloadFlow = () => {
    const open = doc.latest();
    if (open === null) return;
    download(`${open.id}.ivr.json`, draftText(open.history.present), 'application/json');
    notify({ kind: 'info', text: `Downloaded ${open.id}.ivr.json.` });
  };

  /** Downloads every flow of the store, as saved, in one file. */
  const downloadAll = async () => {
    try {
      const flows: FlowText[] = [];
      for (const entry of await store.list()) {
        const file = await store.read(entry.id);
        if (file !== undefined) flows.push({ id: file.id, text: file.text });
      }
      download(BUNDLE_FILE, bundleText(flows), 'application/json');
      const open = doc.latest();
      const unsaved = open !== null && open.saved !== open.history.present ? ` Unsaved changes to "${open.history.present.name}" are not in it: save first to include them.` : '';
      notify({ kind: 'info', text: `Downloaded ${flows.length} flow${flows.length === 1 ? '' : 's'} from ${store.place} as ${BUNDLE_FILE}.${unsaved}` });
    } catch (error) {
      notify({ kind: 'error', text: `Could not download the flows: ${errorText(error)}` });
    }
  };

  /** Saves the flows of an uploaded file into the store, each under a free id; opens the flow when there is one. */
  const upload = async (file: File) => {
    const { flows, problems } = readUpload(await file.text(), file.name);
    if (flows.length === 0) {
      notify({ kind: 'error', text: `Not uploaded: ${problemsText(problems)}`, problems });
      return;
    }
    const taken = new Set([...files.takenIds(), ...(await store.list().catch(() => [])).map((f) => f.id)]);
    const saved: string[] = [];
    const moved: string[] = [];
    const refused = [...problems];
    // Refusals without problems to list (a flow saved meanwhile under the same id in another tab), as text.
    const failures: string[] = [];
    for (const flow of placeUploads(flows, taken)) {
      const result = await store.save(flow.id, flow.text, null);
      if (!result.ok) {
        const listed = 'problems' in result ? result.problems : undefined;
        if (listed !== undefined && listed.length > 0) refused.push(...listed);
        else failures.push(`${flow.id}: ${result.message}`);
        continue;
      }
      saved.push(flow.id);
      if (flow.from !== undefined) moved.push(`"${flow.from}" as "${flow.id}"`);
    }
    await files.refreshList();
    if (saved.length === 1) await files.openFlow(saved[0]!);
    const failed = failures.length > 0 ? ` Not uploaded: ${failures.join('; ')}.` : '';
    if (saved.length === 0) {
      notify({ kind: 'error', text: `Nothing uploaded from ${file.name}:${refused.length > 0 ? ` ${problemsText(refused)}.` : ''}${failed}`, problems: refused });
      return;
    }
    const what = saved.length === 1 ? `flow "${saved[0]}"` : `${saved.length} flows (${saved.join(', ')})`;
    const renamed = moved.length > 0 ? ` Ids already taken were not overwritten: uploaded ${moved.join(', ')}.` : '';
    const skipped = refused.length > 0 ? ` ${refused.length} problem${refused.length === 1 ? '' : 's'} kept some out (listed below).` : '';
    const partial = refused.length > 0 || failures.length > 0;
    notify({ kind: partial ? 'warning' : 'info', text: `Uploaded ${what} from ${file.name} into ${store.place}.${renamed}${skipped}${failed}`, ...(refused.length > 0 ? { problems: refused } : {}) });
  };

  return { fileInput, pickFile: () => fileInput.current?.click(), downloadFlow, downloadAll, upload };
}

export type FlowTransfer = ReturnType<typeof useFlowTransfer>;
