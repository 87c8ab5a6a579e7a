import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, deskFlow, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const desk = deskFlow({ queue: { expectedWaitSeconds: 20, maxWaitSeconds: 60 } });

describe('zeroout simulate', () => {
  it('prints one JSON document, the same for the same seed', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': desk });
    const first = await run(['simulate', 'desk.ivr.json', '--calls', '500', '--seed', '42', '--format', 'json'], dir);
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as { calls: number; outcomes: Record<string, number>; timeToPerson: Record<string, number | null> };
    expect(doc.calls).toBe(500);
    expect(Object.keys(doc.outcomes).sort()).toEqual(['abandoned', 'callback', 'dropped', 'ended', 'person', 'trapped', 'voicemail']);
    expect(Object.values(doc.outcomes).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(doc.outcomes.person).toBeGreaterThan(0.3);
    expect(doc.outcomes.voicemail).toBeGreaterThan(0);
    for (const p of ['p50', 'p90', 'p99']) expect(doc.timeToPerson[p]).toBeTypeOf('number');
    const again = await run(['simulate', 'desk.ivr.json', '--calls', '500', '--seed', '42', '--format', 'json'], dir);
    expect(again.stdout).toBe(first.stdout);
  });

  it('spreads the calls over worker threads and gives the same document as one thread', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': desk });
    const args = ['simulate', 'desk.ivr.json', '--calls', '600000', '--seed', '9', '--format', 'json'];
    const one = await run([...args, '--workers', '1'], dir);
    const two = await run([...args, '--workers', '2'], dir);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout).calls).toBe(600000);
    expect(two.stdout).toBe(one.stdout);
  }, 60_000);

  it('reads a traffic model and prints a readable report', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': desk, 'model.json': { silence: 0, wrongKey: 0, patienceSeconds: 100000, queuePatienceSeconds: 100000 } });
    const result = await run(['simulate', 'desk.ivr.json', '--calls', '200', '--model', 'model.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('200 simulated calls (seed 1)');
    expect(result.stdout).toMatch(/ {2}\d+\.\d% {2}reached a person/);
    expect(result.stdout).toMatch(/Time to a person: median \d+ s/);
    expect(result.stdout).toMatch(/^ {2}integrity +good /m);
    expect(result.stdout).toMatch(/^ {2}resolution +(good|fair|poor) +\d+(\.\d)?% of callers got help/m);
  });

  it('exits 2 naming the place when the model or a flag is wrong', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': desk, 'model.json': { silence: 3 } });
    const model = await run(['simulate', 'desk.ivr.json', '--model', 'model.json'], dir);
    expect(model.code).toBe(2);
    expect(model.stderr).toContain('model.json');
    expect(model.stderr).toContain('/silence');
    const calls = await run(['simulate', 'desk.ivr.json', '--calls', 'many'], dir);
    expect(calls.code).toBe(2);
    expect(calls.stderr).toContain('--calls');
  });
});
