import { emptyEnvironment, type Environment } from '../../src/core/formats/index.ts';
import type { Flow } from '../../src/core/model/index.ts';

/** An environment by kind with a made-up account reference for every name `flow` uses. */
export function exportEnvFor(flow: Flow): Environment {
  const environment = emptyEnvironment();
  const set = (kind: keyof Environment, name: string, reference: string): void => {
    (environment[kind] as Record<string, string>)[name] = reference;
  };
  const ref = (kind: string, name: string): string =>
    `arn:aws:connect:us-east-1:111122223333:instance/example/${kind}/${name.replace(/[^A-Za-z0-9-_]/g, '-')}`;
  for (const node of flow.nodes) {
    if (node.kind === 'queue' || node.kind === 'callback') set('queues', node.queue, ref('queue', node.queue));
    if (node.kind === 'subflow') set('flows', node.flow, ref('contact-flow', node.flow));
    if (node.kind === 'voicemail') set('mailboxes', node.mailbox, ref('contact-flow', `voicemail-${node.mailbox}`));
    if (node.kind === 'lookup') set('functions', node.service, `arn:aws:lambda:us-east-1:111122223333:function:${node.service.replace(/[^A-Za-z0-9-_]/g, '-')}`);
  }
  return environment;
}
