/**
 * Files past the depth and size any flow has (test/fixtures/repro/README.md):
 * each command ends with a clear outcome, a line naming the file, the line,
 * the column and the pointer, the other files of the run still reported, and
 * no stack overflow or internal error; long chains of menus or sub-flows cost
 * time and output that grow with the chain, not with its square.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../../src/core/json/index.ts';
import { cleanup, expectCleanErrors, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const FIXTURES = fileURLToPath(new URL('../fixtures/repro/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../flows/', import.meta.url));

/** A folder holding the named reproducers (test/fixtures/repro/) and example flows (flows/). */
function folderWith(reproducers: readonly string[], examples: readonly string[] = []): string {
  const dir = tempDir();
  for (const name of reproducers) copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  for (const name of examples) copyFileSync(path.join(EXAMPLES, name), path.join(dir, name));
  return dir;
}

/** Nothing the tool should never print: an overflow, an internal error, a stack. */
function expectNoCrash(result: { stdout: string; stderr: string }): void {
  expect(result.stderr).not.toMatch(/Maximum call stack|internal error|Invalid string length/);
  expect(result.stdout).not.toMatch(/Maximum call stack|internal error|Invalid string length/);
  expectCleanErrors(result.stderr);
}

/** `count` flows s0 … s(count-1), each running the next as a sub-flow; the last is a queue (repro/subflow-chain.sh). */
function subflowChain(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const call = i < count - 1 ? { id: 'call', kind: 'subflow', flow: `s${i + 1}`, next: 'back' } : { id: 'call', kind: 'queue', queue: 'Support', prompt: { 'en-US': 'Hold.' }, expectedWaitSeconds: 5 };
    writeFileSync(path.join(dir, `s${i}.ivr.json`), JSON.stringify({ version: 1, id: `s${i}`, name: `s${i}`, start: 'call', nodes: [call, { id: 'back', kind: 'return' }] }));
  }
}

/** `count` menus in a row (1 goes deeper, 0 to an agent), then a queue (repro/menuchain.js). */
function menuChain(count: number): unknown {
  const nodes: unknown[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push({ id: `m${i}`, kind: 'menu', prompt: { 'en-US': 'Press 1 to go on, press 0 for an agent.' }, options: [{ key: '1', next: i === count - 1 ? 'agent' : `m${i + 1}` }, { key: '0', next: 'agent' }], noInput: `m${i}`, invalid: `m${i}`, maxRetries: 2, onMaxRetries: 'agent' });
  }
  nodes.push({ id: 'agent', kind: 'queue', queue: 'Support', prompt: { 'en-US': 'Please hold.' }, expectedWaitSeconds: 20 });
  return { version: 1, id: 'mchain', name: 'mchain', start: 'm0', nodes };
}

const TOO_DEEP = `nested deeper than ${MAX_DEPTH} levels (objects and arrays within each other)`;

