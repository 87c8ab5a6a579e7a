import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { machineFromConfig } from '../../src/core/compile/machine.ts';
import { cleanup, deadEndFlow, expectCleanErrors, goodFlow, run, tempDir, writeFiles } from './helpers.ts';

let dir: string;

beforeAll(() => {
  dir = tempDir();
  writeFiles(dir, {
    'good.ivr.json': goodFlow(),
    'dead-end.ivr.json': deadEndFlow(),
    'drop.ivr.json': {
      version: 1,
      id: 'drop',
      name: 'Drop',
      start: 'menu',
      nodes: [
        { id: 'menu', kind: 'menu', prompt: 'For news, press 1. For an agent, press 0.', options: [{ key: '1', next: 'news' }, { key: '0', next: 'agent' }], noInput: 'agent', invalid: 'agent' },
        { id: 'news', kind: 'prompt', prompt: 'No news today.' },
        { id: 'agent', kind: 'queue', queue: 'support', overflow: 'vm' },
        { id: 'vm', kind: 'voicemail', mailbox: 'support' }
      ]
    },
    'env-list.json': ['not', 'a', 'map'],
    'env-number.json': { Support: 42 },
    'env-kind-number.json': { queues: { support: 7 } },
    // A queue and a mailbox both named "billing", as the clinic example has.
    'billing.ivr.json': {
      version: 1,
      id: 'billing',
      name: 'Billing',
      start: 'billing-queue',
      nodes: [
        { id: 'billing-queue', kind: 'queue', queue: 'billing', overflow: 'billing-voicemail', maxWaitSeconds: 300 },
        { id: 'billing-voicemail', kind: 'voicemail', mailbox: 'billing' }
      ]
    },
    'billing-flat.json': { billing: 'arn:aws:connect:us-east-1:123456789012:instance/x/queue/billing' },
    'billing-kind.json': {
      queues: { billing: 'arn:aws:connect:us-east-1:123456789012:instance/x/queue/billing' },
      mailboxes: { billing: 'arn:aws:connect:us-east-1:123456789012:instance/x/contact-flow/voicemail-billing' }
    },
    'env.json': {
      support: 'arn:aws:connect:us-east-1:123456789012:instance/x/queue/support',
      main: 'arn:aws:connect:us-east-1:123456789012:instance/x/contact-flow/voicemail-main'
    }
  });
});

afterAll(cleanup);

