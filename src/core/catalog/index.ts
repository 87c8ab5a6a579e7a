/**
 * The catalog of formats: what the tool reads and writes, named, without the
 * readers and writers. A face shows the formats, their file endings and the
 * export targets from here, and loads the formats themselves
 * (src/core/formats/, src/core/export/) only when a file is read or written:
 * the designer's first load does not carry them.
 *
 * Each vendor's entry is its folder's `about.ts`; the registry
 * (formats/registry.ts) lists the same vendors in the same order, with their
 * readers and writers (a test holds the two to each other).
 */
import { about as amazonConnect } from '../formats/amazon-connect/about.ts';
import { about as genesysArchitect } from '../formats/genesys-architect/about.ts';
import { about as twilioStudio } from '../formats/twilio-studio/about.ts';
import type { VendorAbout } from '../formats/types.ts';

export type { VendorAbout } from '../formats/types.ts';
// The export environment map: the same in every front door that names it.
export * from '../formats/environment.ts';

/** The vendor formats, in the order content detection tries them and menus and help list them. */
export const VENDOR_CATALOG = [twilioStudio, amazonConnect, genesysArchitect] as const satisfies readonly VendorAbout[];

/** A vendor format's id: `twilio-studio`, `amazon-connect`, … */
export type VendorFormatId = (typeof VENDOR_CATALOG)[number]['id'];

/** The file name endings and media types of every flow file this tool reads, for a file picker's `accept`. */
export const FLOW_FILE_ACCEPT = [
  ...new Set(['.json', ...VENDOR_CATALOG.flatMap((f) => f.files.extensions)]),
  ...new Set(['application/json', ...VENDOR_CATALOG.map((f) => f.files.mediaType)])
].join(',');

/** A format a flow exports to: every vendor format that writes, then `xstate` and `mermaid`. */
export type ExportTarget = VendorFormatId | 'xstate' | 'mermaid';

export interface ExportFormat {
  readonly id: ExportTarget;
  /** Its name in help text: "Amazon Connect", "XState". */
  readonly name: string;
  /** Its name in the designer's Export menu and notices: "Amazon Connect", "XState machine (JSON)". */
  readonly label: string;
  /** The ending of an exported file's name, with the dot, and its media type. */
  readonly extension: string;
  readonly mediaType: string;
}

/** Every export target, in the order menus and help list them: the vendors that write, XState, Mermaid. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  ...VENDOR_CATALOG.filter((format) => format.writes).map(
    (format): ExportFormat => ({ id: format.id, name: format.name, label: format.name, extension: format.files.extensions[0] ?? '.json', mediaType: format.files.mediaType })
  ),
  { id: 'xstate', name: 'XState', label: 'XState machine (JSON)', extension: '.json', mediaType: 'application/json' },
  { id: 'mermaid', name: 'Mermaid', label: 'Mermaid diagram', extension: '.mmd', mediaType: 'text/plain' }
];

export const EXPORT_TARGETS: readonly ExportTarget[] = EXPORT_FORMATS.map((format) => format.id);

/** The export format of a target. */
export function exportFormat(target: ExportTarget): ExportFormat {
  return EXPORT_FORMATS.find((format) => format.id === target)!;
}
