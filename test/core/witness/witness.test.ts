import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/index.ts';
import { runTestCall } from '../../../src/core/calls/run.ts';
import type { Flow, TestCall } from '../../../src/core/model/types.ts';
import { WITNESSED_RULES, witnessesFor, type WitnessResult } from '../../../src/core/witness/index.ts';
import { loadPaths } from '../../../src/cli/source.ts';
import { agent, exampleFlow, makeFlow, menu, voicemail } from '../../support/build.ts';
import { corpusFiles, corpusPath, type CorpusVendor } from '../../support/corpus.ts';

type Loose = Parameters<typeof makeFlow>[0][number];

/** Each finding of a rule with its witness. */
function witnessed(flow: Flow, rule: string): { node: string; result: WitnessResult }[] {
  const findings = lintFlow(flow).findings.filter((f) => f.rule === rule);
  return witnessesFor(flow, findings).map((result, i) => ({ node: findings[i]!.node, result: result! }));
}

/** Five menus in a row, each with 0 for an agent; the first's 1 leads to `first` (m2 for the whole chain, m5 to skip three). */
function menuChain(first: string): Flow {
  return makeFlow([
    menu('m1', { '1': first, '0': 'agent' }),
    menu('m2', { '1': 'm3', '0': 'agent' }),
    menu('m3', { '1': 'm4', '0': 'agent' }),
    menu('m4', { '1': 'm5', '0': 'agent' }),
    menu('m5', { '1': 'agent', '0': 'agent' }),
    agent,
    voicemail
  ]);
}

function only(flow: Flow, rule: string): NonNullable<WitnessResult['witness']> {
  const all = witnessed(flow, rule);
  expect(all).toHaveLength(1);
  const witness = all[0]!.result.witness;
  expect(witness, JSON.stringify(all[0]!.result)).toBeDefined();
  // Whatever it states, it passes when run as a saved test call.
  const run = runTestCall(flow, witness!);
  expect(run.failures).toEqual([]);
  return witness!;
}

