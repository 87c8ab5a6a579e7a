/**
 * The structural rules of Archy's YAML call flows, as a validator for the
 * tests: what an exported Genesys Cloud Architect file must be for Archy to
 * publish it. Each rule names its source; the sources are the project's
 * format notes (FORMATS.md §3 and CROSS-VENDOR.md, kept outside the
 * repository and copied here as the rules they give, with their own sources):
 *
 * - [A1] FORMATS §3, from developer.genesys.cloud/devapps/archy/ and the
 *   GenesysCloudBlueprints flows in test/corpus/genesys: the file's one
 *   top-level key is the flow type (`inboundCall`, `inqueueCall`,
 *   `outboundCall`, …), holding the flow; an inbound or outbound call flow
 *   has `name`, `defaultLanguage` and `startUpRef`; an in-queue flow runs
 *   `startUpTaskActions` instead.
 * - [A2] FORMATS §3: `menus: [- menu: {name, refId, audio, choices[]}]`,
 *   `tasks: [- task: {name, refId, actions[]}]`; references are path strings
 *   (`./menus/menu[<refId>]`, `/inboundCall/tasks/task[<refId>]`) and must
 *   name a menu or task of the file (`startUpRef`, `targetMenuRef`,
 *   `targetTaskRef`).
 * - [A3] FORMATS §3: a menu choice has `name` and `dtmf: digit_N`
 *   (`digit_star`, `digit_pound`); a key is one choice's in a menu.
 * - [A4] CROSS-VENDOR §1 [G1] (Archy lesson 4B, "configure default menu
 *   settings", Scripting ArchSettingsMenu): the default choice is
 *   `defaultChildMenuRef: ./choices/<type>[<refId>]`, a choice of the menu;
 *   `repeatCount` is 0 to 10.
 * - [A5] FORMATS §3 and CROSS-VENDOR §1 [G5] (purecloud-flow-scripting-api-sdk
 *   `ArchAction*`): actions are one-key items in `actions` lists; a branching
 *   action's outputs are `outputs: {<name>: {actions: […]}}`, each output one
 *   the action has (`transferToAcd`: failure; `callData`: success, failure,
 *   timeout; `dataTableLookup`: found, notFound, failure; `decision`: yes,
 *   no; `collectInput`: success, failure; `evaluateScheduleGroup`: open,
 *   closed, holiday, emergency; transfers: failure; `loop`: loop);
 *   `jumpToMenu`, `jumpToTask`, `disconnect` and `createCallback` have none.
 * - [A6] CROSS-VENDOR §3 [G5]: a switch has 1 to 64 cases.
 * - [A7] FORMATS §3: values are typed wrappers (`lit:`, `exp:`, `var:`,
 *   `noValue: true`; audio `tts:`, `prompt:` or `exp:`): a queue, schedule
 *   group, flow or audio is never a bare string.
 * - [A8] CROSS-VENDOR §1 [G5] (jumps have no outputs and do not return): a
 *   jump or a disconnect is the last action of its list; actions after it
 *   would never run.
 */

export type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The outputs each action has [A5]; an action not listed has none. */
const OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  transferToAcd: ['failure'],
  transferToNumber: ['failure'],
  transferToUser: ['failure'],
  transferToGroup: ['failure'],
  transferToVoicemail: ['failure'],
  transferToFlow: ['failure'],
  callData: ['success', 'failure', 'timeout'],
  dataTableLookup: ['found', 'notFound', 'failure'],
  decision: ['yes', 'no'],
  collectInput: ['success', 'failure'],
  evaluateScheduleGroup: ['open', 'closed', 'holiday', 'emergency'],
  evaluateSchedule: ['active', 'inactive'],
  loop: ['loop']
};

/** The actions a call flow's task may hold [A5] (those of the corpus, and those this tool writes). */
const ACTIONS: ReadonlySet<string> = new Set([
  ...Object.keys(OUTPUTS),
  'playAudio',
  'disconnect',
  'jumpToMenu',
  'jumpToTask',
  'jumpToReusableTask',
  'switch',
  'updateData',
  'setParticipantData',
  'getParticipantData',
  'createCallback',
  'holdMusic',
  'playEstimatedWaitTime',
  'playPositionInQueue'
]);

/** Actions after which nothing in the same list runs [A8]. */
const FINAL: ReadonlySet<string> = new Set(['jumpToMenu', 'jumpToTask', 'jumpToReusableTask', 'disconnect']);

/** The menu choices [A3]. */
const CHOICES: ReadonlySet<string> = new Set([
  'menuTransferToAcd',
  'menuTask',
  'menuDisconnect',
  'menuJumpToMenu',
  'menuJumpToTask',
  'menuJumpToReusableTask',
  'menuTransferToVoicemail',
  'menuTransferToNumber',
  'menuSubMenu'
]);

/** Settings that name a resource or say something: typed wrappers, never bare [A7]. */
const WRAPPED = ['targetQueue', 'scheduleGroup', 'targetFlow', 'audio', 'inputAudio', 'preTransferAudio', 'voicemailGreeting', 'condition', 'inputData', 'loopCount'];

