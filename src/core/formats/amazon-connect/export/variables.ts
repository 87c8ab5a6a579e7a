/**
 * Native variables and values as Connect writes them: JSONPath references,
 * attribute keys and text. A flow imported from Studio names its data as
 * Liquid does (`flow.variables.x`, `widgets.<function>.parsed.y`); Connect
 * keeps the same data as `$.Attributes.x` and, for a Lambda function's
 * result, `$.External.y`.
 */
import { lastLookups } from '../../lookups.ts';
import type { FlowNode } from '../../../model/types.ts';
import type { ConnectExport } from './context.ts';

/** Prefixes of a flow variable, which Connect keeps as a contact attribute: Studio's `flow.variables.`, and `flow.`, `var.`, `vars.`. */
const ATTRIBUTE_PREFIX = /^(?:flow\.variables|flow|vars?)\./;

/** A Studio Function's (or HTTP request's) parsed result: `widgets.<widget>.parsed.<path>`. */
const PARSED_RESULT = /^widgets\.([^.]+)\.parsed\.(.+)$/;

/** A native variable as a Connect JSONPath reference. */
export function reference(variable: string): string {
  if (variable.startsWith('$.')) return variable;
  if (variable === 'caller.ani' || variable === 'caller.number' || variable === 'trigger.call.From') return '$.CustomerEndpoint.Address';
  if (variable === 'caller.dnis' || variable === 'trigger.call.To') return '$.SystemEndpoint.Address';
  return `$.Attributes.${variable.replace(ATTRIBUTE_PREFIX, '')}`;
}

/** A native variable as the key of a contact attribute: the attribute a condition on it reads. */
export function attributeKey(variable: string): string {
  const path = reference(variable);
  return path.startsWith('$.Attributes.') ? path.slice('$.Attributes.'.length) : variable.replace(/^\$\./, '');
}

/** A value as Connect text. */
export function scalarText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}


/**
 * The Connect reference for a variable a node reads, saying where the data
 * is not the same: a Studio Function's result `widgets.X.parsed.Y` is the
 * Lambda function's `$.External.Y` when X is a lookup, which holds the
 * result of the last function the contact ran.
 */
export function readReference(ctx: ConnectExport, node: FlowNode, variable: string, pointer?: string): string {
  const parsed = PARSED_RESULT.exec(variable);
  if (parsed === null) return reference(variable);
  const source = parsed[1]!;
  const path = parsed[2]!;
  const lookup = ctx.targets.node(source);
  if (lookup?.kind !== 'lookup') {
    ctx.notes.note(node, `${variable} is the result of ${JSON.stringify(source)}, which is no lookup of this flow: written as the contact attribute ${reference(variable)}, which nothing sets`, pointer);
    return reference(variable);
  }
  const last = lastLookups(ctx.flow, node.id);
  const others = last.filter((other) => other.id !== source).map((other) => JSON.stringify(other.id)).join(', ');
  const written = `${variable} is written as $.External.${path}, which holds the result of the last Lambda function the contact ran`;
  if (last.length === 0) {
    ctx.notes.note(node, `${written}; no lookup comes before this node, so it holds none`, pointer);
  } else if (!last.includes(lookup)) {
    ctx.notes.note(node, `${written}: on every way here that is another lookup's (${others}), not ${JSON.stringify(source)}'s`, pointer);
  } else if (others !== '') {
    ctx.notes.note(node, `${written}: on some ways here that is ${others}'s, not ${JSON.stringify(source)}'s`, pointer);
  }
  return `$.External.${path}`;
}
