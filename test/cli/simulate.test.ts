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
    expect(Object.keys(doc.outcomes).sort()).toEqual(['abandoned', 'callback', 'dropped', 'ended', 'person', 'stepLimit', 'trapped', 'voicemail']);
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

  describe('a flow that runs a sub-flow', () => {
    const main = {
      version: 1,
      id: 'main',
      name: 'Main',
      start: 'check',
      nodes: [
        { id: 'check', kind: 'subflow', flow: 'security', next: 'desk' },
        { id: 'desk', kind: 'queue', queue: 'Front desk', expectedWaitSeconds: 10 }
      ]
    };
    const security = {
      version: 1,
      id: 'security',
      name: 'Security questions',
      start: 'pin',
      nodes: [
        { id: 'pin', kind: 'input', prompt: 'Your four-digit PIN.', variable: 'pin', minDigits: 4, maxDigits: 4, noInput: 'pin', invalid: 'pin', maxRetries: 2, onMaxRetries: 'back', next: 'back' },
        { id: 'back', kind: 'return' }
      ]
    };
    type Doc = { busiestNodes: { node: string }[]; subflows?: { run: string[]; missing: string[] } };

    it("runs the sub-flow found in the flow's folder, and says so", async () => {
      const dir = tempDir();
      writeFiles(dir, { 'flows/main.ivr.json': main, 'flows/security.ivr.json': security });
      const json = await run(['simulate', 'flows/main.ivr.json', '--calls', '300', '--format', 'json'], dir);
      expect(json.code).toBe(0);
      const doc = JSON.parse(json.stdout) as Doc;
      expect(doc.subflows).toEqual({ run: ['check'], missing: [] });
      expect(doc.busiestNodes.map((b) => b.node)).toContain('check/pin');
      const text = await run(['simulate', 'flows/main.ivr.json', '--calls', '300'], dir);
      expect(text.stdout).toContain('Sub-flows run at check');
    });

    it('passes over a sub-flow it cannot find and says how to give it; --with gives it', async () => {
      const dir = tempDir();
      writeFiles(dir, { 'app/main.ivr.json': main, 'lib/security.ivr.json': security });
      const alone = await run(['simulate', 'app/main.ivr.json', '--calls', '300', '--format', 'json'], dir);
      const doc = JSON.parse(alone.stdout) as Doc;
      expect(doc.subflows).toEqual({ run: [], missing: ['check'] });
      expect(doc.busiestNodes.map((b) => b.node)).not.toContain('check/pin');
      const text = await run(['simulate', 'app/main.ivr.json', '--calls', '300'], dir);
      expect(text.stdout).toContain('Sub-flows not found, passed over: check (give their flows with --with)');
      const given = await run(['simulate', 'app/main.ivr.json', '--calls', '300', '--format', 'json', '--with', 'lib'], dir);
      expect((JSON.parse(given.stdout) as Doc).subflows).toEqual({ run: ['check'], missing: [] });
      const wrong = await run(['simulate', 'app/main.ivr.json', '--with', 'nowhere'], dir);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('nowhere');
    });
  });
});
