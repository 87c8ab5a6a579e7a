/** The trigger widget, first in the flow: kept from the import, or made, the event of the flow's channel going to the start. */
import { clone, isObject } from '../json.ts';
import type { StudioExport } from './context.ts';
import { isStudioWidget, transition, type State } from './widgets.ts';
import type { Channel, FlowRole } from '../../../model/types.ts';

const TRIGGER_EVENTS = ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'] as const;

/** The trigger event that starts a Studio flow on a channel, in a role (a module is run by its parent flow). */
function eventFor(channel: Channel, role: FlowRole, wanted?: string): (typeof TRIGGER_EVENTS)[number] {
  if (wanted !== undefined && (TRIGGER_EVENTS as readonly string[]).includes(wanted)) return wanted as (typeof TRIGGER_EVENTS)[number];
  if (channel === 'messaging') return 'incomingMessage';
  if (channel === 'api') return 'incomingRequest';
  return role === 'module' ? 'incomingParent' : 'incomingCall';
}

/** Roles Studio has a way to start a flow in: a call, a message, an API request, a parent flow. */
const STUDIO_ROLES: ReadonlySet<FlowRole> = new Set(['inbound', 'outbound', 'module', 'voicemail', 'callback']);

/**
 * The trigger widget: the one kept from the import (its entry event sent to
 * the start), or a new one whose event for the flow's channel goes to the
 * start (incomingCall for a call, incomingMessage for messages,
 * incomingRequest for an API request, incomingParent for a module), and
 * each other entry point's event to its start.
 */
export function trigger(ctx: StudioExport): State {
  const flow = ctx.flow;
  const start = flow.nodes.find((n) => n.id === flow.start);
  const entry = ctx.names.target(flow.start);
  const kept = isObject(start?.meta?.trigger) ? start.meta.trigger : undefined;
  if (kept !== undefined && isStudioWidget(kept.vendor) && kept.vendor.type === 'trigger') {
    const state = clone(kept.vendor) as unknown as State;
    const event = typeof kept.event === 'string' ? kept.event : 'incomingCall';
    const t = state.transitions.find((x) => isObject(x) && x.event === event);
    if (t !== undefined && t.next !== entry) {
      if (entry === undefined) delete t.next;
      else t.next = entry;
    }
    return state;
  }
  const role = flow.role ?? 'inbound';
  if (!STUDIO_ROLES.has(role)) {
    ctx.notes.note('/role', `Studio has no ${role} flows: the flow is written to start on ${eventFor(flow.channel ?? 'voice', role)}, and must be used as the ${role} flow it was designed as`);
  }
  const wired = new Map<string, string | undefined>([[eventFor(flow.channel ?? 'voice', role), entry]]);
  (flow.entries ?? []).forEach((other, index) => {
    const event = eventFor(other.channel, other.role ?? role, other.event);
    if (wired.has(event)) {
      ctx.notes.note(`/entries/${index}`, `entry point ${index + 1} starts on ${event}, which already starts the flow at ${JSON.stringify(wired.get(event))}: Studio starts a flow at one widget per event, so it is not written`);
      return;
    }
    wired.set(event, ctx.names.target(other.start));
  });
  return {
    name: 'Trigger',
    type: 'trigger',
    transitions: TRIGGER_EVENTS.map((event) => transition(event, wired.get(event))),
    properties: { offset: start?.position === undefined ? { x: 0, y: -200 } : { x: start.position.x, y: start.position.y - 200 } }
  };
}
