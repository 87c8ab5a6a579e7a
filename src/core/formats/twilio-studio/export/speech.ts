/** What a widget says: a prompt as Studio's `say` (one locale) or `play` (`[audio: URL]`), and the say-play that says it. */
import type { Prompt } from '../../../model/types.ts';
import type { Json } from '../json.ts';
import type { StudioExport } from './context.ts';
import { transition } from './widgets.ts';

function text(ctx: StudioExport, prompt: Prompt | undefined, pointer: string, node: string): string {
  if (prompt === undefined) return '';
  if (typeof prompt === 'string') return prompt;
  const text = prompt[ctx.locale] ?? Object.values(prompt)[0] ?? '';
  if (Object.keys(prompt).length > 1) {
    ctx.notes.note(pointer, `Studio says one text per widget: the ${ctx.locale} prompt is used; other locales need their own widgets`, node);
  }
  return text;
}

/** `say` or `play` for a prompt (`[audio: URL]` is played). */
export function speech(ctx: StudioExport, prompt: Prompt | undefined, pointer: string, node: string): Json {
  const said = text(ctx, prompt, pointer, node);
  const audio = /^\[audio: (.+)\]$/.exec(said);
  return audio ? { play: audio[1] } : { say: said };
}

/** A say-play widget that plays a prompt and goes on to `next`. */
export function sayPlay(ctx: StudioExport, name: string, prompt: Prompt | undefined, next: string | undefined, offset: { x: number; y: number }, pointer: string, node: string): void {
  ctx.widgets.push({
    name,
    type: 'say-play',
    transitions: [transition('audioComplete', next)],
    properties: { ...speech(ctx, prompt, pointer, node), loop: 1, offset }
  });
}
