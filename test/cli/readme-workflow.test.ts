/**
 * The pull-request workflow the README shows: its report step, run as the
 * workflow runs it, on a repository with a base branch and a change.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedBank, BANK } from '../support/report.ts';
import { cleanup, deskFlow, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const ROOT = path.join(import.meta.dirname, '../..');

/** The shell script of a workflow step, as written under its `run: |`. */
function stepScript(readme: string, name: string): string {
  const lines = readme.split('\n');
  const at = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  expect(at, `the README's workflow has a step "${name}"`).toBeGreaterThan(0);
  const run = lines.findIndex((line, i) => i > at && line.trim() === 'run: |');
  const indent = lines[run + 1]!.length - lines[run + 1]!.trimStart().length;
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== '' && line.length - line.trimStart().length < indent) break;
    body.push(line.slice(indent));
  }
  return body.join('\n');
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
}

describe("the README's pull-request workflow", () => {
  it('reports each changed flow, against the base branch when the flow was there', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    // The workflow runs the package's script; here the same command line runs from this checkout.
    const script = stepScript(readme, 'Report each changed flow').replaceAll('npm run -s zeroout --', `node ${JSON.stringify(path.join(ROOT, 'bin/zeroout.mjs'))}`);
    const dir = tempDir();
    writeFiles(dir, { 'flows/bank.ivr.json': JSON.parse(readFileSync(BANK, 'utf8')), 'flows/old.ivr.json': deskFlow() });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-qb', 'change');
    writeFiles(dir, { 'flows/bank.ivr.json': changedBank(), 'flows/new.ivr.json': { ...deskFlow(), id: 'new', name: 'New desk' } });
    git(dir, 'rm', '-q', 'flows/old.ivr.json');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'change');
    execFileSync('bash', ['-e', '-c', script], { cwd: dir, env: { ...process.env, BASE: 'main' }, stdio: 'pipe' });
    const report = readFileSync(path.join(dir, 'report.md'), 'utf8');
    const titles = report.split('\n').filter((line) => line.startsWith('# '));
    expect(titles).toEqual(['# First Harbor Bank: customer line', '# New desk']);
    expect(report).toContain('`flows/bank.ivr.json@main` → `flows/bank.ivr.json`');
    expect(report).toContain('| ➕ added | `mortgage-queue` | queue |');
    expect(report.match(/```mermaid/g)).toHaveLength(2);
  }, 60_000);
});
