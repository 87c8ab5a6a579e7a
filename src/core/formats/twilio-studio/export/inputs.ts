/**
 * Menus and inputs: a gather-input-on-call (a menu's choices in a
 * split-based-on after it). Studio has no retry limit, so one is a counter
 * (set-variables) and a split on it on each retry path.
 */
import type { NodeOfKind } from '../../../model/types.ts';
import type { StudioExport } from './context.ts';
import { canvasOffset } from './layout.ts';
import { nodePointer } from './notes.ts';
import { speech } from './speech.ts';
import { transition, type Transition } from './widgets.ts';

/**
 * Where a retry outcome goes: straight to its target, or, with a retry
 * limit, through a counter (set-variables) and a split on it.
 */
export function retryPath(
  ctx: StudioExport,
  node: NodeOfKind<'menu'> | NodeOfKind<'input'>,
  index: number,
  name: string,
  kind: 'noinput' | 'invalid',
  target: string | undefined,
  dx: number
): string | undefined {
  const to = ctx.names.target(target);
  if (node.maxRetries === undefined) return to;
  const onMax = ctx.names.target(node.onMaxRetries);
  if (node.maxRetries === 0) return onMax;
  const counter = `${name}_tries`;
  const count = ctx.names.claim(`${name}_${kind}_count`);
  const check = ctx.names.claim(`${name}_${kind}_check`);
  const offset = canvasOffset(node, index, dx, 200);
  ctx.widgets.push({
    name: count,
    type: 'set-variables',
    transitions: [transition('next', check)],
    properties: { variables: [{ key: counter, value: `{{flow.variables.${counter} | plus: 1}}` }], offset }
  });
  ctx.widgets.push({
    name: check,
    type: 'split-based-on',
    transitions: [
      transition('noMatch', to),
      {
        event: 'match',
        ...(onMax === undefined ? {} : { next: onMax }),
        conditions: [
          {
            friendly_name: 'retries used up',
            arguments: [`{{flow.variables.${counter}}}`],
            type: 'greater_than',
            value: String(node.maxRetries)
          }
        ]
      }
    ],
    properties: { input: `{{flow.variables.${counter}}}`, offset: { x: offset.x, y: offset.y + 200 } }
  });
  return count;
}

/** Notes on what a menu or input keeps of its retries: the counter, and the reprompts Studio does not play. */
export function retryNotes(ctx: StudioExport, node: NodeOfKind<'menu'> | NodeOfKind<'input'>, index: number): void {
  if (node.maxRetries !== undefined && node.maxRetries > 0) {
    ctx.notes.note(nodePointer(index, '/maxRetries'), `${node.kind} ${JSON.stringify(node.id)}: the retry limit is a counter in flow.variables that a valid answer does not reset`, node.id);
  }
  for (const field of ['reprompt', 'noInputPrompt', 'invalidPrompt'] as const) {
    if (node[field] !== undefined) {
      ctx.notes.note(nodePointer(index, `/${field}`), `${node.kind} ${JSON.stringify(node.id)}: "${field}" is not written (a gather plays its one prompt on each attempt)`, node.id);
    }
  }
}

