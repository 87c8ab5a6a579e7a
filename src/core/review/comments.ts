/**
 * Review comments pinned to a flow's nodes, kept in `<id>.review.json` beside
 * the flow so that they travel with it in git.
 *
 * The file is written in one canonical form (`reviewText`): fixed field
 * order, comments in creation order, two-space indent. Adding, resolving or
 * removing a comment therefore changes only that comment's lines.
 *
 * @example
 * const review = addComment(
 *   emptyReview('bank'),
 *   { node: 'main-menu', author: 'Ana', text: 'Say the options first.' },
 *   { id: 'c-1', now: new Date() }
 * );
 * openCommentsByNode(review); // Map { 'main-menu' => 1 }
 */
import { z } from 'zod';
import { issueToProblem } from '../json/issues.ts';
import { limitProblem } from '../json/limits.ts';
import { parseJson, type Problem } from '../model/load.ts';
import { DIAGNOSTIC_CODES } from '../diagnostic/index.ts';

/** The review file format version this build reads and writes. */
export const REVIEW_VERSION = 1;

/** The longest author (or resolver) name, after trimming. */
export const AUTHOR_LIMIT = 80;
/** The longest comment text. */
export const TEXT_LIMIT = 4000;

const Timestamp = z.iso
  .datetime({ offset: true, error: 'expected an ISO 8601 timestamp such as "2024-05-01T09:30:00.000Z"' })
  .meta({ description: 'An ISO 8601 date and time.' });

/** A person's name as written on a comment; surrounding spaces are dropped. */
export const AuthorSchema = z
  .string()
  .trim()
  .min(1, 'a name cannot be empty')
  .max(AUTHOR_LIMIT, `a name is at most ${AUTHOR_LIMIT} characters`);

/** What a comment says: some text beyond spaces, kept as written. */
export const CommentTextSchema = z
  .string()
  .max(TEXT_LIMIT, `a comment is at most ${TEXT_LIMIT} characters`)
  .refine((text) => text.trim() !== '', 'a comment needs some text');

export const ReviewCommentSchema = z.strictObject({
  id: z.string().min(1, 'a comment id cannot be empty').meta({ description: 'Unique within the file.' }),
  node: z.string().min(1, 'a node id cannot be empty').meta({ description: 'The id of the node commented on.' }),
  author: AuthorSchema,
  text: CommentTextSchema,
  created: Timestamp,
  resolved: z.boolean(),
  resolvedBy: AuthorSchema.optional().meta({ description: 'Who resolved the comment, when it is resolved.' }),
  resolvedAt: Timestamp.optional().meta({ description: 'When the comment was resolved, when it is.' })
});

export const ReviewFileSchema = z.strictObject({
  version: z.literal(REVIEW_VERSION),
  flow: z.string().min(1, 'a flow id cannot be empty').meta({ description: 'The id of the flow reviewed.' }),
  comments: z.array(ReviewCommentSchema)
});

/** A new comment as a reviewer writes it. */
export const NewCommentSchema = z.strictObject({
  node: z.string().min(1, 'say which node the comment is on'),
  author: AuthorSchema,
  text: CommentTextSchema
});

/** A comment marked resolved (with who did it) or open again. */
export const ResolutionSchema = z.strictObject({
  resolved: z.boolean(),
  by: AuthorSchema.optional()
});

export type ReviewComment = z.infer<typeof ReviewCommentSchema>;
export type ReviewFile = z.infer<typeof ReviewFileSchema>;
export type NewComment = z.infer<typeof NewCommentSchema>;
export type Resolution = z.infer<typeof ResolutionSchema>;

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: Problem[] };

export type ReviewParseResult =
  | { readonly ok: true; readonly review: ReviewFile }
  | { readonly ok: false; readonly problems: Problem[] };

/** Checks `value` against `schema`; problems name `file` and a JSON pointer. */
function check<T>(schema: z.ZodType<T>, value: unknown, file: string): Checked<T> {
  // Nothing deeper or longer than a file may hold is read (json/limits.ts).
  const tooBig = limitProblem(value, file);
  if (tooBig !== undefined) return { ok: false, problems: [tooBig] };
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => issueToProblem(issue, file, value)) };
}

/** What the schema cannot say: ids are unique, and only a resolved comment says who resolved it and when. */
function checkIntegrity(review: ReviewFile, file: string): Problem[] {
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  review.comments.forEach((comment, index) => {
    const seen = firstIndex.get(comment.id);
    if (seen === undefined) firstIndex.set(comment.id, index);
    else {
      const message = `duplicate comment id ${JSON.stringify(comment.id)} (first used at /comments/${seen}/id)`;
      problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: `/comments/${index}/id`, message });
    }
    if (comment.resolved) return;
    for (const field of ['resolvedBy', 'resolvedAt'] as const) {
      if (comment[field] === undefined) continue;
      const message = `comment ${JSON.stringify(comment.id)} is not resolved, so it has no "${field}"`;
      problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: `/comments/${index}/${field}`, message });
    }
  });
  return problems;
}

