/**
 * goal-before-key: a prompt names the key before the goal it is for ("Press 1
 * for billing") instead of the goal first ("For billing, press 1"). Each
 * locale's text of each prompt field is read on its own (English, Spanish,
 * Korean and Japanese phrasing; see keys-in-prompt.ts).
 */
import { escapeToken } from '../../json/pointer.ts';
import { promptsOf } from '../../model/outcomes.ts';
import { localesOf, promptTexts } from '../../model/prompt.ts';
import { keyBeforeGoal, type KeyBeforeGoal } from '../keys-in-prompt.ts';
import { nodeLabel } from '../describe.ts';
import type { Rule } from '../types.ts';

const rule: Rule = {
  meta: {
    id: 'goal-before-key',
    severity: 'info',
    description: 'A prompt names the key before the goal it is for ("Press 1 for billing" instead of "For billing, press 1"; English, Spanish, Korean and Japanese phrasing).'
  },
  check(ctx) {
    const locales = localesOf(ctx.flow);
    const defaultLocale = locales[0]!;
    // Menus share texts (the same reprompt everywhere): each is read once.
    const cache = new Map<string, KeyBeforeGoal | undefined>();
    const read = (text: string): KeyBeforeGoal | undefined => {
      if (cache.has(text)) return cache.get(text);
      const found = keyBeforeGoal(text);
      cache.set(text, found);
      return found;
    };
    for (let gi = 0; gi < ctx.graph.nodes.length; gi++) {
      const g = ctx.graph.nodes[gi]!;
      const prompts = promptsOf(g.node);
      if (prompts.length === 0) continue;
      // A reprompt that repeats the prompt word for word is the same fix (made at the first finding: most nodes have none).
      let seen: Set<string> | undefined;
      for (const { field, prompt } of prompts) {
        for (const [locale, text] of promptTexts(prompt, defaultLocale)) {
          const found = read(text);
          if (found === undefined) continue;
          seen ??= new Set<string>();
          if (seen.has(`${locale}\n${text}`)) continue;
          seen.add(`${locale}\n${text}`);
          const pointer = typeof prompt === 'string' ? `${g.pointer}${field}` : `${g.pointer}${field}/${escapeToken(locale)}`;
          const where = locales.length > 1 || locale !== defaultLocale ? ` (${locale})` : '';
          const fix = found.suggestion === undefined ? 'say the goal first, then the key' : `say the goal first: "${capitalise(found.suggestion)}"`;
          ctx.report({
            node: g.id,
            message: `${nodeLabel(g)}${where}: the ${field.slice(1)} says "${found.phrase}", the key before the goal; callers listen for their goal, then the key: ${fix}`,
            pointer,
            data: { locale, field: field.slice(1), key: found.key, phrase: found.phrase, ...(found.suggestion === undefined ? {} : { suggestion: capitalise(found.suggestion) }) }
          });
        }
      }
    }
  }
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default rule;
