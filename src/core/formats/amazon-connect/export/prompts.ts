/** What an action says: a prompt as Connect's `Text` or `SSML` (one locale), and the message played before a node's action. */
import { promptText } from '../../../model/prompt.ts';
import type { FlowNode, Prompt } from '../../../model/types.ts';
import type { ConnectExport } from './context.ts';

type Json = Record<string, unknown>;

/** A prompt as the parameters of a message: `Text`, or `SSML` when it has markup; one locale. */
export function text(ctx: ConnectExport, prompt: Prompt | undefined, node: FlowNode): Json {
  const said = promptText(prompt, ctx.locale, ctx.locale) ?? '';
  if (typeof prompt === 'object' && Object.keys(prompt).length > 1) {
    ctx.notes.note(node, `the prompt has ${Object.keys(prompt).length} locales; Connect speaks one text per action: the ${ctx.locale} text is written (set the voice per locale in Connect)`);
  }
  if (/<[a-zA-Z/!][^>]*>/.test(said)) {
    return { SSML: /^\s*<speak[\s>]/.test(said) ? said : `<speak>${said}</speak>` };
  }
  return { Text: said };
}

/** A message before a node's own action, when it has a prompt; returns the entry Identifier. */
export function withPrompt(ctx: ConnectExport, node: FlowNode, prompt: Prompt | undefined, main: string): string {
  if (prompt === undefined) return main;
  return ctx.actions.add(node, {
    Identifier: ctx.targets.id(node.id),
    Type: 'MessageParticipant',
    Parameters: text(ctx, prompt, node),
    Transitions: { NextAction: main, Errors: [{ NextAction: main, ErrorType: 'NoMatchingError' }] }
  });
}
