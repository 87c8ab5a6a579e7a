/** The last step of every import: the native flow it made must be a valid one. */
import { loadFlow } from '../model/load.ts';
import { asNotes, type NoteDraft, type ImportResult } from './types.ts';
import { DIAGNOSTIC_CODES } from '../diagnostic/index.ts';

/**
 * Validates what an importer built, as any native file is validated. A
 * problem here is the importer's, not the user's: it is reported at
 * `pointer` in the vendor file (the flow, or the wrapper's content) with
 * the native place it concerns. Repeated notes are said once.
 */
export function finishImport(document: Record<string, unknown>, file: string, notes: readonly NoteDraft[], pointer = ''): ImportResult {
  const loaded = loadFlow(document, file);
  if (!loaded.ok) {
    return {
      ok: false,
      problems: loaded.problems.map((problem) => ({
        code: DIAGNOSTIC_CODES.importFailed,
        severity: 'error',
        file,
        pointer,
        message: `the imported flow is not valid (${problem.pointer === '' ? 'the flow' : problem.pointer}: ${problem.message})`
      }))
    };
  }
  return { ok: true, flow: loaded.flow, notes: asNotes(DIAGNOSTIC_CODES.importNote, file, notes) };
}
