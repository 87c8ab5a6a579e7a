/**
 * The repros of reading flows, native and vendor (D3, D4, D5, D6), run as the
 * repro README runs them, on copies of test/fixtures/repro/: messages name a
 * field or a place in the vendor file, never an internal native path, never
 * "undefined"; a comparison with the empty string survives every export and
 * import.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAnyFlow } from '../../src/core/formats/index.ts';
import type { Flow } from '../../src/core/model/types.ts';
import { cleanup, run, tempDir } from './helpers.ts';

afterAll(cleanup);

const REPRO = path.join(import.meta.dirname, '../fixtures/repro');

/** A folder `repro/` with the named fixtures. */
function workspace(...files: string[]): string {
  const dir = tempDir();
  for (const file of files) cpSync(path.join(REPRO, file), path.join(dir, 'repro', file));
  return dir;
}

/** A flow file in any format, imported as `zeroout lint` imports it. */
function imported(file: string): Flow {
  const result = loadAnyFlow(JSON.parse(readFileSync(file, 'utf8')), path.basename(file));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

/** The conditions of a flow's branch nodes. */
const conditions = (flow: Flow): unknown[] =>
  flow.nodes.flatMap((n) => (n.kind === 'branch' ? n.cases.flatMap((c) => (Array.isArray(c.when) ? c.when : [c.when])) : []));

type LintJson = { files: { findings: { code: string; message: string; pointer: string; line?: number; column?: number }[] }[] };

describe('a missing prompt (D3)', () => {
  it('zo lint repro/missing-prompt.ivr.json: exit 2, naming the missing field at its place', async () => {
    const result = await run(['lint', 'repro/missing-prompt.ivr.json'], workspace('missing-prompt.ivr.json'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('repro/missing-prompt.ivr.json:1:55 at /nodes/0/prompt: missing required field "prompt"');
    expect(result.stderr).not.toContain('undefined');
    expect(result.stderr).not.toContain('Invalid input');
  });
});

describe('a comparison with the empty string (D4)', () => {
  it('zo export repro/native-branch-empty.ivr.json --to amazon-connect -o x.json && zo lint x.json: written, and read back', async () => {
    const dir = workspace('native-branch-empty.ivr.json');
    const exported = await run(['export', 'repro/native-branch-empty.ivr.json', '--to', 'amazon-connect', '-o', 'x.json'], dir);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('verified');
    expect(JSON.stringify(JSON.parse(readFileSync(path.join(dir, 'x.json'), 'utf8')))).toContain('"Operands":[""]');
    const linted = await run(['lint', 'x.json'], dir);
    // The design's own finding (the hang-up after a failed transfer), nothing about reading the file.
    expect(linted.code).toBe(1);
    expect(linted.stderr).toBe('');
    expect(linted.stdout).toContain('no-human-route');
    expect(conditions(imported(path.join(dir, 'x.json')))).toEqual([expect.objectContaining({ op: 'eq', value: '' })]);
  });

  it('zo export … --to twilio-studio: written, and read back', async () => {
    const dir = workspace('native-branch-empty.ivr.json');
    const exported = await run(['export', 'repro/native-branch-empty.ivr.json', '--to', 'twilio-studio', '-o', 'y.json'], dir);
    expect(exported.code).toBe(0);
    const linted = await run(['lint', 'y.json'], dir);
    expect(linted.code).toBe(1);
    expect(linted.stderr).toBe('');
    expect(conditions(imported(path.join(dir, 'y.json')))).toEqual([expect.objectContaining({ op: 'eq', value: '' })]);
  });

  it.each([
    ['connect-empty-operand.json', { var: '$.Attributes.x', op: 'eq', value: '' }],
    ['twilio-split-empty-value.json', { var: 'trigger.call.CallerName', op: 'eq', value: '' }]
  ])('zo lint repro/%s: read, the condition kept', async (file, condition) => {
    const dir = workspace(file);
    const linted = await run(['lint', '--format', 'json', `repro/${file}`], dir);
    expect(linted.code).toBe(1);
    expect(linted.stderr).toBe('');
    expect((JSON.parse(linted.stdout) as LintJson).files[0]!.findings.map((f) => f.code)).toEqual(['no-human-route']);
    expect(conditions(imported(path.join(dir, 'repro', file)))).toEqual([condition]);
  });
});

describe('vendor values the native model cannot hold (D5, D6)', () => {
  it('zo lint repro/twilio-huge-digits.json: a note at the widget\'s number_of_digits, no internal path', async () => {
    const linted = await run(['lint', '--format', 'json', 'repro/twilio-huge-digits.json'], workspace('twilio-huge-digits.json'));
    expect(linted.code).toBe(1);
    expect(linted.stderr).toBe('');
    const findings = (JSON.parse(linted.stdout) as LintJson).files[0]!.findings;
    const note = findings.find((f) => f.code === 'import-note')!;
    expect(note).toMatchObject({ pointer: '/states/1/properties/number_of_digits', line: 4, column: 117 });
    expect(note.message).toBe('widget "gather": number_of_digits 1e+21 is not a whole number of digits from 1 to 9007199254740991; read as no set number (the entry ends at the finish key)');
    for (const f of findings) expect(f.message).not.toMatch(/\/nodes\/|maxDigits/);
  });

  it('zo lint repro/twilio-condition-no-type.json: the note says the type is missing, never "undefined"', async () => {
    const linted = await run(['lint', 'repro/twilio-condition-no-type.json'], workspace('twilio-condition-no-type.json'));
    expect(linted.code).toBe(1);
    expect(linted.stdout).toContain('widget "split": a condition has no "type" (such as equal_to or matches_any_of); read as "the input is not empty"');
    expect(linted.stdout).not.toContain('undefined');
  });
});
