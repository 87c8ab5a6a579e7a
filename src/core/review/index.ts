/** Reviewing a change: the diff of two versions of a flow, the pull-request report, and review comments. */
export {
  addComment,
  emptyReview,
  openCommentsByNode,
  parseNewComment,
  parseResolution,
  parseReviewText,
  removeComment,
  reviewText,
  setResolved,
  type Checked,
  type NewComment,
  type Resolution,
  type ReviewComment,
  type ReviewFile
} from './comments.ts';
export { diffFlows, isEmptyDiff, type FlowDiff, type NodeChange } from './diff.ts';
export { diffMarkdown, diffSummary, diffText, outcomeLabel, settingValues } from './format.ts';
export { reportMarkdown, type ReportInput } from './report.ts';
export type { Revision } from './revision.ts';