/**
 * Reads the text of a `.review.json` file. Never throws: every problem names
 * `file`, a JSON pointer and what is wrong.
 */
export function parseReviewText(text: string, file: string): ReviewParseResult {
  const parsed = parseJson(text, file);
  if (!parsed.ok) return parsed;
  const checked = check(ReviewFileSchema, parsed.value, file);
  if (!checked.ok) return checked;
  const problems = checkIntegrity(checked.value, file);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, review: checked.value };
}

/** A new comment as sent by a reviewer, checked; `file` names where it came from in problems. */
export function parseNewComment(value: unknown, file: string): Checked<NewComment> {
  return check(NewCommentSchema, value, file);
}

/** A change of a comment's resolution as sent by a reviewer, checked. */
export function parseResolution(value: unknown, file: string): Checked<Resolution> {
  return check(ResolutionSchema, value, file);
}

/** The review of a flow nobody has commented on yet. */
export function emptyReview(flowId: string): ReviewFile {
  return { version: REVIEW_VERSION, flow: flowId, comments: [] };
}

/** The comment with its fields in the file's order, and without absent ones. */
function canonicalComment(comment: ReviewComment): ReviewComment {
  return {
    id: comment.id,
    node: comment.node,
    author: comment.author,
    text: comment.text,
    created: comment.created,
    resolved: comment.resolved,
    ...(comment.resolvedBy === undefined ? {} : { resolvedBy: comment.resolvedBy }),
    ...(comment.resolvedAt === undefined ? {} : { resolvedAt: comment.resolvedAt })
  };
}

/**
 * The file's text: two-space indent, a final newline, and comments in
 * creation order (ties keep their order), so each edit is a small diff.
 */
export function reviewText(review: ReviewFile): string {
  const comments = review.comments
    .map((comment, index) => ({ comment, index, time: Date.parse(comment.created) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ comment }) => canonicalComment(comment));
  return `${JSON.stringify({ version: review.version, flow: review.flow, comments }, null, 2)}\n`;
}

/**
 * The review with one more comment, last.
 *
 * @param comment - what the reviewer wrote; the author is trimmed.
 * @param options - the new comment's id (unique in the review) and the time it is made.
 * @throws Error when the comment is not valid or its id is taken: a caller
 *   checks what users send with `parseNewComment` first.
 */
export function addComment(
  review: ReviewFile,
  comment: NewComment,
  options: { readonly id: string; readonly now: Date }
): ReviewFile {
  const checked = parseNewComment(comment, 'the new comment');
  if (!checked.ok) throw new Error(checked.problems.map((p) => `${p.pointer}: ${p.message}`).join('; '));
  if (review.comments.some((existing) => existing.id === options.id)) {
    throw new Error(`the comment id ${JSON.stringify(options.id)} is already used in the review of ${JSON.stringify(review.flow)}`);
  }
  const added: ReviewComment = {
    id: options.id,
    ...checked.value,
    created: options.now.toISOString(),
    resolved: false
  };
  return { ...review, comments: [...review.comments, added] };
}

/**
 * The review with a comment resolved (by whom, and when) or open again, or
 * undefined when it has no comment `commentId`. A comment already in the
 * state asked for is left as it is, so it keeps who resolved it first.
 */
export function setResolved(
  review: ReviewFile,
  commentId: string,
  resolved: boolean,
  options: { readonly by?: string | undefined; readonly now: Date }
): ReviewFile | undefined {
  const index = review.comments.findIndex((comment) => comment.id === commentId);
  const comment = review.comments[index];
  if (comment === undefined) return undefined;
  if (comment.resolved === resolved) return review;
  const by = options.by?.trim();
  const changed = canonicalComment({
    ...comment,
    resolved,
    resolvedBy: resolved && by ? by : undefined,
    resolvedAt: resolved ? options.now.toISOString() : undefined
  });
  return { ...review, comments: review.comments.map((c, i) => (i === index ? changed : c)) };
}

/** The review without comment `commentId`, or undefined when it has no such comment. */
export function removeComment(review: ReviewFile, commentId: string): ReviewFile | undefined {
  const comments = review.comments.filter((comment) => comment.id !== commentId);
  return comments.length === review.comments.length ? undefined : { ...review, comments };
}

/** How many unresolved comments each node has; nodes without any are left out. */
export function openCommentsByNode(review: ReviewFile): Map<string, number> {
  const counts = new Map<string, number>();
  for (const comment of review.comments) {
    if (!comment.resolved) counts.set(comment.node, (counts.get(comment.node) ?? 0) + 1);
  }
  return counts;
}