/** A menu: a gather whose Digits (or SpeechResult) a split matches against each option. */
export function menu(ctx: StudioExport, node: NodeOfKind<'menu'>, index: number, name: string): void {
  const at = nodePointer(index);
  const split = ctx.names.claim(`${name}_choice`);
  const noInput = retryPath(ctx, node, index, name, 'noinput', node.noInput, 400);
  const invalid = retryPath(ctx, node, index, name, 'invalid', node.invalid, 800);
  retryNotes(ctx, node, index);
  const digits = `{{widgets.${name}.Digits}}`;
  const said = `{{widgets.${name}.SpeechResult}}`;
  const matches: Transition[] = [];
  const phrases: string[] = [];
  node.options.forEach((option, o) => {
    const next = ctx.names.target(option.next);
    if (option.key !== undefined) {
      matches.push({
        event: 'match',
        ...(next === undefined ? {} : { next }),
        conditions: [{ friendly_name: option.label ?? option.key, arguments: [digits], type: 'equal_to', value: option.key }]
      });
    }
    const words = option.phrases ?? [];
    if (words.length > 0) {
      phrases.push(...words);
      if (words.some((w) => w.includes(','))) {
        ctx.notes.note(nodePointer(index, `/options/${o}/phrases`), `menu ${JSON.stringify(node.id)}: a phrase with a comma is split into several by Studio's "matches any of"`, node.id);
      }
      matches.push({
        event: 'match',
        ...(next === undefined ? {} : { next }),
        conditions: [{ friendly_name: option.label ?? words[0]!, arguments: [said], type: 'matches_any_of', value: words.join(', ') }]
      });
    }
    if (option.key === undefined && words.length === 0) {
      ctx.notes.note(nodePointer(index, `/options/${o}`), `menu ${JSON.stringify(node.id)}: option ${o + 1} has neither a key nor phrases and is not written`, node.id);
    }
  });
  if (node.options.some((o) => o.key !== undefined && (o.phrases ?? []).length > 0)) {
    ctx.notes.note(at, `menu ${JSON.stringify(node.id)}: an option with a key and phrases is two matches of the split (Digits, SpeechResult)`, node.id);
  }
  const keys = node.options.map((o) => o.key).filter((k) => k !== undefined);
  ctx.widgets.push({
    name,
    type: 'gather-input-on-call',
    transitions: [transition('keypress', split), transition('speech', phrases.length > 0 ? split : invalid), transition('timeout', noInput)],
    properties: {
      ...speech(ctx, node.prompt, `${at}/prompt`, node.id),
      // One key decides a menu; a menu of phrases alone lets the caller speak.
      ...(keys.length > 0 || phrases.length === 0 ? { number_of_digits: 1 } : {}),
      timeout: node.timeoutSeconds ?? 5,
      stop_gather: true,
      speech_timeout: 'auto',
      ...(phrases.length > 0 ? { hints: phrases.join(', ') } : {}),
      loop: 1,
      offset: canvasOffset(node, index)
    }
  });
  ctx.widgets.push({
    name: split,
    type: 'split-based-on',
    transitions: [transition('noMatch', invalid), ...matches],
    properties: { input: keys.length > 0 || phrases.length === 0 ? digits : said, offset: canvasOffset(node, index, 0, 200) }
  });
}

/** An input: a gather of digits into `widgets.<name>.Digits`. */
export function input(ctx: StudioExport, node: NodeOfKind<'input'>, index: number, name: string): void {
  const at = nodePointer(index);
  const noInput = retryPath(ctx, node, index, name, 'noinput', node.noInput, 400);
  const invalid = retryPath(ctx, node, index, name, 'invalid', node.invalid, 800);
  retryNotes(ctx, node, index);
  if (node.variable !== `widgets.${name}.Digits`) {
    ctx.notes.note(`${at}/variable`, `input ${JSON.stringify(node.id)}: the digits are in {{widgets.${name}.Digits}}, not ${JSON.stringify(node.variable)}`, node.id);
  }
  if (node.minDigits !== undefined || node.pattern !== undefined) {
    ctx.notes.note(at, `input ${JSON.stringify(node.id)}: "minDigits" and "pattern" are not checked by the gather; a split on the digits would be needed`, node.id);
  }
  ctx.widgets.push({
    name,
    type: 'gather-input-on-call',
    transitions: [transition('keypress', ctx.names.target(node.next)), transition('speech', invalid), transition('timeout', noInput)],
    properties: {
      ...speech(ctx, node.prompt, `${at}/prompt`, node.id),
      ...(node.maxDigits === undefined ? {} : { number_of_digits: node.maxDigits }),
      finish_on_key: node.terminator ?? '#',
      timeout: node.timeoutSeconds ?? 5,
      stop_gather: true,
      loop: 1,
      offset: canvasOffset(node, index)
    }
  });
}
