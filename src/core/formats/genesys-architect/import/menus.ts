/**
 * Menus → native menus. A menu plays its audio and waits for a choice
 * (`dtmf: digit_N`, speech terms); with no choice in `menuSelectionTimeout`
 * (or an invalid one) Architect plays it again, up to `repeatCount` times,
 * and then passes the call to the menu's default choice, if it has one
 * (flow defaults from `settingsMenu`, a menu's own settings over them). A
 * choice whose `globalDtmf` (or `globalSpeechRecTerms`) is true can be made
 * from every menu of the flow.
 *
 * Each choice leads where its type says: a transfer (whose failure repeats
 * the menu, as Architect does), a disconnect, a jump to a menu or a task, a
 * sub-menu, or a task of its own (`menuTask`).
 */
import { DTMF_KEYS } from '../../../model/schema.ts';
import { escapeToken } from '../../../json/pointer.ts';
import { optionOutcome } from '../../../model/outcomes.ts';
import type { MenuOption } from '../../../model/types.ts';
import { headOf, transfer, voicemail, type ActionReader, type Head } from './actions.ts';
import type { ArchitectImport, Block, Outcomes, Scope } from './context.ts';
import { audioText, isObject, keptCopy, nameOf, own, text, type Json } from './values.ts';

/** Architect's menu defaults when neither the menu nor the flow sets them. */
const DEFAULT_REPEAT_COUNT = 3;
const DEFAULT_SELECTION_TIMEOUT = 10;

/** A choice read: the option it gives, where the file has it, and whether it is global. */
interface Choice {
  readonly option: MenuOption;
  readonly name: string;
  readonly pointer: string;
  readonly head: Head;
  readonly globalKey: boolean;
  readonly globalPhrases: boolean;
}

/** A menu read, its node made once every menu's global choices are known. */
interface ReadMenu {
  readonly block: Block;
  readonly slot: number;
  readonly choices: Choice[];
  readonly defaultTarget: string | undefined;
  readonly defaultPointer: string;
}

/** `digit_1` → `1`, `digit_star` → `*`, `digit_pound` → `#`. */
export function dtmfKey(value: unknown): MenuOption['key'] | undefined {
  const raw = text(value)?.trim().toLowerCase();
  if (raw === undefined) return undefined;
  const bare = raw.replace(/^digit_?/, '');
  const key = bare === 'star' || bare === 'asterisk' ? '*' : bare === 'pound' || bare === 'hash' ? '#' : bare;
  return (DTMF_KEYS as readonly string[]).includes(key) ? (key as MenuOption['key']) : undefined;
}

/** A choice's speech terms, every language's (`speechRecTerms: {en-us: {terms: […]}}`), each once. */
function termsOf(value: unknown): string[] {
  const found: string[] = [];
  const add = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const term of list) {
      const said = text(term)?.trim();
      if (said !== undefined && said !== '' && !found.includes(said)) found.push(said);
    }
  };
  if (!isObject(value)) return found;
  add(own(value, 'terms'));
  for (const language of Object.values(value)) add(own(language, 'terms'));
  return found;
}

export class MenuReader {
  private readonly read: ReadMenu[] = [];

  constructor(
    private readonly imp: ArchitectImport,
    private readonly actions: ActionReader
  ) {}

