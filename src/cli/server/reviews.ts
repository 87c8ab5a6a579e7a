/**
 * The review comments of the flows folder: `<id>.review.json` beside each
 * `<id>.ivr.json`, read and changed one comment at a time.
 *
 * A review file that cannot be read or is not valid is reported, with the
 * file and the JSON pointer, and never written over: the user's comments are
 * worth more than the change asked for. Changes to one flow's review run one
 * after the other and replace the file atomically, so two comments posted at
 * once are both kept.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat, unlink } from 'node:fs/promises';
import { loadFlowText, type Problem } from '../../core/model/index.ts';
import { addComment, emptyReview, parseReviewText, removeComment, reviewText, setResolved, type NewComment, type Resolution, type ReviewComment, type ReviewFile } from '../../core/review/index.ts';
import { decodeText, describeFsError } from '../files.ts';
import { fileNameOf, isFlowId, type FlowFolder } from './flowFolder.ts';
import { LinkRefused, pathInFolder, perIdQueue, resolveInFolder, writeAtomically } from './diskSafety.ts';
import { DIAGNOSTIC_CODES } from '../../core/diagnostic/index.ts';

/** What a flow's review file name ends with; the flow id is the rest. */
export const REVIEW_SUFFIX = '.review.json';

/** The review file name of a flow id. */
export function reviewFileNameOf(id: string): string {
  return `${id}${REVIEW_SUFFIX}`;
}

/** Why a review cannot be read or changed; each variant names what is wrong. */
export type ReviewFailure =
  /** The flow's `.ivr.json` is not in the folder. */
  | { readonly status: 'no-flow' }
  /** The review file is unreadable or invalid; `text` is its content, for locating the problems. */
  | { readonly status: 'invalid-review'; readonly problems: readonly Problem[]; readonly text: string }
  /** The flow file is invalid, so the node commented on cannot be checked. */
  | { readonly status: 'invalid-flow'; readonly problems: readonly Problem[]; readonly text: string }
  | { readonly status: 'unknown-node'; readonly node: string }
  | { readonly status: 'unknown-comment'; readonly commentId: string };

export type ReviewResult<T> = { readonly status: 'ok'; readonly value: T } | ReviewFailure;

export interface ReviewStore {
  /** The flow's review: an empty one when it has no review file yet. */
  read(id: string): Promise<ReviewResult<ReviewFile>>;
  /** Adds a comment, with a new id and the current time, on a node of the flow. */
  add(id: string, comment: NewComment): Promise<ReviewResult<ReviewComment>>;
  /** Marks a comment resolved or open again. */
  resolve(id: string, commentId: string, resolution: Resolution): Promise<ReviewResult<ReviewComment>>;
  /** Deletes a comment. */
  remove(id: string, commentId: string): Promise<ReviewResult<null>>;
  /**
   * Carries a renamed flow's review to its new id: `<from>.review.json`
   * becomes `<to>.review.json`, naming the new flow. Nothing moves when there
   * is no review, or when the new id already has one (both are kept).
   */
  carry(from: string, to: string): Promise<'moved' | 'none' | 'kept-both'>;
  /** Resolves once every change under way has finished. */
  settled(): Promise<void>;
}

