import { useRef } from 'react';
import { applyFlowChange, type Draft } from '../../core/model/index.ts';
import { loadAnyFlow, parseFlowText } from '../../core/formats/index.ts';
import { layoutPositions } from '../canvas/layout.ts';
import { moveChange } from '../model/edit.ts';
import { freeId, slug } from '../model/flowFile.ts';
import { startHistory } from '../model/history.ts';
import { showFlowInAddress } from '../services/address.ts';
import type { FlowEntry } from '../services/api.ts';
import type { CanvasView } from './useCanvasView.ts';
import type { FlowDocument } from './useFlowDocument.ts';
import type { Notify } from './useNotice.ts';

/**
 * Owns importing a flow file (Zero Out, or another platform's export), picked
 * with Import or dropped on the workspace: it opens as a new flow, not yet saved.
 */
export function useImport(flows: readonly FlowEntry[], doc: FlowDocument, canvas: CanvasView, notify: Notify) {
  const { replaceOpen } = doc;
  const { setSelected, fitAll } = canvas;
  /** The hidden file input that Import clicks. */
  const fileInput = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    const text = await file.text();
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
    const taken = new Set(flows.map((f) => f.id));
    const id = freeId(slug(loaded.flow.id === '' ? file.name.replace(/\.json$/i, '') : loaded.flow.name || loaded.flow.id), taken);
    let imported: Draft = { ...loaded.flow, id };
    if (imported.nodes.some((n) => n.position === undefined)) {
      const positions = await layoutPositions(imported, new Map());
      imported = applyFlowChange(imported, moveChange(positions));
    }
    replaceOpen({ id, history: startHistory(imported), baseVersion: null, saved: null });
    setSelected([]);
    notify({
      kind: 'info',
      text: `Imported ${file.name} (${loaded.format === 'native' ? 'Zero Out' : loaded.format}) as "${id}" with ${imported.nodes.length} nodes${loaded.notes.length > 0 ? ` and ${loaded.notes.length} import notes` : ''}. Save to keep it in flows/.`
    });
    showFlowInAddress(id);
    fitAll();
  };

  return { fileInput, importFile, pickFile: () => fileInput.current?.click() };
}

export type Import = ReturnType<typeof useImport>;
