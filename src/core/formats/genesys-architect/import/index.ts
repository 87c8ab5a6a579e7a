/**
 * Genesys Cloud Architect flows (Archy YAML) → native flows.
 *
 * The file's one top-level key is the flow type. An `inboundCall` (or
 * `outboundCall`) plays its `initialGreeting` and starts at `startUpRef` (a
 * menu or a task); an `inqueueCall` runs its `startUpTaskActions` while the
 * caller waits for an agent (role `customer-queue`: the agent it waits for
 * is its help). Menus are read in menus.ts, task actions in actions.ts.
 *
 * Ids: a menu keeps its `refId`; an action is `<task refId>/<action name>`
 * (`<menu>/<choice>/<action name>` inside a menu choice's task). Each node
 * keeps its Architect object in `meta.vendor` (nested actions left out: they
 * are nodes of their own) and `source` names its outcomes as Architect does
 * (`failure`, `notFound`, `no`, `holiday`, `digit_1`…), pointing into the
 * file. The start node keeps the flow's own settings in `meta.flow`, with
 * the substitution tokens (`{{name}}`) the file held.
 */
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import { escapeToken } from '../../../json/pointer.ts';
import { outcomesOf } from '../../../model/outcomes.ts';
import type { FlowNode } from '../../../model/types.ts';
import { finishImport } from '../../finish.ts';
import type { ImportResult } from '../../types.ts';
import { CALL_FLOW_TYPES, flowOf, isCallFlowType } from '../detect.ts';
import { placeholdersOf } from '../yaml.ts';
import { ActionReader, headOf } from './actions.ts';
import { ArchitectImport, type Block, type TaskBlock } from './context.ts';
import { MenuReader } from './menus.ts';
import { audioText, keptCopy, own, text, type Json } from './values.ts';

/** The flow id a file name suggests: `flows/main.yaml` → `main`. */
function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  const bare = last.replace(/\.(ya?ml|json)$/i, '');
  return bare === '' ? 'architect-flow' : bare;
}

/** A `{{token}}` standing for a value Terraform or Archy fills in. */
const isToken = (value: string | undefined): boolean => value !== undefined && /^\{\{[^{}]*\}\}$/.test(value.trim());

/**
 * Indexes the menus or tasks a flow lists (`menus: [- menu: {…}]`) by refId,
 * and by name where no refId is the same.
 */
function index(imp: ArchitectImport, key: 'menus' | 'tasks', kind: 'menu' | 'task', add: (refId: string, block: Block) => void): void {
  const list = own(imp.flow, key);
  const at = `${imp.root}/${key}`;
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    imp.note(at, `"${key}" should be a list of ${kind}s: ignored`);
    return;
  }
  const known = (): Map<string, Block> => (kind === 'menu' ? imp.menus : imp.tasks);
  const named: [string, string][] = [];
  list.forEach((item, i) => {
    const head = headOf(item, `${at}/${i}`);
    if (head === undefined || head.type !== kind) {
      imp.note(`${at}/${i}`, `an item of "${key}" is {${kind}: {…}}: this one is not, and is passed over`);
      imp.keep(`${at}/${i}`, item);
      return;
    }
    // A task's own settings (its name, refId, variables): its actions are nodes of their own.
    if (kind === 'task') imp.keep(head.pointer, head.body, false);
    const refId = text(head.body['refId']) ?? text(head.body['name']) ?? `${kind} ${i + 1}`;
    const id = imp.uniqueId(refId);
    if (known().has(refId)) {
      imp.note(`${head.pointer}/refId`, `refId ${JSON.stringify(refId)} is another ${kind}'s too: references to it go to the first; this one is read as ${JSON.stringify(id)}`, undefined, 'warning');
      add(id, { id, pointer: head.pointer, body: head.body });
      return;
    }
    add(refId, { id, pointer: head.pointer, body: head.body });
    const name = text(head.body['name']);
    if (name !== undefined && name !== refId) named.push([name, refId]);
  });
  for (const [name, refId] of named) if (!known().has(name)) known().set(name, known().get(refId)!);
}

/** Every node id something goes to. */
function targets(nodes: readonly Json[]): Set<string> {
  const found = new Set<string>();
  for (const node of nodes) for (const o of outcomesOf(node as unknown as FlowNode)) if (o.target !== undefined) found.add(o.target);
  return found;
}

