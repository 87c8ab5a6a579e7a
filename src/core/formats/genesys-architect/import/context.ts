/**
 * The state of one Architect import: the flow's menus and tasks by
 * reference, the native nodes made so far (in document order), their ids,
 * the flow's defaults, and the notes said along the way.
 */
import type { NoteDraft } from '../../types.ts';
import { escapeToken } from '../../../json/pointer.ts';
import { audioText, fullCopy, isObject, keptCopy, nameOf, numberOf, own, safeName, secondsOf, text, type Json } from './values.ts';

/** A part of the file no node keeps (a task's own settings, a jump that is followed), kept for writing the file back. */
export interface KeptPart {
  readonly pointer: string;
  readonly value: unknown;
}

/** A native outcome as Architect names it, and where the file wires it. */
export type Outcomes = Record<string, { name: string; pointer?: string }>;

/**
 * Where the call goes when a list of actions runs out: the next action after
 * the list (the action that branched into it, or the task's end). `end`
 * says the target is a task's built-in disconnect: a failure left without a
 * path that runs into it drops the call, as a dead end.
 */
export interface Continuation {
  readonly target: string | undefined;
  readonly end: boolean;
}

/** A loop the actions being read are inside: Next Loop goes to its head, Exit Loop to its way out. */
export interface LoopScope {
  readonly head: string;
  readonly exit: Continuation;
}

/** What the actions being read belong to. */
export interface Scope {
  /** The prefix of the node ids of its actions: the task's refId, or `<menu>/<choice>` for a menu choice's task. */
  readonly owner: string;
  /** Where End Task goes. */
  readonly taskEnd: Continuation;
  readonly loops: readonly LoopScope[];
}

/** A menu or a reusable task of the flow, by its refId. */
export interface Block {
  readonly id: string;
  readonly pointer: string;
  readonly body: Json;
}

/** A task: its actions, where they are, and its end (the built-in disconnect). */
export interface TaskBlock extends Block {
  readonly end: Continuation;
}

/** A setting read with the flow's default applied: its value, and the pointer of the place that set it. */
export interface Setting {
  readonly value: number;
  readonly pointer: string | undefined;
}

export class ArchitectImport {
  readonly notes: NoteDraft[] = [];
  /** The parts of the file no node keeps, by pointer: with the nodes' own, they make the file again (export/writeback.ts). */
  readonly kept: KeptPart[] = [];
  /** The nodes made, in document order (a slot is reserved for a node whose targets are still being read). */
  readonly nodes: (Json | undefined)[] = [];
  readonly menus = new Map<string, Block>();
  readonly tasks = new Map<string, TaskBlock>();
  private readonly ids = new Set<string>();
  private readonly idByPointer = new Map<string, string>();
  private errorHandler: { target: string | undefined } | undefined;

  constructor(
    /** The flow type (`inboundCall`) */
    readonly type: string,
    /** The flow under its type key. */
    readonly flow: Json,
    /** Whether a task's end disconnects (call flows), or the in-queue flow goes on (in-queue flows). */
    readonly tasksDisconnect: boolean
  ) {}

  /** The pointer of the flow (`/inboundCall`). */
  get root(): string {
    return `/${escapeToken(this.type)}`;
  }

  note(pointer: string, message: string, node?: string, severity?: 'warning'): void {
    this.notes.push({ pointer, message, ...(node === undefined ? {} : { node }), ...(severity === undefined ? {} : { severity }) });
  }

  /** Keeps the value at `pointer` for writing the file back (`whole`: its action lists too). */
  keep(pointer: string, value: unknown, whole = true): void {
    this.kept.push({ pointer, value: whole ? fullCopy(value) : keptCopy(value) });
  }

  /** A node id no node has yet, from `base`. */
  uniqueId(base: string): string {
    let id = base === '' ? 'step' : base;
    for (let i = 2; this.ids.has(id); i++) id = `${base} (${i})`;
    this.ids.add(id);
    return id;
  }