describe('witness calls', () => {
  it('drops the caller at a dead end on the unwired outcome', () => {
    const flow = makeFlow([
      menu('main', { '1': 'lookup', '0': 'agent' }),
      { id: 'lookup', kind: 'lookup', service: 'crm', success: 'agent' },
      agent,
      voicemail
    ]);
    const witness = only(flow, 'dead-end');
    expect(witness.steps).toEqual([{ press: '1' }]);
    expect(witness.environment).toEqual({ outcomes: { lookup: 'failure' } });
    expect(witness.expect).toEqual({ outcome: 'dropped', endsAt: 'lookup', visits: ['lookup'] });
  });

  it('goes round a trap loop back to where it came in', () => {
    const flow = makeFlow([
      menu('main', { '1': 'hold', '0': 'agent' }),
      { id: 'hold', kind: 'prompt', prompt: 'Please hold.', next: 'still' },
      { id: 'still', kind: 'prompt', prompt: 'Still holding.', next: 'hold' },
      agent,
      voicemail
    ]);
    const witness = only(flow, 'trap-loop');
    expect(witness.steps).toEqual([{ press: '1' }]);
    expect(witness.expect.outcome).toBe('trapped');
    expect(witness.expect.visits).toEqual(['hold', 'still', 'hold']);
  });

  it('hears a menu with no retry limit again and again', () => {
    const flow = makeFlow([menu('main', { '0': 'agent' }, { maxRetries: undefined, onMaxRetries: undefined }), agent, voicemail]);
    const witnesses = witnessed(flow, 'unbounded-retry');
    expect(witnesses.map((w) => w.result.witness?.steps)).toEqual([
      [{ silence: true }, { silence: true }, { silence: true }],
      [{ press: '1' }, { press: '1' }, { press: '1' }]
    ]);
    for (const { result } of witnesses) {
      expect(result.witness!.expect).toEqual({ visits: ['main', 'main', 'main', 'main'] });
      expect(runTestCall(flow, result.witness!).passed).toBe(true);
    }
  });

  it('reaches the node after which no help is possible, and on to where the call ends', () => {
    const flow = makeFlow([
      menu('main', { '1': 'lookup', '0': 'agent' }),
      { id: 'lookup', kind: 'lookup', service: 'crm', success: 'agent', failure: 'sorry' },
      { id: 'sorry', kind: 'prompt', prompt: 'We cannot find your account. Goodbye.', next: 'bye' },
      { id: 'bye', kind: 'hangup' },
      agent,
      voicemail
    ]);
    const witness = only(flow, 'no-human-route');
    expect(witness.steps).toEqual([{ press: '1' }]);
    expect(witness.environment).toEqual({ outcomes: { lookup: 'failure' } });
    expect(witness.expect).toEqual({ outcome: 'ended', endsAt: 'bye', visits: ['sorry'] });
  });

  it('asks for the same variable twice', () => {
    const flow = makeFlow([
      { id: 'account', kind: 'input', prompt: 'Enter your account number.', variable: 'account', minDigits: 4, maxDigits: 4, next: 'main', noInput: 'agent', invalid: 'agent' },
      menu('main', { '1': 'again', '0': 'agent' }),
      { id: 'again', kind: 'input', prompt: 'Enter your account number.', variable: 'account', minDigits: 4, maxDigits: 4, next: 'agent', noInput: 'agent', invalid: 'agent' },
      agent,
      voicemail
    ]);
    const witness = only(flow, 'repeated-input');
    expect(witness.steps).toEqual([{ press: '1111' }, { press: '1' }]);
    expect(witness.expect).toEqual({ visits: ['account', 'again'] });
  });

  it('waits in the unannounced queue, and reaches the first person only after the slow route', () => {
    const long = 'Please listen carefully, as our menu options have changed. '.repeat(20);
    const flow = makeFlow([
      { id: 'welcome', kind: 'prompt', prompt: long, next: 'main' },
      menu('main', { '1': 'agent' }),
      { ...agent, expectedWaitSeconds: 300 },
      voicemail
    ]);
    const wait = only(flow, 'unannounced-wait');
    expect(wait.steps).toEqual([{ press: '1' }]);
    expect(wait.expect).toEqual({ outcome: 'person', endsAt: 'agent', visits: ['agent'] });
    const slow = only(flow, 'slow-path-to-human');
    expect(slow.expect).toEqual({ outcome: 'person', endsAt: 'agent', visits: ['welcome', 'main', 'agent'] });
  });

  it('makes every menu choice on the way to a deep menu', () => {
    const witness = only(menuChain('m2'), 'deep-menu');
    expect(witness.steps).toEqual([{ press: '1' }, { press: '1' }, { press: '1' }, { press: '1' }]);
    expect(witness.expect).toEqual({ visits: ['m1', 'm2', 'm3', 'm4', 'm5'] });
  });

  it('shows a reachable broken reference, and says when no call reaches one', () => {
    const flow = makeFlow([
      menu('main', { '1': 'nowhere', '0': 'agent' }),
      { id: 'orphan', kind: 'prompt', prompt: 'Never heard.', next: 'gone' },
      agent,
      voicemail
    ]);
    const results = witnessed(flow, 'broken-reference');
    expect(results.map((r) => r.node)).toEqual(['main', 'orphan']);
    const witness = results[0]!.result.witness!;
    expect(witness.steps).toEqual([{ press: '1' }]);
    expect(runTestCall(flow, witness).passed).toBe(true);
    expect(results[1]!.result).toEqual({ noWitness: 'No call reaches "orphan" from the start "main"' });
  });

  it('sets the caller data a branch needs, without contradicting an earlier branch', () => {
    const flow = makeFlow([
      { id: 'vip', kind: 'branch', cases: [{ when: { var: 'caller.tier', op: 'eq', value: 'gold' }, next: 'gold' }], otherwise: 'main' },
      menu('main', { '0': 'agent' }),
      { id: 'gold', kind: 'branch', cases: [{ when: { var: 'caller.tier', op: 'ne', value: 'gold' }, next: 'agent' }], otherwise: 'lookup' },
      { id: 'lookup', kind: 'lookup', service: 'crm', success: 'agent' },
      agent,
      voicemail
    ]);
    const witness = only(flow, 'dead-end');
    expect(witness.environment).toEqual({ caller: { tier: 'gold' }, outcomes: { lookup: 'failure' } });
  });

  it('goes round a counted retry loop as many times as its counter needs', () => {
    const flow = makeFlow([
      { id: 'ask', kind: 'input', prompt: 'Enter your PIN.', variable: 'pin', minDigits: 4, maxDigits: 4, next: 'agent', noInput: 'count', invalid: 'count' },
      { id: 'count', kind: 'set', increment: ['tries'], next: 'check' },
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'tries', op: 'lt', value: 3 }, next: 'ask' }], otherwise: 'lookup' },
      { id: 'lookup', kind: 'lookup', service: 'crm', success: 'agent' },
      agent,
      voicemail
    ]);
    const witness = only(flow, 'dead-end');
    expect(witness.steps).toEqual([{ silence: true }, { silence: true }, { silence: true }]);
    expect(witness.environment).toEqual({ outcomes: { lookup: 'failure' } });
  });

  it('gives no witness for rules no call can show', () => {
    const flow = makeFlow([{ id: 'hello', kind: 'prompt', prompt: 'Hello', next: 'agent' }, agent, voicemail], { locales: ['en-US', 'es-US'] });
    const findings = lintFlow(flow).findings.filter((f) => f.rule === 'missing-translation');
    expect(findings.length).toBeGreaterThan(0);
    expect(witnessesFor(flow, findings)).toEqual(findings.map(() => undefined));
  });
});

