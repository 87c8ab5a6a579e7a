import { useCallback, useMemo, useState } from 'react';
import type { DraftAnalysis } from '../model/analysis.ts';
import { compareView, type Comparison } from '../model/compare.ts';
import type { CompareSource } from '../panels/Compare.tsx';
import type { FlowStore } from '../services/store.ts';
import type { OpenFlow } from './useFlowDocument.ts';
import type { Notify } from './useNotice.ts';

/**
 * Owns comparing the open flow with another version: the Compare with…
 * dialog, the version compared with, and the change in view.
 */
export function useCompare(store: FlowStore, open: OpenFlow | null, analysis: DraftAnalysis | undefined, notify: Notify, showNode: (id: string) => void) {
  const [choosing, setChoosing] = useState(false);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  /** The change in view, by index; -1 before the first. */
  const [step, setStep] = useState(-1);
  const compared = useMemo(
    () => (comparison !== null && analysis?.flow !== undefined ? compareView(comparison, analysis.flow, analysis.lint) : undefined),
    [comparison, analysis]
  );

  /** Loads the version to compare with, and shows the changes. */
  const start = async (source: CompareSource) => {
    setChoosing(false);
    if (open === null) return;
    let text: string;
    let name: string;
    let label: string;
    if (source.kind === 'file') {
      text = await source.file.text();
      name = source.file.name;
      label = source.file.name;
    } else if (source.kind === 'revision') {
      const read = await store.readRevision(open.id, source.revision.rev).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      if (read instanceof Error) {
        notify({ kind: 'error', text: `Cannot compare with commit ${source.revision.short}: ${read.message}` });
        return;
      }
      text = read;
      name = `${open.id}.ivr.json@${source.revision.short}`;
      label = `commit ${source.revision.short}`;
    } else {
      const id = source.kind === 'saved' ? open.id : source.id;
      const file = await store.read(id).catch(() => undefined);
      if (file === undefined) {
        notify({ kind: 'error', text: `Cannot compare: flow ${JSON.stringify(id)} could not be read.` });
        return;
      }
      text = file.text;
      name = file.file;
      label = source.kind === 'saved' ? 'the saved version' : `flow ${JSON.stringify(id)}`;
    }
    const { loadAnyFlow, parseFlowText } = await import('../../core/formats/index.ts');
    const parsed = parseFlowText(text, name);
    const loaded = parsed.ok ? loadAnyFlow(parsed.value, name) : undefined;
    if (!parsed.ok || loaded === undefined || !loaded.ok) {
      notify({ kind: 'error', text: `Cannot compare with ${name}: it is not a flow.`, problems: !parsed.ok ? parsed.problems : loaded !== undefined && !loaded.ok ? loaded.problems : [] });
      return;
    }
    if (analysis?.flow === undefined) {
      notify({ kind: 'error', text: 'Comparing needs a valid flow: fix the schema problems first.' });
      return;
    }
    setComparison({ label, base: loaded.flow });
    setStep(-1);
    notify(null);
  };

  /** Shows the change at `index` on the canvas. */
  const goToStep = (index: number) => {
    const target = compared?.steps[index];
    if (target === undefined) return;
    setStep(index);
    showNode(target.canvasId);
  };

  /** Stops comparing. */
  const end = useCallback(() => {
    setComparison(null);
    setStep(-1);
  }, []);

  return { choosing, setChoosing, compared, step, start, goToStep, end };
}

export type Compare = ReturnType<typeof useCompare>;
