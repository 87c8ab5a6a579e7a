/**
 * The repros of `zeroout lint` and `zeroout simulate` on sub-flow cycles, long
 * flows, seeds and traffic models (D10, D11, D19, D20, D21, D26), run as the
 * repro README runs them, on copies of test/fixtures/repro/.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

const ROOT = path.join(import.meta.dirname, '../..');
const REPRO = path.join(ROOT, 'test/fixtures/repro');

/** A folder with the bank flow, the models and the named repro files, as the repro README lays them out. */
function workspace(...files: string[]): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'flows'));
  copyFileSync(path.join(ROOT, 'flows/bank.ivr.json'), path.join(dir, 'flows/bank.ivr.json'));
  cpSync(path.join(REPRO, 'models'), path.join(dir, 'repro/models'), { recursive: true });
  for (const file of files) cpSync(path.join(REPRO, file), path.join(dir, 'repro', file), { recursive: true });
  return dir;
}

type Report = { outcomes: Record<string, number>; counts: Record<string, number>; seed: number };
const json = (stdout: string): Report => JSON.parse(stdout) as Report;

describe('sub-flows that run each other (D10)', () => {
  it('zo lint repro/subflow-cycle: an error at each sub-flow node of the cycle, exit 1', async () => {
    const dir = workspace('subflow-cycle');
    const result = await run(['lint', 'repro/subflow-cycle'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/18:15 +error +Sub-flow "call" runs flow "b", which runs this flow again \("a" → "b" → "a"\).* subflow-cycle/);
    expect(result.stdout).toMatch(/3:45 +error +Sub-flow "call" runs flow "a", which runs this flow again \("b" → "a" → "b"\).* subflow-cycle/);
  });

  it('zo simulate repro/subflow-cycle/a.ivr.json --calls 1000: no call reaches a person, every one is trapped', async () => {
    const dir = workspace('subflow-cycle');
    const result = await run(['simulate', 'repro/subflow-cycle/a.ivr.json', '--calls', '1000'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('    0.0%  reached a person\n');
    expect(result.stdout).toContain('  100.0%  were trapped\n');
    expect(result.stdout).toMatch(/^ {2}integrity +poor .*subflow-cycle ×1/m);
  });
});

describe('the step limit (D11)', () => {
  it('node repro/chain.js 1200 c.ivr.json && zo simulate c.ivr.json --calls 100: no call is trapped', async () => {
    const dir = tempDir();
    // What repro/chain.js writes, written here.
    const nodes: unknown[] = [];
    for (let i = 0; i < 1200; i++) nodes.push({ id: `p${i}`, kind: 'prompt', prompt: { 'en-US': `Step ${i}` }, next: i === 1199 ? 'agent' : `p${i + 1}` });
    nodes.push({ id: 'agent', kind: 'queue', queue: 'Support', prompt: { 'en-US': 'Please hold.' }, expectedWaitSeconds: 20 });
    writeFiles(dir, { 'c.ivr.json': JSON.stringify({ version: 1, id: 'chain', name: 'chain', start: 'p0', nodes }) });
    const text = await run(['simulate', 'c.ivr.json', '--calls', '100'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('    0.0%  were trapped\n');
    expect(text.stdout).toContain('    0.0%  were stopped at the step limit\n');
    const doc = json((await run(['simulate', 'c.ivr.json', '--calls', '100', '--format', 'json'], dir)).stdout);
    expect(doc.outcomes['trapped']).toBe(0);
    expect(doc.outcomes['stepLimit']).toBe(0);
    expect(doc.outcomes['person']).toBeGreaterThan(0.5);
  });
});

describe('seeds (D19)', () => {
  it('--seed 0 and --seed 4294967296 give different documents; a seed past 2^53 - 1 is refused', async () => {
    const dir = workspace();
    const args = ['simulate', 'flows/bank.ivr.json', '--calls', '2000', '--format', 'json'];
    const zero = json((await run([...args, '--seed', '0'], dir)).stdout);
    const wide = json((await run([...args, '--seed', '4294967296'], dir)).stdout);
    expect(wide.seed).toBe(4294967296);
    expect(wide.counts).not.toEqual(zero.counts);
    expect((await run([...args, '--seed', '9007199254740991'], dir)).code).toBe(0);
    const past = await run([...args, '--seed', '9007199254740992'], dir);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('--seed');
  });
});

describe('traffic models (D20, D21, D26)', () => {
  it('zo simulate flows/bank.ivr.json --calls 4000 --model repro/models/share-huge-choices.json: the 50/50 split of equal shares', async () => {
    const dir = workspace();
    const args = ['simulate', 'flows/bank.ivr.json', '--calls', '4000', '--format', 'json', '--model'];
    const equal = json((await run([...args, 'repro/models/share-equal-choices.json'], dir)).stdout);
    for (const model of ['share-huge-choices.json', 'share-tiny-choices.json']) {
      const result = await run([...args, `repro/models/${model}`], dir);
      expect(result.code).toBe(0);
      expect(json(result.stdout).counts).toEqual(equal.counts);
    }
  });

  it.each([
    ['all-zero-share.json', 'repro/models/all-zero-share.json:1:13 at /intents: every intent has a share of 0, so no caller has any of them: give at least one a share above 0 (shares are relative weights)'],
    ['neg-share.json', 'repro/models/neg-share.json:1:37 at /intents/0/share: expected a number of at least 0, got number -1'],
    ['outcome-gt1.json', 'repro/models/outcome-gt1.json:1:45 at /outcomes/balance-lookup/failure: expected a number of at most 1, got number 5'],
    ['silence-plus-wrong-1.json', 'repro/models/silence-plus-wrong-1.json:1:30 at /wrongKey: silence (0.6) and wrongKey (0.6) add up to 1.2: they are chances of one answer at a menu, so together at most 1'],
    ['null.json', 'repro/models/null.json:1:1: a traffic model is a JSON object (every field optional: {} is a model)']
  ])('--model repro/models/%s: exit 2, one line with the line, column and pointer, in this tool\'s words', async (model, line) => {
    const result = await run(['simulate', 'flows/bank.ivr.json', '--calls', '100', '--model', `repro/models/${model}`], workspace());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${line}\n`);
  });

  it('zo simulate repro/proto-ids.ivr.json --model repro/models/choose-zero-proto.json: the choice at "__proto__" is used, no warning', async () => {
    const dir = workspace('proto-ids.ivr.json');
    const result = await run(['simulate', 'repro/proto-ids.ivr.json', '--calls', '1000', '--format', 'json', '--model', 'repro/models/choose-zero-proto.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = json(result.stdout);
    expect(doc.outcomes['person']! + doc.outcomes['abandoned']!).toBe(1);
  });

  it('warns, with line and column, of choices and outcomes the flow does not use, and still simulates', async () => {
    const dir = workspace();
    const choices = await run(['simulate', 'flows/bank.ivr.json', '--calls', '100', '--model', 'repro/models/choices-unknown-node.json'], dir);
    expect(choices.code).toBe(0);
    expect(choices.stderr).toBe(
      [
        'repro/models/choices-unknown-node.json:1:60 at /intents/0/choices/nope: warning: the flow has no node "nope": intent "a"\'s choice there is never used',
        'repro/models/choices-unknown-node.json:1:78 at /intents/0/choices/main-menu: warning: menu "main-menu" offers no "9" (it offers "1", "2", "3", "0"): callers with intent "a" pick an option at random there',
        ''
      ].join('\n')
    );
    expect(choices.stdout).toContain('100 simulated calls');
    for (const [model, pointer] of [
      ['outcome-unknown-node.json', '/outcomes/nope'],
      ['outcome-unknown-name.json', '/outcomes/balance-lookup/explode'],
      ['choices-non-key.json', '/intents/0/choices/main-menu'],
      ['choose-zero-proto.json', '/intents/0/choices/__proto__']
    ] as const) {
      const result = await run(['simulate', 'flows/bank.ivr.json', '--calls', '100', '--format', 'json', '--model', `repro/models/${model}`], dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(new RegExp(`^repro/models/${model.replace('.', '\\.')}:1:\\d+ at ${pointer}: warning: `));
      expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    }
  });

  it('the bank example model is used without a word', async () => {
    const dir = workspace();
    copyFileSync(path.join(ROOT, 'flows/bank.traffic.json'), path.join(dir, 'flows/bank.traffic.json'));
    const result = await run(['simulate', 'flows/bank.ivr.json', '--calls', '100', '--model', 'flows/bank.traffic.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'flows/bank.traffic.json'), 'utf8')).toContain('intents');
  });
});
