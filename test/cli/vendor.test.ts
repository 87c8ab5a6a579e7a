/** lint and test on vendor files: Twilio Studio and Amazon Connect, mixed with native flows, files and folders. */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, goodFlow, run, tempDir, writeFiles } from './helpers.ts';
import { corpusPath } from '../support/corpus.ts';

const corpus = corpusPath();
const WEBINAR = 'twilio-labs__sample-flows-github-actions__webinar-flow.json';
const QUEUE = 'aws-samples__amazon-connect-gitlab-cicd-terraform__ACME_QC_transferToQueue_AUTO.json';

interface JsonFile {
  file: string;
  format: string;
  findings?: { rule: string; severity: string; node: string; outcome?: string; pointer: string; line?: number }[];
  error?: unknown;
}

let dir: string;

beforeAll(() => {
  dir = tempDir();
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  copyFileSync(path.join(corpus, 'twilio-studio', WEBINAR), path.join(dir, 'flows', 'webinar.json'));
  copyFileSync(path.join(corpus, 'amazon-connect', QUEUE), path.join(dir, 'flows', 'queue.json'));
  writeFiles(dir, {
    'flows/good.ivr.json': goodFlow(),
    'flows/package.json': { name: 'not-a-flow' },
    'flows/notes.json': { some: 'settings' },
    'flows/broken.txt': 'not JSON, not looked at',
    'settings.json': { some: 'settings' }
  });
});

afterAll(cleanup);

describe('zeroout lint on vendor files', () => {
  it('lints a folder of native, Twilio Studio and Amazon Connect flows, passing over other JSON', async () => {
    const result = await run(['lint', 'flows', '--format', 'json'], dir);
    const files = (JSON.parse(result.stdout) as { files: JsonFile[] }).files;
    expect(files.map((f) => [f.file, f.format])).toEqual([
      ['flows/good.ivr.json', 'native'],
      ['flows/queue.json', 'amazon-connect'],
      ['flows/webinar.json', 'twilio-studio']
    ]);
    expect(result.stderr).toBe('');
  });

  it("names a vendor finding by the vendor's own outcome and places it in the vendor file", async () => {
    const result = await run(['lint', 'flows/webinar.json', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const [file] = (JSON.parse(result.stdout) as { files: JsonFile[] }).files;
    expect(file!.format).toBe('twilio-studio');
    expect(file!.findings!.some((f) => f.rule === 'no-human-route')).toBe(true);
    for (const finding of file!.findings!) {
      expect(finding.pointer).toMatch(/^\/states\//);
      expect(finding.line).toBeGreaterThan(0);
    }
  });

  it('says so when a file named on the command line is no flow', async () => {
    const result = await run(['lint', 'settings.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^settings\.json:1:1: not a flow this tool reads: expected a Zero Out flow, a Twilio Studio flow, an Amazon Connect flow or a Genesys Cloud Architect flow\n$/);
  });

  it('lints a Connect flow written as AWS writes its "Transfer to queue" example (an empty NextAction)', async () => {
    writeFiles(dir, {
      'aws-transfer.json': {
        Version: '2019-10-30',
        StartAction: 'set',
        Actions: [
          { Identifier: 'set', Type: 'UpdateContactTargetQueue', Parameters: { QueueId: 'arn:aws:connect:us-east-1:1:instance/i/queue/q' }, Transitions: { NextAction: 'xfer', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] } },
          { Identifier: 'xfer', Type: 'TransferContactToQueue', Parameters: {}, Transitions: { NextAction: '', Errors: [{ NextAction: 'bye', ErrorType: 'QueueAtCapacity' }, { NextAction: 'bye', ErrorType: 'NoMatchingError' }] } },
          { Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }
        ]
      }
    });
    const result = await run(['lint', 'aws-transfer.json', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    const [file] = (JSON.parse(result.stdout) as { files: JsonFile[] }).files;
    expect(file!.format).toBe('amazon-connect');
    expect(file!.error).toBeUndefined();
    expect(file!.findings!.filter((f) => f.rule === 'dead-end')).toEqual([]);
  });
});
