import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveEachTest } from './support.ts';

const served = serveEachTest();
const { api } = served;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=dana@example.com', '-c', 'user.name=Dana', ...args], { cwd: served.project.flowsDir, encoding: 'utf8', stdio: 'pipe' });
}

interface Revisions {
  flow: string;
  revisions: { rev: string; short: string; author: string; date: string; subject: string }[];
}

describe('committed versions of a flow', () => {
  it('has none when the flows folder is not in git', async () => {
    const response = await fetch(api('flows/bank/revisions'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ flow: 'bank', revisions: [] });
  });

  it('lists the commits that touched the flow, newest first, and gives the file as each left it', async () => {
    const file = path.join(served.project.flowsDir, 'bank.ivr.json');
    const first = readFileSync(file, 'utf8');
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'The bank line');
    const second = first.replace('First Harbor Bank', 'Harbor Bank');
    writeFileSync(file, second);
    git('commit', '-qam', 'Shorter name');
    const clinic = path.join(served.project.flowsDir, 'clinic.ivr.json');
    writeFileSync(clinic, `${JSON.stringify({ ...JSON.parse(readFileSync(clinic, 'utf8')), name: 'The clinic' }, null, 2)}\n`);
    git('commit', '-qam', 'Only the clinic');

    const list = (await (await fetch(api('flows/bank/revisions'))).json()) as Revisions;
    expect(list.revisions.map((r) => [r.subject, r.author])).toEqual([
      ['Shorter name', 'Dana'],
      ['The bank line', 'Dana']
    ]);
    expect(list.revisions[0]!.rev).toMatch(/^[0-9a-f]{40}$/);
    expect(Date.parse(list.revisions[0]!.date)).not.toBeNaN();

    const older = (await (await fetch(api(`flows/bank/revisions/${list.revisions[1]!.short}`))).json()) as { text: string };
    expect(older.text).toBe(first);
    const newer = (await (await fetch(api(`flows/bank/revisions/${list.revisions[0]!.rev}`))).json()) as { text: string };
    expect(newer.text).toBe(second);
  });

  it('refuses what is not a commit id, and says when the file is not in a commit', async () => {
    git('init', '-q');
    git('add', 'clinic.ivr.json');
    git('commit', '-qm', 'Only the clinic');
    const clinicOnly = git('rev-parse', 'HEAD').trim();
    const bad = await fetch(api('flows/bank/revisions/HEAD~1'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('not a commit id');
    const absent = await fetch(api(`flows/bank/revisions/${clinicOnly}`));
    expect(absent.status).toBe(404);
    expect(((await absent.json()) as { error: string }).error).toContain('bank.ivr.json is not in commit');
    expect((await fetch(api('flows/bank/revisions'), { method: 'POST' })).status).toBe(405);
  });
});
