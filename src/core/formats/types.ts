/** What every vendor format module provides. */
import { type Diagnostic, type DiagnosticCode, type Problem } from '../diagnostic/index.ts';
import { limitProblem } from '../json/limits.ts';
import type { Locate } from '../json/locate.ts';
import type { Flow } from '../model/types.ts';
import type { Environment } from './environment.ts';

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
  /** `warning` when the platform will not run the step until someone supplies what the note names; `info` otherwise. */
  readonly severity?: 'info' | 'warning';
}

export type ImportResult =
  | { readonly ok: true; readonly flow: Flow; readonly notes: readonly Diagnostic[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface ExportOptions {
  /**
   * The environment a design ships to: the names the flow uses mapped, by
   * kind, to the account's own references (a Connect queue ARN, a TaskRouter
   * workflow SID), so one design ships to dev and prod.
   */
  readonly environment?: Environment;
}

export type ExportResult =
  | {
      readonly ok: true;
      readonly document: unknown;
      readonly notes: readonly Diagnostic[];
      /** Each step written (a widget's name, an action's Identifier) → the design node it came from: how verification matches the two. */
      readonly origins?: ReadonlyMap<string, string>;
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** What a vendor's flow files look like, for file pickers and help text. */
export interface VendorFiles {
  /** The endings of its file names, with the dot: `['.json']`. */
  readonly extensions: readonly string[];
  /** The media type of such a file (for file pickers and downloads). */
  readonly mediaType: string;
  /**
   * A file's text as a document, for a format whose files are not JSON (a
   * file with one of `extensions` other than `.json`); JSON is read as JSON.
   * `locate` gives the line and column of a JSON pointer's value in the text
   * (JSON text is located by its own scanner).
   */
  parse?(text: string, file: string): { ok: true; value: unknown; locate?: Locate } | { ok: false; problems: Problem[] };
  /** An exported document as a file's text; without it, JSON (two-space indent, a final newline). */
  stringify?(document: unknown): string;
}

/**
 * What a vendor format is to the rest of the tool, without its reader and
 * writer: its `about.ts`, which the catalog (src/core/catalog/) lists so that
 * a face can name the formats, their files and export targets without
 * loading them.
 */
export interface VendorAbout {
  readonly id: string;
  readonly name: string;
  readonly files: { readonly extensions: readonly string[]; readonly mediaType: string };
  readonly reference: string;
  readonly keptKeys: { readonly layout: readonly string[]; readonly wiring: readonly string[] };
  /** Whether the format has an exporter (its `export`). */
  readonly writes: boolean;
}

/**
 * What every vendor format provides: one per folder under src/core/formats/,
 * listed in registry.ts. `Id` is its format id (`twilio-studio`), which
 * names it on the command line (`--to`), in golden files and in downloads.
 */
export interface VendorFormat<Id extends string = string> {
  readonly id: Id;
  /** For messages, help text and menus: "Twilio Studio". */
  readonly name: string;
  readonly files: VendorFiles;
  /** What the platform calls a reference to an account's resource in an export environment: "SID", "ARN". */
  readonly reference: string;
  /**
   * Keys of the vendor data an import keeps on a node (`meta.vendor`) that
   * are layout (`offset`, `x`) or wiring (`transitions`, `next`): a review
   * compares vendor settings without them, since positions and routes are
   * compared on their own.
   */
  readonly keptKeys: { readonly layout: readonly string[]; readonly wiring: readonly string[] };
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

/**
 * A vendor format, its id kept as the literal it is (so the registry can list
 * the ids). Every import passes here first: a document nested deeper or
 * holding longer strings than any file may (json/limits.ts) is refused at
 * its pointer before the importer reads it.
 */
export function vendorFormat<const Id extends string>(format: VendorFormat<Id>): VendorFormat<Id> {
  return {
    ...format,
    import(document: unknown, file: string): ImportResult {
      const tooBig = limitProblem(document, file);
      return tooBig === undefined ? format.import(document, file) : { ok: false, problems: [tooBig] };
    }
  };
}

/** Notes made as diagnostics of `code` about `file`, each said once. */
export function asNotes(code: DiagnosticCode, file: string, drafts: readonly NoteDraft[]): Diagnostic[] {
  const seen = new Set<string>();
  const notes: Diagnostic[] = [];
  for (const draft of drafts) {
    const key = `${draft.node ?? ''}\u0000${draft.pointer}\u0000${draft.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notes.push({ code, severity: draft.severity ?? 'info', file, pointer: draft.pointer, message: draft.message, ...(draft.node === undefined ? {} : { node: draft.node, nodes: [draft.node] }) });
  }
  return notes;
}