describe('zeroout export', () => {
  it('writes Mermaid to standard output', async () => {
    const result = await run(['export', 'good.ivr.json', '--to', 'mermaid'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^flowchart LR\n/);
  });

  it('writes the XState machine as JSON, or as a TypeScript module when the file ends in .ts', async () => {
    expect((await run(['export', 'good.ivr.json', '--to', 'xstate', '-o', 'machine.json'], dir)).code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, 'machine.json'), 'utf8'));
    const actor = createActor(machineFromConfig(config), { input: { now: 0 } });
    actor.start();
    actor.send({ type: 'KEY', key: '0' });
    expect(actor.getSnapshot().output?.outcome).toBe('person');

    expect((await run(['export', 'good.ivr.json', '--to', 'xstate', '-o', 'machine.ts'], dir)).code).toBe(0);
    expect(readFileSync(path.join(dir, 'machine.ts'), 'utf8')).toContain("import { createMachine } from 'xstate';");
  });

  it('needs --to, and names the formats it knows', async () => {
    const missing = await run(['export', 'good.ivr.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--to <format>' not specified");
    const unknown = await run(['export', 'good.ivr.json', '--to', 'genesys'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('twilio-studio, amazon-connect, genesys-architect, xstate, mermaid');
  });

  it('says what is wrong with an environment map, and where', async () => {
    const list = await run(['export', 'good.ivr.json', '--to', 'mermaid', '--env', 'env-list.json'], dir);
    expect(list.code).toBe(2);
    expectCleanErrors(list.stderr);
    expect(list.stderr).toMatch(/^env-list\.json:1:1: an environment map is a JSON object of kinds/);
    const number = await run(['export', 'good.ivr.json', '--to', 'mermaid', '--env', 'env-number.json'], dir);
    expect(number.stderr).toBe('env-number.json:2:14 at /Support: the reference for "Support" must be a string\n');
    const byKind = await run(['export', 'good.ivr.json', '--to', 'mermaid', '--env', 'env-kind-number.json'], dir);
    expect(byKind.stderr).toMatch(/^env-kind-number\.json:\d+:\d+ at \/queues\/support: the reference for "support" must be a string\n$/);
    const gone = await run(['export', 'good.ivr.json', '--to', 'mermaid', '--env', 'nope.json'], dir);
    expect(gone.stderr).toBe('nope.json: cannot read the file: no such file or directory\n');
  });

  it('refuses a flat map whose name is a queue and a mailbox, naming the nodes of each', async () => {
    const result = await run(['export', 'billing.ivr.json', '--to', 'amazon-connect', '--env', 'billing-flat.json', '-o', 'billing.connect.json'], dir);
    expect(result.code).toBe(2);
    expectCleanErrors(result.stderr);
    expect(result.stderr).toContain('"billing" names a queue (node "billing-queue") and a mailbox (node "billing-voicemail")');
    expect(result.stderr).toContain('write the map by kind');
    expect(() => readFileSync(path.join(dir, 'billing.connect.json'))).toThrow();
  });

  it('ships a queue and a mailbox of one name each to its own reference, from a map by kind', async () => {
    const result = await run(['export', 'billing.ivr.json', '--to', 'amazon-connect', '--env', 'billing-kind.json', '-o', 'billing.connect.json'], dir);
    expect(result.code).toBe(0);
    const actions = (JSON.parse(readFileSync(path.join(dir, 'billing.connect.json'), 'utf8')) as { Actions: { Type: string; Parameters?: Record<string, unknown> }[] }).Actions;
    expect(actions.find((a) => a.Type === 'UpdateContactTargetQueue')?.Parameters?.['QueueId']).toBe('arn:aws:connect:us-east-1:123456789012:instance/x/queue/billing');
    expect(actions.find((a) => a.Type === 'TransferToFlow')?.Parameters?.['ContactFlowId']).toBe('arn:aws:connect:us-east-1:123456789012:instance/x/contact-flow/voicemail-billing');
  });

  it('warns on standard error when the design has error findings, and exports all the same', async () => {
    const clean = await run(['export', 'good.ivr.json', '--to', 'mermaid'], dir);
    expect(clean.stderr).not.toContain('warning');
    const result = await run(['export', 'dead-end.ivr.json', '--to', 'mermaid'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^flowchart LR/);
    expect(result.stderr).toMatch(/^dead-end\.ivr\.json: warning: the design has 1 error finding, which the export ships to callers; the first: dead-end at "[^"]+": .+\n$/m);
  });

  it('verifies a vendor export: imported back, its calls end as the design does', async () => {
    const result = await run(['export', 'good.ivr.json', '--to', 'amazon-connect', '--env', 'env.json', '-o', 'verified.connect.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^good\.ivr\.json: verified: [1-9]\d* calls? compared, \d+ not compared .*lint of the export adds nothing$/m);
    expect(readFileSync(path.join(dir, 'verified.connect.json'), 'utf8')).toContain('"Version"');
    const skipped = await run(['export', 'good.ivr.json', '--to', 'amazon-connect', '--env', 'env.json', '--no-verify'], dir);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).not.toContain('verified');
  });

  it('writes nothing and exits 1 when the export would treat a caller differently, naming the call', async () => {
    // The design drops the caller at a prompt with nowhere to go; Studio ends the call there as designed.
    const result = await run(['export', 'drop.ivr.json', '--to', 'twilio-studio', '-o', 'dead-end.studio.json'], dir);
    expect(result.code).toBe(1);
    expectCleanErrors(result.stderr);
    expect(result.stderr).toMatch(/verification failed: the call that reaches .+ ends as dropped at "[^"]+" in the design, but as ended at "[^"]+" in the export/);
    expect(result.stderr).toContain('nothing written');
    expect(() => readFileSync(path.join(dir, 'dead-end.studio.json'))).toThrow();
    const forced = await run(['export', 'drop.ivr.json', '--to', 'twilio-studio', '-o', 'dead-end.studio.json', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('verification failed');
    expect(readFileSync(path.join(dir, 'dead-end.studio.json'), 'utf8')).toContain('"states"');
  });

  it('says when the output cannot be written, and leaves nothing half written', async () => {
    const result = await run(['export', 'good.ivr.json', '--to', 'mermaid', '-o', 'no/such/folder/out.mmd'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('no/such/folder/out.mmd: cannot write the file: no such file or directory\n');
  });

  it('ships a design to Amazon Connect with the account references from --env, and the result lints as Connect', async () => {
    const missing = await run(['export', 'good.ivr.json', '--to', 'amazon-connect'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no queue ARN for "support"');
    const result = await run(['export', 'good.ivr.json', '--to', 'amazon-connect', '--env', 'env.json', '-o', 'good.connect.json'], dir);
    expect(result.code).toBe(0);
    const exported = JSON.parse(readFileSync(path.join(dir, 'good.connect.json'), 'utf8'));
    expect(exported.Version).toBe('2019-10-30');
    expect(JSON.stringify(exported)).toContain('instance/x/queue/support');
    const lint = await run(['lint', 'good.connect.json', '--format', 'json'], dir);
    expect(JSON.parse(lint.stdout).files[0].format).toBe('amazon-connect');
  });
});

