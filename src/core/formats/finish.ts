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
  // The vendor file's depth and lengths were checked where it entered (vendorFormat); its data sits a few levels deeper here.
  const loaded = loadFlow(document, file, { limitsChecked: true });
  if (!loaded.ok) {
    return {
      ok: false,
      problems: loaded.problems.map((problem) => {
        // Said at the widget or action the node came from, never at a native path the user has not seen.
        const place = vendorPlace(document, problem.pointer);
        const field = lastField(problem.pointer);
        return {
          code: DIAGNOSTIC_CODES.importFailed,
          severity: 'error',
          file,
          pointer: place?.pointer ?? pointer,
          message:
            place === undefined
              ? `the imported flow is not valid (${field ?? 'the flow'}: ${problem.message})`
              : `step ${JSON.stringify(place.node)} could not be imported (${field === undefined ? '' : `${field}: `}${problem.message})`
        };
      })
    };
  }
  return { ok: true, flow: loaded.flow, notes: asNotes(DIAGNOSTIC_CODES.importNote, file, notes) };
}

/** The place in the vendor file of the node a native pointer is in (`/nodes/3/…`): the step it came from, and its id. */
function vendorPlace(document: Record<string, unknown>, nativePointer: string): { pointer: string; node: string } | undefined {
  const match = /^\/nodes\/(\d+)(?:\/|$)/.exec(nativePointer);
  const nodes = document['nodes'];
  const node: unknown = match !== null && Array.isArray(nodes) ? nodes[Number(match[1])] : undefined;
  if (typeof node !== 'object' || node === null) return undefined;
  const { id, source } = node as { id?: unknown; source?: unknown };
  const at = typeof source === 'object' && source !== null ? (source as { pointer?: unknown }).pointer : undefined;
  return typeof id === 'string' && typeof at === 'string' ? { pointer: at, node: id } : undefined;
}

/** The name of the field a native pointer ends at (`maxDigits`), not a list index; undefined for the whole flow. */
function lastField(nativePointer: string): string | undefined {
  const tokens = nativePointer.split('/').slice(1).filter((token) => !/^\d+$/.test(token));
  const last = tokens[tokens.length - 1];
  return last === undefined || last === 'nodes' ? undefined : last.replace(/~1/g, '/').replace(/~0/g, '~');
}
