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

/** Reads a file as text, or says why it cannot be read. A UTF-8 byte order mark is dropped. */
export async function readText(file: FlowFile): Promise<{ ok: true; text: string } | { ok: false; problem: Problem }> {
  try {
    const text = await readFile(file.path, 'utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const message = `cannot read the file: ${describeFsError(error)}`;
    return { ok: false, problem: { code: DIAGNOSTIC_CODES.fileUnreadable, severity: 'error', file: file.file, pointer: '', message } };
  }
}

/** A short reason for a file system error, without the path (the caller names the file). */
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
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return code ? `${code}: ${message}` : message;
    }
  }
}
