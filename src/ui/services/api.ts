/** The local server's flow files: list, read, save with a conflict check, delete. */
import type { Problem } from '../../core/model/index.ts';
import type { ReviewComment, Revision } from '../../core/review/index.ts';

export interface FlowEntry {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly version: string;
  readonly error?: string;
}

export interface FlowFile {
  readonly id: string;
  readonly file: string;
  readonly version: string;
  readonly text: string;
}

export type SaveResult =
  | { readonly ok: true; readonly version: string }
  | { readonly ok: false; readonly conflict: { readonly version: string; readonly text: string } | null; readonly message: string }
  | { readonly ok: false; readonly conflict?: undefined; readonly problems?: readonly Problem[]; readonly message: string };

async function json(response: Response): Promise<Record<string, unknown>> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const path = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

/**
 * The headers of every change sent to the server: it takes a change only
 * with `X-Zero-Out: 1`, which a form or a simple request from another site
 * cannot send, and a body only as JSON.
 */
const WRITE_HEADERS = { 'X-Zero-Out': '1' } as const;
const JSON_WRITE_HEADERS = { ...WRITE_HEADERS, 'Content-Type': 'application/json' } as const;

export async function listFlows(): Promise<FlowEntry[]> {
  const response = await fetch('/api/flows');
  if (!response.ok) throw new Error(`could not list the flows (HTTP ${response.status})`);
  return ((await json(response)).flows ?? []) as FlowEntry[];
}

export async function readFlow(id: string): Promise<FlowFile | undefined> {
  const response = await fetch(path(id));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`could not read flow ${JSON.stringify(id)} (HTTP ${response.status}): ${String((await json(response)).error ?? '')}`);
  return (await json(response)) as unknown as FlowFile;
}

/** Saves a flow's text; `baseVersion` is the version it was loaded from (null for a new file). */
export async function saveFlow(id: string, text: string, baseVersion: string | null): Promise<SaveResult> {
  const response = await fetch(path(id), {
    method: 'PUT',
    headers: JSON_WRITE_HEADERS,
    body: JSON.stringify({ text, baseVersion })
  });
  const body = await json(response);
  if (response.ok) return { ok: true, version: String(body.version) };
  const message = String(body.error ?? `HTTP ${response.status}`);
  if (response.status === 409) {
    return { ok: false, conflict: (body.current ?? null) as { version: string; text: string } | null, message };
  }
  return { ok: false, message, ...(Array.isArray(body.problems) ? { problems: body.problems as Problem[] } : {}) };
}

/** Deletes a flow at the version last loaded; `renamedTo` (a flow already saved) takes its review comments. */
export async function deleteFlow(id: string, version: string, renamedTo?: string): Promise<boolean> {
  const query = `version=${encodeURIComponent(version)}${renamedTo === undefined ? '' : `&renamedTo=${encodeURIComponent(renamedTo)}`}`;
  const response = await fetch(`${path(id)}?${query}`, { method: 'DELETE', headers: WRITE_HEADERS });
  return response.ok;
}

/** A flow's review comments, as the server keeps them in `<id>.review.json`. */
export interface FlowReview {
  readonly flow: string;
  readonly comments: readonly ReviewComment[];
}

const reviewPath = (flowId: string) => `${path(flowId)}/review`;
const commentPath = (flowId: string, commentId: string) => `${reviewPath(flowId)}/comments/${encodeURIComponent(commentId)}`;

/** The server's reason for a refused request, as an Error. */
async function failure(response: Response): Promise<Error> {
  return new Error(String((await json(response)).error ?? `HTTP ${response.status}`));
}

/** The flow's comments (none when nobody has commented yet). */
export async function loadReview(flowId: string): Promise<FlowReview> {
  const response = await fetch(reviewPath(flowId));
  if (!response.ok) throw await failure(response);
  return (await json(response)) as unknown as FlowReview;
}

/** Comments on a node of a saved flow; returns the comment as stored, with its id. */
export async function addComment(flowId: string, comment: { node: string; author: string; text: string }): Promise<ReviewComment> {
  const response = await fetch(`${reviewPath(flowId)}/comments`, {
    method: 'POST',
    headers: JSON_WRITE_HEADERS,
    body: JSON.stringify(comment)
  });
  if (!response.ok) throw await failure(response);
  return (await json(response)).comment as ReviewComment;
}

/** Marks a comment resolved (by whom, when known) or open again. */
export async function resolveComment(flowId: string, commentId: string, resolved: boolean, by?: string): Promise<ReviewComment> {
  const response = await fetch(commentPath(flowId, commentId), {
    method: 'PATCH',
    headers: JSON_WRITE_HEADERS,
    body: JSON.stringify(by === undefined ? { resolved } : { resolved, by })
  });
  if (!response.ok) throw await failure(response);
  return (await json(response)).comment as ReviewComment;
}

export type { Revision };

/** The flow's committed versions, newest first: none when the flows folder is not in git. */
export async function listRevisions(flowId: string): Promise<Revision[]> {
  const response = await fetch(`/api/flows/${encodeURIComponent(flowId)}/revisions`);
  const body = await json(response);
  if (!response.ok) throw new Error(typeof body['error'] === 'string' ? body['error'] : `the server answered ${response.status}`);
  return (body['revisions'] as Revision[] | undefined) ?? [];
}

/** The flow's file as a commit left it. */
export async function readRevision(flowId: string, rev: string): Promise<string> {
  const response = await fetch(`/api/flows/${encodeURIComponent(flowId)}/revisions/${encodeURIComponent(rev)}`);
  const body = await json(response);
  if (!response.ok || typeof body['text'] !== 'string') throw new Error(typeof body['error'] === 'string' ? body['error'] : `the server answered ${response.status}`);
  return body['text'];
}
