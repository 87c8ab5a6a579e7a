import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema, flowJsonSchemaText } from '../../../src/core/model/json-schema.ts';

const flows = join(import.meta.dirname, '..', '..', '..', 'flows');

describe('flows/flow.schema.json', () => {
  it('is the schema generated from the model (regenerate with `npm run -s zeroout -- schema > flows/flow.schema.json`)', () => {
    expect(readFileSync(join(flows, 'flow.schema.json'), 'utf8')).toBe(flowJsonSchemaText());
  });

  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(flowJsonSchema());

  it.each(readdirSync(flows).filter((f) => f.endsWith('.ivr.json')))('accepts %s, as an editor would', (file) => {
    const document = JSON.parse(readFileSync(join(flows, file), 'utf8'));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the loader rejects: an unknown kind, a misspelt field', () => {
    const base = { version: 1, id: 'x', name: 'x', start: 'a' };
    expect(validate({ ...base, nodes: [{ id: 'a', kind: 'ivr-magic' }] })).toBe(false);
    expect(validate({ ...base, nodes: [{ id: 'a', kind: 'prompt', prompt: 'x', nxt: 'a' }] })).toBe(false);
    expect(validate({ ...base, nodes: [{ id: 'a', kind: 'hangup' }] })).toBe(true);
  });
});
