/**
 * An export environment for Genesys Cloud Architect in tests: every name a
 * flow uses mapped, by kind, to a name as a Genesys Cloud account would give
 * it (Architect references queues, schedule groups, data actions and flows
 * by name, not by id).
 */
import { emptyEnvironment, type Environment } from '../../src/core/formats/index.ts';
import type { Flow } from '../../src/core/model/index.ts';

/** `customer-service` → `Customer Service`. */
function titled(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/** An environment that names, in Genesys Cloud's words, every queue, mailbox, flow, data action and hours check `flow` uses. */
export function genesysEnvFor(flow: Flow): Environment {
  const environment = emptyEnvironment();
  const set = (kind: keyof Environment, name: string, reference: string): void => {
    (environment[kind] as Record<string, string>)[name] = reference;
  };
  for (const node of flow.nodes) {
    if (node.kind === 'queue' || node.kind === 'callback') set('queues', node.queue, titled(node.queue));
    if (node.kind === 'voicemail') set('mailboxes', node.mailbox, `${titled(node.mailbox)} Voicemail`);
    if (node.kind === 'subflow') set('flows', node.flow, titled(node.flow));
    if (node.kind === 'lookup') set('functions', node.service, `${titled(flow.id)} Data Actions/${titled(node.service)}`);
    if (node.kind === 'hours') set('hours', node.id, `${titled(node.id)} Schedule`);
  }
  return environment;
}
