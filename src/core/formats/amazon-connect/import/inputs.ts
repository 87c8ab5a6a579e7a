/** GetParticipantInput and ConnectParticipantWithLexBot: a menu of choices, or stored input. */
import { DTMF_KEYS } from '../../../model/schema.ts';
import type { FlowNode, MenuOption } from '../../../model/types.ts';
import { errorEdge, nextEdge, noMatchEdge } from './edges.ts';
import type { NodeMaker, Outcomes } from './maker.ts';
import { isObject, own, type Step, type StepEdge } from './steps.ts';
import { designOf, promptOf, seconds, str } from './values.ts';

/** GetParticipantInput that stores input: an input (on silence Connect takes the success path, with "Timeout"). */
export function input(maker: NodeMaker, step: Step): FlowNode {
  const p = step.parameters;
  const outcomes: Outcomes = {};
  const next = nextEdge(step);
  const invalid = errorEdge(step, 'InvalidPhoneNumber');
  const n = maker.outcome(outcomes, 'next', next);
  // On silence Connect takes the success path with the value "Timeout": to a
  // Compare on it, when one follows, else on as if an entry was made.
  const onTimeout = maker.timeoutEdgeOf(step);
  // A following Compare's "Timeout" branch is that Compare's to write back, not this action's.
  const silent = onTimeout === undefined ? maker.outcome(outcomes, 'noInput', { ...next, name: 'Timeout' }) : onTimeout.target;
  if (onTimeout !== undefined) maker.note(step, 'no input is the "Timeout" branch of the Compare that follows (Connect takes the success path with the value "Timeout"): change it there', onTimeout.pointer);
  const i = maker.outcome(outcomes, 'invalid', invalid);
  maker.unmodelled(step, 'input', [next, invalid]);
  const validation = isObject(p.InputValidation) ? p.InputValidation : {};
  const custom = own(validation, 'CustomValidation');
  const maxDigits = isObject(custom) ? seconds(own(custom, 'MaximumLength')) : undefined;
  const dtmf = isObject(p.DTMFConfiguration) ? p.DTMFConfiguration : {};
  const terminator = str(own(dtmf, 'InputTerminationSequence'));
  const timeout = seconds(p.InputTimeLimitSeconds);
  return {
    ...maker.base(step, outcomes),
    kind: 'input',
    prompt: promptOf(p) ?? '',
    variable: '$.StoredCustomerInput',
    ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
    ...(maxDigits !== undefined && Number.isInteger(maxDigits) && maxDigits >= 1 ? { maxDigits } : {}),
    ...(terminator === '#' || terminator === '*' ? { terminator } : {}),
    ...(n === undefined ? {} : { next: n }),
    ...(silent === undefined ? {} : { noInput: silent }),
    ...(i === undefined ? {} : { invalid: i })
  } as FlowNode;
}

/** GetParticipantInput or a Lex bot: a menu with an option per condition (a key, or phrases for Lex). */
export function menu(maker: NodeMaker, step: Step, lex: boolean): FlowNode {
  const p = step.parameters;
  const outcomes: Outcomes = {};
  const options: MenuOption[] = [];
  const used: StepEdge[] = [];
  const keys = new Set<string>();
  const intents = designedIntents(step);
  for (const c of step.conditions) {
    const value = c.value.trim();
    const isKey = !lex && (DTMF_KEYS as readonly string[]).includes(value);
    const said = value.toLowerCase();
    if (value === '' || keys.has(isKey ? value : `say:${said}`)) {
      maker.note(step, `the condition ${JSON.stringify(c.value)} is already handled by an earlier condition (Connect takes the first): ignored`, c.pointer);
      continue;
    }
    keys.add(isKey ? value : `say:${said}`);
    if (c.operator !== 'Equals') {
      maker.note(step, `the condition "${c.operator} ${c.value}" is read as the choice ${JSON.stringify(value)}`, c.pointer);
    }
    const native = isKey ? value : `say:${value}`;
    const target = maker.outcome(outcomes, native, c);
    used.push(c);
    const designed = lex ? intents.get(value) : undefined;
    if (designed !== undefined) options.push({ ...designed, label: value, ...(target === undefined ? {} : { next: target }) });
    else options.push(isKey ? { key: value as MenuOption['key'], ...(target === undefined ? {} : { next: target }) } : { phrases: [value], label: value, ...(target === undefined ? {} : { next: target }) });
  }
  const noInput = errorEdge(step, 'InputTimeLimitExceeded');
  const invalid = noMatchEdge(step);
  const ni = maker.outcome(outcomes, 'noInput', noInput);
  maker.outcome(outcomes, 'invalid', invalid);
  const iv = maker.route(step, 'menu', invalid, [...used, noInput]);
  let prompt = promptOf(p);
  if (prompt === undefined && lex) prompt = '';
  const timeout = seconds(lex ? p.LexTimeoutSeconds : p.InputTimeLimitSeconds);
  return {
    ...maker.base(step, outcomes),
    kind: 'menu',
    prompt: prompt ?? '',
    ...(timeout === undefined || (lex && isObject(p.LexTimeoutSeconds)) ? {} : { timeoutSeconds: timeout }),
    options,
    ...(ni === undefined ? {} : { noInput: ni }),
    ...(iv === undefined ? {} : { invalid: iv })
  } as FlowNode;
}

/**
 * The design's choices behind a Lex bot's intents, as this tool's export
 * keeps them in the editor metadata: intent name → the option's key and
 * phrases. Anything malformed is left out (the intent reads as a phrase).
 */
function designedIntents(step: Step): Map<string, Pick<MenuOption, 'key' | 'phrases'>> {
  const found = new Map<string, Pick<MenuOption, 'key' | 'phrases'>>();
  const design = designOf(step);
  if (design?.kind !== 'menu' || !Array.isArray(design.intents)) return found;
  for (const entry of design.intents) {
    if (!isObject(entry) || typeof entry.intent !== 'string' || found.has(entry.intent)) continue;
    const key = typeof entry.key === 'string' && (DTMF_KEYS as readonly string[]).includes(entry.key) ? (entry.key as MenuOption['key']) : undefined;
    const phrases = Array.isArray(entry.phrases) ? entry.phrases.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
    if (key === undefined && phrases.length === 0) continue;
    found.set(entry.intent, { ...(key === undefined ? {} : { key }), ...(phrases.length === 0 ? {} : { phrases }) });
  }
  return found;
}
