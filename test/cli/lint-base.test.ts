/**
 * `zeroout lint --base <file>` and `--rev <revision>`: the flow compared with
 * an earlier version of it, for stale-translation.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, expectCleanErrors, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

/** A bilingual front desk whose menu says `english` and `spanish`. */
function desk(english: string, spanish: string) {
  return {
    version: 1,
    id: 'desk',
    name: 'Front desk',
    locales: ['en-US', 'es-US'],
    start: 'main',
    nodes: [
      {
        id: 'main',
        kind: 'menu',
        prompt: { 'en-US': english, 'es-US': spanish },
        options: [
          { key: '1', next: 'desk' },
          { key: '0', next: 'desk' }
        ],
        noInput: 'main',
        invalid: 'main',
        maxRetries: 2,
        onMaxRetries: 'desk'
      },
      { id: 'desk', kind: 'queue', queue: 'Front desk', expectedWaitSeconds: 20, overflow: 'vm' },
      { id: 'vm', kind: 'voicemail', mailbox: 'desk', prompt: { 'en-US': 'Please leave a message.', 'es-US': 'Deje un mensaje, por favor.' } }
    ]
  };
}

const OLD = desk('For billing, press 1. For the front desk, press 0.', 'Para facturación, oprima 1. Para la recepción, oprima 0.');
/** English reworded, Spanish left as it was. */
const NEW = desk('To make a payment, press 1. For the front desk, press 0.', 'Para facturación, oprima 1. Para la recepción, oprima 0.');

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=review@example.com', '-c', 'user.name=Review', ...args], { cwd: dir, stdio: 'pipe' });
}

type Report = { files: { file: string; findings: { rule: string; node: string; pointer: string; line?: number; data?: unknown }[] }[] };
const stale = (stdout: string) => (JSON.parse(stdout) as Report).files.flatMap((f) => f.findings.filter((x) => x.rule === 'stale-translation'));

describe('zeroout lint --base', () => {
  it('reports a translation left stale since the earlier version, at its line', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'old/desk.ivr.json': OLD, 'desk.ivr.json': NEW });
    const result = await run(['lint', '--format', 'json', '--base', 'old/desk.ivr.json', 'desk.ivr.json'], dir);
    expect(result.code).toBe(0);
    expectCleanErrors(result.stderr);
    expect(stale(result.stdout)).toEqual([
      expect.objectContaining({ node: 'main', pointer: '/nodes/0/prompt/es-US', line: expect.any(Number), data: { locales: ['es-US'], fields: ['prompt'], defaultLocale: 'en-US' } })
    ]);
    const text = await run(['lint', '--base', 'old/desk.ivr.json', 'desk.ivr.json'], dir);
    expect(text.stdout).toContain('Node "main": the en-US text changed since the base version, but the es-US text did not (prompt)  stale-translation');
  });

  it('finds nothing stale without an earlier version, or when the translation was updated too', async () => {
    const dir = tempDir();
    const updated = desk('To make a payment, press 1. For the front desk, press 0.', 'Para hacer un pago, oprima 1. Para la recepción, oprima 0.');
    writeFiles(dir, { 'old/desk.ivr.json': OLD, 'desk.ivr.json': NEW, 'updated/desk.ivr.json': updated });
    expect(stale((await run(['lint', '--format', 'json', 'desk.ivr.json'], dir)).stdout)).toEqual([]);
    const result = await run(['lint', '--format', 'json', '--base', 'old/desk.ivr.json', 'updated/desk.ivr.json'], dir);
    expect(result.code).toBe(0);
    expect(stale(result.stdout)).toEqual([]);
  });

  it('takes a vendor file as the earlier version', async () => {
    const fixture = path.join(import.meta.dirname, '../fixtures/twilio-studio/demo-menu.json');
    const dir = tempDir();
    const plain = await run(['lint', '--format', 'json', fixture], dir);
    const result = await run(['lint', '--format', 'json', '--base', fixture, fixture], dir);
    expect(result.code).toBe(plain.code);
    expect(result.stderr).toBe('');
    expect(stale(result.stdout)).toEqual([]);
  });

  it('says which base cannot be loaded, and exits 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': NEW, 'broken.ivr.json': '{"version": 1, "id": ' });
    for (const base of ['missing.ivr.json', 'broken.ivr.json']) {
      const result = await run(['lint', '--base', base, 'desk.ivr.json'], dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`--base ${base}: cannot load this file as the earlier version of the flow`);
      expectCleanErrors(result.stderr);
    }
  });

  it.each([
    ['two flow paths', ['lint', '--base', 'old/desk.ivr.json', 'desk.ivr.json', 'other/desk.ivr.json'], '--base compares one flow with its earlier version: give exactly one flow file (got 2 paths)'],
    ['a folder of two flows', ['lint', '--base', 'old/desk.ivr.json', 'two'], '--base compares one flow with its earlier version, but 2 flow files were found'],
    ['both --base and --rev', ['lint', '--base', 'old/desk.ivr.json', '--rev', 'HEAD', 'desk.ivr.json'], 'give either --base or --rev, not both'],
    ['a revision that looks like an option', ['lint', '--rev=--output=x', 'desk.ivr.json'], '--rev "--output=x": a revision cannot start with "-"']
  ])('refuses %s as a usage error', async (_, args, message) => {
    const dir = tempDir();
    writeFiles(dir, { 'old/desk.ivr.json': OLD, 'desk.ivr.json': NEW, 'other/desk.ivr.json': NEW, 'two/a.ivr.json': NEW, 'two/b.ivr.json': { ...NEW, id: 'b' } });
    const result = await run(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expectCleanErrors(result.stderr);
  });
});

describe('zeroout lint --rev', () => {
  it('compares the file with its version at a git revision', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'flows/desk.ivr.json': OLD });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'desk');
    writeFiles(dir, { 'flows/desk.ivr.json': NEW });

    for (const flag of ['--rev', '-r']) {
      const result = await run(['lint', '--format', 'json', flag, 'HEAD', 'flows/desk.ivr.json'], dir);
      expect(result.code).toBe(0);
      expect(stale(result.stdout).map((f) => f.node)).toEqual(['main']);
    }

    const unknown = await run(['lint', '--rev', 'no-such-branch', 'flows/desk.ivr.json'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('flows/desk.ivr.json@no-such-branch: cannot read this version from git');
    expectCleanErrors(unknown.stderr);
  });
});
