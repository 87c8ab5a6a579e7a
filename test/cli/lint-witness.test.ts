/**
 * `zeroout lint --witness`: each finding about what a caller lives through
 * carries the call that shows it; saved as a file of test calls, every
 * witness passes `zeroout test --calls`, on the native flow and on its Twilio
 * Studio export alike. SARIF gives the same call as a code flow.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const RUNAROUND = fileURLToPath(new URL('../../flows/runaround.ivr.json', import.meta.url));

interface JsonFinding {
  rule: string;
  node: string;
  witness?: { name: string; steps: unknown[]; expect: { outcome?: string; endsAt?: string; visits: string[] } };
  fix?: { name: string; steps: unknown[]; expect?: unknown };
  noWitness?: string;
}

describe('zeroout lint --witness', () => {
  it('gives each finding a call, in the shape of a saved test call, that passes when run', async () => {
    const dir = tempDir();
    const linted = await run(['lint', RUNAROUND, '--witness', '--format', 'json'], dir);
    expect(linted.code).toBe(1);
    const findings = (JSON.parse(linted.stdout) as { files: { findings: JsonFinding[] }[] }).files[0]!.findings;
    const deadEnd = findings.find((f) => f.rule === 'dead-end' && f.node === 'moving-info')!;
    expect(deadEnd.witness).toEqual({
      name: 'dead-end: moving-info on next',
      steps: [{ press: '5' }],
      expect: { outcome: 'dropped', endsAt: 'moving-info', visits: ['moving-info'] }
    });
    expect(findings.find((f) => f.rule === 'unannounced-wait')!.noWitness).toBe('No call reaches "retention-queue" from the start "welcome"');
    // Findings no call can show carry neither.
    const mismatch = findings.find((f) => f.rule === 'prompt-key-mismatch')!;
    expect(mismatch.witness).toBeUndefined();
    expect(mismatch.noWitness).toBeUndefined();

    const calls = findings.flatMap((f) => (f.witness === undefined ? [] : [f.witness]));
    expect(calls.length).toBeGreaterThanOrEqual(8);
    writeFiles(dir, { 'witnesses.json': { tests: calls } });
    const replayed = await run(['test', RUNAROUND, '--calls', 'witnesses.json', '--format', 'json'], dir);
    expect(JSON.parse(replayed.stdout)).toMatchObject({ passed: calls.length, failed: 0 });
    expect(replayed.code).toBe(0);
  });

  it('gives each witness a fix request: saved, every one fails until the flow is fixed', async () => {
    const dir = tempDir();
    const linted = await run(['lint', RUNAROUND, '--witness', '--format', 'json'], dir);
    const findings = (JSON.parse(linted.stdout) as { files: { findings: JsonFinding[] }[] }).files[0]!.findings;
    expect(findings.find((f) => f.rule === 'dead-end' && f.node === 'moving-info')!.fix).toEqual({
      name: 'Fix dead-end: moving-info on next',
      steps: [{ press: '5' }],
      expect: { not: { outcome: 'dropped', endsAt: 'moving-info' } }
    });
    const fixes = findings.flatMap((f) => (f.fix === undefined ? [] : [f.fix]));
    expect(fixes).toHaveLength(findings.filter((f) => f.witness !== undefined).length);
    writeFiles(dir, { 'fixes.json': { tests: fixes } });
    const asked = await run(['test', RUNAROUND, '--calls', 'fixes.json', '--format', 'json'], dir);
    expect(JSON.parse(asked.stdout)).toMatchObject({ passed: 0, failed: fixes.length });
    expect(asked.code).toBe(1);
  });

  it('leaves findings as they were without --witness', async () => {
    const linted = await run(['lint', RUNAROUND, '--format', 'json'], tempDir());
    const findings = (JSON.parse(linted.stdout) as { files: { findings: JsonFinding[] }[] }).files[0]!.findings;
    expect(findings.some((f) => f.witness !== undefined || f.noWitness !== undefined)).toBe(false);
  });

  it('writes the witness as a SARIF code flow, a location per step', async () => {
    const linted = await run(['lint', RUNAROUND, '--witness', '--format', 'sarif'], tempDir());
    const log = JSON.parse(linted.stdout) as {
      runs: { results: { ruleId: string; locations: { logicalLocations: { name: string }[] }[]; codeFlows?: { threadFlows: { locations: { executionOrder: number; location: { logicalLocations: { name: string }[]; message: { text: string }; physicalLocation: { region?: { startLine: number } } } }[] }[] }[] }[] }[];
    };
    const trap = log.runs[0]!.results.find((r) => r.ruleId === 'trap-loop')!;
    const steps = trap.codeFlows![0]!.threadFlows[0]!.locations;
    expect(steps.map((s) => s.location.message.text)).toEqual([
      'at welcome',
      'at main-menu: press 6',
      'at outage-check',
      'at outage-hold',
      'at outage-still-holding',
      'at outage-hold'
    ]);
    expect(steps.map((s) => s.location.logicalLocations[0]!.name)).toEqual(['welcome', 'main-menu', 'outage-check', 'outage-hold', 'outage-still-holding', 'outage-hold']);
    expect(steps.map((s) => s.executionOrder)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(steps.every((s) => (s.location.physicalLocation.region?.startLine ?? 0) > 1)).toBe(true);
  });
});
