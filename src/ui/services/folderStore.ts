/**
 * Flows in a folder on the user's disk, opened with the File System Access
 * API (Chromium-based browsers): each flow is `<id>.ivr.json` in the folder,
 * its review comments `<id>.review.json` beside it, as the local server
 * keeps them in flows/.
 *
 * It keeps the server's promises: a save names the version it was made from,
 * and a file changed on disk since (by an editor, git, another tab) is never
 * overwritten: the save is refused as a conflict with the text now on disk,
 * and the caller keeps its version beside it. A flow is saved only when it is
 * valid. Only files named by a flow id are read or written, directly in the
 * folder: never a sub-folder, never outside it. There is no history, so no
 * committed versions to compare with.
 */
import { emptyReview, parseReviewText, reviewText, type ReviewFile } from '../../core/review/index.ts';
import { formatProblem, parseJson } from '../../core/model/index.ts';
import { FLOW_ID_RULE, fileNameOf, isFlowId, nameInText, problemsText, problemsToSave, textVersion } from './flowBundle.ts';
import type { FlowEntry, FlowFile, FlowReview, SaveResult } from './api.ts';
import type { FlowStore } from './flowStore.ts';
import { reviewComments } from './reviewComments.ts';

const FLOW_SUFFIX = '.ivr.json';
const REVIEW_SUFFIX = '.review.json';

/** The review file of a flow id. */
export function reviewFileNameOf(id: string): string {
  return `${id}${REVIEW_SUFFIX}`;
}

export interface FolderStore extends FlowStore {
  readonly kind: 'folder';
  /** The folder's name, as the user's disk names it. */
  readonly name: string;
  readonly handle: FileSystemDirectoryHandle;
}

/** The folder's entries: TypeScript's DOM library types them only with "DOM.AsyncIterable". */
type Listable = { values(): AsyncIterable<FileSystemHandle> };

const isMissing = (error: unknown) => error instanceof DOMException && error.name === 'NotFoundError';

/** Without a UTF-8 byte order mark, as the server reads files. */
const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * The flows in the folder `handle` (one the user opened, with permission to
 * read and write it).
 */
