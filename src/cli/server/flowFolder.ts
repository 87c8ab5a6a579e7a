/**
 * The flows folder the designer edits: lists, reads, saves and deletes the
 * `<id>.ivr.json` files directly inside one folder, and no other file.
 *
 * Every save and delete names the version the browser last loaded, so an
 * edit made elsewhere in the meantime (another tab, a text editor, git) is
 * refused rather than overwritten. Saves replace the file atomically: a
 * reader sees the old content or the new, never half of it.
 *
 * A symbolic link is followed only to a file within the folder, and a save
 * through it replaces that file, keeping the link; a link that leads out of
 * the folder is listed with the reason and neither read nor written. A file
 * that is not UTF-8 is listed with the place of its first bad byte, and not
 * opened. The list reads a bounded number of files at once, so that a
 * folder of thousands of flows does not run out of file descriptors.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, parseJson, type Problem } from '../../core/model/index.ts';
import { decodeText, describeFsError } from '../files.ts';
import { LinkRefused, pathInFolder, perIdQueue, resolveInFolder, writeAtomically } from './diskSafety.ts';

export { LinkRefused };

/** How many files the list reads at once: well below any limit of open files (256 on macOS, 1,024 on Linux). */
export const OPEN_FILES = 32;

/** A flow file whose bytes are not UTF-8: it is not opened, lest it be saved back with U+FFFD in place of what it held. */
export class NotUtf8 extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(formatProblem(problem));
    this.name = 'NotUtf8';
    this.problem = problem;
  }
}

export interface FlowFolderOptions {
  /** How many files the list reads at once: {@link OPEN_FILES} by default. */
  readonly openFiles?: number;
  /** Reads a file's bytes: node's readFile by default (tests count the files open at once). */
  readonly readFile?: (file: string) => Promise<Buffer>;
}

/** `task` run on every item, at most `limit` at once, the results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** What a flow's file name ends with; the id is the rest. */
export const FLOW_SUFFIX = '.ivr.json';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** What a flow id may be, for messages. */
export const FLOW_ID_RULE =
  'letters, digits, ".", "_" and "-", starting with a letter or digit, at most 128 characters, without ".."';

/** Whether `id` can name a flow file: it then cannot point outside the folder. */
export function isFlowId(id: string): boolean {
  return ID_PATTERN.test(id) && !id.includes('..');
}

/** A file's version: the first 16 hex digits of the SHA-256 of its bytes. */
export function versionOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** The file name of a flow id. */
export function fileNameOf(id: string): string {
  return `${id}${FLOW_SUFFIX}`;
}

/** A flow as listed. */
export interface FlowSummary {
  readonly id: string;
  /** The flow's `name`, or its id when it has none or cannot be read. */
  readonly name: string;
  /** The file name, relative to the flows folder. */
  readonly file: string;
  /** Null only when the file cannot be read at all. */
  readonly version: string | null;
  /** Why the file is no usable flow (not JSON, unreadable, a file name that is no flow id). */
  readonly error?: string;
}

/** A flow's file as it is on disk now. */
export interface FlowContent {
  readonly id: string;
  readonly file: string;
  readonly version: string;
  /** The file's text (without a UTF-8 byte order mark). */
  readonly text: string;
}

/** What is on disk when a write was refused: null when the file does not exist. */
export type Current = { readonly version: string; readonly text: string } | null;

export type SaveResult =
  | { readonly status: 'saved'; readonly version: string }
  | { readonly status: 'conflict'; readonly current: Current };

export type RemoveResult =
  | { readonly status: 'removed' }
  | { readonly status: 'absent' }
  | { readonly status: 'conflict'; readonly current: Current };

export interface FlowFolder {
  /** The folder, as an absolute path. */
  readonly dir: string;
  /** Every `*.ivr.json` directly in the folder, sorted by id. */
  list(): Promise<FlowSummary[]>;
  /** The flow's file, or undefined when there is none. */
  read(id: string): Promise<FlowContent | undefined>;
  /**
   * Writes `text` as the flow's file when its version on disk is still
   * `baseVersion` (null: when it does not exist yet).
   */
  save(id: string, text: string, baseVersion: string | null): Promise<SaveResult>;
  /** Deletes the flow's file when its version on disk is still `version`. */
  remove(id: string, version: string): Promise<RemoveResult>;
  /** Resolves once every save and delete under way has finished. */
  settled(): Promise<void>;
}

