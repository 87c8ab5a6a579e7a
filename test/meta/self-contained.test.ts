/**
 * A clone of this repository, wherever it is put, passes its own tests: no
 * source, test, script or CI file names a path outside the repository. (A
 * machine that happens to have a folder beside the clone would not notice
 * such a path; this test does.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHECKED = ['src', 'test', '.ci', 'bin'];
const CODE = /\.(ts|tsx|mts|mjs|js|cjs|sh)$|^\.ci\/run$/;

/** The files git tracks under the checked folders, with those not yet added (and not ignored). */
function checkedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', ...CHECKED], {
    cwd: ROOT,
    encoding: 'utf8'
  });
  return [...new Set(out.split('\0').filter((file) => file !== '' && CODE.test(file)))].sort();
}

/** Whether `target` lies outside the repository. */
const outside = (target: string): boolean => path.relative(ROOT, target).startsWith('..');

/**
 * The places in `text` (a file at `file`) that reach outside the repository:
 * a relative path in a string that climbs above the root from the file's
 * folder, a run of `'..'` arguments to a path call doing the same, or a path
 * under an absolute folder of this machine.
 */
export function escapes(file: string, text: string): string[] {
  const dir = path.dirname(path.join(ROOT, file));
  const found: string[] = [];
  const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
  for (const match of text.matchAll(/(['"`])((?:\.\.\/)+[^'"`\s]*)\1/g)) {
    if (outside(path.resolve(dir, match[2]!))) found.push(`${file}:${lineOf(match.index)}: ${match[2]}`);
  }
  for (const match of text.matchAll(/(?:\s*(['"])\.\.\1\s*,)+/g)) {
    const climbs = match[0].split(',').length - 1;
    if (outside(path.resolve(dir, ...Array<string>(climbs).fill('..')))) found.push(`${file}:${lineOf(match.index)}: ${climbs} × '..'`);
  }
  for (const match of text.matchAll(/['"`](\/(?:work|home|root|tmp)\/[^'"`\s]*)/g)) {
    found.push(`${file}:${lineOf(match.index)}: ${match[1]}`);
  }
  return found;
}

describe('the repository stands alone', () => {
  it('finds the ways a path can climb out of it', () => {
    expect(escapes('test/core/a.test.ts', "const c = path.join(import.meta.dirname, '..', '..', '..', 'x');")).toHaveLength(1);
    expect(escapes('test/core/a.test.ts', "const c = path.join(import.meta.dirname, '..', '..', 'corpus');")).toEqual([]);
    expect(escapes('test/e2e/a.test.ts', "read('../../../elsewhere/file.json')")).toHaveLength(1);
    expect(escapes('test/e2e/a.test.ts', "import x from '../../src/core/index.ts';")).toEqual([]);
    expect(escapes('.ci/run', 'cp -r "/work/x" .')).toHaveLength(1);
  });

  it('names no path outside itself in src, test, .ci or bin', () => {
    const files = checkedFiles();
    expect(files.length).toBeGreaterThan(100);
    const self = path.relative(ROOT, fileURLToPath(import.meta.url));
    const found = files.filter((file) => file !== self).flatMap((file) => escapes(file, readFileSync(path.join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });
});
