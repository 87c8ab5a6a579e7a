/**
 * Native nodes as the widgets a Studio user would use. This module handles
 * the steps of one widget (prompt, lookup, set, sub-flow, hang-up, return)
 * and opening hours, steps of other vendors (opaque.ts), and hands the others to their own module:
 * menus and inputs (inputs.ts), branches (conditions.ts), queues, transfers,
 * voicemail and callbacks (handoffs.ts), imported nodes (writeback.ts).
 */
import type { FlowNode, NodeOfKind } from '../../../model/types.ts';
import type { Json } from '../json.ts';
import { branch } from './conditions.ts';
import type { StudioExport } from './context.ts';
import { callback, queue, transfer, voicemail } from './handoffs.ts';
import { input, menu } from './inputs.ts';
import { canvasOffset } from './layout.ts';
import { readVariable, scalarString, variableKey } from './liquid.ts';
import { nodePointer } from './notes.ts';
import { hangUp, opaqueStep } from './opaque.ts';
import { HOURS_FUNCTION_PLACEHOLDER } from './references.ts';
import { ANY_HOURS } from '../../environment.ts';
import { sayPlay } from './speech.ts';
import { transition } from './widgets.ts';
import { writeBack } from './writeback.ts';

/** A node's widgets: written back when it came from Studio, built from the native model otherwise. */
export function buildNode(ctx: StudioExport, node: FlowNode, index: number): void {
  // A queue widget's failure step is written with the queue's widget.
  if (ctx.names.foldedInto(node.id) !== undefined) return;
  const raw = ctx.names.vendorOf(node);
  if (raw !== undefined) {
    writeBack(ctx, node, index, raw);
    return;
  }
  const name = ctx.names.widgetOf(node.id);
  const at = nodePointer(index);
  const offset = canvasOffset(node, index);
  switch (node.kind) {
    case 'prompt':
      if (node.next === undefined && !node.end) {
        ctx.notes.note(at, `prompt ${JSON.stringify(node.id)} goes nowhere; in Studio an unwired exit ends the call, so it reads as a goodbye`, node.id);
      }
      sayPlay(ctx, name, node.prompt, ctx.names.target(node.next), offset, `${at}/prompt`, node.id);
      return;
    case 'menu':
      menu(ctx, node, index, name);
      return;
    case 'input':
      input(ctx, node, index, name);
      return;
    case 'branch':
      branch(ctx, node, index, name);
      return;
    case 'hours':
      hours(ctx, node, index, name);
      return;
    case 'lookup': {
      const url = ctx.refs.lookup('functions', node.service, node.id);
      if (url === undefined) {
        ctx.notes.note(`${at}/service`, `lookup ${JSON.stringify(node.id)}: no Function URL for ${JSON.stringify(node.service)} in the environment; the service name is written as the URL`, node.id);
      }
      if (node.prompt !== undefined) ctx.notes.note(`${at}/prompt`, `lookup ${JSON.stringify(node.id)}: its prompt is not written (run-function plays nothing)`, node.id);
      ctx.widgets.push({
        name,
        type: 'run-function',
        transitions: [transition('success', ctx.names.target(node.success)), transition('fail', ctx.names.target(node.failure))],
        properties: {
          url: url ?? node.service,
          parameters: (node.inputs ?? []).map((key, i) => ({ key, value: `{{${readVariable(ctx, key, node.id, `${at}/inputs/${i}`)}}}` })),
          offset
        }
      });
      return;
    }
    case 'set': {
      const variables: Json[] = [];
      for (const [key, value] of Object.entries(node.assign ?? {})) variables.push({ key: variableKey(key), value: scalarString(value) });
      for (const key of node.increment ?? []) {
        const k = variableKey(key);
        variables.push({ key: k, value: `{{flow.variables.${k} | plus: 1}}` });
      }
      ctx.widgets.push({ name, type: 'set-variables', transitions: [transition('next', ctx.names.target(node.next))], properties: { variables, offset } });
      return;
    }
    case 'queue':
      queue(ctx, node, index, name);
      return;
    case 'transfer':
      transfer(ctx, node, index, name);
      return;
    case 'voicemail':
      voicemail(ctx, node, index, name);
      return;
    case 'callback':
      callback(ctx, node, index, name);
      return;
    case 'subflow': {
      const sid = ctx.refs.lookup('flows', node.flow);
      if (sid === undefined) ctx.notes.note(`${at}/flow`, `sub-flow ${JSON.stringify(node.id)}: no flow SID for ${JSON.stringify(node.flow)} in the environment; the flow id is written`, node.id);
      const next = ctx.names.target(node.next);
      // failed goes where completed goes: the native sub-flow has one way on.
      ctx.widgets.push({
        name,
        type: 'run-subflow',
        transitions: [transition('completed', next), transition('failed', next)],
        properties: { flow_sid: sid ?? node.flow, flow_revision: 'LatestPublished', parameters: [], offset }
      });
      return;
    }
    case 'hangup':
      if (node.prompt !== undefined) sayPlay(ctx, name, node.prompt, undefined, offset, `${at}/prompt`, node.id);
      else hangUp(ctx, name, offset);
      return;
    case 'return':
      ctx.notes.note(at, `return ${JSON.stringify(node.id)}: a Studio sub-flow returns to its parent when it ends, so the exits that lead here are left unwired`, node.id);
      if (node.prompt !== undefined) sayPlay(ctx, name, node.prompt, undefined, offset, `${at}/prompt`, node.id);
      return;
    case 'opaque':
      opaqueStep(ctx, node, index, name);
      return;
  }
}

/** Opening hours: a Function that checks the schedule (Studio has no hours widget) and a split on its answer. */
export function hours(ctx: StudioExport, node: NodeOfKind<'hours'>, index: number, name: string): void {
  const at = nodePointer(index);
  const url = ctx.refs.lookup('hours', node.id, ANY_HOURS);
  if (url === undefined) {
    ctx.notes.note(at, `hours ${JSON.stringify(node.id)}: Studio has no hours widget; it calls a Function that checks the schedule (set its URL in the environment as {"hours": {"${node.id}": …}}, or "*" for every hours check; a placeholder is written)`, node.id);
  }
  const split = ctx.names.claim(`${name}_is_open`);
  const closed = ctx.names.target(node.closed);
  const open = ctx.names.target(node.open);
  ctx.widgets.push({
    name,
    type: 'run-function',
    // A failed check takes the caller where an open line goes, as Twilio's own Flex
    // templates do: sent where closed goes, every caller in open hours would be told the
    // line is closed whenever the Function fails (hours-fail-closed). Should the line be
    // closed after all, the queue's own failure exit still catches the caller.
    transitions: [transition('success', split), transition('fail', open)],
    properties: {
      url: url ?? HOURS_FUNCTION_PLACEHOLDER,
      parameters: [
        { key: 'timeZone', value: node.timeZone },
        { key: 'weekly', value: JSON.stringify(node.weekly) },
        ...(node.holidays === undefined ? [] : [{ key: 'holidays', value: JSON.stringify(node.holidays) }])
      ],
      offset: canvasOffset(node, index)
    }
  });
  ctx.widgets.push({
    name: split,
    type: 'split-based-on',
    transitions: [
      transition('noMatch', closed),
      {
        event: 'match',
        ...(open === undefined ? {} : { next: open }),
        conditions: [{ friendly_name: 'open', arguments: [`{{widgets.${name}.parsed.isOpen}}`], type: 'equal_to', value: 'true' }]
      }
    ],
    properties: { input: `{{widgets.${name}.parsed.isOpen}}`, offset: canvasOffset(node, index, 0, 200) }
  });
}

