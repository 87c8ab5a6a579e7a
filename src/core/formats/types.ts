/** What every vendor format module provides. */
import { type Diagnostic, type DiagnosticCode, type Problem } from '../diagnostic/index.ts';
import type { Flow } from '../model/types.ts';

/** The formats a file can be in. `native` is Zero Out's own `.ivr.json`. */
export type FlowFormatId = 'native' | 'twilio-studio' | 'amazon-connect';

/**
 * A note an importer or exporter makes as it goes: something it could not
 * carry over exactly, and what it did instead. The format's boundary makes
 * each a {@link Diagnostic} (`import-note` or `export-note`, information).
 */
export interface NoteDraft {
  /** The node concerned, by its (vendor) id, when there is one. */
  readonly node?: string;
  /** JSON pointer into the vendor file. */
  readonly pointer: string;
  readonly message: string;
}

export type ImportResult =
  | { readonly ok: true; readonly flow: Flow; readonly notes: readonly Diagnostic[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface ExportOptions {
  /**
   * The environment a design ships to: names used in the flow (queue names,
   * flow ids, mailbox names) mapped to the account's own references (a Connect
   * queue ARN, a TaskRouter workflow SID), so one design ships to dev and prod.
   */
  readonly env?: Readonly<Record<string, string>>;
}

export type ExportResult =
  | { readonly ok: true; readonly document: unknown; readonly notes: readonly Diagnostic[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface VendorFormat {
  readonly id: Exclude<FlowFormatId, 'native'>;
  /** For messages: "Twilio Studio". */
  readonly name: string;
  /** Whether a parsed document is in this format (by its content, never its file name). */
  detect(document: unknown): boolean;
  /**
   * A native flow with the vendor's ids, positions and outcome names
   * (`node.source`). Never throws: a document it cannot use gives problems
   * that name the file and a JSON pointer.
   */
  import(document: unknown, file: string): ImportResult;
  /**
   * The flow in this vendor's format. A node imported from this format
   * (its `meta.vendor` kept) is written back as it came, so vendor → native →
   * vendor loses nothing; other nodes are built from the native model.
   * `file` names the flow in problems.
   */
  export?(flow: Flow, options: ExportOptions, file: string): ExportResult;
}

/** Notes made as diagnostics of `code` about `file`, each said once. */
export function asNotes(code: DiagnosticCode, file: string, drafts: readonly NoteDraft[]): Diagnostic[] {
  const seen = new Set<string>();
  const notes: Diagnostic[] = [];
  for (const draft of drafts) {
    const key = `${draft.node ?? ''}\u0000${draft.pointer}\u0000${draft.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notes.push({ code, severity: 'info', file, pointer: draft.pointer, message: draft.message, ...(draft.node === undefined ? {} : { node: draft.node, nodes: [draft.node] }) });
  }
  return notes;
}
