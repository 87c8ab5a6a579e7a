/**
 * Widgets that are one step of the call: say-play → prompt, set-variables →
 * set (`{{flow.variables.x | plus: 1}}` on x is a counter), run-function and
 * make-http-request → lookup, run-subflow → sub-flow, and any widget this
 * importer does not model → an opaque step with its events as outcomes.
 */
import { compact, isObject, plain, type Json } from '../json.ts';
import type { SourceOutcome, StudioImport, Widget } from './context.ts';
import { common, prompt } from './node.ts';
import { scalarText, text } from './values.ts';
import type { OutcomeMeaning } from '../../../model/types.ts';

/** Events that end the call by design when they have no transition. */
const DESIGNED_ENDINGS: ReadonlySet<string> = new Set([
  'audioComplete',
  'callComplete',
  'callCompleted',
  'hangup',
  'recordingComplete',
  'noAudio',
  'sent'
]);

/** say-play: a prompt (unwired audioComplete: the call ends there, by design). */
export function sayPlay(ctx: StudioImport, widget: Widget): Json {
  const outcomes: SourceOutcome[] = [];
  const next = ctx.wire(widget, 'next', 'audioComplete', outcomes);
  return { ...common(widget, outcomes), kind: 'prompt', prompt: prompt(widget), ...(next === undefined ? { end: true } : { next }) };
}

/** set-variables: a set (`{{flow.variables.x | plus: 1}}` on x counts); an empty one with nothing after it, a hang-up. */
export function setVariables(ctx: StudioImport, widget: Widget): Json {
  const outcomes: SourceOutcome[] = [];
  const next = ctx.wire(widget, 'next', 'next', outcomes);
  const assign: Record<string, string | number | boolean | null> = {};
  const increment: string[] = [];
  const variables = widget.properties.variables;
  const at = `${widget.pointer}/properties/variables`;
  // Setting nothing and going nowhere: an ending the designer meant (Studio has no hang-up widget).
  if (next === undefined && (variables === undefined || (Array.isArray(variables) && variables.length === 0))) {
    return { ...common(widget, outcomes), kind: 'hangup' };
  }
  if (variables !== undefined && !Array.isArray(variables)) {
    ctx.note(at, `widget ${JSON.stringify(widget.name)}: "variables" is not a list and is ignored`, widget.name);
  }
  (Array.isArray(variables) ? variables : []).forEach((variable: unknown, index) => {
    if (!isObject(variable) || typeof variable.key !== 'string' || variable.key === '') {
      ctx.note(`${at}/${index}`, `widget ${JSON.stringify(widget.name)}: a variable needs a "key"; this one is ignored`, widget.name);
      return;
    }
    const name = `flow.variables.${variable.key}`;
    const value = variable.value;
    if (typeof value === 'string') {
      const counter = /^\s*\{\{\s*flow\.variables\.([^\s|{}]+)\s*(?:\|\s*default\s*:\s*[^|{}]*)?\|\s*plus\s*:\s*1\s*\}\}\s*$/.exec(value);
      if (counter && counter[1] === variable.key) {
        increment.push(name);
        return;
      }
    }
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      assign[name] = value;
    } else {
      assign[name] = JSON.stringify(plain(value)) ?? '';
    }
  });
  return compact({
    ...common(widget, outcomes),
    kind: 'set',
    assign: Object.keys(assign).length > 0 ? assign : undefined,
    increment: increment.length > 0 ? increment : undefined,
    next
  });
}

/** run-function or make-http-request: a lookup (fail or failed is its failure). */
export function lookup(ctx: StudioImport, widget: Widget): Json {
  const outcomes: SourceOutcome[] = [];
  const success = ctx.wire(widget, 'success', 'success', outcomes);
  const failEvent = ctx.event(widget, 'fail') !== undefined ? 'fail' : 'failed';
  const failure = ctx.wire(widget, 'failure', failEvent, outcomes);
  const p = widget.properties;
  const url = text(p.url);
  const service =
    widget.type === 'make-http-request'
      ? [text(p.method), url].filter((part) => part !== undefined).join(' ') || widget.name
      : (url ?? text(p.function_sid) ?? widget.name);
  const parameters = Array.isArray(p.parameters)
    ? p.parameters.flatMap((parameter: unknown) => (isObject(parameter) && typeof parameter.key === 'string' ? [parameter.key] : []))
    : [];
  return compact({
    ...common(widget, outcomes),
    kind: 'lookup',
    service,
    inputs: parameters.length > 0 ? parameters : undefined,
    success,
    failure
  });
}

