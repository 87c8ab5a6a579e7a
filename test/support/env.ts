/** Made-up account references for every name a flow uses, so it can be exported in tests and benchmarks. */
import type { Flow } from '../../src/core/model/types.ts';

export function exportEnvFor(flow: Flow): Record<string, string> {
  const env: Record<string, string> = {};
  const ref = (kind: string, name: string): string =>
    `arn:aws:connect:us-east-1:111122223333:instance/example/${kind}/${name.replace(/[^A-Za-z0-9-_]/g, '-')}`;
  for (const node of flow.nodes) {
    if (node.kind === 'queue' || node.kind === 'callback') env[node.queue] = ref('queue', node.queue);
    if (node.kind === 'subflow') env[node.flow] = ref('contact-flow', node.flow);
    if (node.kind === 'voicemail') env[node.mailbox] = ref('contact-flow', `voicemail-${node.mailbox}`);
    if (node.kind === 'lookup') env[node.service] = `arn:aws:lambda:us-east-1:111122223333:function:${node.service.replace(/[^A-Za-z0-9-_]/g, '-')}`;
  }
  return env;
}