const DTMF = /^digit_([0-9]|star|pound)$/;

/** A path reference's refId: `./tasks/task[x]` → `x`. */
function refIdOf(reference: unknown, kind: 'menu' | 'task'): string | undefined {
  if (typeof reference !== 'string') return undefined;
  return new RegExp(`^(?:\\.|/[A-Za-z]+)/${kind}s/${kind}\\[(.*)\\]$`, 's').exec(reference)?.[1];
}

/** Every rule a document breaks, each `<pointer>: <what> [rule]`; empty when it is a call flow Archy publishes. */
export function archyProblems(document: unknown): string[] {
  const problems: string[] = [];
  const say = (pointer: string, message: string): void => {
    problems.push(`${pointer || '/'}: ${message}`);
  };
  if (!isObject(document) || Object.keys(document).length !== 1) return ['/: one top-level key, the flow type [A1]'];
  const type = Object.keys(document)[0]!;
  const flow = document[type];
  const root = `/${type}`;
  if (!['inboundCall', 'outboundCall', 'inqueueCall'].includes(type)) say(root, `${type} is not a call flow type [A1]`);
  if (!isObject(flow)) return [...problems, `${root}: the flow is a mapping [A1]`];
  for (const key of type === 'inqueueCall' ? ['name'] : ['name', 'defaultLanguage', 'startUpRef']) if (flow[key] === undefined) say(`${root}/${key}`, `${type} needs ${key} [A1]`);

  const menus = new Map<string, Json>();
  const tasks = new Set<string>();
  const blocks = (key: 'menus' | 'tasks', kind: 'menu' | 'task'): Json[] => {
    const list = flow[key];
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      say(`${root}/${key}`, `${key} is a list [A2]`);
      return [];
    }
    return list.flatMap((item, i) => {
      const body = isObject(item) && Object.keys(item).length === 1 ? item[kind] : undefined;
      if (!isObject(body)) {
        say(`${root}/${key}/${i}`, `an item of ${key} is {${kind}: {…}} [A2]`);
        return [];
      }
      const refId = body['refId'];
      if (typeof body['name'] !== 'string' || typeof refId !== 'string') say(`${root}/${key}/${i}/${kind}`, `a ${kind} has a name and a refId [A2]`);
      else if ((kind === 'menu' ? menus.has(refId) : tasks.has(refId))) say(`${root}/${key}/${i}/${kind}/refId`, `refId ${JSON.stringify(refId)} is another ${kind}'s too [A2]`);
      else if (kind === 'menu') menus.set(refId, body);
      else tasks.add(refId);
      return [{ ...body, '#pointer': `${root}/${key}/${i}/${kind}` }];
    });
  };
  const menuList = blocks('menus', 'menu');
  const taskList = blocks('tasks', 'task');

  const reference = (pointer: string, value: unknown, kind: 'menu' | 'task'): void => {
    const refId = refIdOf(value, kind);
    if (refId === undefined || !(kind === 'menu' ? menus.has(refId) : tasks.has(refId))) say(pointer, `${JSON.stringify(value)} names no ${kind} of the flow [A2]`);
  };
  if (type !== 'inqueueCall') {
    const start = flow['startUpRef'];
    if (refIdOf(start, 'menu') === undefined) reference(`${root}/startUpRef`, start, 'task');
    else reference(`${root}/startUpRef`, start, 'menu');
  }

  const wrapped = (pointer: string, body: Json): void => {
    for (const key of WRAPPED) if (Object.hasOwn(body, key) && !isObject(body[key])) say(`${pointer}/${key}`, `${key} is a typed value (lit:, exp:, var:, tts:, noValue:) [A7]`);
  };

  // Every list of actions, however deep, iteratively.
  const lists: { pointer: string; list: unknown }[] = [];
  for (const task of taskList) lists.push({ pointer: `${task['#pointer'] as string}/actions`, list: task['actions'] });
  if (type === 'inqueueCall') lists.push({ pointer: `${root}/startUpTaskActions`, list: flow['startUpTaskActions'] });

  for (const menu of menuList) {
    const at = menu['#pointer'] as string;
    wrapped(at, menu);
    const repeat = (menu['settingsMenu'] as Json | undefined)?.['repeatCount'];
    const count = isObject(repeat) ? repeat['lit'] : undefined;
    if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 10)) say(`${at}/settingsMenu/repeatCount`, 'repeatCount is a whole number from 0 to 10 [A4]');
    const choices = menu['choices'];
    if (!Array.isArray(choices)) {
      say(`${at}/choices`, 'a menu has a list of choices [A2]');
      continue;
    }
    const keys = new Set<string>();
    const refIds = new Map<string, string>();
    choices.forEach((item, i) => {
      const choiceType = isObject(item) && Object.keys(item).length === 1 ? Object.keys(item)[0]! : undefined;
      const body = choiceType === undefined ? undefined : (item as Json)[choiceType];
      const pointer = `${at}/choices/${i}${choiceType === undefined ? '' : `/${choiceType}`}`;
      if (choiceType === undefined || !CHOICES.has(choiceType) || !isObject(body)) {
        say(pointer, `a menu choice is one of ${[...CHOICES].join(', ')} [A3]`);
        return;
      }
      if (typeof body['name'] !== 'string') say(pointer, 'a menu choice has a name [A3]');
      const dtmf = body['dtmf'];
      if (dtmf !== undefined) {
        if (typeof dtmf !== 'string' || !DTMF.test(dtmf)) say(`${pointer}/dtmf`, `${JSON.stringify(dtmf)} is no key (digit_0 … digit_9, digit_star, digit_pound) [A3]`);
        else if (keys.has(dtmf)) say(`${pointer}/dtmf`, `${dtmf} is another choice's key too [A3]`);
        else keys.add(dtmf);
      }
      if (typeof body['refId'] === 'string') refIds.set(body['refId'], choiceType);
      if (choiceType === 'menuJumpToMenu') reference(`${pointer}/targetMenuRef`, body['targetMenuRef'], 'menu');
      if (choiceType === 'menuJumpToTask' || choiceType === 'menuJumpToReusableTask') reference(`${pointer}/targetTaskRef`, body['targetTaskRef'], 'task');
      if (choiceType === 'menuTask') lists.push({ pointer: `${pointer}/task/actions`, list: (body['task'] as Json | undefined)?.['actions'] });
      wrapped(pointer, body);
    });
    const fallback = menu['defaultChildMenuRef'];
    if (fallback !== undefined) {
      const found = typeof fallback === 'string' ? /^\.\/choices\/([A-Za-z]+)\[(.*)\]$/s.exec(fallback) : null;
      if (found === null || refIds.get(found[2]!) !== found[1]) say(`${at}/defaultChildMenuRef`, `${JSON.stringify(fallback)} names no choice of this menu (./choices/<type>[<refId>]) [A4]`);
    }
  }

  for (let next = 0; next < lists.length; next++) {
    const { pointer, list } = lists[next]!;
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      say(pointer, 'actions are a list [A5]');
      continue;
    }
    list.forEach((item, i) => {
      const actionType = isObject(item) && Object.keys(item).length === 1 ? Object.keys(item)[0]! : undefined;
      const body = actionType === undefined ? undefined : (item as Json)[actionType];
      const at = `${pointer}/${i}${actionType === undefined ? '' : `/${actionType}`}`;
      if (actionType === undefined || !ACTIONS.has(actionType) || !isObject(body)) {
        say(at, `an action is one of ${[...ACTIONS].join(', ')}, with its settings [A5]`);
        return;
      }
      if (FINAL.has(actionType) && i < list.length - 1) say(at, `${actionType} is the last action of its list: the actions after it never run [A8]`);
      wrapped(at, body);
      if (actionType === 'jumpToMenu') reference(`${at}/targetMenuRef`, body['targetMenuRef'], 'menu');
      if (actionType === 'jumpToTask' || actionType === 'jumpToReusableTask') reference(`${at}/targetTaskRef`, body['targetTaskRef'], 'task');
      const outputs = body['outputs'];
      if (outputs !== undefined) {
        const allowed = OUTPUTS[actionType] ?? [];
        if (!isObject(outputs)) say(`${at}/outputs`, 'outputs are a mapping of output names [A5]');
        else
          for (const [name, output] of Object.entries(outputs)) {
            if (!allowed.includes(name)) say(`${at}/outputs/${name}`, `${actionType} has no output ${JSON.stringify(name)} (${allowed.length === 0 ? 'it has none' : allowed.join(', ')}) [A5]`);
            if (!isObject(output) || !Array.isArray(output['actions'])) say(`${at}/outputs/${name}`, 'an output is {actions: […]} [A5]');
            else lists.push({ pointer: `${at}/outputs/${name}/actions`, list: output['actions'] });
          }
      }
      if (actionType === 'switch') {
        const mode = (body['evaluate'] as Json | undefined)?.['firstTrue'] ?? (body['evaluate'] as Json | undefined)?.['firstMatch'];
        const cases = isObject(mode) ? mode['cases'] : undefined;
        if (!Array.isArray(cases) || cases.length < 1 || cases.length > 64) say(`${at}/evaluate`, 'a switch has 1 to 64 cases [A6]');
        else
          cases.forEach((c, index) => {
            const inner = isObject(c) ? c['case'] : undefined;
            if (!isObject(inner) || !isObject(inner['value'])) say(`${at}/evaluate/cases/${index}`, 'a case is {case: {value: {exp: …}, actions: […]}} [A6]');
            else lists.push({ pointer: `${at}/evaluate/cases/${index}/case/actions`, list: inner['actions'] });
          });
        if (isObject(mode) && isObject(mode['default'])) lists.push({ pointer: `${at}/evaluate/default/actions`, list: mode['default']['actions'] });
      }
    });
  }
  return problems;
}
