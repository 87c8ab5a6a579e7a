/** The trigger widget, first in the flow: kept from the import, or made, its incomingCall going to the start. */
import { clone, isObject } from '../json.ts';
import type { StudioExport } from './context.ts';
import { isStudioWidget, transition, type State } from './widgets.ts';

const TRIGGER_EVENTS = ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'] as const;

/** The trigger widget: the one kept from the import (its entry event sent to the start), or a new one whose incomingCall goes there. */
export function trigger(ctx: StudioExport): State {
  const start = ctx.flow.nodes.find((n) => n.id === ctx.flow.start);
  const entry = ctx.names.target(ctx.flow.start);
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
  return {
    name: 'Trigger',
    type: 'trigger',
    transitions: TRIGGER_EVENTS.map((event) => transition(event, event === 'incomingCall' ? entry : undefined)),
    properties: { offset: start?.position === undefined ? { x: 0, y: -200 } : { x: start.position.x, y: start.position.y - 200 } }
  };
}
