/** A draft as a file in flows/: the text it is saved as, and the ids new files are given. */
import type { Draft } from '../../core/model/index.ts';

/** The text a draft is saved as. */
export function draftText(draft: Draft): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}

/** A flow id made from a name: lower-case words joined by dashes, at most 60 characters, "flow" when nothing is left. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'flow';
}

/** `base` when no flow has it, else the first free of `base-2`, `base-3`… */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}