/**
 * A finding's fix request: the test call a reviewer saves to ask for a fix.
 * It fails on the flow as it is, and passes on the flow once fixed.
 */
describe('fix requests', () => {
  function fixOf(flow: Flow, rule: string): TestCall {
    const all = witnessed(flow, rule);
    expect(all).toHaveLength(1);
    const fix = all[0]!.result.witness === undefined ? undefined : all[0]!.result.fix;
    expect(fix, JSON.stringify(all[0]!.result)).toBeDefined();
    return fix!;
  }

  /** The fix request fails with `failure` before the fix, and passes after it, when the finding is gone. */
  function asksFor(before: Flow, after: Flow, rule: string, failure: RegExp): TestCall {
    const fix = fixOf(before, rule);
    const now = runTestCall(before, fix);
    expect(now.passed).toBe(false);
    expect(now.failures.join('\n')).toMatch(failure);
    expect(lintFlow(after).findings.filter((f) => f.rule === rule)).toEqual([]);
    expect(runTestCall(after, fix).failures).toEqual([]);
    return fix;
  }

  const lookupFlow = (lookup: Loose, tail: Loose[] = []): Flow =>
    makeFlow([menu('main', { '1': 'lookup', '0': 'agent' }), lookup, ...tail, agent, voicemail]);

  it('a dead end: the call must not be dropped there', () => {
    const fix = asksFor(
      lookupFlow({ id: 'lookup', kind: 'lookup', service: 'crm', success: 'agent' }),
      lookupFlow({ id: 'lookup', kind: 'lookup', service: 'crm', success: 'agent', failure: 'vm' }),
      'dead-end',
      /expected the call not to end with "dropped" and end at "lookup", but it did/
    );
    expect(fix).toMatchObject({ name: 'Fix dead-end: lookup on failure', steps: [{ press: '1' }], expect: { not: { outcome: 'dropped', endsAt: 'lookup' } } });
  });

  it('no route to a person: help must still be within reach where the call stands', () => {
    const sorry: Loose[] = [
      { id: 'sorry', kind: 'prompt', prompt: 'We cannot find your account. Goodbye.', next: 'bye' },
      { id: 'bye', kind: 'hangup' }
    ];
    const fix = asksFor(
      lookupFlow({ id: 'lookup', kind: 'lookup', service: 'crm', success: 'agent', failure: 'sorry' }, sorry),
      lookupFlow({ id: 'lookup', kind: 'lookup', service: 'crm', success: 'agent', failure: 'sorry' }, [
        { id: 'sorry', kind: 'prompt', prompt: 'We cannot find your account.', next: 'agent' }
      ]),
      'no-human-route',
      /expected help to be still within reach, but the call ended with "ended" at "bye"/
    );
    expect(fix.steps).toEqual([{ press: '1' }, { expect: { canReachHelp: true } }]);
  });

  it('a trap loop: help must be within reach from inside it', () => {
    const flow = (still: string): Flow =>
      makeFlow([
        menu('main', { '1': 'hold', '0': 'agent' }),
        { id: 'hold', kind: 'prompt', prompt: 'Please hold.', next: 'still' },
        { id: 'still', kind: 'prompt', prompt: 'Still holding.', next: still },
        agent,
        voicemail
      ]);
    asksFor(flow('hold'), flow('agent'), 'trap-loop', /no route on from "(hold|still)" leads to one/);
  });

  it('a menu with no retry limit: the caller must not hear it a fourth time', () => {
    const flow = (extra: Record<string, unknown>): Flow => makeFlow([menu('main', { '0': 'agent' }, extra), agent, voicemail]);
    const before = flow({ maxRetries: undefined, onMaxRetries: undefined });
    const after = flow({ maxRetries: 2, onMaxRetries: 'agent' });
    const fixes = witnessed(before, 'unbounded-retry').map((w) => (w.result.witness === undefined ? undefined : w.result.fix));
    expect(fixes).toHaveLength(2);
    for (const fix of fixes) {
      expect(runTestCall(before, fix!).failures).toEqual([
        'expected the call not to pass "main" → "main" → "main" → "main", but it did'
      ]);
      // Fixed, the call goes on to a person before its last steps: they are not run.
      expect(runTestCall(after, fix!).failures).toEqual([]);
    }
  });

  it('a repeated input: the caller must not be asked again', () => {
    const ask = (id: string, next: string): Loose => ({ id, kind: 'input', prompt: 'Enter your account number.', variable: 'account', minDigits: 4, maxDigits: 4, next, noInput: 'agent', invalid: 'agent' });
    asksFor(
      makeFlow([ask('account', 'main'), menu('main', { '1': 'again', '0': 'agent' }), ask('again', 'agent'), agent, voicemail]),
      makeFlow([ask('account', 'main'), menu('main', { '1': 'agent', '0': 'agent' }), agent, voicemail]),
      'repeated-input',
      /not to pass "account" → "again"/
    );
  });

  it('an unannounced wait: the caller must be told how long it is', () => {
    const flow = (announceWait: boolean): Flow => makeFlow([menu('main', { '1': 'agent' }), { ...agent, expectedWaitSeconds: 300, announceWait }, voicemail]);
    const fix = asksFor(flow(false), flow(true), 'unannounced-wait', /expected the caller to have been told how long the wait is/);
    expect(fix.steps.at(-1)).toEqual({ expect: { waitAnnounced: true } });
  });

  it('a slow path to a person: a person must be reached within the limit from the start', () => {
    const flow = (welcome: string): Flow =>
      makeFlow([{ id: 'welcome', kind: 'prompt', prompt: welcome, next: 'main' }, menu('main', { '1': 'agent' }), agent, voicemail]);
    const fix = asksFor(
      flow('Please listen carefully, as our menu options have changed. '.repeat(20)),
      flow('Welcome.'),
      'slow-path-to-human',
      /expected a person within 60 s of caller time, but the fastest route on from "main" reaches one \d+ s into the call/
    );
    expect(fix.steps).toEqual([{ expect: { personWithinSeconds: 60 } }]);
  });

  it('a deep menu: the route must not pass every menu on the way', () => {
    asksFor(menuChain('m2'), menuChain('m5'), 'deep-menu', /not to pass "m1" → "m2" → "m3" → "m4" → "m5"/);
  });
});

