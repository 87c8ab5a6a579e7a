/**
 * gather-input-on-call: a menu when its keypress (or speech) goes to a
 * split-based-on comparing its Digits with single keys (or its SpeechResult
 * with phrases), otherwise an input of digits.
 */
import { compact, isObject, plain, type Json } from '../json.ts';
import type { SourceOutcome, StudioImport, Transition, Widget } from './context.ts';
import { common, prompt } from './node.ts';
import { liquidExpression, list, scalarText, seconds, text } from './values.ts';

const DTMF = /^[0-9*#]$/;

/** A gather whose input a split reads as menu choices, as one menu; undefined when it is not one. */
export function gatherMenu(ctx: StudioImport, gather: Widget, keypress: Transition | undefined, speech: Transition | undefined): { node: Json; split: Widget } | undefined {
  const target = keypress?.next ?? speech?.next;
  const split = target === undefined ? undefined : ctx.byName.get(target);
  if (split === undefined || split.type !== 'split-based-on' || split === gather) return undefined;
  if (keypress?.next !== undefined && keypress.next !== split.name) return undefined;
  const noMatch = split.transitions.find((t) => t.event === 'noMatch');
  // A spoken reply that goes elsewhere must go where an invalid one does.
  if (speech?.next !== undefined && speech.next !== split.name && speech.next !== noMatch?.next) return undefined;
  if (split.transitions.some((t) => t.event !== 'match' && t.event !== 'noMatch')) return undefined;
  const digits = `widgets.${gather.name}.Digits`;
  const said = `widgets.${gather.name}.SpeechResult`;
  const input = scalarText(split.properties.input);
  const choices: { keys: string[]; phrases: string[]; label: string | undefined; transition: Transition }[] = [];
  for (const transition of split.transitions) {
    if (transition.event !== 'match') continue;
    if (!Array.isArray(transition.conditions) || transition.conditions.length !== 1) return undefined;
    const condition: unknown = transition.conditions[0];
    if (!isObject(condition)) return undefined;
    const args = Array.isArray(condition.arguments) ? condition.arguments : [];
    const argument = scalarText(args[0]) ?? input;
    const value = scalarText(condition.value);
    if (argument === undefined || value === undefined) return undefined;
    const variable = liquidExpression(argument);
    const values = condition.type === 'equal_to' ? [value.trim()] : condition.type === 'matches_any_of' ? list(value) : undefined;
    if (variable === digits) {
      if (values === undefined || values.length === 0 || !values.every((v) => DTMF.test(v))) return undefined;
      choices.push({ keys: values, phrases: [], label: text(condition.friendly_name), transition });
    } else if (variable === said) {
      const phrases = condition.type === 'contains' ? [value.trim()].filter((v) => v !== '') : values;
      if (phrases === undefined || phrases.length === 0) return undefined;
      choices.push({ keys: [], phrases, label: text(condition.friendly_name), transition });
    } else {
      return undefined;
    }
  }
  // A split with no choices is a menu only when the gather takes one key and the split reads it: every key is invalid.
  const oneKey = scalarText(gather.properties.number_of_digits) === '1' && input !== undefined && liquidExpression(input) === digits;
  if (choices.length === 0 && !oneKey) return undefined;

  const outcomes: SourceOutcome[] = [];
  const options: Json[] = [];
  const keys = new Set<string>();
  const phrases = new Set<string>();
  for (const choice of choices) {
    for (const key of choice.keys) {
      if (keys.has(key)) {
        ctx.note(choice.transition.pointer, `split ${JSON.stringify(split.name)} matches key ${key} more than once; Studio takes the first`, gather.name);
        continue;
      }
      keys.add(key);
      outcomes.push([key, key, choice.transition.pointer]);
      options.push(compact({ key, label: choice.label, next: choice.transition.next }));
    }
    const fresh = choice.phrases.filter((phrase) => {
      const normal = phrase.trim().toLowerCase();
      if (phrases.has(normal)) return false;
      phrases.add(normal);
      return true;
    });
    if (fresh.length < choice.phrases.length) {
      ctx.note(choice.transition.pointer, `split ${JSON.stringify(split.name)} matches a phrase more than once; Studio takes the first`, gather.name);
    }
    if (fresh.length > 0) {
      // Phrases that go where a key goes are that key's choice said aloud (one option, as a caller sees it).
      const keyed = options.find((option) => option.key !== undefined && option.phrases === undefined && option.next === choice.transition.next);
      if (keyed !== undefined) {
        keyed.phrases = fresh;
        continue;
      }
      const name = `say:${fresh[0]!}`;
      outcomes.push([name, name, choice.transition.pointer]);
      options.push(compact({ phrases: fresh, label: choice.label, next: choice.transition.next }));
    }
  }
  const noInput = ctx.wire(gather, 'noInput', 'timeout', outcomes);
  const invalid = ctx.wire(split, 'invalid', 'noMatch', outcomes);
  if (keypress?.next === undefined) {
    ctx.note(
      keypress?.pointer ?? `${gather.pointer}/transitions`,
      `gather ${JSON.stringify(gather.name)}: a key press ends the call (keypress has no transition); the menu takes keys it does not offer as invalid input`,
      gather.name
    );
  }
  if (speech?.next === undefined) {
    ctx.note(
      speech?.pointer ?? `${gather.pointer}/transitions`,
      `gather ${JSON.stringify(gather.name)}: a spoken reply ends the call (speech has no transition); the menu takes it as invalid input`,
      gather.name
    );
  }
  const p = gather.properties;
  const node = compact({
    ...common(gather, outcomes, { split: { name: split.name, pointer: split.pointer, vendor: plain(split.raw) } }),
    kind: 'menu',
    prompt: prompt(gather),
    timeoutSeconds: seconds(p.timeout),
    noInput,
    invalid,
    options
  });
  return { node, split };
}

/** A gather that is no menu: an input of digits (keypress → next, timeout → noInput, speech → invalid). */
export function gatherInput(ctx: StudioImport, gather: Widget): Json {
  const outcomes: SourceOutcome[] = [];
  const next = ctx.wire(gather, 'next', 'keypress', outcomes);
  const noInput = ctx.wire(gather, 'noInput', 'timeout', outcomes);
  // Speech is the gather's other way of answering: for digits, the wrong one.
  const invalid = ctx.wire(gather, 'invalid', 'speech', outcomes);
  const p = gather.properties;
  const digits = typeof p.number_of_digits === 'number' ? p.number_of_digits : Number(scalarText(p.number_of_digits) ?? NaN);
  const maxDigits = Number.isSafeInteger(digits) && digits >= 1 ? digits : undefined;
  if (maxDigits === undefined && p.number_of_digits !== undefined) {
    const given = scalarText(p.number_of_digits);
    ctx.note(
      `${gather.pointer}/properties/number_of_digits`,
      `widget ${JSON.stringify(gather.name)}: number_of_digits ${given === undefined ? 'is not a number' : `${given.length > 24 ? `${given.slice(0, 24)}…` : given} is not a whole number of digits from 1 to ${Number.MAX_SAFE_INTEGER}`}; read as no set number (the entry ends at the finish key)`,
      gather.name
    );
  }
  const finish = scalarText(p.finish_on_key);
  return compact({
    ...common(gather, outcomes),
    kind: 'input',
    prompt: prompt(gather),
    timeoutSeconds: seconds(p.timeout),
    variable: `widgets.${gather.name}.Digits`,
    maxDigits,
    terminator: finish === '#' || finish === '*' ? finish : undefined,
    next,
    noInput,
    invalid
  });
}

