import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, deadEndFlow, expectCleanErrors, goodFlow, tempDir, writeFiles } from './helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/zeroout.mjs', import.meta.url));

let dir: string;

beforeAll(() => {
  dir = tempDir();
  writeFiles(dir, { 'good.ivr.json': goodFlow(), 'bad.ivr.json': deadEndFlow(), 'broken.ivr.json': '{' });
});

afterAll(cleanup);

/** Runs the real executable, as a user would. */
function zeroout(args: readonly string[], cwd = dir): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, NO_COLOR: '1' };
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/zeroout.mjs', () => {
  it('sets the exit code: 0 clean, 1 error findings, 2 unusable input', () => {
    expect(zeroout(['lint', 'good.ivr.json']).status).toBe(0);
    const bad = zeroout(['lint', 'bad.ivr.json']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('1 problem (1 error, 0 warnings, 0 infos)');
    const broken = zeroout(['lint', 'broken.ivr.json', 'good.ivr.json']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.ivr\.json:1:2: malformed JSON: [^\n]+\n$/);
    expectCleanErrors(broken.stderr);
  });

  it('exits 2 on an unknown command', () => {
    const result = zeroout(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: unknown command 'frobnicate'");
  });

  it('lints the example flows through npm run', () => {
    const result = spawnSync('npm', ['run', '-s', 'zeroout', '--', 'lint', 'flows', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' }
    });
    expect(result.stderr.replace(/^npm warn .*\n/gm, '')).toBe('');
    expect([0, 1]).toContain(result.status);
    const report = JSON.parse(result.stdout) as { files: { file: string; findings?: unknown[]; error?: unknown }[] };
    const flows = readdirSync(new URL('../../flows', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ivr.json'))
      .map((name) => `flows/${name.split('\\').join('/')}`)
      .sort();
    expect(report.files.map((file) => file.file).sort()).toEqual(flows);
    for (const file of report.files) expect(file.error, file.file).toBeUndefined();
  });
});
