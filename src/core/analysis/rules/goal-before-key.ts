/**
 * goal-before-key: a prompt names the key before the goal it is for ("Press 1
 * for billing") instead of the goal first ("For billing, press 1"). Each
 * locale's text of each prompt field is read on its own (English, Spanish,
 * Korean and Japanese phrasing; see keys-in-prompt.ts).
 */
import { escapeToken } from '../../json/pointer.ts';
import { promptsOf } from '../../model/outcomes.ts';
import { localesOf, promptTexts } from '../../model/prompt.ts';
import { keyBeforeGoal } from '../keys-in-prompt.ts';
import { nodeLabel } from '../describe.ts';
import type { Prompt } from '../../model/types.ts';
import type { GraphNode } from '../graph.ts';
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
    // A reprompt that repeats the prompt word for word is the same fix: the texts of the node being read that had a finding.
    let seen: Set<string> | undefined;
    const check = (g: GraphNode, field: string, prompt: Prompt, locale: string, text: string): void => {
      // Each text is read once however many nodes say it (see keys-in-prompt.ts).
      const found = keyBeforeGoal(text);
      if (found === undefined) return;
      seen ??= new Set<string>();
      if (seen.has(`${locale}\n${text}`)) return;
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
    };
    for (let gi = 0; gi < ctx.graph.nodes.length; gi++) {
      const g = ctx.graph.nodes[gi]!;
      const prompts = promptsOf(g.node);
      seen = undefined;
      for (let p = 0; p < prompts.length; p++) {
        const { field, prompt } = prompts[p]!;
        // Plain text, the usual case, is the default locale's: read without a list of texts made for it.
        if (typeof prompt === 'string') check(g, field, prompt, defaultLocale, prompt);
        else for (const [locale, text] of promptTexts(prompt, defaultLocale)) check(g, field, prompt, locale, text);
      }
    }
  }
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default rule;
