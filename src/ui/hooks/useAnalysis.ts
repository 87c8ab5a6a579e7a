import { useMemo } from 'react';
import { analyse, type DraftAnalysis } from '../model/analysis.ts';
import type { Draft } from '../../core/model/index.ts';

/** Owns the open draft's analysis (the valid flow, its problems and lint), made again on each edit and timed for the designer benchmark. */
export function useAnalysis(draft: Draft | undefined): DraftAnalysis | undefined {
  return useMemo(() => {
    if (draft === undefined) return undefined;
    const start = performance.now();
    const result = analyse(draft);
    // A user-timing entry per analysis, read by the designer benchmark.
    performance.measure('zeroout:analyse', { start, end: performance.now() });
    return result;
  }, [draft]);
}
