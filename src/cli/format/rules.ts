/** Output of `zeroout rules`. */
import type { RuleMeta } from '../../core/analysis/types.ts';

/** Columns: rule id, default severity, description. */
export function formatRulesTable(rules: readonly RuleMeta[]): string {
  const idWidth = Math.max('RULE'.length, ...rules.map((rule) => rule.id.length));
  const severityWidth = Math.max('SEVERITY'.length, ...rules.map((rule) => rule.severity.length));
  const row = (id: string, severity: string, description: string): string =>
    `${id.padEnd(idWidth)}  ${severity.padEnd(severityWidth)}  ${description}\n`;
  return row('RULE', 'SEVERITY', 'DESCRIPTION') + rules.map((rule) => row(rule.id, rule.severity, rule.description)).join('');
}

/** `{"rules":[{"id","severity","description"}]}`. */
export function formatRulesJson(rules: readonly RuleMeta[]): string {
  const list = rules.map((rule) => ({ id: rule.id, severity: rule.severity, description: rule.description }));
  return `${JSON.stringify({ rules: list }, null, 2)}\n`;
}
