/**
 * Finding and reading flow files. `flowFormatOf` is the one place that decides
 * which files in a folder are flows, from the file name endings the vendor
 * formats (src/core/formats/registry.ts) have.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { OTHER_FLOW_EXTENSIONS, vendorFilePatterns, type FlowFormatId } from '../core/formats/index.ts';
import type { Problem } from '../core/model/index.ts';
import { DIAGNOSTIC_CODES } from '../core/diagnostic/index.ts';

/**
 * A file's format as far as its name tells: `native` for `*.ivr.json`, and
 * `detect` for any other JSON, whose content says whether it is a vendor flow.
 */
export type FlowFormat = FlowFormatId | 'detect';

/** Other JSON files in a folder that are certainly not flows. */
const NOT_FLOWS = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'jsconfig.json', 'composer.json']);

/** The format of a file found in a folder, or undefined when the file is not a flow. */
export function flowFormatOf(fileName: string): FlowFormat | undefined {
  const name = path.basename(fileName).toLowerCase();
  if (name.endsWith('.ivr.json')) return 'native';
  // Review comments (`<id>.review.json`) live beside their flow and are no flow.
  if (name.endsWith('.json') && !name.endsWith('.schema.json') && !name.endsWith('.review.json') && !NOT_FLOWS.has(name)) return 'detect';
  // A vendor format whose files are not JSON (YAML): its content says whether it is a flow.
  if (OTHER_FLOW_EXTENSIONS.some((extension) => name.endsWith(extension))) return 'detect';
  return undefined;
}

/** A description of what folders are searched for, for messages. */
export const FLOW_FILE_PATTERN = `*.ivr.json, or ${vendorFilePatterns()}`;

export interface FlowFile {
  /** The name to show: as the user typed it, or the typed folder joined with the relative path. */
  readonly file: string;
  /** Absolute path. */
  readonly path: string;
  readonly format: FlowFormat;
  /** Found in a folder: a JSON file that turns out to be no flow is passed over quietly. */
  readonly optional?: boolean;
}

export interface Collected {
  readonly files: readonly FlowFile[];
  /** Inputs that could not be read at all. */
  readonly problems: readonly Problem[];
}

/** Folders never searched: dependencies and hidden folders (.git, …). */
function skipFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Expands the command line's files and folders into flow files. Files named
 * on the command line are read whatever their name; folders are searched
 * recursively for flows, in sorted order. Each file is listed once.
 */
