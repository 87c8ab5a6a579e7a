/**
 * A long route makes a short message: `slow-path-to-human` names the first
 * and last few nodes and how many lie between, and the stylish format pads
 * no line to the longest message (D22 of the reproducers: a straight line
 * of 3,000 prompts made a 35 KB message, and every line as wide).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, run, tempDir, writeFiles } from './helpers.ts';

/** `chain.js N` of the reproducers: N prompts in a row, then a queue (no loop anywhere). */
export function chainFlow(count: number): Record<string, unknown> {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) nodes.push({ id: `p${i}`, kind: 'prompt', prompt: { 'en-US': `Step ${i}` }, next: i === count - 1 ? 'agent' : `p${i + 1}` });
  nodes.push({ id: 'agent', kind: 'queue', queue: 'Support', prompt: { 'en-US': 'Please hold.' }, expectedWaitSeconds: 20 });
  return { version: 1, id: 'chain', name: 'chain', start: 'p0', nodes };
}

let dir: string;

beforeAll(() => {
  dir = tempDir();
  // As chain.js writes it: one line of JSON.
  writeFiles(dir, { 'c.ivr.json': JSON.stringify(chainFlow(3000)), 'short.ivr.json': JSON.stringify(chainFlow(8)) });
});

afterAll(cleanup);

describe('zeroout lint on a straight line of 3,000 prompts (D22)', () => {
  it('summarises the route, and pads no line to the longest message', async () => {
    const result = await run(['lint', 'c.ivr.json'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        '',
        'c.ivr.json',
        '  1:227737  error    Queue "agent": the call drops on "overflow": it has no transition  dead-end',
        '  1:227737  warning  Queue "agent" is the fastest way to a person and takes 2400 s of caller time to reach (limit 60 s): ' +
          '"p0" → "p1" → "p2" → "p3" → … 2,993 more … → "p2997" → "p2998" → "p2999" → "agent" (3,001 nodes)  slow-path-to-human',
        '',
        '2 problems (1 error, 1 warning, 0 infos)',
        ''
      ].join('\n')
    );
  });

  it('keeps the whole route in the finding’s data', async () => {
    const result = await run(['lint', 'c.ivr.json', '--format', 'json'], dir);
    const doc = JSON.parse(result.stdout) as { files: { findings: { rule: string; message: string; data?: { route: string[] } }[] }[] };
    const finding = doc.files[0]!.findings.find((f) => f.rule === 'slow-path-to-human')!;
    expect(finding.data?.route).toHaveLength(3001);
    expect(finding.message.length).toBeLessThan(300);
  });

  it('names a route of a dozen nodes or fewer whole', async () => {
    const result = await run(['lint', 'short.ivr.json', '--threshold', 'max-seconds-to-human=5', '--format', 'json'], dir);
    const doc = JSON.parse(result.stdout) as { files: { findings: { rule: string; message: string }[] }[] };
    const message = doc.files[0]!.findings.find((f) => f.rule === 'slow-path-to-human')!.message;
    expect(message).toMatch(/: "p0" → "p1" → "p2" → "p3" → "p4" → "p5" → "p6" → "p7" → "agent"$/);
  });
});
