import { useState } from 'react';
import { EXPORT_FORMATS, exportFormat, type ExportTarget } from '../../core/catalog/index.ts';
import type { DraftAnalysis } from '../model/analysis.ts';
import { environmentFor } from '../panels/ExportEnvironment.tsx';
import { download } from '../services/download.ts';
import type { OpenFlow } from './useFlowDocument.ts';
import type { Notify } from './useNotice.ts';
import type { Notes } from './useNotes.ts';
import { DIAGNOSTIC_CODES } from '../../core/diagnostic/index.ts';

/** The name of each export target, in the Export menu and in notices (from the export formats, which list the vendors' from the registry). */
export const EXPORT_LABELS = Object.fromEntries(EXPORT_FORMATS.map((format) => [format.id, format.label])) as Record<ExportTarget, string>;

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Owns exporting the open flow to another platform as a download, and whether
 * the export environment dialog is open. An export's notes are kept with the
 * flow (the Problems panel lists them) as well as listed in its notice.
 */
export function useExport(open: OpenFlow | null, analysis: DraftAnalysis | undefined, notify: Notify, setNotes: Notes['setNotes']) {
  const [editingEnv, setEditingEnv] = useState(false);

  const exportTo = async (target: ExportTarget) => {
    if (open === null || analysis === undefined) return;
    if (analysis.flow === undefined) {
      notify({ kind: 'error', text: 'Export needs a valid flow: fix the schema problems first.' });
      return;
    }
    const environment = environmentFor(analysis.flow);
    if (!environment.ok) {
      notify({ kind: 'error', text: 'The export environment does not fit this flow: correct it with Export → Environment…', problems: environment.problems });
      return;
    }
    // The exporters load with the first export: the designer's first load does not carry them.
    const { describeVerification, errorFindingsWarning, exportFlow, verifyExportText } = await import('../../core/export/index.ts');
    const result = exportFlow(analysis.flow, `${open.id}.ivr.json`, target, { environment: environment.environment });
    if (!result.ok) {
      const missing = result.problems.some((p) => p.code === DIAGNOSTIC_CODES.exportReferenceMissing);
      notify({
        kind: 'error',
        text: `Export to ${EXPORT_LABELS[target]} failed.${missing ? ' Add the missing references with Export → Environment…' : ''}`,
        problems: result.problems
      });
      return;
    }
    const flow = analysis.flow;
    const file = `${open.id}.${target}${exportFormat(target).extension}`;
    setNotes(open.id, 'export', result.notes);
    const verification = verifyExportText(flow, target, result.text, file, environment.environment, analysis.lint?.findings, result.origins);
    const notes = result.notes.length === 0 ? '' : result.notes.length === 1 ? ' with 1 note' : ` with ${result.notes.length} notes`;
    const ship = (): void => {
      const { mediaType } = exportFormat(target);
      download(file, result.text, mediaType);
      const warning = errorFindingsWarning(analysis.lint?.findings ?? []);
      const verified = verification === undefined ? '' : ` ${capitalised(describeVerification(verification))}.`;
      notify({
        kind: warning === undefined && verification?.ok !== false ? 'info' : 'warning',
        text: `Exported to ${EXPORT_LABELS[target]}${notes}.${verified}${warning === undefined ? '' : ` Warning: ${warning}.`}`,
        ...(result.notes.length === 0 ? {} : { problems: result.notes })
      });
    };
    if (verification !== undefined && !verification.ok) {
      // The export would not treat callers as the design does: nothing is downloaded unless the user says so.
      notify({
        kind: 'error',
        text: `Export to ${EXPORT_LABELS[target]} not downloaded: ${describeVerification(verification)}.`,
        ...(result.notes.length === 0 ? {} : { problems: result.notes }),
        action: { label: 'Download anyway', run: ship }
      });
      return;
    }
    ship();
  };

  // `notify` goes with them for the Export menu's other items (the images).
  return { exportTo, editingEnv, setEditingEnv, notify };
}

export type Export = ReturnType<typeof useExport>;