export async function collectFlowFiles(inputs: readonly string[], cwd: string): Promise<Collected> {
  const files: FlowFile[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (file: string, absolute: string, format: FlowFormat, optional = false): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ file, path: absolute, format, ...(optional ? { optional } : {}) });
  };

  const walk = async (display: string, absolute: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch (error) {
      problems.push({ code: DIAGNOSTIC_CODES.fileUnreadable, severity: 'error', file: display, pointer: '', message: `cannot read the folder: ${describeFsError(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childDisplay = `${display}/${entry.name}`;
      const childAbsolute = path.join(absolute, entry.name);
      let isFile = entry.isFile();
      // Links to files are followed; links to folders are not, so a link loop cannot trap the walk.
      // A broken link with a flow's name is kept, so that reading it reports why it is unusable.
      if (entry.isSymbolicLink()) isFile = await stat(childAbsolute).then((s) => s.isFile(), () => true);
      if (entry.isDirectory()) {
        if (!skipFolder(entry.name)) await walk(childDisplay, childAbsolute);
      } else if (isFile) {
        const format = flowFormatOf(entry.name);
        if (format) add(childDisplay, childAbsolute, format, format === 'detect');
      }
    }
  };

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let isFolder = false;
    try {
      isFolder = (await stat(absolute)).isDirectory();
    } catch {
      // Reported when the file is read, with the reason.
    }
    if (isFolder) await walk(input.replace(/(?<=.)[\\/]+$/, ''), absolute);
    else add(input, absolute, flowFormatOf(input) === 'native' ? 'native' : 'detect');
  }
  return { files, problems };
}

/**
 * Reads a file as text, or says why it cannot be read. A UTF-8 byte order
 * mark is dropped; text that is not UTF-8 is refused, with where, and comes
 * with `lenient`, its text with U+FFFD for the bad bytes: enough to tell a
 * JSON file found in a folder that is no flow at all, which is passed over.
 */
export async function readText(file: FlowFile): Promise<{ ok: true; text: string } | { ok: false; problem: Problem; lenient?: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    const message = `cannot read the file: ${describeFsError(error)}`;
    return { ok: false, problem: { code: DIAGNOSTIC_CODES.fileUnreadable, severity: 'error', file: file.file, pointer: '', message } };
  }
  const decoded = decodeText(bytes, file.file);
  return decoded.ok ? decoded : { ...decoded, lenient: bytes.toString('utf8') };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The offset of the first byte of `bytes` that starts no well-formed UTF-8
 * sequence (a stray continuation byte, a sequence cut short, an overlong
 * form, an encoded surrogate, past U+10FFFF), or -1 when there is none.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // How many bytes follow the lead, and the range the first of them must be in (RFC 3629).
    let follow: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) follow = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      follow = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      follow = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= follow; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    i += follow + 1;
  }
  return -1;
}

/** The 1-based line and column (in UTF-16 code units, as every column of the tool) of a byte offset into well-formed UTF-8 up to it. */
function placeOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: UTF8.decode(bytes.subarray(lineStart, offset)).length + 1 };
}

/** Where a string holds a lone UTF-16 surrogate, which no UTF-8 can encode. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The 1-based line and column of an index into `text`. */
function placeOfIndex(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: index - lineStart + 1 };
}

/**
 * A file's bytes as text: UTF-8, its byte order mark dropped. Bytes that are
 * not UTF-8 (a file saved as Latin-1 or UTF-16) are refused with the line,
 * the column and the byte offset where they start, never read as U+FFFD.
 */
export function decodeText(bytes: Uint8Array, file: string): { ok: true; text: string } | { ok: false; problem: Problem } {
  try {
    const text = UTF8.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    // Where it goes wrong, below.
  }
  const refuse = (message: string, place: { line: number; column: number }) => ({
    ok: false as const,
    problem: { code: DIAGNOSTIC_CODES.textEncoding, severity: 'error' as const, file, pointer: '', message, ...place }
  });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse('the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8', { line: 1, column: 1 });
  }
  const offset = firstInvalidUtf8(bytes);
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return refuse(`the file is not UTF-8: byte 0x${byte} at offset ${offset} begins no UTF-8 character (a file saved as Latin-1?): save it as UTF-8`, placeOfByte(bytes, offset));
}

/**
 * Text that will be written as UTF-8, checked: undefined when it can be, or
 * the problem naming where it holds a lone UTF-16 surrogate, which UTF-8
 * cannot encode (it would be written as U+FFFD without a word).
 */
export function unencodableText(text: string, file: string): Problem | undefined {
  const found = LONE_SURROGATE.exec(text);
  if (found === null) return undefined;
  const unit = found[0].charCodeAt(0).toString(16).toUpperCase();
  const message = `the text holds a lone surrogate (U+${unit}), half of a UTF-16 pair and no character: it cannot be saved as UTF-8`;
  return { code: DIAGNOSTIC_CODES.textEncoding, severity: 'error', file, pointer: '', message, ...placeOfIndex(text, found.index) };
}

/** A short reason for a file system error, without the path (the caller names the file), its code said once. */
export function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many symbolic links (a link loop?)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENOSPC':
      return 'no space left on the disk';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      // Node's messages start with the code and end with the call and its paths: "EIO: i/o error, write '/x'".
      const bare = code !== '' && message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message;
      const reason = bare.replace(/, [a-z]+(?: '[^']*'(?: -> '[^']*')?)?$/, '');
      return code === '' ? reason : `${reason} (${code})`;
    }
  }
}
