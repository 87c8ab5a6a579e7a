/**
 * Analysis: the lint rules, their registry and docs, and the engine that runs
 * them over a flow (with the sub-flows linted alongside). The command line
 * and the designer reach it only through this module.
 */
export { RULES, lintFlow, ruleById, type LintMetrics, type LintOptions, type LintResult } from './engine.ts';
export { subflowResolver } from './subflows.ts';
export { exampleFlows, type ExampleDocument, type ExampleKind } from './rules/examples.ts';
export {
  DEFAULT_THRESHOLDS,
  type Finding,
  type ResolvedThresholds,
  type RuleMeta,
  type Severity,
  type SeveritySetting
} from './types.ts';
