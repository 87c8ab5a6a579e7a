/**
 * Adding and resolving review comments, for a store that keeps a flow's
 * review itself (in this browser, or in a folder opened in it) as the local
 * server does: the comment checked, its node one of the flow's, a fresh id,
 * and the review changed in one step the store makes.
 */
import { loadFlowText } from '../../core/model/index.ts';
import { addComment, parseNewComment, setResolved, type ReviewComment, type ReviewFile } from '../../core/review/index.ts';
import type { FlowFile } from './api.ts';
import { newCommentId, problemsText } from './flowBundle.ts';
import type { FlowStore } from './flowStore.ts';

/** How a store changes a flow's review in one step: `change` gives the new review and what to answer. */
export type ReviewUpdate = <T>(flowId: string, change: (review: ReviewFile) => { review: ReviewFile; answer: T }) => Promise<T>;

/** The store's `addComment` and `resolveComment`, over how it reads a flow and changes its review. */
export function reviewComments(
  read: (id: string) => Promise<FlowFile | undefined>,
  updateReview: ReviewUpdate,
  noFlow: (id: string) => Error
): Pick<FlowStore, 'addComment' | 'resolveComment'> {
  return {
    async addComment(flowId, comment): Promise<ReviewComment> {
      const checked = parseNewComment(comment, 'the new comment');
      if (!checked.ok) throw new Error(problemsText(checked.problems));
      const flow = await read(flowId);
      if (flow === undefined) throw noFlow(flowId);
      const text = flow.text.charCodeAt(0) === 0xfeff ? flow.text.slice(1) : flow.text;
      const loaded = loadFlowText(text, flow.file);
      if (!loaded.ok) throw new Error(`cannot check the node commented on, as the flow is not valid: ${problemsText(loaded.problems)}`);
      if (!loaded.flow.nodes.some((n) => n.id === checked.value.node)) throw new Error(`no node ${JSON.stringify(checked.value.node)} in flow ${JSON.stringify(flowId)}`);
      return updateReview(flowId, (review) => {
        let id = newCommentId();
        while (review.comments.some((c) => c.id === id)) id = newCommentId();
        const next = addComment(review, checked.value, { id, now: new Date() });
        return { review: next, answer: next.comments.at(-1)! };
      });
    },

    resolveComment(flowId, commentId, resolved, by) {
      return updateReview(flowId, (review) => {
        const next = setResolved(review, commentId, resolved, { by, now: new Date() });
        const comment = next?.comments.find((c) => c.id === commentId);
        if (next === undefined || comment === undefined) throw new Error(`no comment ${JSON.stringify(commentId)} in the review of flow ${JSON.stringify(flowId)}`);
        return { review: next, answer: comment };
      });
    }
  };
}
