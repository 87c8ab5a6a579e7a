import { useCallback } from 'react';
import type { Finding } from '../../core/analysis/index.ts';
import type { Flow } from '../../core/model/index.ts';
import type { WitnessResult } from '../../core/witness/index.ts';

/**
 * The witness call of one finding of `flow`, found when asked for: core/witness
 * runs the flow's machine, so it is loaded then, in a chunk of its own.
 */
export function useWitness(flow: Flow | undefined) {
  return useCallback(
    async (finding: Finding): Promise<WitnessResult | undefined> => {
      if (flow === undefined) return undefined;
      const { witnessesFor } = await import('../../core/witness/index.ts');
      return witnessesFor(flow, [finding])[0];
    },
    [flow]
  );
}
