/**
 * What a node is called where people read it: its `name`, else its id, and
 * for an id a machine made (an Amazon Connect action's UUID, a long hex or
 * base-36 key) a name made from what the node does:
 * `Play prompt: "Welcome to Cable TV…"`, `Queue: Billing`,
 * `Menu: How can I help you?`. The id stays the node's identity: findings,
 * files and the simulator's records keep it, next to this name.
 */
import { promptText } from './prompt.ts';

/** How much of a prompt a made-up name quotes. */
const QUOTE = 40;

/** A UUID anywhere in the id: a Connect action's, or one an importer made from it (`<uuid>:LoopCount`), or an ARN ending in one. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Twenty or more hex digits: a key no person would type. */
const HEX_RUN = /^[0-9a-f]{20,}$/i;

/** Whether an id was made by a machine (a UUID and the like) rather than by the person who named the step. */
export function isMachineId(id: string): boolean {
  return UUID.test(id) || HEX_RUN.test(id);
}

/** What a node needs to be named: its id, kind, name and the fields that say what it does. */
export type Nameable = { readonly id: string; readonly kind?: string; readonly name?: string | undefined } & Readonly<Record<string, unknown>>;

function quoted(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > QUOTE ? `${flat.slice(0, QUOTE - 1).trimEnd()}…` : flat}"`;
}

function field(node: Nameable, key: string): string | undefined {
  const value = Object.hasOwn(node, key) ? node[key] : undefined;
  // A value a machine made (a queue's ARN) says no more than the id: left out.
  return typeof value === 'string' && value.trim() !== '' && !isMachineId(value) ? value.trim() : undefined;
}

function spoken(node: Nameable): string | undefined {
  const prompt = Object.hasOwn(node, 'prompt') ? node['prompt'] : undefined;
  if (typeof prompt !== 'string' && (typeof prompt !== 'object' || prompt === null || Array.isArray(prompt))) return undefined;
  const text = promptText(prompt as string | Record<string, string>, 'en-US', 'en-US');
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}

/** A name from what the node does, for a node whose id says nothing. */
function madeName(node: Nameable): string {
  const said = spoken(node);
  const what = (label: string, detail: string | undefined) => (detail === undefined ? label : `${label}: ${detail}`);
  switch (node.kind) {
    case 'prompt':
      return what('Play prompt', said && quoted(said));
    case 'menu':
      return what('Menu', said && quoted(said).slice(1, -1));
    case 'input':
      return what('Input', field(node, 'variable') ?? (said && quoted(said)));
    case 'queue':
      return what('Queue', field(node, 'queue'));
    case 'callback':
      return what('Callback', field(node, 'queue'));
    case 'transfer':
      return what('Transfer', field(node, 'number'));
    case 'voicemail':
      return what('Voicemail', field(node, 'mailbox'));
    case 'lookup':
      return what('Lookup', field(node, 'service'));
    case 'subflow':
      return what('Sub-flow', field(node, 'flow'));
    case 'hours':
      return 'Hours check';
    case 'branch':
      return 'Branch';
    case 'set':
      return 'Set variables';
    case 'return':
      return 'Return';
    case 'hangup':
      return what('Hang up', said && quoted(said));
    default:
      return what(field(node, 'vendorType') ?? 'Step', said && quoted(said));
  }
}

/** The name people read for a node: its `name`, else its id unless a machine made it, else a name from what it does. */
export function displayName(node: Nameable): string {
  const name = field(node, 'name');
  if (name !== undefined) return name;
  return isMachineId(node.id) ? madeName(node) : node.id;
}
