/**
 * Genesys Cloud Architect export: a native flow as an Archy YAML call flow.
 *
 * A flow imported from an Architect file is written back as it came
 * (writeback.ts), its substitution tokens (`{{name}}`) unquoted as they were;
 * any other flow, or one edited since, is built from the native model
 * (build.ts), with the account's queues, schedule groups, data actions,
 * voicemail queues and flows named from the environment map. text.ts writes
 * the YAML.
 */
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import { MAX_WALK_DEPTH } from '../../../json/limits.ts';
import { escapeToken } from '../../../json/pointer.ts';
import type { Flow } from '../../../model/types.ts';
import { spokenSettings } from '../../ship.ts';
import { asNotes, type ExportOptions, type ExportResult } from '../../types.ts';
import { importArchitect } from '../import/index.ts';
import { isObject } from '../import/values.ts';
import { buildArchitect } from './build.ts';
import { withPlaceholders } from './text.ts';
import { rebuild } from './writeback.ts';

export { architectText } from './text.ts';

/** The pointer of every object of `document` that `origins` names, to the node it came from. */
function pointersOf(document: unknown, origins: WeakMap<object, string>): Map<string, string> {
  const found = new Map<string, string>();
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value: document, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null || depth > MAX_WALK_DEPTH) continue;
    const origin = origins.get(value);
    if (origin !== undefined) found.set(pointer, origin);
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, pointer: `${pointer}/${i}`, depth: depth + 1 }));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) stack.push({ value: item, pointer: `${pointer}/${escapeToken(key)}`, depth: depth + 1 });
  }
  return found;
}

/** The flow as an Architect document; never throws. */
export function exportArchitect(flow: Flow, options: ExportOptions, file: string): ExportResult {
  try {
    const rebuilt = rebuild(flow, file);
    if (rebuilt !== undefined) {
      // Read back, each node has the id it has now.
      return { ok: true, document: withPlaceholders(rebuilt.document, rebuilt.placeholders), notes: [], origins: new Map(flow.nodes.map((node) => [node.id, node.id])) };
    }
    const built = buildArchitect(spokenSettings(flow), options.environment, file);
    if (built.problems.length > 0) return { ok: false, problems: built.problems };
    // Which node each step read back came from: the import names each by where it sits in the file.
    const byPointer = pointersOf(built.document, built.origins);
    const origins = new Map<string, string>();
    const back = importArchitect(built.document, file);
    if (back.ok) {
      for (const node of back.flow.nodes) {
        const origin = node.source === undefined ? undefined : byPointer.get(node.source.pointer);
        if (origin !== undefined) origins.set(node.id, origin);
      }
    }
    return { ok: true, document: built.document, notes: asNotes(DIAGNOSTIC_CODES.exportNote, file, built.notes), origins };
  } catch (error) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file, pointer: '', message: `could not export the flow: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