/** A file's bytes and its text (without a UTF-8 byte order mark, or why it is no UTF-8), or undefined when it does not exist. */
async function readIfPresent(
  target: string,
  file: string
): Promise<{ bytes: Buffer; decoded: ReturnType<typeof decodeText>; mode: number } | undefined> {
  try {
    const [bytes, stats] = await Promise.all([readFile(target), stat(target)]);
    return { bytes, decoded: decodeText(bytes, file), mode: stats.mode & 0o7777 };
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A new comment id: `c-` and 12 random hex digits. */
function newCommentId(): string {
  return `c-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** The reviews of the flows in `folder`. */
export function createReviewStore(folder: FlowFolder): ReviewStore {
  const dir = folder.dir;
  const { exclusive, settled } = perIdQueue();
  const pathOf = (id: string): string => pathInFolder(dir, id, isFlowId, reviewFileNameOf);
  /** The review file an id's name leads to: through a link only to a file within the folder. */
  const realPathOf = (id: string): Promise<string> => resolveInFolder(dir, pathOf(id));

  /** The review on disk, with the file's mode to keep when it is written again. */
  const load = async (id: string): Promise<ReviewResult<{ review: ReviewFile; mode: number | undefined }>> => {
    if ((await folder.read(id)) === undefined) return { status: 'no-flow' };
    const file = reviewFileNameOf(id);
    let found: Awaited<ReturnType<typeof readIfPresent>>;
    try {
      found = await readIfPresent(await realPathOf(id), file);
    } catch (error) {
      const message = error instanceof LinkRefused ? error.message : `cannot read the file: ${describeFsError(error)}`;
      const problem = { code: DIAGNOSTIC_CODES.fileUnreadable, severity: 'error' as const, file, pointer: '', message };
      return { status: 'invalid-review', problems: [problem], text: '' };
    }
    if (found === undefined) return { status: 'ok', value: { review: emptyReview(id), mode: undefined } };
    if (!found.decoded.ok) return { status: 'invalid-review', problems: [found.decoded.problem], text: '' };
    const text = found.decoded.text;
    const parsed = parseReviewText(text, file);
    if (!parsed.ok) return { status: 'invalid-review', problems: parsed.problems, text };
    if (parsed.review.flow !== id) {
      const message = `the review is of flow ${JSON.stringify(parsed.review.flow)}, but its file name says ${JSON.stringify(id)}`;
      return { status: 'invalid-review', problems: [{ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: '/flow', message }], text };
    }
    return { status: 'ok', value: { review: parsed.review, mode: found.mode } };
  };

  /** Whether `node` is a node of the flow, read now. */
  const checkNode = async (id: string, node: string): Promise<ReviewFailure | undefined> => {
    const content = await folder.read(id);
    if (content === undefined) return { status: 'no-flow' };
    const loaded = loadFlowText(content.text, fileNameOf(id));
    if (!loaded.ok) return { status: 'invalid-flow', problems: loaded.problems, text: content.text };
    return loaded.flow.nodes.some((n) => n.id === node) ? undefined : { status: 'unknown-node', node };
  };

  /**
   * Loads the review, applies `change` and writes the result, under the
   * flow's lock. `change` answers what to return, and the new review or
   * undefined to leave the file alone.
   */
  const update = <T>(
    id: string,
    change: (review: ReviewFile) => ReviewResult<{ review: ReviewFile | undefined; answer: T }>
  ): Promise<ReviewResult<T>> => {
    return exclusive(id, async (): Promise<ReviewResult<T>> => {
      const loaded = await load(id);
      if (loaded.status !== 'ok') return loaded;
      const changed = change(loaded.value.review);
      if (changed.status !== 'ok') return changed;
      const { review, answer } = changed.value;
      if (review !== undefined && review !== loaded.value.review) {
        await writeAtomically(await realPathOf(id), reviewText(review), loaded.value.mode);
      }
      return { status: 'ok', value: answer };
    });
  };

  const commentOf = (review: ReviewFile, commentId: string): ReviewComment | undefined =>
    review.comments.find((comment) => comment.id === commentId);

  return {
    async read(id) {
      const loaded = await load(id);
      return loaded.status === 'ok' ? { status: 'ok', value: loaded.value.review } : loaded;
    },

    async add(id, comment) {
      // Checked before taking the lock: the flow is not this store's to guard.
      const wrong = await checkNode(id, comment.node);
      if (wrong !== undefined) return wrong;
      return update(id, (review) => {
        let commentId = newCommentId();
        while (commentOf(review, commentId) !== undefined) commentId = newCommentId();
        const next = addComment(review, comment, { id: commentId, now: new Date() });
        const added = commentOf(next, commentId);
        if (added === undefined) throw new Error(`comment ${commentId} was not added`);
        return { status: 'ok', value: { review: next, answer: added } };
      });
    },

    resolve(id, commentId, resolution) {
      return update(id, (review) => {
        const next = setResolved(review, commentId, resolution.resolved, { by: resolution.by, now: new Date() });
        const comment = next === undefined ? undefined : commentOf(next, commentId);
        if (comment === undefined) return { status: 'unknown-comment', commentId };
        return { status: 'ok', value: { review: next, answer: comment } };
      });
    },

    remove(id, commentId) {
      return update(id, (review) => {
        const next = removeComment(review, commentId);
        if (next === undefined) return { status: 'unknown-comment', commentId };
        return { status: 'ok', value: { review: next, answer: null } };
      });
    },

    carry(from, to) {

      // Both flows' locks, always taken in the same order.
      const [first, second] = from.toLowerCase() < to.toLowerCase() ? [from, to] : [to, from];
      const both = <T>(task: () => Promise<T>): Promise<T> =>
        first.toLowerCase() === second.toLowerCase() ? exclusive(first, task) : exclusive(first, () => exclusive(second, task));
      return both(
        async (): Promise<'moved' | 'none' | 'kept-both'> => {
          const found = await readIfPresent(await realPathOf(from), reviewFileNameOf(from));
          if (found === undefined) return 'none';
          const target = await realPathOf(to);
          if ((await readIfPresent(target, reviewFileNameOf(to))) !== undefined) return 'kept-both';
          const parsed = found.decoded.ok ? parseReviewText(found.decoded.text, reviewFileNameOf(from)) : undefined;
          // A review that cannot be read is moved byte for byte, rather than rewritten.
          const content = parsed?.ok === true ? reviewText({ ...parsed.review, flow: to }) : found.bytes;
          await writeAtomically(target, content, found.mode);
          // A link within the folder is what goes; the file it led to stays.
          await unlink(pathOf(from));
          return 'moved';
        }
      );
    },

    settled
  };
}
