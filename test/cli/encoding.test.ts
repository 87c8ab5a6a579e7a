/**
 * A flow file is UTF-8: a file in another encoding is refused with the line,
 * the column and the byte offset of its first bad byte, never read with
 * U+FFFD in place of what it held; a UTF-8 byte order mark is accepted
 * (D25 of the reproducers: a Latin-1 file linted with exit 0).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../../src/cli/files.ts';
import { cleanup, goodFlow, run, tempDir } from './helpers.ts';

let dir: string;

const flowText = (name: string): string => JSON.stringify({ ...goodFlow(), name }, null, 2);

beforeAll(() => {
  dir = tempDir();
  // "Café" written by an editor set to Latin-1: é is the one byte 0xE9.
  writeFileSync(path.join(dir, 'latin1.ivr.json'), Buffer.from(flowText('Café'), 'latin1'));
  // UTF-8 before the bad byte on its line: the column counts characters, not bytes.
  writeFileSync(path.join(dir, 'mixed.ivr.json'), Buffer.concat([Buffer.from(flowText('Žluť')).subarray(0, 60), Buffer.from([0x80]), Buffer.from(flowText('x')).subarray(60)]));
  writeFileSync(path.join(dir, 'utf16.ivr.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(flowText('x'), 'utf16le')]));
  writeFileSync(path.join(dir, 'bom.ivr.json'), `\ufeff${flowText('With a BOM')}`);
  writeFileSync(path.join(dir, 'good.ivr.json'), flowText('Good'));
  // A folder with a flow in Latin-1 and a JSON file in Latin-1 that is no flow.
  mkdirSync(path.join(dir, 'folder'));
  writeFileSync(path.join(dir, 'folder', 'latin1.ivr.json'), Buffer.from(flowText('Café'), 'latin1'));
  writeFileSync(path.join(dir, 'folder', 'notes.json'), Buffer.from('{"note": "déjà vu"}', 'latin1'));
  writeFileSync(path.join(dir, 'folder', 'good.ivr.json'), flowText('Good'));
});

afterAll(cleanup);

describe('zeroout lint on text that is not UTF-8 (D25)', () => {
  it('refuses a Latin-1 file with exit 2, naming the line, the column and the byte, and still lints the others', async () => {
    const result = await run(['lint', 'latin1.ivr.json', 'good.ivr.json'], dir);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'latin1.ivr.json:4:15: the file is not UTF-8: byte 0xE9 at offset 48 begins no UTF-8 character (a file saved as Latin-1?): save it as UTF-8\n'
    });
    const json = await run(['lint', 'latin1.ivr.json', 'good.ivr.json', '--format', 'json'], dir);
    const doc = JSON.parse(json.stdout) as { files: { file: string; error?: { problems: unknown[] }; findings?: unknown[] }[] };
    expect(doc.files.map((f) => f.file)).toEqual(['latin1.ivr.json', 'good.ivr.json']);
    expect(doc.files[0]!.error!.problems).toEqual([
      expect.objectContaining({ code: 'text-encoding', pointer: '', line: 4, column: 15 })
    ]);
    expect(doc.files[1]!.findings).toEqual([]);
  });

  it('in a folder, passes over a JSON file that is no flow whatever its encoding', async () => {
    const result = await run(['lint', 'folder'], dir);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'folder/latin1.ivr.json:4:15: the file is not UTF-8: byte 0xE9 at offset 48 begins no UTF-8 character (a file saved as Latin-1?): save it as UTF-8\n'
    });
  });

  it('counts the column in characters when UTF-8 comes before the bad byte', async () => {
    const result = await run(['lint', 'mixed.ivr.json'], dir);
    expect(result.code).toBe(2);
    const offset = Buffer.from(flowText('Žluť')).subarray(0, 60).length;
    const line = Buffer.from(flowText('Žluť')).subarray(0, 60).toString('utf8').split('\n');
    expect(result.stderr).toBe(
      `mixed.ivr.json:${line.length}:${line.at(-1)!.length + 1}: the file is not UTF-8: byte 0x80 at offset ${offset} begins no UTF-8 character (a file saved as Latin-1?): save it as UTF-8\n`
    );
  });

  it('says a UTF-16 file is UTF-16', async () => {
    const result = await run(['lint', 'utf16.ivr.json'], dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'utf16.ivr.json:1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8\n' });
  });

  it('reads a UTF-8 file with a byte order mark', async () => {
    expect(await run(['lint', 'bom.ivr.json'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('firstInvalidUtf8 and decodeText', () => {
  it('finds the first byte that begins no well-formed sequence', () => {
    const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x99, 0x82)).toBe(-1);
    expect(at(0x61, 0x80)).toBe(1); // a stray continuation byte
    expect(at(0xc0, 0x80)).toBe(0); // an overlong form
    expect(at(0x61, 0xed, 0xa0, 0x80)).toBe(1); // an encoded surrogate
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // past U+10FFFF
    expect(at(0x61, 0x62, 0xe2, 0x82)).toBe(2); // cut short
    expect(at(0xe9, 0x74, 0xe9)).toBe(0); // Latin-1
  });

  it('drops a byte order mark and never yields U+FFFD', () => {
    expect(decodeText(Buffer.from('\ufeff{"a": "é"}'), 'f.json')).toEqual({ ok: true, text: '{"a": "é"}' });
    expect(decodeText(Buffer.from([0x7b, 0x0a, 0x22, 0xe9, 0x22]), 'f.json')).toMatchObject({ ok: false, problem: { code: 'text-encoding', line: 2, column: 2 } });
  });
});
