/**
 * `zeroout rules [id]`: lists the lint rules with their default severity, or
 * prints one rule's documentation with a flow it reports and the same flow
 * fixed.
 */
import { Option, type Command } from 'commander';
import { ruleById, ruleDocs, RULES, type RuleDocs, type RuleMeta } from '../../core/analysis/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, UsageError } from '../errors.ts';
import {
  formatRuleDoc,
  formatRuleDocJson,
  formatRuleDocMarkdown,
  formatRulesJson,
  formatRulesMarkdown,
  formatRulesTable
} from '../format/rules.ts';

type RulesFormat = 'table' | 'json' | 'markdown';

const LIST_FORMATS: Record<RulesFormat, (rules: readonly RuleMeta[]) => string> = {
  table: formatRulesTable,
  json: formatRulesJson,
  markdown: formatRulesMarkdown
};

/** With a rule id, `table` (the default) is the plain-text documentation. */
const DOC_FORMATS: Record<RulesFormat, (rule: RuleMeta, docs: RuleDocs) => string> = {
  table: formatRuleDoc,
  json: formatRuleDocJson,
  markdown: formatRuleDocMarkdown
};

/** Edit distance between two strings: insertions, deletions and substitutions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The rule ids a mistyped id was probably meant to be, nearest first: a few
 * letters off, or one containing the other (`dead` for `dead-end`).
 */
export function similarRuleIds(id: string, ids: readonly string[]): string[] {
  const wanted = id.toLowerCase();
  return ids
    .map((candidate) => ({ candidate, d: distance(wanted, candidate) }))
    .filter(
      ({ candidate, d }) =>
        d <= Math.max(2, Math.floor(candidate.length / 3)) ||
        (wanted.length >= 3 && candidate.includes(wanted)) ||
        wanted.includes(candidate)
    )
    .sort((x, y) => x.d - y.d)
    .map(({ candidate }) => candidate);
}

/** The message for an id that names no rule, with the ids it may have meant, or all of them. */
export function unknownRuleMessage(id: string, ids: readonly string[]): string {
  const similar = similarRuleIds(id, ids);
  const quoted = (list: readonly string[]): string => list.map((item) => JSON.stringify(item)).join(', ');
  return similar.length > 0
    ? `unknown rule ${JSON.stringify(id)}: did you mean ${quoted(similar)}? (run "zeroout rules" to list them)`
    : `unknown rule ${JSON.stringify(id)}: the rules are ${ids.join(', ')}`;
}

/** Adds `zeroout rules [id]` to the program. */
export function registerRules(program: Command, context: CommandContext): Command {
  return program
    .command('rules')
    .description('list the lint rules, their default severity and what they check; with an id, print that rule\'s documentation')
    .argument('[id]', 'a rule id: print why the rule matters, when it fires, and a flow it reports beside the same flow fixed')
    .addOption(
      new Option('-f, --format <format>', 'output format (with an id, table is plain text)')
        .choices(Object.keys(LIST_FORMATS))
        .default('table')
    )
    .action((id: string | undefined, options: { format: RulesFormat }) => {
      if (id === undefined) {
        context.io.stdout.write(LIST_FORMATS[options.format](RULES.map((rule) => rule.meta)));
      } else {
        const rule = ruleById(id);
        if (rule === undefined) throw new UsageError(unknownRuleMessage(id, RULES.map((r) => r.meta.id)));
        // Every rule has docs (test/meta/rules.test.ts sees to it).
        const docs = ruleDocs(rule.meta.id);
        if (docs === undefined) throw new Error(`rule ${JSON.stringify(rule.meta.id)} has no documentation`);
        context.io.stdout.write(DOC_FORMATS[options.format](rule.meta, docs));
      }
      context.exitCode = EXIT_OK;
    });
}