  /** Reads a menu and the nodes of its choices; its own node is made by {@link finish}. */
  menu(block: Block): void {
    const imp = this.imp;
    const slot = imp.reserve();
    const choices: Choice[] = [];
    const list = own(block.body, 'choices');
    if (list !== undefined && !Array.isArray(list)) imp.note(`${block.pointer}/choices`, '"choices" should be a list of menu choices: ignored', block.id);
    const taken = new Set<string>();
    // Choices with no key and no terms: a caller cannot make them, but one may be the menu's default choice.
    const hidden: { head: Head; name: string; target: string | undefined }[] = [];
    (Array.isArray(list) ? list : []).forEach((item, index) => {
      const at = `${block.pointer}/choices/${index}`;
      const head = headOf(item, at);
      if (head === undefined) {
        imp.note(at, 'a menu choice is a mapping with one key, the choice type: this item is not one, and is passed over', block.id);
        return;
      }
      const name = text(head.body['name']) ?? head.type;
      const key = dtmfKey(head.body['dtmf']);
      const dtmf = text(head.body['dtmf']);
      if (dtmf !== undefined && key === undefined && dtmf.toLowerCase() !== 'none') imp.note(`${head.pointer}/dtmf`, `${JSON.stringify(dtmf)} is no key this tool knows: the choice takes no key`, block.id);
      let usedKey = key;
      if (key !== undefined && taken.has(key)) {
        imp.note(`${head.pointer}/dtmf`, `key ${key} is already taken by an earlier choice of this menu: this choice takes no key`, block.id);
        usedKey = undefined;
      }
      if (usedKey !== undefined) taken.add(usedKey);
      const phrases = termsOf(head.body['speechRecTerms']);
      const target = this.choice(head, block, `${block.id}/${name}`);
      if (usedKey === undefined && phrases.length === 0) {
        hidden.push({ head, name, target });
        return;
      }
      choices.push({
        option: { ...(usedKey === undefined ? {} : { key: usedKey }), ...(phrases.length === 0 ? {} : { phrases }), label: name, ...(target === undefined ? {} : { next: target }) },
        name: usedKey !== undefined && dtmf !== undefined ? dtmf : name,
        pointer: head.pointer,
        head,
        globalKey: usedKey !== undefined && head.body['globalDtmf'] === true,
        globalPhrases: phrases.length > 0 && head.body['globalSpeechRecTerms'] === true
      });
    });
    // The default choice: where the call goes once the menu has played repeatCount times.
    const reference = text(block.body['defaultChildMenuRef']);
    let defaultTarget: string | undefined;
    if (reference !== undefined) {
      const wanted = /\[(.*)\]\s*$/s.exec(reference)?.[1] ?? reference;
      const matches = (head: Head): boolean => text(head.body['refId']) === wanted || text(head.body['name']) === wanted || head.type === wanted;
      const found = choices.find((c) => matches(c.head));
      const unseen = found === undefined ? hidden.find((c) => matches(c.head)) : undefined;
      if (found === undefined && unseen === undefined) imp.note(`${block.pointer}/defaultChildMenuRef`, `the default choice ${JSON.stringify(reference)} is no choice of this menu`, block.id);
      defaultTarget = found?.option.next ?? unseen?.target;
      if (unseen !== undefined) hidden.splice(hidden.indexOf(unseen), 1);
    }
    for (const { head, name } of hidden) imp.note(head.pointer, `choice ${JSON.stringify(name)} has no key and no speech terms: a caller cannot make it`, block.id);
    this.read.push({ block, slot, choices, defaultTarget, defaultPointer: reference === undefined ? block.pointer : `${block.pointer}/defaultChildMenuRef` });
  }

  /** Where a choice leads: the node(s) it is made into, or the menu or task it jumps to. */
  private choice(head: Head, menu: Block, owner: string): string | undefined {
    const imp = this.imp;
    const { type, body } = head;
    const id = (): string => imp.idOf(head.pointer, owner);
    const outcomes: Outcomes = {};
    const node = (fields: Json): string => {
      const made = id();
      imp.add({ ...imp.base(made, type, body, head.pointer, outcomes), ...fields });
      return made;
    };
    switch (type) {
      case 'menuTransferToAcd': {
        // A transfer from a menu has no failure path: Architect repeats the menu.
        imp.outcome(outcomes, 'overflow', 'failure', head.pointer, menu.id);
        const said = audioText(body['preTransferAudio']);
        return node({ kind: 'queue', queue: nameOf(body['targetQueue']) ?? 'the queue', ...(said === undefined ? {} : { prompt: said }), overflow: menu.id });
      }
      case 'menuDisconnect':
        return node({ kind: 'hangup' });
      case 'menuTransferToVoicemail':
        imp.outcome(outcomes, 'failed', 'failure', head.pointer, menu.id);
        return node(voicemail(body, menu.id));
      case 'menuTransferToNumber':
      case 'menuTransferToUser':
      case 'menuTransferToGroup':
        imp.outcome(outcomes, 'failed', 'failure', head.pointer, menu.id);
        return node(transfer(type.replace(/^menuT/, 't'), body, menu.id));
      case 'menuTransferToFlow':
      case 'menuTransferToFlowSecure':
      case 'menuTransferToSecureFlow':
        imp.outcome(outcomes, 'next', 'failure', head.pointer, menu.id);
        imp.note(head.pointer, `${type} does not come back: the native sub-flow's "next" is where a failed transfer goes (the menu again)`, id());
        return node({ kind: 'subflow', flow: nameOf(body['targetFlow']) ?? 'another flow', next: menu.id });
      case 'menuRepeat':
      case 'menuRepeatMenu':
        return menu.id;
      case 'menuJumpToMenu': {
        const target = imp.menuByRef(body['targetMenuRef']);
        if (target !== undefined) return target.id;
        return this.nowhere(head, id(), 'targetMenuRef', 'menu');
      }
      case 'menuJumpToTask':
      case 'menuJumpToReusableTask':
      case 'menuTaskRef': {
        const task = imp.taskByRef(body['targetTaskRef']);
        if (task !== undefined) return this.actions.taskEntry(task);
        return this.nowhere(head, id(), 'targetTaskRef', 'task');
      }
      case 'menuSubMenu': {
        const inner = body['menu'];
        if (isObject(inner)) {
          const refId = text(inner['refId']) ?? text(inner['name']) ?? owner;
          const block: Block = { id: imp.uniqueId(refId), pointer: `${head.pointer}/menu`, body: inner };
          if (!imp.menus.has(refId)) imp.menus.set(refId, block);
          this.menu(block);
          return block.id;
        }
        const target = imp.menuByRef(body['targetMenuRef']);
        return target !== undefined ? target.id : this.nowhere(head, id(), 'targetMenuRef', 'menu');
      }
      case 'menuTask': {
        const task = body['task'];
        const at = `${head.pointer}/task/actions`;
        const scope: Scope = { owner, taskEnd: imp.endOf(owner, at), loops: [] };
        this.actions.list(own(task, 'actions'), at, scope, scope.taskEnd);
        return this.actions.entryOf(own(task, 'actions'), at, 0, scope, scope.taskEnd);
      }
      case 'menuPreviousMenu':
      case 'menuJumpToPreviousMenu':
        // Where it goes is known once every node is: the menus that lead here (import/index.ts).
        // `meta.previousFrom`: the menu the choice is in, whose own previous menu it goes back to.
        return node({ kind: 'opaque', vendorType: type, outcomes: [{ name: 'previous menu' }], meta: { vendor: { [type]: keptCopy(body) }, previousFrom: menu.id } });
      default: {
        imp.note(head.pointer, `menu choice ${type} is not modelled: kept as a step that ends the call`, id());
        return node({ kind: 'opaque', vendorType: type, outcomes: [{ name: 'next', required: false }] });
      }
    }
  }