/**
 * Previous Menu goes back to the menu the caller came from: the menus from
 * which a call reaches the step (a menu's choice: the menu it is in) without
 * passing another menu, each an outcome of it.
 */
function previousMenus(imp: ArchitectImport, nodes: Json[]): void {
  const byId = new Map(nodes.map((node) => [node['id'] as string, node]));
  const before = new Map<string, string[]>();
  for (const node of nodes) {
    for (const o of outcomesOf(node as unknown as FlowNode)) {
      if (o.target === undefined) continue;
      const list = before.get(o.target) ?? [];
      list.push(node['id'] as string);
      before.set(o.target, list);
    }
  }
  for (const node of nodes) {
    const type = node['vendorType'];
    if (node['kind'] !== 'opaque' || (type !== 'previousMenu' && type !== 'jumpToPreviousMenu' && type !== 'menuPreviousMenu' && type !== 'menuJumpToPreviousMenu')) continue;
    const id = node['id'] as string;
    const menus: string[] = [];
    const from = (node['meta'] as Json | undefined)?.['previousFrom'];
    const seen = new Set<string>([id, ...(typeof from === 'string' ? [from] : [])]);
    const queue = [...(before.get(typeof from === 'string' ? from : id) ?? [])];
    while (queue.length > 0) {
      const at = queue.shift()!;
      if (seen.has(at)) continue;
      seen.add(at);
      const found = byId.get(at);
      if (found?.['kind'] === 'menu') {
        menus.push(at);
        continue;
      }
      queue.push(...(before.get(at) ?? []));
    }
    const source = node['source'] as { outcomes: Record<string, unknown>; pointer: string };
    if (menus.length === 0) {
      imp.note(source.pointer, 'no menu leads here: "previous menu" goes nowhere', id, 'warning');
      continue;
    }
    node['outcomes'] = menus.map((menu) => ({ name: `previous menu ${menu}`, next: menu }));
    source.outcomes = Object.fromEntries(menus.map((menu) => [`previous menu ${menu}`, { name: 'previous menu', pointer: source.pointer }]));
  }
}

