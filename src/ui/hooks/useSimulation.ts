import { useCallback, useState } from 'react';
import type { TestCall } from '../../core/model/index.ts';
import type { Edit } from './useFlowDocument.ts';

/**
 * Owns the simulated call as the canvas shows it (the node it is at, its route
 * so far), saving its test calls into the flow, and a call asked to be replayed
 * (a finding's witness) until the simulator takes it up.
 */
export function useSimulation(edit: Edit) {
  const [call, setCall] = useState<{ at: string | null; route: readonly string[] }>({ at: null, route: [] });
  const [replay, setReplay] = useState<{ call: TestCall | null; count: number }>({ call: null, count: 0 });
  const onProgress = useCallback((at: string | null, route: readonly string[]) => setCall({ at, route }), []);
  const saveTest = useCallback((test: TestCall) => edit({ type: 'addTests', tests: [test] }), [edit]);
  const addTests = useCallback((tests: TestCall[]) => edit({ type: 'addTests', tests }), [edit]);
  /** Asks the simulator to play `test`; `replays` counts the asks, so the Simulator tab is brought forward on each. */
  const replayCall = useCallback((test: TestCall) => setReplay((r) => ({ call: test, count: r.count + 1 })), []);
  const onReplayed = useCallback(() => setReplay((r) => (r.call === null ? r : { call: null, count: r.count })), []);
  return { call, onProgress, saveTest, addTests, replay: replay.call, replays: replay.count, replayCall, onReplayed };
}
