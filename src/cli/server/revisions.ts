/**
 * A flow file's committed versions, when its folder is in a git repository:
 * the commits that touched it, newest first, and the file as each left it.
 * Without git, or outside a repository, a flow simply has no revisions.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Revision } from '../../core/review/index.ts';

const run = promisify(execFile);


/** How many commits a list goes back. */
export const REVISION_LIMIT = 30;

/** A commit id as the API accepts it: 7 to 40 hex digits. */
export const REVISION_PATTERN = /^[0-9a-f]{7,40}$/;

const FIELD = '\u001f';

/** The commits that touched `file` in `dir`, newest first; empty when there is no repository or no git. */
export async function revisionsOf(dir: string, file: string): Promise<Revision[]> {
  try {
    const { stdout } = await run(
      'git',
      ['log', `--format=%H${FIELD}%h${FIELD}%an${FIELD}%aI${FIELD}%s`, '-n', String(REVISION_LIMIT), '--', path.basename(file)],
      { cwd: dir, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 }
    );
    return stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [rev = '', short = '', author = '', date = '', subject = ''] = line.split(FIELD);
        return { rev, short, author, date, subject };
      });
  } catch {
    return [];
  }
}

/** The text of `file` as commit `rev` left it, or undefined when it has none there (or there is no repository). */
export async function textAt(dir: string, file: string, rev: string): Promise<string | undefined> {
  if (!REVISION_PATTERN.test(rev)) return undefined;
  try {
    const { stdout } = await run('git', ['show', `${rev}:./${path.basename(file)}`], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
}
