import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, deskFlow, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const flow = (tests: unknown[]) => deskFlow({ tests });

describe('zeroout test', () => {
  it('runs the saved calls and exits 0 when they pass', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'flows/desk.ivr.json': flow([{ name: 'press 0', steps: [{ press: '0' }], expect: { outcome: 'person' } }]) });
    const result = await run(['test', 'flows'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pass  press 0  (person at "desk"');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
  });

  it('exits 1 and shows expected against actual when a call fails', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'desk.ivr.json': flow([
        { name: 'full queue', environment: { outcomes: { desk: 'overflow' } }, steps: [{ press: '0' }], expect: { outcome: 'person', visits: ['main', 'desk'] } }
      ])
    });
    const result = await run(['test', 'desk.ivr.json'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  full queue  (voicemail at "vm"');
    expect(result.stdout).toContain('expected the call to end with "person", but it ended with "voicemail" at "vm"');
    expect(result.stdout).toContain('route: "main" → "desk" → "vm"');
  });

  it('prints one JSON document', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': flow([{ name: 'silent twice', steps: [{ silence: true }, { silence: true }], expect: { outcome: 'person' } }]) });
    const result = await run(['test', 'desk.ivr.json', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ passed: 1, failed: 0, files: [{ file: 'desk.ivr.json', flow: 'desk', calls: [{ name: 'silent twice', passed: true, outcome: 'person', route: ['main', 'main', 'desk'] }] }] });
  });

  it('exits 2 on a flow it cannot load', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.ivr.json': '{ "version": 1, ' });
    const result = await run(['test', 'bad.ivr.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bad\.ivr\.json:1:\d+: malformed JSON/);
  });
});
