/**
 * stale-translation: compared with an earlier version of the flow (`zeroout
 * lint --base <file>` or `--rev <revision>`), a prompt's text in the default
 * locale changed while a translation of it did not: the translation still
 * says what the prompt used to say. Nodes are matched by id, prompts field
 * by field (prompt, reprompt, no-input and invalid prompts). A translation
 * is stale when it is the same as before; one added since, or changed too,
 * is not. Changes of white space or letter case alone are no change. Without
 * an earlier version the rule finds nothing. Linear in the size of both
 * versions.
 */
import { escapeToken } from '../../json/pointer.ts';
import { promptsOf } from '../../model/outcomes.ts';
import { localesOf, promptTextIn } from '../../model/prompt.ts';
import type { FlowNode, Prompt } from '../../model/types.ts';
import { nodeRef } from '../describe.ts';
import type { Rule } from '../types.ts';

/** A text as heard: white space and letter case do not count. */
const heard = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : text.trim().replace(/\s+/g, ' ').toLowerCase();

/** A prompt's field of a node, by its pointer (`/prompt`). */
function fieldOf(node: FlowNode, field: string): Prompt | undefined {
  return promptsOf(node).find((p) => p.field === field)?.prompt;
}

const rule: Rule = {
  meta: {
    id: 'stale-translation',
    severity: 'warning',
    description: 'Since the base version, a prompt’s default-locale text changed but a translation of it did not (with --base or --rev).'
  },
  check(ctx) {
    const base = ctx.base;
    if (base === undefined) return;
    const defaultLocale = localesOf(ctx.flow)[0]!;
    const baseDefault = localesOf(base)[0]!;
    const before = new Map<string, FlowNode>();
    for (const node of base.nodes) if (!before.has(node.id)) before.set(node.id, node);

    for (let gi = 0; gi < ctx.graph.nodes.length; gi++) {
      const g = ctx.graph.nodes[gi]!;
      const old = before.get(g.id);
      if (old === undefined) continue;
      const stale = new Set<string>();
      const fields: string[] = [];
      let pointer: string | undefined;
      for (const { field, prompt } of promptsOf(g.node)) {
        // Plain text has no translations.
        if (typeof prompt === 'string') continue;
        const was = fieldOf(old, field);
        if (was === undefined) continue;
        const now = heard(promptTextIn(prompt, defaultLocale, defaultLocale));
        const then = heard(promptTextIn(was, defaultLocale, baseDefault));
        if (now === undefined || then === undefined || now === then) continue;
        let fieldStale = false;
        for (const locale of Object.keys(prompt)) {
          if (locale === defaultLocale) continue;
          const translation = heard(prompt[locale]);
          if (translation === undefined || translation === '') continue;
          if (translation !== heard(promptTextIn(was, locale, baseDefault))) continue;
          stale.add(locale);
          fieldStale = true;
          pointer ??= `${g.pointer}${field}/${escapeToken(locale)}`;
        }
        if (fieldStale) fields.push(field.slice(1));
      }
      if (stale.size === 0) continue;
      // The flow's order of locales first, then any others as the prompts list them.
      const declared = localesOf(ctx.flow);
      const list = [...declared.filter((locale) => stale.has(locale)), ...[...stale].filter((locale) => !declared.includes(locale))];
      ctx.report({
        node: g.id,
        message: `Node ${nodeRef(g.node, g.id)}: the ${defaultLocale} text changed since the base version, but the ${join(list)} text did not (${fields.join(', ')})`,
        pointer: pointer!,
        data: { locales: list, fields, defaultLocale }
      });
    }
  }
};

/** "es-US", "es-US and ko-KR", "es-US, ko-KR and ja-JP". */
function join(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export default rule;
