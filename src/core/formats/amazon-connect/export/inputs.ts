/**
 * Menus and inputs: GetParticipantInput, with a Loop on the retry path when
 * there is a retry limit; a menu the caller may speak to, a Lex bot.
 */
import { outcomesOf } from '../../../model/outcomes.ts';
import type { FlowNode, Prompt } from '../../../model/types.ts';
import type { ConnectAction } from './actions.ts';
import type { ConnectExport } from './context.ts';
import { text } from './prompts.ts';
import { outcomeNamed } from './targets.ts';
import { DESIGN_KEY } from '../contract.ts';

type Json = Record<string, unknown>;

/** Menu and input: GetParticipantInput, with a Loop on the retry path when there is a retry limit. */
export function buildInput(ctx: ConnectExport, node: Extract<FlowNode, { kind: 'menu' | 'input' }>): void {
  const entry = ctx.targets.id(node.id);
  const again = (name: 'noInput' | 'invalid'): Prompt | undefined =>
    name === 'noInput' ? (node.noInputPrompt ?? node.reprompt) : (node.invalidPrompt ?? node.reprompt);
  const shared = node.invalid === node.noInput && JSON.stringify(again('noInput')) === JSON.stringify(again('invalid'));
  const retryTarget = (name: 'noInput' | 'invalid'): string => {
    const o = outcomeNamed(node, name);
    if (node.maxRetries === undefined) return ctx.targets.to(node, o);
    const loopId = ctx.targets.id(node.id, shared ? 'retry' : `retry:${name}`);
    if (ctx.actions.has(loopId)) return loopId;
    if (!shared && name === 'invalid' && node.kind === 'menu') {
      ctx.notes.note(node, 'no input and invalid input are handled differently: each has its own Loop, so Connect counts them separately, not together', '/maxRetries');
    }
    let more = ctx.targets.to(node, o);
    const reprompt = again(name);
    if (reprompt !== undefined) {
      more = ctx.actions.add(node, {
        Identifier: ctx.targets.id(node.id, `reprompt:${name}`),
        Type: 'MessageParticipant',
        Parameters: text(ctx, reprompt, node),
        Transitions: { NextAction: more, Errors: [{ NextAction: more, ErrorType: 'NoMatchingError' }] }
      }, 2);
    }
    const done = ctx.targets.to(node, outcomeNamed(node, 'maxRetries'));
    return ctx.actions.add(node, {
      Identifier: loopId,
      Type: 'Loop',
      Parameters: { LoopCount: String(node.maxRetries) },
      Transitions: {
        NextAction: done,
        Conditions: [
          { NextAction: more, Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
          { NextAction: done, Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } }
        ]
      }
    }, 1);
  };
  if (node.maxRetries === undefined && (node.reprompt ?? node.noInputPrompt ?? node.invalidPrompt) !== undefined) {
    ctx.notes.note(node, 'the reprompts are played only with a retry limit (maxRetries); without one they are left out');
  }
  const noInput = node.kind === 'menu' ? retryTarget('noInput') : undefined;
  const invalid = retryTarget('invalid');
  const parameters: Json = { ...text(ctx, node.prompt, node), StoreInput: node.kind === 'input' ? 'True' : 'False', InputTimeLimitSeconds: String(node.timeoutSeconds ?? 5) };
  if (node.kind === 'menu' && node.options.some((o) => (o.phrases ?? []).length > 0)) {
    lexMenu(ctx, node, entry, noInput!, invalid);
    return;
  }
  if (node.kind === 'menu') {
    const conditions: NonNullable<NonNullable<ConnectAction['Transitions']>['Conditions']> = [];
    node.options.forEach((option, i) => {
      if (option.key === undefined) {
        ctx.notes.note(node, `option ${JSON.stringify(option.label ?? option.phrases?.[0] ?? i + 1)} has no key: a DTMF menu in Connect cannot take phrases, so it is left out (use a Lex bot)`, `/options/${i}`);
        return;
      }
      const o = outcomesOf(node).find((x) => x.pointer === `/options/${i}/next`);
      conditions.push({ NextAction: ctx.targets.to(node, o), Condition: { Operator: 'Equals', Operands: [option.key] } });
    });
    ctx.actions.add(node, {
      Identifier: entry,
      Type: 'GetParticipantInput',
      Parameters: parameters,
      Transitions: {
        NextAction: invalid,
        Conditions: conditions,
        Errors: [
          { NextAction: noInput!, ErrorType: 'InputTimeLimitExceeded' },
          { NextAction: invalid, ErrorType: 'NoMatchingCondition' },
          { NextAction: invalid, ErrorType: 'NoMatchingError' }
        ]
      }
    });
    return;
  }
  const next = ctx.targets.to(node, outcomeNamed(node, 'next'));
  if (node.maxDigits !== undefined) parameters.InputValidation = { CustomValidation: { MaximumLength: String(node.maxDigits) } };
  parameters.DTMFConfiguration = { InputTerminationSequence: node.terminator ?? '#' };
  if (node.pattern !== undefined || node.minDigits !== undefined) {
    ctx.notes.note(node, 'Connect checks only the length of stored input: the pattern and minimum length are not checked (compare the entry with a Lambda function)');
  }
  // With StoreInput, silence takes the success path with the value "Timeout":
  // a Compare on the stored input sends it where the design sends no input.
  let entered = next;
  if (node.noInput !== undefined) {
    const silence = retryTarget('noInput');
    entered = ctx.actions.add(node, {
      Identifier: ctx.targets.id(node.id, 'timeout'),
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.StoredCustomerInput' },
      Transitions: {
        NextAction: next,
        Conditions: [{ NextAction: silence, Condition: { Operator: 'Equals', Operands: ['Timeout'] } }],
        Errors: [{ NextAction: next, ErrorType: 'NoMatchingCondition' }]
      }
    }, 1);
  } else {
    ctx.notes.note(node, 'with StoreInput, no input takes the success path with the value "Timeout", and the design says nothing for no input: a silent caller goes on as if they had entered something');
  }
  ctx.actions.add(node, {
    Identifier: entry,
    Type: 'GetParticipantInput',
    Parameters: parameters,
    Transitions: { NextAction: entered, Errors: [{ NextAction: invalid, ErrorType: 'NoMatchingError' }] }
  });
}


