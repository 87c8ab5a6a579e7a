/**
 * `zeroout test <flow> --calls <file>`: test calls kept apart from the flow,
 * run against a vendor file (which has nowhere to keep them) as against a
 * native one; a file that holds no usable calls is refused at its place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const CLINIC = fileURLToPath(new URL('../../flows/clinic.ivr.json', import.meta.url));

describe('zeroout test --calls', () => {
  it('runs a file of calls against an exported Twilio Studio flow, by the widgets’ names, and fails the call that expects otherwise', async () => {
    const dir = tempDir();
    const exported = await run(['export', CLINIC, '--to', 'twilio-studio', '-o', 'clinic.studio.json'], dir);
    expect(exported.code).toBe(0);
    writeFiles(dir, {
      'calls.json': {
        tests: [
          {
            name: 'the hours check fails, 0 reaches the front desk',
            environment: { outcomes: { clinic_hours: 'failure' } },
            steps: [{ press: '0' }],
            expect: { outcome: 'person', endsAt: 'front_desk_queue' }
          },
          { name: 'named as in the design', environment: { outcomes: { clinic_hours: 'failure' } }, steps: [{ press: '0' }], expect: { endsAt: 'front-desk-queue' } }
        ]
      }
    });
    const result = await run(['test', 'clinic.studio.json', '--calls', 'calls.json', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { passed: number; failed: number; files: { calls: { name: string; passed: boolean; node: string }[] }[] };
    expect(report).toMatchObject({ passed: 1, failed: 1 });
    expect(report.files[0]!.calls.map((c) => [c.name, c.passed])).toEqual([
      ['the hours check fails, 0 reaches the front desk', true],
      ['named as in the design', false]
    ]);
    expect(report.files[0]!.calls[0]!.node).toBe('front_desk_queue');
  });

  it('runs the calls of the file instead of the flow’s own, against a native flow', async () => {
    const dir = tempDir();
    const tests = (JSON.parse(readFileSync(CLINIC, 'utf8')) as { tests: unknown[] }).tests;
    writeFiles(dir, { 'calls.json': tests.slice(0, 2) });
    const result = await run(['test', CLINIC, '--calls', 'calls.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 passed, 0 failed');
  });

  it('refuses a file with no usable calls, naming the place, and runs nothing', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'calls.json': { tests: [{ name: 'x', steps: [{ press: '1' }], expect: { outcome: 'nope' } }] }, 'empty.json': { tests: [] }, 'other.json': { flows: [] } });
    const bad = await run(['test', CLINIC, '--calls', 'calls.json'], dir);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/^calls\.json:\d+:\d+ at \/tests\/0\/expect\/outcome: expected "person" or /);
    const empty = await run(['test', CLINIC, '--calls', 'empty.json'], dir);
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toContain('empty.json');
    expect(empty.stderr).toContain('holds no test call');
    const other = await run(['test', CLINIC, '--calls', 'other.json'], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('expected test calls');
    const missing = await run(['test', CLINIC, '--calls', path.join(dir, 'nowhere.json')], dir);
    expect(missing.code).toBe(2);
  });
});
