import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, deskFlow, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const before = deskFlow();
const after = (() => {
  const flow = structuredClone(before) as ReturnType<typeof deskFlow> & { nodes: Record<string, unknown>[] };
  const main = flow.nodes[0]!;
  main['prompt'] = 'For the front desk, press 0. For opening hours, press 1.';
  main['options'] = [{ key: '0', next: 'desk' }, { key: '1', next: 'hours' }];
  main['position'] = { x: 400, y: 90 };
  flow.nodes.push({ id: 'hours', kind: 'prompt', prompt: 'We are open from nine to five.', end: true });
  return flow;
})();

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=review@example.com', '-c', 'user.name=Review', ...args], { cwd: dir, stdio: 'pipe' });
}

describe('zeroout diff', () => {
  it('says what changed for callers in text, and exits 1 with --exit-code', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'old.ivr.json': before, 'new.ivr.json': after });
    const result = await run(['diff', 'old.ivr.json', 'new.ivr.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('old.ivr.json → new.ivr.json');
    expect(result.stdout).toContain('+ hours (prompt) added');
    expect(result.stdout).toContain('~ main (menu) changed');
    expect(result.stdout).toContain('prompt: For the front desk, press 0. {+For opening hours, press 1.+}');
    expect(result.stdout).toContain('key 1: new, → hours');
    expect(result.stdout).not.toContain('position');
    expect((await run(['diff', 'old.ivr.json', 'new.ivr.json', '--exit-code'], dir)).code).toBe(1);
    expect((await run(['diff', 'old.ivr.json', 'old.ivr.json', '--exit-code'], dir)).code).toBe(0);
  });

  it('prints one JSON document', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'old.ivr.json': before, 'new.ivr.json': after });
    const result = await run(['diff', 'old.ivr.json', 'new.ivr.json', '--format', 'json'], dir);
    const doc = JSON.parse(result.stdout) as { files: unknown; changed: boolean; nodes: { node: string; status: string }[]; analysis: { secondsToPerson: unknown } };
    expect(doc.files).toEqual({ before: 'old.ivr.json', after: 'new.ivr.json' });
    expect(doc.changed).toBe(true);
    expect(doc.nodes.map((n) => `${n.status} ${n.node}`)).toEqual(['changed main', 'added hours']);
    expect(doc.analysis.secondsToPerson).toEqual({ before: expect.any(Number), after: expect.any(Number) });
  });

  it('compares a file with its version at a git revision', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'flows/desk.ivr.json': before });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'desk');
    writeFiles(dir, { 'flows/desk.ivr.json': after });
    const result = await run(['diff', 'flows/desk.ivr.json', '--rev', 'HEAD', '--format', 'markdown'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('`flows/desk.ivr.json@HEAD` → `flows/desk.ivr.json`');
    expect(result.stdout).toContain('| ➕ added | `hours` | prompt |');
    expect(result.stdout).toContain('**For opening hours, press 1.**');
    const unknown = await run(['diff', 'flows/desk.ivr.json', '--rev', 'no-such-branch'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('flows/desk.ivr.json@no-such-branch: cannot read this version from git');
  });

  it('exits 2 naming the file when a version is not a flow, and when asked wrongly', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'old.ivr.json': before, 'broken.ivr.json': { version: 1, id: 'desk' } });
    const broken = await run(['diff', 'old.ivr.json', 'broken.ivr.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.ivr.json');
    expect((await run(['diff', 'old.ivr.json'], dir)).code).toBe(2);
    expect((await run(['diff', 'old.ivr.json', 'old.ivr.json', '--rev', 'HEAD'], dir)).code).toBe(2);
    expect(readFileSync(path.join(dir, 'old.ivr.json'), 'utf8')).toContain('"desk"');
  });
});
