/** The JSON Schema of the native flow format, generated from the Zod model. */
import { z } from 'zod';
import { FlowSchema } from './schema.ts';

export function flowJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(FlowSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}

/** The schema as it is written to `flows/flow.schema.json`. */
export function flowJsonSchemaText(): string {
  return `${JSON.stringify(flowJsonSchema(), null, 2)}\n`;
}
