import { useRef } from 'react';
import { applyFlowChange, type Draft } from '../../core/model/index.ts';
import { layoutPositions } from '../../core/layout/index.ts';
import { moveChange } from '../model/edit.ts';
import { freeId, slug } from '../model/flowFile.ts';
import { startHistory } from '../model/history.ts';
import { showFlowInAddress } from '../services/address.ts';
import type { CanvasView } from './useCanvasView.ts';
import { openedFlow, type FlowDocument } from './useFlowDocument.ts';
import type { Notes } from './useNotes.ts';
import type { Notify } from './useNotice.ts';

/**
 * Owns importing a flow file (Zero Out, or another platform's export), picked
 * with Import or dropped on the workspace: it opens as a new flow, not yet
 * saved, with the import's notes kept for the Problems panel. `takenIds` are
 * the flows' ids, saved or not, which the new flow's id must not be.
 */
export function useImport(takenIds: () => ReadonlySet<string>, doc: FlowDocument, canvas: CanvasView, notify: Notify, setNotes: Notes['setNotes']) {
  const { replaceOpen } = doc;
  const { setSelected, fitAll } = canvas;
  /** The hidden file input that Import clicks. */
  const fileInput = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    const text = await file.text();
    // The readers load with the first import: the designer's first load does not carry them.
    const { loadAnyFlow, parseFlowText } = await import('../../core/formats/index.ts');
    const parsed = parseFlowText(text, file.name);
    if (!parsed.ok) {
      notify({ kind: 'error', text: `${file.name} is not JSON.`, problems: parsed.problems });
      return;
    }
    const loaded = loadAnyFlow(parsed.value, file.name);
    if (!loaded.ok) {
      notify({ kind: 'error', text: `${file.name} could not be imported.`, problems: loaded.problems });
      return;
    }
    const id = freeId(slug(loaded.flow.id === '' ? file.name.replace(/\.json$/i, '') : loaded.flow.name || loaded.flow.id), takenIds());
    let imported: Draft = { ...loaded.flow, id };
    if (imported.nodes.some((n) => n.position === undefined)) {
      const positions = await layoutPositions(imported, new Map());
      imported = applyFlowChange(imported, moveChange(positions));
    }
    setNotes(id, 'import', loaded.notes);
    setNotes(id, 'export', []);
    replaceOpen(openedFlow({ id, history: startHistory(imported), baseVersion: null, saved: null }));
    setSelected([]);
    const nodes = imported.nodes.length === 1 ? '1 node' : `${imported.nodes.length} nodes`;
    const notes = loaded.notes.length === 0 ? '' : loaded.notes.length === 1 ? ' and 1 import note (listed in Problems)' : ` and ${loaded.notes.length} import notes (listed in Problems)`;
    notify({
      kind: 'info',
      text: `Imported ${file.name} (${loaded.format === 'native' ? 'Zero Out' : loaded.format}) as "${id}" with ${nodes}${notes}. Save to keep it in flows/.`
    });
    showFlowInAddress(id);
    fitAll();
  };

  return { fileInput, importFile, pickFile: () => fileInput.current?.click() };
}

export type Import = ReturnType<typeof useImport>;