  /** The id of the node made for the vendor object at `pointer`: given once, the same every time asked. */
  idOf(pointer: string, base: string): string {
    let id = this.idByPointer.get(pointer);
    if (id === undefined) {
      id = this.uniqueId(base);
      this.idByPointer.set(pointer, id);
    }
    return id;
  }

  /** Reserves the place of a node in document order; {@link fill} puts it there once its targets are known. */
  reserve(): number {
    this.nodes.push(undefined);
    return this.nodes.length - 1;
  }

  fill(slot: number, node: Json | undefined): void {
    this.nodes[slot] = node;
  }

  add(node: Json): void {
    this.nodes.push(node);
  }

  /**
   * The fields every node made from an Architect object has: its id and
   * label, the object kept (its nested actions left out: they are nodes of
   * their own), and each native outcome with Architect's name for it.
   */
  base(id: string, type: string, body: unknown, pointer: string, outcomes: Outcomes, name?: string): Json {
    const label = name ?? text(own(body, 'name'));
    return {
      id,
      ...(label === undefined || label === id ? {} : { name: label }),
      meta: { vendor: { [type]: keptCopy(body) } },
      source: { type, pointer, outcomes }
    };
  }

  /** Names the native outcome `native` as Architect's `name`, wired at `pointer`; returns `target`. */
  outcome(outcomes: Outcomes, native: string, name: string, pointer: string, target: string | undefined): string | undefined {
    Object.defineProperty(outcomes, safeName(native), { value: { name, pointer }, enumerable: true, writable: true, configurable: true });
    return target;
  }

  /** The id of the in-queue flow's wait for an agent, where its tasks end (in-queue flows only). */
  waiting: string | undefined;

  /**
   * Where the call goes when a task's actions run out: in a call flow, the
   * built-in disconnect (a hang-up node `<task>/end`, added where it is
   * needed); in an in-queue flow, back to waiting for the agent.
   */
  endOf(owner: string, pointer: string): Continuation {
    if (!this.tasksDisconnect) return { target: this.waiting, end: false };
    const id = this.uniqueId(`${owner}/end`);
    this.ends.push({ id, name: 'End of task', meta: { synthetic: 'endOfTask' }, source: { type: 'endOfTask', pointer, outcomes: {} }, kind: 'hangup' });
    return { target: id, end: true };
  }

  /** The built-in ends of the tasks read so far (each added to the flow only if something goes there). */
  readonly ends: Json[] = [];

  /** A flow default under `settings` (`settingsMenu`), with the pointer that set it; undefined when the flow does not set it. */
  private flowDefault(settings: string, key: string, read: (value: unknown) => number | undefined): Setting | undefined {
    const value = read(own(own(this.flow, settings), key));
    return value === undefined ? undefined : { value, pointer: `${this.root}/${settings}/${escapeToken(key)}` };
  }

  /**
   * A menu setting: the menu's own (`menu.settingsMenu.repeatCount`) unless it
   * has none (`noValue: true`), else the flow's, else Architect's default.
   */
  menuSetting(menu: Json, menuPointer: string, key: 'repeatCount' | 'menuSelectionTimeout', fallback: number): Setting {
    const read = key === 'repeatCount' ? numberOf : secondsOf;
    const own_ = read(own(own(menu, 'settingsMenu'), key));
    if (own_ !== undefined) return { value: own_, pointer: `${menuPointer}/settingsMenu/${key}` };
    return this.flowDefault('settingsMenu', key, read) ?? { value: fallback, pointer: undefined };
  }

  /** The flow's default no-entry timeout for Collect Input (Architect's own is 5 s). */
  collectTimeout(): number {
    const value = secondsOf(own(own(own(this.flow, 'settingsActionDefaults'), 'collectInput'), 'noEntryTimeout'));
    return value ?? 5;
  }

  /** The menu a reference names (`/inboundCall/menus/menu[Main Menu_10]`, `./menus/menu[x]`, or a refId). */
  menuByRef(reference: unknown): Block | undefined {
    const key = refKey(reference, 'menu');
    return key === undefined ? undefined : this.menus.get(key);
  }

