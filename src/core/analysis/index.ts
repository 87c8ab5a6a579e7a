/**
 * Analysis: the lint rules, their registry and docs, and the engine that runs
 * them over a flow (with the sub-flows linted alongside). The command line
 * and the designer reach it only through this module. The docs (`RULE_DOCS`)
 * are a registry of their own that the engine never imports, so a bundle that
 * only lints leaves them out.
 */
export { RULES, entriesOf, lintFlow, ruleById, type AnalysedEntry, type LintMetrics, type LintOptions, type LintResult } from './engine.ts';
export { subflowResolver } from './subflows.ts';
export { WITNESSED_RULES } from './witnessed.ts';
export { exampleFlows, type ExampleDocument, type ExampleKind } from './rules/examples.ts';
export { RULE_DOCS, ruleDocs } from './rules/docs/index.ts';
export {
  DEFAULT_THRESHOLDS,
  type Finding,
  type ResolvedThresholds,
  type RuleDocs,
  type RuleExample,
  type RuleMeta,
  type Severity,
  type SeveritySetting
} from './types.ts';
