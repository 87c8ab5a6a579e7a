/**
 * One shape for everything the tool tells a user about a flow: a problem that
 * keeps a file from being used, a lint finding, a note on what an import or
 * an export could not carry over exactly. Code tells them apart by `code`,
 * never by the words of `message`.
 */

export type Severity = 'error' | 'warning' | 'info';

/**
 * The codes of diagnostics that are not lint findings (a finding's code is
 * its rule id: `dead-end`, `trap-loop`, …). Public and stable: tools may
 * switch on them.
 */
export const DIAGNOSTIC_CODES = {
  /** The file could not be read (missing, a folder, no permission). */
  fileUnreadable: 'file-unreadable',
  /** The text is not well-formed UTF-8 (a Latin-1 or UTF-16 file), or holds a lone UTF-16 surrogate. */
  textEncoding: 'text-encoding',
  /** The text is not JSON. */
  jsonMalformed: 'json-malformed',
  /** The document is JSON but no flow format this tool reads. */
  notAFlow: 'not-a-flow',
  /** The flow format (or a traffic model, a review file) refuses a value. */
  schema: 'schema',
  /** A format version this tool does not know (newer than it). */
  formatVersion: 'format-version',
  /** A vendor file that could not be imported at all. */
  importFailed: 'import-failed',
  /** Something an import could not carry over exactly, and what it did instead. */
  importNote: 'import-note',
  /** Something an export could not carry over exactly, and what it wrote instead. */
  exportNote: 'export-note',
  /** A reference the platform needs (a queue ARN, a flow id) that the environment map lacks. */
  exportReferenceMissing: 'export-reference-missing',
  /** A flat environment map names a resource of two kinds (a queue and a mailbox named alike). */
  environmentAmbiguous: 'environment-ambiguous',
  /** A flow the target format cannot hold at all. */
  exportFailed: 'export-failed',
  /** A flow's lint settings name a rule that does not exist. */
  unknownRule: 'unknown-rule',
  /** A bug in this tool stopped a step (reported, never a stack trace). */
  internalError: 'internal-error',
  /** The designer's draft has no nodes yet. */
  emptyFlow: 'empty-flow'
} as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[keyof typeof DIAGNOSTIC_CODES];

export interface Diagnostic {
  /** A rule id for a lint finding, else one of {@link DIAGNOSTIC_CODES}. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** The file concerned, as the user named it; absent for a document held in memory. */
  readonly file?: string;
  /** JSON pointer to the place in the file ('' for the whole document). */
  readonly pointer: string;
  /** 1-based line and column of the pointer, when known. */
  readonly line?: number;
  readonly column?: number;
  /** The node concerned, by its id as written in the file. */
  readonly node?: string;
  /** Every node concerned, `node` first. */
  readonly nodes?: readonly string[];
  /** The outcome concerned (`noInput`, a key, a vendor's error name), for a diagnostic about one outcome of a node. */
  readonly outcome?: string;
  /** Figures behind the diagnostic (seconds, depth, keys, references, …). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A diagnostic that keeps a file from being used: an error in a named file. */
export type Problem = Diagnostic & { readonly file: string };

/** Formats a diagnostic as one line: `file:line:column at /pointer: message`. */
export function formatProblem(diagnostic: Diagnostic): string {
  const where = diagnostic.line !== undefined ? `:${diagnostic.line}:${diagnostic.column ?? 1}` : '';
  const pointer = diagnostic.pointer === '' ? '' : ` at ${diagnostic.pointer}`;
  return `${diagnostic.file ?? ''}${where}${pointer}: ${diagnostic.message}`;
}

/** Formats a note (an import's or an export's) as one line: `file ("node"): note: message`. */
export function formatNote(note: Diagnostic): string {
  return `${note.file ?? ''}${note.node === undefined ? '' : ` (${JSON.stringify(note.node)})`}: ${note.severity === 'warning' ? 'warning' : 'note'}: ${note.message}`;
}

/**
 * Characters that steer a terminal or a log viewer rather than show: the C0
 * and C1 controls (ESC starts every escape sequence, CR overwrites a line),
 * DEL, the line and paragraph separators, and the bidirectional embeddings,
 * overrides and isolates that reorder the text around them.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One control character as JSON writes it: `\n`, `\t`, `\r`, else `\u001b`. */
function escapeControl(character: string): string {
  return SHORT_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text made safe to print: every control character (see above) written as a
 * visible JSON escape, `\u001b`, `\n`, `\u202e`. With `keepNewlines`, line
 * feeds are left, for text whose lines the format itself breaks.
 *
 * The escapes are JSON's own, so a JSON document passed through stays the
 * same document: JSON has no raw control character outside its strings, and
 * inside a string the escape means the character it replaces.
 */
export function escapeControls(text: string, options: { readonly keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines === true ? CONTROLS_BUT_NEWLINE : CONTROLS, escapeControl);
}
