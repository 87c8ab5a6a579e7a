/**
 * A flow shipped to a vendor in tests: exported with an environment that
 * names every reference, verified as the CLI and the designer verify it, and
 * read back; and the shapes of the two vendors' documents the tests look into.
 */
import { exportFlow, verifyExportText, type ExportTarget } from '../../src/core/export/index.ts';
import { VENDOR_FORMATS } from '../../src/core/formats/index.ts';
import type { Flow } from '../../src/core/model/types.ts';
import { exportEnvFor } from './env.ts';

export type Json = Record<string, unknown>;
export type Vendor = 'twilio-studio' | 'amazon-connect';

/** A Connect flow-language action. */
export interface Action {
  Identifier: string;
  Type: string;
  Parameters: Json;
  Transitions: { NextAction?: string; Conditions?: { NextAction: string; Condition: { Operator: string; Operands: string[] } }[] };
}

/** A Studio widget. */
export interface State {
  name: string;
  type: string;
  transitions: { event: string; next?: string; conditions?: { arguments: string[]; type: string; value: string }[] }[];
  properties: Json;
}

/** A vendor document read as a native flow. */
export function imported(vendor: Vendor, document: unknown, file = `flow.${vendor}.json`): Flow {
  const result = VENDOR_FORMATS.find((f) => f.id === vendor)!.import(document, file);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

/** A flow exported to a vendor: the document, its notes, its verification and the flow it reads back as. */
export function shipped(flow: Flow, target: Vendor) {
  const environment = exportEnvFor(flow);
  const rendered = exportFlow(flow, `${flow.id}.ivr.json`, target as ExportTarget, { environment });
  if (!rendered.ok) throw new Error(JSON.stringify(rendered.problems));
  const verification = verifyExportText(flow, target, rendered.text, `${flow.id}.${target}.json`, environment, undefined, rendered.origins)!;
  const document = JSON.parse(rendered.text) as Json;
  return { document, notes: rendered.notes.map((n) => n.message), verification, back: imported(target, document) };
}
