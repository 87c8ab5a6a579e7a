/** What every place flows can live in offers the designer (see store.ts for choosing one). */
import type { ReviewComment, Revision } from '../../core/review/index.ts';
import type { FlowEntry, FlowFile, FlowReview, SaveResult } from './api.ts';

/** Where flows live: the local server's folder, this browser, or (to come) a folder opened in the browser. */
export type StoreKind = 'server' | 'browser' | 'folder';

export interface FlowStore {
  readonly kind: StoreKind;
  /** Where the flows are, in a few words for messages: "flows/", "this browser". */
  readonly place: string;
  /** Where one flow is, for messages: "flows/bank.ivr.json", "bank.ivr.json in this browser". */
  where(id: string): string;
  /** Every flow, sorted by id. */
  list(): Promise<FlowEntry[]>;
  /** The flow's text and version, or undefined when there is no such flow. */
  read(id: string): Promise<FlowFile | undefined>;
  /** Saves a flow's text; `baseVersion` is the version it was loaded from (null for a new flow). */
  save(id: string, text: string, baseVersion: string | null): Promise<SaveResult>;
  /** Deletes a flow at the version last loaded; `renamedTo` (a flow already saved) takes its review comments. */
  remove(id: string, version: string, renamedTo?: string): Promise<boolean>;
  /** The flow's review comments (none when nobody has commented yet). */
  loadReview(flowId: string): Promise<FlowReview>;
  /** Comments on a node of a saved flow; returns the comment as stored, with its id. */
  addComment(flowId: string, comment: { node: string; author: string; text: string }): Promise<ReviewComment>;
  /** Marks a comment resolved (by whom, when known) or open again. */
  resolveComment(flowId: string, commentId: string, resolved: boolean, by?: string): Promise<ReviewComment>;
  /** The flow's committed versions, newest first: none where there is no history. */
  listRevisions(flowId: string): Promise<Revision[]>;
  /** The flow's text as a commit left it. */
  readRevision(flowId: string, rev: string): Promise<string>;
}
