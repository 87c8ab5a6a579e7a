import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, deskFlow, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const desk = deskFlow({ tests: [{ name: 'press 0', steps: [{ press: '0' }], expect: { outcome: 'person' } }] });

describe('zeroout paths', () => {
  it('prints the shortest call to each node and the coverage of the saved calls', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': desk });
    const result = await run(['paths', 'desk.ivr.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}desk +press 0$/m);
    expect(result.stdout).toMatch(/^ {2}vm +press 0; with desk: overflow$/m);
    expect(result.stdout).toContain('Coverage by 1 saved test call: 2 of 3 nodes (67%)');
    expect(result.stdout).toContain('nodes no test call reaches: vm');
    expect(result.stdout).toContain('not taken: desk —overflow→ vm');
  });

  it('prints one JSON document with --format json', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': desk });
    const result = await run(['paths', 'desk.ivr.json', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { nodes: { node: string; call: { steps: unknown[] } | null; verified: boolean }[]; coverage: { nodes: { covered: number } } };
    expect(doc.nodes.find((n) => n.node === 'vm')).toEqual({
      node: 'vm',
      call: { steps: [{ press: '0' }], environment: { outcomes: { desk: 'overflow' } } },
      verified: true
    });
    expect(doc.coverage.nodes.covered).toBe(2);
  });

  it('exits 2 with the file named when it cannot load the flow', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'broken.ivr.json': { ...desk, start: 'nowhere' } });
    const result = await run(['paths', 'broken.ivr.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('broken.ivr.json');
  });
});