  /** A jump from a menu to a menu or task this flow does not have: a step with no way on (a dead end). */
  private nowhere(head: Head, id: string, field: string, what: string): string {
    const imp = this.imp;
    const reference = text(head.body[field]);
    imp.note(head.pointer, `${field} ${reference === undefined ? 'is not set' : `${JSON.stringify(reference)} is no ${what} of this flow`}: the choice goes nowhere`, id, 'warning');
    const outcomes: Outcomes = {};
    imp.outcome(outcomes, field, field, `${head.pointer}/${escapeToken(field)}`, undefined);
    imp.add({ ...imp.base(id, head.type, head.body, head.pointer, outcomes), kind: 'opaque', vendorType: head.type, outcomes: [{ name: field }] });
    return id;
  }

  /**
   * Makes every menu's node, with the global choices of the other menus
   * (a key or terms the menu does not use itself).
   */
  finish(): void {
    const imp = this.imp;
    const globals = this.read.flatMap((menu) => menu.choices.filter((c) => c.globalKey || c.globalPhrases).map((choice) => ({ menu, choice })));
    for (const menu of this.read) {
      const { block } = menu;
      const options: MenuOption[] = [];
      const outcomes: Outcomes = {};
      const choices = [...menu.choices];
      const keys = new Set(choices.flatMap((c) => (c.option.key === undefined ? [] : [c.option.key])));
      const phrases = new Set(choices.flatMap((c) => (c.option.phrases ?? []).map((p) => p.toLowerCase())));
      for (const { menu: from, choice } of globals) {
        if (from === menu) continue;
        const key = choice.globalKey && choice.option.key !== undefined && !keys.has(choice.option.key) ? choice.option.key : undefined;
        const said = choice.globalPhrases ? (choice.option.phrases ?? []).filter((p) => !phrases.has(p.toLowerCase())) : [];
        if (key === undefined && said.length === 0) continue;
        if (key !== undefined) keys.add(key);
        for (const p of said) phrases.add(p.toLowerCase());
        choices.push({ ...choice, option: { ...(key === undefined ? {} : { key }), ...(said.length === 0 ? {} : { phrases: said }), label: `${choice.option.label ?? choice.name} (global, from ${from.block.id})`, ...(choice.option.next === undefined ? {} : { next: choice.option.next }) } });
      }
      choices.forEach((choice, index) => {
        options.push(choice.option);
        imp.outcome(outcomes, optionOutcome(choice.option, index), choice.option.key === undefined ? choice.name : (text(choice.head.body['dtmf']) ?? choice.name), choice.pointer, choice.option.next);
      });
      const repeat = imp.menuSetting(block.body, block.pointer, 'repeatCount', DEFAULT_REPEAT_COUNT);
      const timeout = imp.menuSetting(block.body, block.pointer, 'menuSelectionTimeout', DEFAULT_SELECTION_TIMEOUT);
      imp.outcome(outcomes, 'noInput', 'menuSelectionTimeout', timeout.pointer ?? block.pointer, block.id);
      imp.outcome(outcomes, 'maxRetries', 'default choice', menu.defaultPointer, menu.defaultTarget);
      const retries = Math.max(0, Math.round(repeat.value));
      imp.fill(menu.slot, {
        ...imp.base(block.id, 'menu', block.body, block.pointer, outcomes),
        kind: 'menu',
        prompt: audioText(block.body['audio']) ?? '',
        timeoutSeconds: timeout.value,
        options,
        noInput: block.id,
        invalid: block.id,
        maxRetries: retries,
        ...(menu.defaultTarget === undefined ? {} : { onMaxRetries: menu.defaultTarget })
      });
    }
  }
}