export function createFolderStore(handle: FileSystemDirectoryHandle): FolderStore {
  const folder = handle.name;

  /** Runs `work` alone among this page's (and this site's other tabs') changes to the same file. */
  const exclusive = <T>(file: string, work: () => Promise<T>): Promise<T> => {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (locks === undefined) return work();
    return locks.request(`zero-out-folder:${folder}/${file}`, work) as Promise<T>;
  };

  /** A file's text, or undefined when the folder has no such file. `name` is always a flow id's file name. */
  const readText = async (name: string): Promise<string | undefined> => {
    let file: FileSystemFileHandle;
    try {
      file = await handle.getFileHandle(name);
    } catch (error) {
      if (isMissing(error)) return undefined;
      if (error instanceof DOMException && error.name === 'TypeMismatchError') throw new Error(`${name} in ${folder} is a folder, not a file`);
      throw error;
    }
    return (await file.getFile()).text();
  };

  const writeText = async (name: string, text: string): Promise<void> => {
    const file = await handle.getFileHandle(name, { create: true });
    const writable = await file.createWritable({ keepExistingData: false });
    try {
      await writable.write(text);
      await writable.close();
    } catch (error) {
      // Nothing written: the file keeps what it had.
      await writable.abort().catch(() => undefined);
      throw error;
    }
  };

  const removeFile = async (name: string): Promise<void> => {
    try {
      await handle.removeEntry(name);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  };

  const checkedId = (id: string): string => {
    if (!isFlowId(id)) throw new Error(`${JSON.stringify(id)} cannot name a flow: use ${FLOW_ID_RULE}`);
    return id;
  };

  const where = (id: string) => `${fileNameOf(id)} in ${folder}`;
  const noFlow = (id: string) => new Error(`no flow ${JSON.stringify(id)}: there is no ${where(id)}`);

  const read = async (id: string): Promise<FlowFile | undefined> => {
    const text = await readText(fileNameOf(checkedId(id)));
    return text === undefined ? undefined : { id, file: fileNameOf(id), version: textVersion(text), text };
  };

  /** The flow's review as the folder has it (an empty one when there is no file yet); throws when the file is no valid review. */
  const readReview = async (flowId: string): Promise<ReviewFile> => {
    if ((await readText(fileNameOf(checkedId(flowId)))) === undefined) throw noFlow(flowId);
    const file = reviewFileNameOf(flowId);
    const text = await readText(file);
    if (text === undefined) return emptyReview(flowId);
    const parsed = parseReviewText(withoutBom(text), file);
    if (!parsed.ok) throw new Error(`${file} in ${folder} is not a valid review: ${problemsText(parsed.problems)}; repair it in a text editor`);
    if (parsed.review.flow !== flowId) {
      throw new Error(`${file} in ${folder} is the review of flow ${JSON.stringify(parsed.review.flow)}, but its file name says ${JSON.stringify(flowId)}`);
    }
    return parsed.review;
  };

  /** Changes a flow's review file; `change` answers the review to write and what to return. */
  const updateReview = <T>(flowId: string, change: (review: ReviewFile) => { review: ReviewFile; answer: T }): Promise<T> =>
    exclusive(reviewFileNameOf(checkedId(flowId)), async () => {
      const { review, answer } = change(await readReview(flowId));
      await writeText(reviewFileNameOf(flowId), reviewText(review));
      return answer;
    });

  const summarize = async (fileName: string): Promise<FlowEntry> => {
    const id = fileName.slice(0, -FLOW_SUFFIX.length);
    let text: string | undefined;
    try {
      text = await readText(fileName);
    } catch (error) {
      return { id, name: id, file: fileName, version: '', error: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` };
    }
    const version = textVersion(text ?? '');
    if (!isFlowId(id)) return { id, name: id, file: fileName, version, error: `the file name cannot be a flow id (${FLOW_ID_RULE}): rename the file` };
    const parsed = parseJson(withoutBom(text ?? ''), fileName);
    if (!parsed.ok) {
      const [problem] = parsed.problems;
      return { id, name: id, file: fileName, version, error: problem ? formatProblem(problem) : 'malformed JSON' };
    }
    return { id, name: nameInText(withoutBom(text ?? ''), id), file: fileName, version };
  };

  return {
    kind: 'folder',
    name: folder,
    handle,
    place: `the folder ${folder}`,
    where,

    async list(): Promise<FlowEntry[]> {
      const names: string[] = [];
      for await (const entry of (handle as unknown as Listable).values()) {
        if (entry.kind === 'file' && entry.name.endsWith(FLOW_SUFFIX)) names.push(entry.name);
      }
      const entries = await Promise.all(names.map(summarize));
      return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    read,

    async save(id, text, baseVersion): Promise<SaveResult> {
      const problems = problemsToSave(id, text);
      if (problems.length > 0) return { ok: false, message: `not saved: ${problemsText(problems)}`, problems };
      return exclusive(fileNameOf(id), async (): Promise<SaveResult> => {
        // The file as it is on disk now: changed since it was opened (by anyone), it is never overwritten.
        const current = await readText(fileNameOf(id));
        const currentVersion = current === undefined ? null : textVersion(current);
        if (currentVersion !== baseVersion) {
          const message =
            baseVersion === null
              ? `${where(id)} already exists: load it, or choose another id`
              : current === undefined
                ? `${where(id)} no longer exists: it was deleted or renamed since it was loaded`
                : `${where(id)} was changed on disk since it was loaded: reload it before saving`;
          return { ok: false, conflict: current === undefined ? null : { version: textVersion(current), text: current }, message };
        }
        await writeText(fileNameOf(id), text);
        return { ok: true, version: textVersion(text) };
      });
    },

    async remove(id, version, renamedTo) {
      // No flow has an id that names no flow file.
      if (!isFlowId(id) || (renamedTo !== undefined && !isFlowId(renamedTo))) return false;
      return exclusive(fileNameOf(id), async () => {
        const current = await readText(fileNameOf(id));
        if (current === undefined || textVersion(current) !== version) return false;
        if (renamedTo !== undefined && (await readText(fileNameOf(renamedTo))) === undefined) return false;
        await removeFile(fileNameOf(id));
        const reviewFile = reviewFileNameOf(id);
        const review = await readText(reviewFile).catch(() => undefined);
        if (review === undefined) return true;
        if (renamedTo === undefined) {
          await removeFile(reviewFile);
          return true;
        }
        // The comments go with the flow, unless the new id has some already: then both stay, as the server keeps both files.
        if ((await readText(reviewFileNameOf(renamedTo)).catch(() => '')) !== undefined) return true;
        const parsed = parseReviewText(withoutBom(review), reviewFile);
        if (!parsed.ok) return true;
        await writeText(reviewFileNameOf(renamedTo), reviewText({ ...parsed.review, flow: renamedTo }));
        await removeFile(reviewFile);
        return true;
      });
    },

    async loadReview(flowId): Promise<FlowReview> {
      const review = await readReview(flowId);
      return { flow: review.flow, comments: review.comments };
    },

    ...reviewComments(read, updateReview, noFlow),

    // A folder opened in the browser has no history here: nothing to compare with but the saved version, other flows and files.
    listRevisions: async () => [],
    readRevision: async (flowId) => {
      throw new Error(`flow ${JSON.stringify(flowId)} is in a folder opened in the browser, which reads no committed versions`);
    }
  };
}
