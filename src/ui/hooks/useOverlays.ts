import { useMemo, useState } from 'react';
import { coverageOf } from '../../core/simulate/index.ts';
import type { DraftAnalysis } from '../model/analysis.ts';
import type { Heat } from '../panels/Traffic.tsx';

/** Owns what the canvas paints over the flow: seconds to a person, the nodes no test call reaches, and traffic heat. */
export function useOverlays(analysis: DraftAnalysis | undefined) {
  const [showTimes, setShowTimes] = useState(false);
  const [showCoverage, setShowCoverage] = useState(false);
  const [heat, setHeat] = useState<Heat | undefined>(undefined);
  // Nodes no saved test call reaches, when the coverage overlay is on.
  const uncovered = useMemo(
    () => (showCoverage && analysis?.flow ? new Set(coverageOf(analysis.flow).nodes.missing) : undefined),
    [showCoverage, analysis]
  );
  return { showTimes, setShowTimes, showCoverage, setShowCoverage, uncovered, heat, setHeat };
}

export type Overlays = ReturnType<typeof useOverlays>;
