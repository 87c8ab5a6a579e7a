/** `zeroout rules`: lists the lint rules with their default severity. */
import { Option, type Command } from 'commander';
import { RULES } from '../../core/analysis/engine.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../errors.ts';
import { formatRulesJson, formatRulesTable } from '../format/rules.ts';

export function registerRules(program: Command, context: CommandContext): Command {
  return program
    .command('rules')
    .description('list the lint rules, their default severity and what they check')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: { format: 'table' | 'json' }) => {
      const rules = RULES.map((rule) => rule.meta);
      context.io.stdout.write(options.format === 'json' ? formatRulesJson(rules) : formatRulesTable(rules));
      context.exitCode = EXIT_OK;
    });
}
