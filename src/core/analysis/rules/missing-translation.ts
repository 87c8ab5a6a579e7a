/**
 * missing-translation: the flow declares locales its prompts must cover, and
 * a prompt has no text in some of them. Plain text is the first locale's.
 */
import { promptsOf } from '../../model/outcomes.ts';
import { localesOf, promptTextIn } from '../../model/prompt.ts';
import { nodeRef } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'missing-translation',
    severity: 'warning',
    description: 'A prompt has no text in one of the locales the flow declares.'
  },
  check(ctx) {
    const locales = localesOf(ctx.flow);
    if (locales.length < 2) return;
    for (let gi = 0; gi < ctx.graph.nodes.length; gi++) {
      const g = ctx.graph.nodes[gi]!;
      let missing: Set<string> | undefined;
      const fields: string[] = [];
      let pointer: string | undefined;
      for (const { field, prompt } of promptsOf(g.node)) {
        let fieldMisses = false;
        for (const locale of locales) {
          const text = promptTextIn(prompt, locale, locales[0]!);
          // A blank text is a translation still to be written.
          if (text !== undefined && text.trim() !== '') continue;
          (missing ??= new Set()).add(locale);
          fieldMisses = true;
        }
        if (!fieldMisses) continue;
        fields.push(field.slice(1));
        pointer ??= `${g.pointer}${field}`;
      }
      if (missing === undefined) continue;
      // In the flow's order of locales, whatever order the fields found them in.
      const list = locales.filter((locale) => missing.has(locale));
      ctx.report({
        node: g.id,
        message: `Node ${nodeRef(g.node, g.id)} has no ${join(list)} text (${fields.join(', ')})`,
        pointer: pointer!,
        data: { locales: list, fields }
      });
    }
  }
};

/** "es-US", "es-US or ko-KR", "es-US, ko-KR or ja-JP". */
function join(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export default rule;
