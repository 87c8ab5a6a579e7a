/**
 * Simulation: the shortest confirmed call to each node (paths), test-call
 * coverage, simulated traffic on the table-driven engine, and the CX
 * scorecard.
 */
export { asTestCall, shortestPaths, type CallScript, type Continuation, type PathsResult } from './paths.ts';
export { coverageOf, type Coverage } from './coverage.ts';
export { modelWarnings, parseModel, type ModelWarning, type TrafficModel } from './model.ts';
export { scorecard, type Pillar } from './scorecard.ts';
export {
  OUTCOME_LABELS,
  TRAFFIC_OUTCOMES,
  Tally,
  simulate,
  tallyRange,
  type TallyData,
  type TrafficOptions,
  type TrafficReport
} from './traffic.ts';
