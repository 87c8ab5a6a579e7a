/**
 * What flow files look like, from the registry: the file name endings and
 * media types a file picker accepts, the patterns help text names, and
 * reading a file's text (JSON, or a vendor's own text format) into the value
 * the formats detect and import.
 */
import type { Locate } from '../json/locate.ts';
import { parseJson, type Problem } from '../model/load.ts';
import { VENDOR_FORMATS } from './registry.ts';

export { FLOW_FILE_ACCEPT } from '../catalog/index.ts';

/** The file name endings of vendor flow files other than JSON (`.yaml`), lower case. */
export const OTHER_FLOW_EXTENSIONS: readonly string[] = [
  ...new Set(VENDOR_FORMATS.flatMap((f) => f.files.extensions.map((extension) => extension.toLowerCase())))
].filter((extension) => extension !== '.json');

/**
 * A flow file's text as a document: JSON, or, for a file name with the
 * ending of a vendor format that reads its own text (YAML), as that vendor
 * reads it, with where each value sits in the text (`locate`).
 */
export function parseFlowText(text: string, file: string): { ok: true; value: unknown; locate?: Locate } | { ok: false; problems: Problem[] } {
  const name = file.toLowerCase();
  for (const format of VENDOR_FORMATS) {
    const files = format.files;
    if (files.parse !== undefined && files.extensions.some((extension) => extension !== '.json' && name.endsWith(extension.toLowerCase()))) return files.parse(text, file);
  }
  return parseJson(text, file);
}

/** `a, b and c` (or `or`): a list of names as a sentence says it. */
export function listOf(names: readonly string[], last: 'and' | 'or'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
}

/**
 * The vendor files a folder is searched for, for messages: each file name
 * ending with the vendors that use it, `Twilio Studio and Amazon Connect *.json`.
 */
export function vendorFilePatterns(): string {
  const byPattern = new Map<string, string[]>();
  for (const format of VENDOR_FORMATS) {
    const pattern = format.files.extensions.map((extension) => `*${extension}`).join(', ');
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), format.name]);
  }
  return listOf([...byPattern].map(([pattern, names]) => `${listOf(names, 'and')} ${pattern}`), 'or');
}
