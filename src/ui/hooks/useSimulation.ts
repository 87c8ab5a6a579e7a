import { useCallback, useState } from 'react';
import type { TestCall } from '../../core/model/index.ts';
import type { Edit } from './useFlowDocument.ts';

/** Owns the simulated call as the canvas shows it (the node it is at, its route so far) and saving its test calls into the flow. */
export function useSimulation(edit: Edit) {
  const [call, setCall] = useState<{ at: string | null; route: readonly string[] }>({ at: null, route: [] });
  const onProgress = useCallback((at: string | null, route: readonly string[]) => setCall({ at, route }), []);
  const saveTest = useCallback((test: TestCall) => edit({ type: 'addTests', tests: [test] }), [edit]);
  const addTests = useCallback((tests: TestCall[]) => edit({ type: 'addTests', tests }), [edit]);
  return { call, onProgress, saveTest, addTests };
}