/** run-subflow: a sub-flow when failed goes where completed goes, else an opaque step with both exits. */
export function subflow(ctx: StudioImport, widget: Widget): Json {
  const completed = ctx.event(widget, 'completed');
  const failed = ctx.event(widget, 'failed');
  const flow = text(widget.properties.flow_sid);
  if (flow !== undefined && completed !== undefined && (failed === undefined || (failed.next !== undefined && failed.next === completed.next))) {
    const outcomes: SourceOutcome[] = [['next', 'completed', completed.pointer]];
    return compact({ ...common(widget, outcomes), kind: 'subflow', flow, next: completed.next });
  }
  ctx.note(
    widget.pointer,
    `run-subflow ${JSON.stringify(widget.name)} is imported as an opaque step with its completed and failed exits, so that an unwired failed is checked; the sub-flow ${flow === undefined ? '' : `${JSON.stringify(flow)} `}is not followed`,
    widget.name
  );
  return opaque(ctx, widget, false);
}


/**
 * What a widget's event says of the person, by widget type: whether they
 * replied, did not, could not be reached, answered an outgoing call, or the
 * step failed. The analysis judges an unwired event by it (a survey nobody
 * answered is not a dropped caller).
 */
const MEANINGS: Readonly<Record<string, Readonly<Record<string, OutcomeMeaning>>>> = {
  'send-and-wait-for-reply': { incomingMessage: 'reply', timeout: 'no-reply', deliveryFailure: 'undeliverable' },
  'send-message': { failed: 'undeliverable' },
  'make-outgoing-call-v2': { answered: 'answered', busy: 'not-answered', noAnswer: 'not-answered', failed: 'not-answered' },
  'make-outgoing-call': { answered: 'answered', busy: 'not-answered', noAnswer: 'not-answered', failed: 'not-answered' },
  'send-to-auto-pilot': { failure: 'failure', timeout: 'no-reply' },
  'connect-virtual-agent': { failed: 'failure' },
  'connect-virtual-agent-v2': { failed: 'failure' },
  'run-subflow': { failed: 'failure' },
  'capture-payments': { providerError: 'failure' }
};

/** The meaning of a widget's event, when its type gives it one. */
function meaningOf(type: string, event: string): OutcomeMeaning | undefined {
  const table = Object.hasOwn(MEANINGS, type) ? MEANINGS[type]! : undefined;
  return table !== undefined && Object.hasOwn(table, event) ? table[event] : undefined;
}

/** A widget this importer does not model: a step with its events as outcomes. */
export function opaque(ctx: StudioImport, widget: Widget, note = true): Json {
  const outcomes: SourceOutcome[] = [];
  const list: Json[] = [];
  const seen = new Set<string>();
  for (const transition of widget.transitions) {
    if (seen.has(transition.event)) {
      ctx.note(transition.pointer, `widget ${JSON.stringify(widget.name)} lists ${transition.event} twice; the first is used`, widget.name);
      continue;
    }
    seen.add(transition.event);
    outcomes.push([transition.event, transition.event, transition.pointer]);
    list.push(
      compact({
        name: transition.event,
        next: transition.next,
        required: DESIGNED_ENDINGS.has(transition.event) ? false : undefined,
        means: meaningOf(widget.type, transition.event)
      })
    );
  }
  if (list.length === 0) {
    list.push({ name: 'end', required: false });
    outcomes.push(['end', 'end', `${widget.pointer}/transitions`]);
  }
  if (note) {
    ctx.note(
      widget.pointer,
      `widget ${JSON.stringify(widget.name)} (${widget.type}) is imported as an opaque step: its exits are checked, what it does is not`,
      widget.name
    );
  }
  const say = scalarText(widget.properties.say);
  return compact({
    ...common(widget, outcomes),
    kind: 'opaque',
    vendorType: widget.type,
    prompt: say !== undefined && say.trim() !== '' ? say : undefined,
    outcomes: list
  });
}