  /** The task a reference names (`./tasks/task[startingTask]`, or a refId). */
  taskByRef(reference: unknown): TaskBlock | undefined {
    const key = refKey(reference, 'task');
    return key === undefined ? undefined : this.tasks.get(key);
  }

  /**
   * Where a failure that the flow's error handling takes goes
   * (`settingsErrorHandling.errorHandling`): nowhere for `disconnect` (the
   * default: the outcome is left unwired, a dead end at the action), a queue
   * or a menu or task the flow names. The step that plays the flow's
   * pre-handling audio and transfers is made the first time it is needed.
   */
  errorTarget(resolveTask: (task: TaskBlock) => string | undefined): string | undefined {
    if (this.errorHandler !== undefined) return this.errorHandler.target;
    this.errorHandler = { target: undefined };
    const at = `${this.root}/settingsErrorHandling`;
    const settings = own(this.flow, 'settingsErrorHandling');
    const handling = own(settings, 'errorHandling');
    const audio = audioText(own(settings, 'preHandlingAudio'));
    const [kind, body] = isObject(handling) && Object.keys(handling).length === 1 ? Object.entries(handling)[0]! : [undefined, undefined];
    const withAudio = (target: string | undefined, type: string): string | undefined => {
      if (audio === undefined || target === undefined) return target;
      const id = this.uniqueId('settingsErrorHandling');
      this.add({ id, name: 'Error handling', meta: { vendor: { settingsErrorHandling: keptCopy(settings) } }, source: { type, pointer: at, outcomes: { next: { name: type, pointer: `${at}/errorHandling` } } }, kind: 'prompt', prompt: audio, next: target });
      return id;
    };
    if (kind === undefined || kind === 'disconnect') {
      this.note(at, 'the flow\'s error handling disconnects: an action that fails with no path of its own drops the call, and is reported as a dead end at that action');
      return undefined;
    }
    if (kind === 'transferToAcd') {
      const id = this.uniqueId('settingsErrorHandling');
      this.add({
        id,
        name: 'Error handling',
        meta: { vendor: { settingsErrorHandling: keptCopy(settings) } },
        source: { type: 'transferToAcd', pointer: `${at}/errorHandling/transferToAcd`, outcomes: { overflow: { name: 'failure', pointer: `${at}/errorHandling/transferToAcd` } } },
        kind: 'queue',
        queue: nameOf(own(body, 'targetQueue')) ?? 'the queue',
        ...(audio === undefined ? {} : { prompt: audio })
      });
      this.errorHandler = { target: id };
    } else if (kind === 'jumpToMenu') {
      const menu = this.menuByRef(own(body, 'targetMenuRef'));
      if (menu === undefined) this.note(`${at}/errorHandling`, 'the error handling jumps to a menu this flow does not have: an action that fails drops the call');
      this.errorHandler = { target: withAudio(menu?.id, 'jumpToMenu') };
    } else if (kind === 'jumpToTask' || kind === 'jumpToReusableTask') {
      const task = this.taskByRef(own(body, 'targetTaskRef'));
      if (task === undefined) this.note(`${at}/errorHandling`, 'the error handling jumps to a task this flow does not have: an action that fails drops the call');
      this.errorHandler = { target: withAudio(task === undefined ? undefined : resolveTask(task), kind) };
    } else {
      this.note(`${at}/errorHandling`, `error handling ${JSON.stringify(kind)} is not one this tool knows: an action that fails is read as dropping the call`);
    }
    return this.errorHandler.target;
  }
}

/**
 * The refId an Architect reference names: `/inboundCall/menus/menu[Main
 * Menu_10]`, `./tasks/task[startingTask]`, or a bare refId.
 */
export function refKey(reference: unknown, kind: 'menu' | 'task'): string | undefined {
  const value = text(reference) ?? text(own(reference, 'lit'));
  if (value === undefined) return undefined;
  const bracketed = new RegExp(`${kind}\\[(.*)\\]\\s*$`, 's').exec(value);
  if (bracketed !== null) return bracketed[1]!;
  if (/[[\]/]/.test(value)) return undefined;
  return value;
}
