/** Wording shared by rule messages. */
import { displayName, isMachineId } from '../model/display.ts';
import type { Outcome } from '../model/outcomes.ts';
import type { GraphNode } from './graph.ts';

const KIND_NAMES: Record<string, string> = {
  prompt: 'Prompt',
  menu: 'Menu',
  input: 'Input',
  branch: 'Branch',
  hours: 'Hours check',
  lookup: 'Lookup',
  set: 'Set',
  queue: 'Queue',
  transfer: 'Transfer',
  voicemail: 'Voicemail',
  callback: 'Callback',
  subflow: 'Sub-flow',
  return: 'Return',
  hangup: 'Hang-up',
  opaque: 'Step'
};

/**
 * `Menu "main"`: the node's kind and id as written; for an id a machine made
 * (a Connect UUID), the name made from what the node does
 * (`Play prompt: "Welcome…"`), the finding's `node` keeping the id.
 */
export function nodeLabel(g: GraphNode): string {
  if (isMachineId(g.id)) return displayName(g.node);
  return `${KIND_NAMES[g.node.kind] ?? 'Node'} ${JSON.stringify(g.id)}`;
}

/**
 * A node named inside a sentence: its id in quotes (`"main"`), or for an id
 * a machine made, the name made from what the node does, in angle quotes
 * (`‹Queue: Billing›`), so a message never reads as a list of UUIDs.
 */
export function nodeRef(node: { readonly id: string; readonly kind?: string; readonly name?: string | undefined } | undefined, id: string): string {
  if (node === undefined || !isMachineId(id)) return JSON.stringify(id);
  return `‹${displayName(node)}›`;
}

/** How an outcome reads in a sentence. */
export function outcomeLabel(outcome: Outcome): string {
  if (outcome.choice) return outcome.name.startsWith('say:') ? `the phrase "${outcome.name.slice(4)}"` : `key ${outcome.name}`;
  switch (outcome.name) {
    case 'noInput':
      return 'no input';
    case 'invalid':
      return 'invalid input';
    case 'maxRetries':
      return 'running out of retries';
    case 'next':
      return 'the next step';
    default:
      return `"${outcome.name}"`;
  }
}

/** Seconds for a message: `74 s`. */
export function seconds(value: number): string {
  return `${Math.round(value)} s`;
}