/** Every finding a call can show, in the example flows and the vendor corpus: its witness replays, or it says why there is none. */
describe('witnesses of real flows', () => {
  const io = { cwd: process.cwd(), stdout: { write: () => true }, stderr: { write: () => true }, color: false } as never;

  async function check(files: string[]): Promise<{ findings: number; witnesses: number; unreached: number; fixes: number }> {
    const { files: loaded } = await loadPaths(files, io);
    let findings = 0;
    let witnesses = 0;
    let unreached = 0;
    let fixes = 0;
    for (const file of loaded) {
      if (file.ok !== true) continue;
      const list = lintFlow(file.flow).findings.filter((f) => WITNESSED_RULES.has(f.rule));
      const results = witnessesFor(file.flow, list);
      results.forEach((result, i) => {
        findings++;
        if (result?.witness === undefined) {
          expect(result?.noWitness, `${file.file.file} ${list[i]!.rule} ${list[i]!.node}`).toMatch(/^(No call|Not looked)/);
          if (result?.noWitness?.startsWith('No call reaches')) unreached++;
          return;
        }
        witnesses++;
        const run = runTestCall(file.flow, result.witness);
        expect(run.failures, `${file.file.file}: ${result.witness.name}`).toEqual([]);
        // Its fix request fails on the flow as it is.
        if (result.fix !== undefined) {
          fixes++;
          expect(runTestCall(file.flow, result.fix).passed, `${file.file.file}: ${result.fix.name}`).toBe(false);
        }
      });
    }
    return { findings, witnesses, unreached, fixes };
  }

  it('the example flows', async () => {
    const ids = ['airline', 'bank', 'clinic', 'runaround', 'utility-outage'];
    for (const id of ids) expect(exampleFlow(id).id).toBeTruthy();
    const result = await check(ids.map((id) => `flows/${id}.ivr.json`));
    // The runaround example is built to fail: each of its findings has a witness but the one no call reaches.
    expect(result).toEqual({ findings: 11, witnesses: 10, unreached: 1, fixes: 10 });
  });

  it.each<CorpusVendor>(['twilio-studio', 'amazon-connect', 'genesys'])('the %s corpus', async (vendor) => {
    const result = await check(corpusFiles(vendor).map((file) => corpusPath(vendor, file)));
    expect(result.findings).toBeGreaterThan(0);
    // Most findings have a witness; the rest say why (none replays wrongly: checked above).
    expect(result.witnesses / (result.findings - result.unreached)).toBeGreaterThan(0.8);
    // Nearly every witness comes with a fix request (not one that would already pass).
    expect(result.fixes / result.witnesses).toBeGreaterThan(0.8);
  });
});

void ({} as Loose);
