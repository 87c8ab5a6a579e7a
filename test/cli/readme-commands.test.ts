/**
 * Every command the README lists runs as written, on a copy of the example
 * flows in a git repository of two commits (for `--rev HEAD~1`): the files
 * the commands name ship in the repository, and each exits as it should.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../support/corpus.ts';
import { cleanup, tempDir } from './helpers.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/zeroout.mjs');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The commands of each ```sh block after a heading, comments left off. */
function commandsUnder(heading: string): string[] {
  const section = README.slice(README.indexOf(heading));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line.startsWith('npm run -s zeroout -- '));
}

const COMMANDS = [...commandsUnder('## The command line'), ...commandsUnder('## Twilio Studio and Amazon Connect flows')];

/** Commands that report problems in the examples on purpose (the runaround flow is a bad design). */
const EXPECTED_EXIT: Readonly<Record<string, number>> = {
  'lint flows': 1,
  'lint flows --format sarif': 1,
  'lint flows --rule deep-menu=off --rule unannounced-wait=error': 1,
  'lint flows --threshold max-seconds-to-human=45': 1,
  'lint flows/runaround.ivr.json --witness --format json': 1,
  'lint test/corpus/twilio-studio test/corpus/amazon-connect': 1
};

let dir: string;

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'pipe' });
}

beforeAll(() => {
  dir = tempDir();
  cpSync(path.join(ROOT, 'flows'), path.join(dir, 'flows'), { recursive: true });
  cpSync(corpusPath(), path.join(dir, 'test/corpus'), { recursive: true });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'examples');
  // A second commit, so `--rev HEAD~1` has a change to show.
  const bank = path.join(dir, 'flows/bank.ivr.json');
  writeFileSync(bank, readFileSync(bank, 'utf8').replace('For loans, press 3.', 'For loans and mortgages, press 3.'));
  git('commit', '-q', '-am', 'reword the loans option');
});

afterAll(cleanup);

/** The shell line with the package script replaced by this checkout's executable. */
const asShell = (command: string): string => command.replace('npm run -s zeroout --', `node ${JSON.stringify(BIN)}`);
const args = (command: string): string => command.replace('npm run -s zeroout -- ', '').replace(/\s*>.*$/, '');

describe("the README's commands", () => {
  it('are listed', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(20);
  });

  for (const command of COMMANDS.filter((c) => !c.includes(' serve '))) {
    it(command.replace('npm run -s zeroout -- ', ''), () => {
      const result = spawnSync('bash', ['-c', asShell(command)], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(result.stderr).not.toMatch(/internal error|^error:/m);
      expect(result.status, result.stderr).toBe(EXPECTED_EXIT[args(command)] ?? 0);
    });
  }

  it('writes the schema the repository ships', () => {
    const command = COMMANDS.find((c) => c.includes(' schema > '))!;
    spawnSync('bash', ['-c', asShell(command)], { cwd: dir });
    expect(readFileSync(path.join(dir, 'flows/flow.schema.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'flows/flow.schema.json'), 'utf8'));
  });

  it('serves the designer on the flows folder', async () => {
    const command = COMMANDS.find((c) => c.includes(' serve '))!;
    // As written but on a free port, with a stand-in for the designer's build (the end-to-end tests serve the real one).
    const dist = path.join(dir, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Zero Out</title>');
    const argv = args(command).split(/\s+/).map((word, i, all) => (all[i - 1] === '--port' ? '0' : word));
    const child = spawn(process.execPath, [BIN, ...argv, '--dist', dist], { cwd: dir });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /http:\/\/\S+/.exec(out);
          if (match) resolve(match[0]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const list = await fetch(new URL('/api/flows', url));
      expect(list.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