/** Where the Lex bot is named in the environment: one bot per flow, its alias ARN. */
const LEX_BOT_SETTING = 'lexBot';

/** An intent name Lex accepts (letters, digits, `_`; starting with a letter), unique in the menu. */
function intentName(wanted: string, taken: Set<string>): string {
  const base = `${/^[A-Za-z]/.test(wanted) ? '' : 'Choice'}${wanted.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')}`.slice(0, 90) || 'Choice';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/**
 * A menu with spoken choices: Connect hears speech only through a Lex bot,
 * so the menu is a ConnectParticipantWithLexBot with one intent per option.
 * The bot is the team's to build: a warning lists each intent with its
 * utterances, and the design's phrases and keys are kept in the editor
 * metadata so the menu reads back as designed.
 */
function lexMenu(ctx: ConnectExport, node: Extract<FlowNode, { kind: 'menu' }>, entry: string, noInput: string, invalid: string): void {
  const taken = new Set<string>();
  const intents: { intent: string; key?: string; phrases: readonly string[] }[] = [];
  const conditions: { NextAction: string; Condition: { Operator: string; Operands: string[] } }[] = [];
  node.options.forEach((option, i) => {
    const phrases = option.phrases ?? [];
    const intent = intentName(option.label ?? phrases[0] ?? `Key_${option.key ?? i + 1}`, taken);
    intents.push({ intent, ...(option.key === undefined ? {} : { key: option.key }), phrases });
    const o = outcomesOf(node).find((x) => x.pointer === `/options/${i}/next`);
    conditions.push({ NextAction: ctx.targets.to(node, o), Condition: { Operator: 'Equals', Operands: [intent] } });
  });
  const bot = ctx.refs.lookup('settings', LEX_BOT_SETTING);
  const list = intents.map((x) => `${x.intent} (${[...(x.key === undefined ? [] : [`key ${x.key}`]), ...x.phrases.map((p) => JSON.stringify(p))].join(', ')})`).join('; ');
  ctx.notes.warn(
    node,
    `Connect hears speech only through a Lex bot: this menu is a ConnectParticipantWithLexBot, and the bot must have the intents ${list}${bot === undefined ? `; name its alias ARN in the environment as {"settings": {"${LEX_BOT_SETTING}": …}} (a placeholder is written)` : ''}`
  );
  const parameters: Json = {
    ...text(ctx, node.prompt, node),
    LexV2Bot: { AliasArn: bot ?? `$MISSING:${LEX_BOT_SETTING}` },
    LexTimeoutSeconds: { Text: String(node.timeoutSeconds ?? 5) }
  };
  ctx.actions.add(node, {
    Identifier: entry,
    Type: 'ConnectParticipantWithLexBot',
    Parameters: parameters,
    Transitions: {
      NextAction: invalid,
      Conditions: conditions,
      Errors: [
        { NextAction: noInput, ErrorType: 'InputTimeLimitExceeded' },
        { NextAction: invalid, ErrorType: 'NoMatchingCondition' },
        { NextAction: invalid, ErrorType: 'NoMatchingError' }
      ]
    }
  });
  ctx.actions.describe(entry, { [DESIGN_KEY]: { kind: 'menu', intents } });
}
