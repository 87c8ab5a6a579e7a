import { useCallback, useState } from 'react';
import { reviewInAddress, showReviewInAddress } from '../services/address.ts';

/** Owns review mode (`?review=1`): the designer read-only, and the count of open comments on each node. */
export function useReview() {
  const [review, setReview] = useState(reviewInAddress);
  const [commentCounts, setCommentCounts] = useState<ReadonlyMap<string, number>>(new Map());

  /** Turns review mode on or off, in the address too. */
  const setReviewMode = useCallback((on: boolean) => {
    setReview(on);
    showReviewInAddress(on);
  }, []);

  return { review, setReviewMode, commentCounts, setCommentCounts };
}

export type Review = ReturnType<typeof useReview>;
