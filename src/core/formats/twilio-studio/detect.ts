/**
 * Whether a document is a Studio flow definition: bare (Console "Export to
 * JSON") or inside the REST Flow resource (`{sid, friendly_name, definition}`,
 * where `definition` may be a JSON string).
 */
import { has, isObject, type Json } from './json.ts';

/** The definition inside a document, with the pointer it sits at. */
function unwrap(input: unknown): { definition: Json; base: string; envelope: Json | undefined; stringDefinition: boolean } | undefined {
  if (!isObject(input)) return undefined;
  if (has(input, 'states') || has(input, 'initial_state')) {
    return { definition: input, base: '', envelope: undefined, stringDefinition: false };
  }
  if (!has(input, 'definition')) return undefined;
  let definition = input.definition;
  let stringDefinition = false;
  if (typeof definition === 'string') {
    try {
      definition = JSON.parse(definition);
      stringDefinition = true;
    } catch {
      return undefined;
    }
  }
  if (!isObject(definition)) return undefined;
  return { definition, base: '/definition', envelope: input, stringDefinition };
}

function looksLikeDefinition(definition: Json): boolean {
  return (
    has(definition, 'states') &&
    has(definition, 'initial_state') &&
    (Array.isArray(definition.states) || typeof definition.initial_state === 'string')
  );
}

/** Whether a document is a Studio flow definition (bare or in the REST Flow resource); never throws. */
export function detectStudio(input: unknown): boolean {
  try {
    const found = unwrap(input);
    return found !== undefined && looksLikeDefinition(found.definition);
  } catch {
    return false;
  }
}
