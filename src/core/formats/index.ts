/**
 * The formats a flow file can be in, told apart by content: Zero Out's own
 * and each vendor format the registry lists (one folder per vendor).
 */
import { loadFlow, type Problem } from '../model/load.ts';
import type { Flow } from '../model/types.ts';
import { listOf } from './files.ts';
import { VENDOR_FORMATS, type FlowFormatId } from './registry.ts';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../diagnostic/index.ts';

export type { ExportOptions, ExportResult, ImportResult, VendorFiles, VendorFormat } from './types.ts';
export { VENDOR_FORMATS, type FlowFormatId, type VendorFormatId } from './registry.ts';
// The export environment map: the same in every front door that names it.
export * from './environment.ts';
export { FLOW_FILE_ACCEPT, listOf, OTHER_FLOW_EXTENSIONS, parseFlowText, vendorFilePatterns } from './files.ts';

/** A native document: it has the format version and a list of nodes. */
function isNative(document: unknown): boolean {
  return typeof document === 'object' && document !== null && !Array.isArray(document) && 'version' in document && 'nodes' in document;
}

/** The format of a parsed document, or undefined when it is no flow this tool reads. */
export function detectFormat(document: unknown): FlowFormatId | undefined {
  if (isNative(document)) return 'native';
  return VENDOR_FORMATS.find((format) => format.detect(document))?.id;
}

export type AnyFlowResult =
  | { readonly ok: true; readonly format: FlowFormatId; readonly flow: Flow; readonly notes: readonly Diagnostic[] }
  | { readonly ok: false; readonly format: FlowFormatId | undefined; readonly problems: readonly Problem[] };

const article = (name: string): string => (/^[aeiou]/i.test(name) ? 'an' : 'a');
const NAMES = ['a Zero Out flow', ...VENDOR_FORMATS.map((f) => `${article(f.name)} ${f.name} flow`)];

/** Loads a parsed document in any format this tool reads, as a native flow. */
export function loadAnyFlow(document: unknown, file: string): AnyFlowResult {
  const format = detectFormat(document);
  if (format === undefined) {
    return {
      ok: false,
      format,
      problems: [{ code: DIAGNOSTIC_CODES.notAFlow, severity: 'error', file, pointer: '', message: `not a flow this tool reads: expected ${listOf(NAMES, 'or')}` }]
    };
  }
  if (format === 'native') {
    const result = loadFlow(document, file);
    return result.ok ? { ok: true, format, flow: result.flow, notes: [] } : { ok: false, format, problems: result.problems };
  }
  const vendor = VENDOR_FORMATS.find((f) => f.id === format)!;
  let imported;
  try {
    imported = vendor.import(document, file);
  } catch (error) {
    // An importer must not throw on user data; if one does, it is still a message, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, format, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: '', message: `could not import this ${vendor.name} flow: ${message}` }] };
  }
  return imported.ok ? { ok: true, format, flow: imported.flow, notes: imported.notes } : { ok: false, format, problems: imported.problems };
}