/** An Architect document (`inboundCall:`, `inqueueCall:`, `outboundCall:`) as a native flow. */
export function importArchitect(document: unknown, file: string): ImportResult {
  const fail = (pointer: string, message: string): ImportResult => ({ ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer, message }] });
  const found = flowOf(document);
  if (found === undefined) return fail('', 'not a Genesys Cloud Architect flow: expected one top-level key, the flow type (inboundCall, inqueueCall, …), holding the flow');
  const { type, flow } = found;
  if (!isCallFlowType(type)) {
    return fail(`/${escapeToken(type)}`, `${type} flows are not imported: this tool reads Architect's call flows (${Object.keys(CALL_FLOW_TYPES).join(', ')})`);
  }
  const inQueue = type === 'inqueueCall';
  const imp = new ArchitectImport(type, flow, !inQueue);
  const actions = new ActionReader(imp);
  const menus = new MenuReader(imp, actions);

  index(imp, 'menus', 'menu', (refId, block) => imp.menus.set(refId, block));
  if (inQueue) imp.waiting = imp.uniqueId('waiting in queue');
  index(imp, 'tasks', 'task', (refId, block) => {
    const task: TaskBlock = { ...block, end: imp.endOf(block.id, `${block.pointer}/actions`) };
    imp.tasks.set(refId, task);
  });

  // The start: the greeting, then the startup menu or task (in-queue: the startup actions).
  let entry: string | undefined;
  const greeting = inQueue ? undefined : audioText(own(flow, 'initialGreeting'));
  const greetingSlot = greeting === undefined ? undefined : imp.reserve();
  const greetingId = greeting === undefined ? undefined : imp.uniqueId('initialGreeting');
  if (inQueue) {
    const at = `${imp.root}/startUpTaskActions`;
    const scope = { owner: 'startUpTaskActions', taskEnd: { target: imp.waiting, end: false }, loops: [] };
    const list = own(flow, 'startUpTaskActions');
    actions.list(list, at, scope, scope.taskEnd);
    entry = actions.entryOf(list, at, 0, scope, scope.taskEnd);
  } else {
    const reference = own(flow, 'startUpRef');
    const menu = imp.menuByRef(reference);
    const task = menu === undefined ? imp.taskByRef(reference) : undefined;
    if (menu !== undefined) entry = menu.id;
    else if (task !== undefined) entry = actions.taskEntry(task);
    else {
      const first = [...imp.menus.values()][0] ?? [...imp.tasks.values()][0];
      if (first === undefined) return fail(`${imp.root}/startUpRef`, 'the flow has no menu and no task to start at');
      const said = text(reference);
      imp.note(`${imp.root}/startUpRef`, `startUpRef ${said === undefined ? 'is not set' : `${JSON.stringify(said)} is no menu or task of this flow`}: the flow is read as starting at ${JSON.stringify(first.id)}`, undefined, 'warning');
      entry = imp.menus.has(first.id) || [...imp.menus.values()].includes(first) ? first.id : actions.taskEntry(first as TaskBlock);
    }
  }

  for (const menu of new Set(imp.menus.values())) menus.menu(menu);
  for (const task of new Set(imp.tasks.values())) actions.list(own(task.body, 'actions'), `${task.pointer}/actions`, actions.taskScope(task), task.end);
  menus.finish();

  if (inQueue) {
    // The caller waits for an agent while the actions run; when they run out, Architect runs them again.
    const at = `${imp.root}/startUpTaskActions`;
    const announces = imp.nodes.some((node) => {
      const source = node?.['source'] as { type?: string } | undefined;
      return source?.type === 'playEstimatedWaitTime' || source?.type === 'playPositionInQueue';
    });
    imp.add({
      id: imp.waiting,
      name: 'Waiting in queue for an agent',
      meta: { synthetic: 'waitingInQueue' },
      source: { type: 'inqueueCall', pointer: at, outcomes: { overflow: { name: 'startUpTaskActions', pointer: at } } },
      kind: 'queue',
      queue: 'the current queue',
      // The in-queue actions tell the caller the wait when they play it.
      ...(announces ? { announceWait: true } : {}),
      ...(entry === undefined || entry === imp.waiting ? {} : { overflow: entry })
    });
    imp.note(at, 'an in-queue flow runs while the caller waits for an agent: when its actions run out, the caller waits on and the actions run again (the step "waiting in queue")', imp.waiting);
    entry ??= imp.waiting;
  }
  if (greetingId !== undefined && greetingSlot !== undefined) {
    imp.fill(greetingSlot, {
      id: greetingId,
      name: 'Initial greeting',
      meta: { vendor: { initialGreeting: keptCopy(own(flow, 'initialGreeting')) } },
      source: { type: 'initialGreeting', pointer: `${imp.root}/initialGreeting`, outcomes: {} },
      kind: 'prompt',
      prompt: greeting!,
      ...(entry === undefined ? {} : { next: entry })
    });
    entry = greetingId;
  }
  if (entry === undefined) return fail(`${imp.root}/startUpRef`, 'the flow has nothing to start at');

  // The tasks' built-in ends that something goes to.
  let nodes = imp.nodes.filter((node): node is Json => node !== undefined);
  const used = targets(nodes);
  nodes.push(...imp.ends.filter((end) => used.has(end['id'] as string)));
  previousMenus(imp, nodes);

  // The start node keeps the flow's own settings, and the tokens the file held.
  const start = nodes.find((node) => node['id'] === entry);
  if (start !== undefined) {
    const settings = Object.fromEntries(Object.entries(flow).filter(([key]) => key !== 'menus' && key !== 'tasks' && key !== 'startUpTaskActions'));
    const placeholders = placeholdersOf(document);
    start['meta'] = {
      ...(start['meta'] as Json),
      flow: {
        type,
        settings: keptCopy(settings),
        // The order of the flow's keys, and the parts of the file no node keeps: the export writes the file back from them.
        keys: Object.keys(flow).filter((key) => key !== '__proto__'),
        ...(imp.kept.length === 0 ? {} : { kept: imp.kept.map((part) => ({ ...part })) }),
        ...(placeholders === undefined || placeholders.length === 0 ? {} : { placeholders: placeholders.map((p) => ({ ...p })) })
      }
    };
    nodes = nodes.map((node) => (node === start ? start : node));
  }
  const flowName = text(own(flow, 'name'));
  const name = flowName === undefined || isToken(flowName) ? baseName(file) : flowName;
  const description = text(own(flow, 'description'));
  const role = CALL_FLOW_TYPES[type];
  const native = {
    version: 1,
    id: name,
    name: flowName ?? name,
    ...(description === undefined ? {} : { description }),
    start: entry,
    ...(role === 'inbound' ? {} : { role }),
    nodes
  };
  return finishImport(native, file, imp.notes);
}