describe('D1: a native file nested thousands deep', () => {
  it('is refused at the field, in one line, and the other files of the run are still linted', async () => {
    const dir = folderWith(['deep-kind.ivr.json'], ['bank.ivr.json']);
    const result = await run(['lint', 'deep-kind.ivr.json', 'bank.ivr.json', '--format', 'json'], dir);
    expect(result.code).toBe(2);
    expectNoCrash(result);
    expect(result.stderr).toBe(`deep-kind.ivr.json:1:72 at /nodes/0/kind: ${TOO_DEEP}\n`);
    const report = JSON.parse(result.stdout) as { files: { file: string; error?: unknown; findings?: unknown[] }[] };
    expect(report.files.map((f) => f.file)).toEqual(['deep-kind.ivr.json', 'bank.ivr.json']);
    expect(report.files[1]!.findings).toEqual([]);
  });

  it('never echoes the nested value into the message', async () => {
    const dir = tempDir();
    // Below the limit the kind is still no kind: named by what it is, not written out.
    writeFiles(dir, { 'k.ivr.json': { version: 1, id: 'k', name: 'k', start: 'a', nodes: [{ id: 'a', kind: [[[['menu']]]] }] } });
    const result = await run(['lint', 'k.ivr.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('at /nodes/0/kind: unknown node kind an array: expected one of');
    expect(result.stderr).not.toContain('menu"]');
  });
});

describe('D2: a Twilio file nested thousands deep', () => {
  it('is refused at the pointer before the importer reads it', async () => {
    const dir = folderWith(['deep-twilio.json']);
    const result = await run(['lint', 'deep-twilio.json'], dir);
    expect(result.code).toBe(2);
    expectNoCrash(result);
    expect(result.stderr).toBe(`deep-twilio.json:1:249 at /states/1/transitions/0/conditions/0/type: ${TOO_DEEP}\n`);
  });
});

describe('D8: deep vendor data in a diff and an export', () => {
  it('diff names both files, exit 2', async () => {
    const dir = folderWith(['twilio-deep-property.before.json', 'twilio-deep-property.json']);
    const result = await run(['diff', 'twilio-deep-property.before.json', 'twilio-deep-property.json'], dir);
    expect(result.code).toBe(2);
    expectNoCrash(result);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^twilio-deep-property\.before\.json:1:\d+ at \/states\/1\/properties\/custom(\/a)+: nested deeper than/);
    expect(lines[1]).toMatch(/^twilio-deep-property\.json:1:\d+ at \/states\/1\/properties\/custom(\/a)+: nested deeper than/);
  });

  it('export refuses the file and writes nothing', async () => {
    const dir = folderWith(['twilio-deep-property.json']);
    const result = await run(['export', 'twilio-deep-property.json', '--to', 'twilio-studio', '-o', 'out.json'], dir);
    expect(result.code).toBe(2);
    expectNoCrash(result);
    expect(result.stderr).toMatch(/^twilio-deep-property\.json:1:\d+ at \/states\/1\/properties\/custom(\/a)+: nested deeper than/);
    expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
  });
});

describe('D9: a chain of 1,100 sub-flows, each running the next', () => {
  const dir = tempDir();
  subflowChain(dir, 1100);

  it('lints every flow of the chain', async () => {
    const result = await run(['lint', '.', '--format', 'json'], dir);
    expectNoCrash(result);
    const report = JSON.parse(result.stdout) as { files: { file: string; error?: unknown }[] };
    expect(report.files).toHaveLength(1100);
    expect(report.files.filter((f) => f.error !== undefined)).toEqual([]);
    // The last flow's queue has no overflow route: a dead end, the one error.
    expect(result.code).toBe(1);
  });

  it('simulates the first, running sub-flows 64 deep and naming the sub-flow passed over past that', async () => {
    const result = await run(['simulate', 's0.ivr.json', '--calls', '20', '--workers', '1'], dir);
    expect(result.code).toBe(0);
    expectNoCrash(result);
    expect(result.stdout).toContain(`Sub-flows passed over, run more than ${MAX_DEPTH} sub-flows deep or past 20,000 states: ${'call/'.repeat(MAX_DEPTH)}call`);
    expect(result.stdout).toContain('20 simulated calls');
  });
});

describe('D12: paths on a chain of menus', () => {
  it('writes each long call as the call it continues: output that grows with the chain', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'm1500.ivr.json': menuChain(1500), 'm3000.ivr.json': menuChain(3000) });
    const small = await run(['paths', 'm1500.ivr.json'], dir);
    const large = await run(['paths', 'm3000.ivr.json'], dir);
    expect(large.code).toBe(0);
    expectNoCrash(large);
    // Twice the menus, about twice the text (the whole scripts took 244 MB for 3,000 menus).
    expect(large.stdout.length).toBeLessThan(2.2 * small.stdout.length);
    expect(large.stdout.length).toBeLessThan(4_000_000);
    expect(large.stdout).toMatch(/^ {2}m2999 +the call to m2998, then press 1$/m);
    expect(large.stdout).toMatch(/^ {2}m2 +press 1, press 1$/m);
    expect(large.stdout).toContain('  m2998 —1→ m2999  the call to m2998, then press 1\n');
  });

  it('gives short calls whole in the JSON, and a long one as `after` and what it adds', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'm.ivr.json': menuChain(300) });
    const result = await run(['paths', 'm.ivr.json', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { nodes: { node: string; call: unknown }[] };
    const call = (id: string) => doc.nodes.find((n) => n.node === id)!.call;
    expect(call('m3')).toEqual({ steps: [{ press: '1' }, { press: '1' }, { press: '1' }], environment: {} });
    expect(call('m299')).toEqual({ after: 'm298', steps: [{ press: '1' }], environment: {} });
  });
});

describe('D14: an id a megabyte long', () => {
  it('is refused at load, at its pointer, without echoing it', async () => {
    const dir = tempDir();
    const bank = JSON.parse(readFileSync(path.join(EXAMPLES, 'bank.ivr.json'), 'utf8')) as Record<string, unknown>;
    writeFiles(dir, { 'long.ivr.json': { ...bank, id: 'x'.repeat(1 << 20) } });
    const result = await run(['export', 'long.ivr.json', '--to', 'amazon-connect', '-o', 'out.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('long.ivr.json:4:9 at /id: a text of 1,048,576 characters: at most 1,000,000 are read\n');
    expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
  });
});
