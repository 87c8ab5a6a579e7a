/**
 * Native variables and values as Studio writes them: Liquid references and
 * text. A flow imported from Connect names its data as Connect does: a
 * contact attribute `$.Attributes.x` is the flow variable `x`, a Loop's count
 * `$.Loop.<id>` a flow variable of its own, and a Lambda function's result
 * `$.External.y` the parsed result of the Function that ran before,
 * `widgets.<function>.parsed.y`.
 */
import { lastLookups } from '../../lookups.ts';
import type { StudioExport } from './context.ts';
import { MAX_WALK_DEPTH } from '../../../json/limits.ts';

/** Letters, digits and underscores only: what a Liquid name may hold. */
function liquidName(text: string): string {
  return text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The native variable names a condition or parameter refers to, as Liquid. */
export function liquidVariable(name: string): string {
  // Connect's callback number is the customer's own unless a step set another.
  if (name === 'caller.ani' || name === '$.CustomerEndpoint.Address' || name === '$.CallbackNumber') return 'trigger.call.From';
  if (name === 'caller.dnis' || name === '$.SystemEndpoint.Address') return 'trigger.call.To';
  if (/^(widgets|flow|trigger|contact)\./.test(name)) return name;
  return `flow.variables.${variableKey(name)}`;
}

/**
 * `flow.variables.x` → `x`: Studio keys are names under flow.variables. A
 * contact attribute `$.Attributes.x` is `x`; a Connect Loop's count
 * `$.Loop.<id>` is `loop_<id>` in letters, digits and _.
 */
export function variableKey(name: string): string {
  if (name.startsWith('flow.variables.')) return name.slice('flow.variables.'.length);
  if (name.startsWith('$.Attributes.')) return name.slice('$.Attributes.'.length);
  if (name.startsWith('$.Loop.')) return `loop_${liquidName(name.slice('$.Loop.'.length))}`;
  return name;
}

/** A value as Studio text (a list as `a, b`; lists within lists no deeper than any file may nest, json/limits.ts). */
export function scalarString(value: unknown, depth = 0): string {
  if (Array.isArray(value)) return depth > MAX_WALK_DEPTH ? '' : value.map((v) => scalarString(v, depth + 1)).join(', ');
  if (value === null || value === undefined) return '';
  return String(value);
}


/**
 * The Liquid for a variable that node `node` reads, saying where the data is
 * not the same. Connect's `$.External.y` is the result of the last Lambda
 * function the contact ran; in Studio it is the parsed result of the
 * nearest Function before the node, `widgets.<function>.parsed.y`.
 */
export function readVariable(ctx: StudioExport, name: string, node: string, pointer: string): string {
  if (!name.startsWith('$.External.')) return liquidVariable(name);
  const path = name.slice('$.External.'.length);
  const [nearest, ...others] = lastLookups(ctx.flow, node);
  if (nearest === undefined) {
    const written = `flow.variables.External.${path}`;
    ctx.notes.note(pointer, `${name} is the result of a Lambda function, but no lookup comes before ${JSON.stringify(node)}: written as ${written}, which nothing sets`, node);
    return written;
  }
  const written = `widgets.${ctx.names.widgetOf(nearest.id)}.parsed.${path}`;
  if (others.length > 0) {
    ctx.notes.note(
      pointer,
      `${name} is the result of the last Lambda function the contact ran, which may be ${[nearest, ...others].map((o) => JSON.stringify(o.id)).join(' or ')}: written as ${written}, the nearest`,
      node
    );
  }
  return written;
}
