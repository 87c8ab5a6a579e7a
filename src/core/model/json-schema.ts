/**
 * The JSON Schema (draft 2020-12) of the native flow format, generated from
 * the Zod model: titles and descriptions come from the schemas' `.meta()`
 * calls, which `z.toJSONSchema` reads from Zod's global registry.
 */
import { z } from 'zod';
import { FlowSchema, FORMAT_VERSION } from './schema.ts';

export function flowJsonSchema(): Record<string, unknown> {
  const { $schema, title, description, ...rest } = z.toJSONSchema(FlowSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema,
    // A URN rather than a web address: the schema ships with the tool and is not hosted anywhere.
    $id: `urn:zeroout:flow-schema:${FORMAT_VERSION}`,
    title: title ?? 'Zero Out flow',
    description: description ?? `A Zero Out flow, format version ${FORMAT_VERSION}.`,
    ...rest
  };
}

/** The schema as it is written to `flows/flow.schema.json`. */
export function flowJsonSchemaText(): string {
  return `${JSON.stringify(flowJsonSchema(), null, 2)}\n`;
}