/** Decodes a file's bytes, dropping a UTF-8 byte order mark as the CLI does; throws {@link NotUtf8} for bytes that are no UTF-8. */
function decode(bytes: Buffer, file: string): string {
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) throw new NotUtf8(decoded.problem);
  return decoded.text;
}

/** The text of a file on disk as a refused write reports it: bytes that are no UTF-8 shown as U+FFFD, as nothing is written. */
function lenient(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/**
 * The flows in `dir` (an existing folder). Saves and deletes of the same id
 * are run one after the other, so of two saves from the same version only
 * the first succeeds.
 */
export function createFlowFolder(dir: string, options: FlowFolderOptions = {}): FlowFolder {
  const folder = path.resolve(dir);
  const { exclusive, settled } = perIdQueue();
  const read = options.readFile ?? ((file: string) => readFile(file));
  const pathOf = (id: string): string => pathInFolder(folder, id, isFlowId, fileNameOf);
  /** The file an id's name leads to: through a link only to a file within the folder. */
  const realPathOf = (id: string): Promise<string> => resolveInFolder(folder, pathOf(id));

  const readCurrent = async (target: string): Promise<{ bytes: Buffer; mode: number } | undefined> => {
    try {
      const [bytes, stats] = await Promise.all([read(target), stat(target)]);
      return { bytes, mode: stats.mode & 0o7777 };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };

  const currentOf = (found: { bytes: Buffer } | undefined): Current =>
    found === undefined ? null : { version: versionOf(found.bytes), text: lenient(found.bytes) };

  const summarize = async (fileName: string): Promise<FlowSummary> => {
    const id = fileName.slice(0, -FLOW_SUFFIX.length);
    let bytes: Buffer;
    try {
      bytes = await read(await resolveInFolder(folder, path.join(folder, fileName)));
    } catch (error) {
      if (error instanceof LinkRefused) return { id, name: id, file: fileName, version: null, error: error.message };
      return { id, name: id, file: fileName, version: null, error: `cannot read the file: ${describeFsError(error)}` };
    }
    const version = versionOf(bytes);
    if (!isFlowId(id)) {
      const error = `the file name cannot be a flow id (${FLOW_ID_RULE}): rename the file`;
      return { id, name: id, file: fileName, version, error };
    }
    const decoded = decodeText(bytes, fileName);
    if (!decoded.ok) return { id, name: id, file: fileName, version, error: formatProblem(decoded.problem) };
    const parsed = parseJson(decoded.text, fileName);
    if (!parsed.ok) {
      const [problem] = parsed.problems;
      return { id, name: id, file: fileName, version, error: problem ? formatProblem(problem) : 'malformed JSON' };
    }
    const value = parsed.value;
    const name =
      typeof value === 'object' && value !== null && !Array.isArray(value) && 'name' in value && typeof value.name === 'string'
        ? value.name
        : id;
    return { id, name, file: fileName, version };
  };

  return {
    dir: folder,

    async list() {
      const entries = await readdir(folder, { withFileTypes: true });
      const names: string[] = [];
      for (const entry of entries) {
        // Hidden files are passed over, and with them this module's own temporary files.
        if (!entry.name.endsWith(FLOW_SUFFIX) || entry.name.startsWith('.')) continue;
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) isFile = await stat(path.join(folder, entry.name)).then((s) => s.isFile(), () => true);
        if (isFile) names.push(entry.name);
      }
      const flows = await mapBounded(names, options.openFiles ?? OPEN_FILES, summarize);
      return flows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    async read(id) {
      const found = await readCurrent(await realPathOf(id));
      if (found === undefined) return undefined;
      return { id, file: fileNameOf(id), version: versionOf(found.bytes), text: decode(found.bytes, fileNameOf(id)) };
    },

    save(id, text, baseVersion) {
      return exclusive(id, async (): Promise<SaveResult> => {
        const target = await realPathOf(id);
        const found = await readCurrent(target);
        const current = currentOf(found);
        if ((current?.version ?? null) !== baseVersion) return { status: 'conflict', current };
        const bytes = Buffer.from(text, 'utf8');
        await writeAtomically(target, bytes, found?.mode);
        return { status: 'saved', version: versionOf(bytes) };
      });
    },

    remove(id, version) {
      const target = pathOf(id);
      return exclusive(id, async (): Promise<RemoveResult> => {
        // The version is read through a link within the folder; the link itself is what is deleted.
        const current = currentOf(await readCurrent(await realPathOf(id)));
        if (current === null) return { status: 'absent' };
        if (current.version !== version) return { status: 'conflict', current };
        await unlink(target);
        return { status: 'removed' };
      });
    },

    settled
  };
}
