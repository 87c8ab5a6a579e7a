/**
 * `-o` writes a file whole or not at all: whatever fails (a folder in the
 * way, a full disk), no temporary file is left behind, and the reason is
 * said once, its code not repeated (D13 of the reproducers).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeFsError } from '../../src/cli/files.ts';
import { cleanup, goodFlow, run, tempDir, writeFiles } from './helpers.ts';

let dir: string;

beforeAll(() => {
  dir = tempDir();
  writeFiles(dir, { 'good.ivr.json': goodFlow() });
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(cleanup);

/** A fresh folder to write into, and what is in it. */
function outFolder(name: string): { folder: string; files: () => string[] } {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  return { folder, files: () => readdirSync(folder).sort() };
}

describe('zeroout export -o (D13)', () => {
  it('writes the file, and nothing beside it', async () => {
    const out = outFolder('ok');
    const result = await run(['export', 'good.ivr.json', '--to', 'mermaid', '-o', 'ok/good.mmd'], dir);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(out.files()).toEqual(['good.mmd']);
    expect(readFileSync(path.join(out.folder, 'good.mmd'), 'utf8')).toMatch(/^flowchart/);
  });

  it('onto a folder: says so once, and leaves no temporary file', async () => {
    const out = outFolder('folder');
    mkdirSync(path.join(out.folder, 'taken'));
    const result = await run(['export', 'good.ivr.json', '--to', 'mermaid', '-o', 'folder/taken'], dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'folder/taken: cannot write the file: it is a folder\n' });
    expect(out.files()).toEqual(['taken']);
    expect(readdirSync(path.join(out.folder, 'taken'))).toEqual([]);
  });

  it('on a full disk: says so once, keeps the file it would replace, and leaves no temporary file', async () => {
    const out = outFolder('full');
    writeFileSync(path.join(out.folder, 'good.mmd'), 'the old export\n');
    // The disk fills up while the export is written: the temporary file exists, half written.
    const handle = await open(path.join(dir, 'good.ivr.json'), 'r');
    const FileHandle = Object.getPrototypeOf(handle) as { writeFile(this: { write(text: string): Promise<unknown> }, data: unknown): Promise<void> };
    await handle.close();
    vi.spyOn(FileHandle, 'writeFile').mockImplementation(async function (this: { write(text: string): Promise<unknown> }) {
      await this.write('flowchart LR\n');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    });
    const result = await run(['export', 'good.ivr.json', '--to', 'mermaid', '-o', 'full/good.mmd'], dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'full/good.mmd: cannot write the file: no space left on the disk\n' });
    expect(out.files()).toEqual(['good.mmd']);
    expect(readFileSync(path.join(out.folder, 'good.mmd'), 'utf8')).toBe('the old export\n');
  });
});

describe('describeFsError', () => {
  it('says the code once, without the call and the paths Node adds', () => {
    const error = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(describeFsError(error('ENOSPC', 'ENOSPC: no space left on device, write'))).toBe('no space left on the disk');
    expect(describeFsError(error('EIO', "EIO: i/o error, write '/mnt/x/out.json'"))).toBe('i/o error (EIO)');
    expect(describeFsError(error('EXDEV', "EXDEV: cross-device link not permitted, rename '/a' -> '/b'"))).toBe('cross-device link not permitted (EXDEV)');
    expect(describeFsError(new Error('something else'))).toBe('something else');
  });

  it.runIf(process.platform === 'linux')('describes a real full device', async () => {
    const full = await open('/dev/full', 'w');
    try {
      const failure = await full.writeFile('x').then(() => undefined, (error: unknown) => error);
      expect(describeFsError(failure)).toBe('no space left on the disk');
    } finally {
      await full.close();
    }
  });
});
