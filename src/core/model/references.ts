/**
 * How one flow names another: a sub-flow node's `flow` is a native flow id,
 * or, in an imported flow, whatever the platform used (a Connect flow ARN, a
 * Studio flow SID). A flow is found by its own id, or by the resource id an
 * ARN ends with, so a transfer to `arn:…:contact-flow/<id>` finds the flow
 * whose id is `<id>` or that same ARN.
 *
 * And how a flow names what lives on the platform: the queues, mailboxes,
 * sub-flows and services an export environment maps to references.
 */
import type { Flow } from './types.ts';

/** The resource id at the end of an ARN (`…/contact-flow/<id>`), if the reference is one. */
function arnResource(reference: string): string | undefined {
  if (!reference.startsWith('arn:')) return undefined;
  const slash = reference.lastIndexOf('/');
  const tail = slash < 0 ? '' : reference.slice(slash + 1);
  return tail === '' ? undefined : tail;
}

/** Finds flows by any name another flow may call them by; the first flow with a name keeps it. */
export function flowFinder(flows: Iterable<Flow>): (reference: string) => Flow | undefined {
  const byId = new Map<string, Flow>();
  const byResource = new Map<string, Flow>();
  for (const flow of flows) {
    if (!byId.has(flow.id)) byId.set(flow.id, flow);
    const resource = arnResource(flow.id) ?? flow.id;
    if (!byResource.has(resource)) byResource.set(resource, flow);
  }
  return (reference) => {
    const exact = byId.get(reference);
    if (exact !== undefined) return exact;
    const resource = arnResource(reference);
    return resource === undefined ? undefined : byResource.get(resource);
  };
}

