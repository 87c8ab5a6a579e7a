import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { runTestCall } from '../../../src/core/calls/run.ts';
import { coverageOf, transitionsOf } from '../../../src/core/simulate/coverage.ts';
import { asTestCall, exampleFor, shortestPaths } from '../../../src/core/simulate/paths.ts';
import { exampleFlow, makeFlow } from '../../support/build.ts';
import { generateFlow } from '../../support/generate.ts';

describe('shortest paths', () => {
  it.each(['bank', 'airline', 'utility-outage', 'clinic', 'runaround'])('%s: a confirmed call reaches every reachable node and takes every transition', (id) => {
    const flow = exampleFlow(id);
    const result = shortestPaths(flow);
    const reachable = new Set(lintFlow(flow).metrics.perNode.filter((m) => m.reachable).map((m) => m.node));
    for (const node of result.nodes) expect(node.verified, `${id} ${node.node}`).toBe(reachable.has(node.node));
    for (const edge of result.edges) {
      if (reachable.has(edge.from)) expect(edge.verified, `${id} ${edge.from} ${edge.outcome}`).toBe(true);
    }
    expect(result.verifiedAll).toBe(true);
  });

  it('is the shortest: the main menu choice, not a detour', () => {
    const result = shortestPaths(exampleFlow('bank'));
    const agent = result.nodes.find((n) => n.node === 'agent-queue')!;
    expect(agent.script!.steps).toEqual([{ press: '0' }]);
    // A voicemail after an overflow in open hours needs the world to say so.
    const voicemail = result.nodes.find((n) => n.node === 'loans-voicemail')!;
    expect(voicemail.script!.environment.outcomes).toEqual({ 'loans-hours': 'open', 'loans-queue': 'overflow' });
    // Retries used up: one silence more than the limit.
    const giveUp = result.edges.find((e) => e.from === 'main-menu' && e.outcome === 'maxRetries')!;
    expect(giveUp.script!.steps.filter((s) => 'silence' in s)).toHaveLength(3);
  });

  it("gives the world's outcome to a node named __proto__ as to any other", () => {
    const flow = makeFlow([
      { id: '__proto__', kind: 'lookup', service: 'accounts', success: 'found', failure: 'lost' },
      { id: 'found', kind: 'hangup' },
      { id: 'lost', kind: 'hangup' }
    ]);
    const result = shortestPaths(flow);
    const failure = result.edges.find((e) => e.to === 'lost')!;
    expect(Object.hasOwn(failure.script!.environment.outcomes!, '__proto__')).toBe(true);
    expect(failure.verified).toBe(true);
    expect(result.nodes.find((n) => n.node === 'lost')!.verified).toBe(true);
  });

  it('confirms branch cases on variables and caller data named __proto__', () => {
    const flow = makeFlow([
      { id: 'check', kind: 'branch', cases: [{ when: { var: '__proto__', op: 'eq', value: 'x' }, next: 'mine' }, { when: { var: 'caller.__proto__', op: 'eq', value: 'y' }, next: 'theirs' }], otherwise: 'plain' },
      { id: 'mine', kind: 'hangup' },
      { id: 'theirs', kind: 'hangup' },
      { id: 'plain', kind: 'hangup' }
    ]);
    const result = shortestPaths(flow);
    for (const node of ['mine', 'theirs', 'plain']) expect(result.nodes.find((n) => n.node === node)!.verified, node).toBe(true);
    const mine = result.nodes.find((n) => n.node === 'mine')!;
    expect(Object.hasOwn(mine.script!.environment.variables!, '__proto__')).toBe(true);
  });

  it('finds caller data for branch cases and for otherwise', () => {
    const flow = makeFlow([
      { id: 'check', kind: 'branch', cases: [{ when: { var: 'caller.tier', op: 'eq', value: 'gold' }, next: 'gold' }, { when: { var: 'balance', op: 'gt', value: 100 }, next: 'rich' }], otherwise: 'plain' },
      { id: 'gold', kind: 'queue', queue: 'gold', expectedWaitSeconds: 5 },
      { id: 'rich', kind: 'queue', queue: 'rich', expectedWaitSeconds: 5 },
      { id: 'plain', kind: 'queue', queue: 'plain', expectedWaitSeconds: 5 }
    ]);
    const result = shortestPaths(flow);
    expect(result.nodes.every((n) => n.verified)).toBe(true);
    expect(result.nodes.find((n) => n.node === 'gold')!.script!.environment).toEqual({ caller: { tier: 'gold' } });
    expect(result.nodes.find((n) => n.node === 'rich')!.script!.environment).toEqual({ variables: { balance: 101 } });
  });

  it('confirms a flow over 2,000 nodes on the table-driven engine, exactly as the machine would', () => {
    const flow = generateFlow(1200, 5);
    const onMachine = shortestPaths(flow);
    const onEngine = shortestPaths(flow, { machineUpTo: 0 });
    expect(onEngine.verifiedAll).toBe(true);
    const verdicts = (result: typeof onMachine) => [...result.nodes.map((n) => n.verified), ...result.edges.map((e) => e.verified)];
    expect(verdicts(onEngine)).toEqual(verdicts(onMachine));
    expect(verdicts(onEngine).filter(Boolean).length).toBeGreaterThan(1000);
    // A larger flow is confirmed too, on the engine.
    const large = shortestPaths(generateFlow(3000, 9));
    expect(large.verifiedAll).toBe(true);
    expect(large.nodes.filter((n) => n.script !== undefined && !n.verified)).toEqual([]);
  });

  it('visits each node once on a large flow, and leaves a flow too large to confirm unconfirmed', () => {
    const flow = generateFlow(5000, 11);
    const result = shortestPaths(flow, { verifyUpTo: 1000 });
    expect(result.verifiedAll).toBe(false);
    const reachable = lintFlow(flow).metrics.perNode.filter((m) => m.reachable).length;
    expect(result.nodes.filter((n) => n.script !== undefined)).toHaveLength(reachable);
  });
});

describe('coverage', () => {
  it('counts what the saved calls reach, and a generated call closes a gap', () => {
    const flow = exampleFlow('bank');
    const before = coverageOf(flow);
    expect(before.calls).toBe(flow.tests!.length);
    expect(before.nodes.total).toBe(flow.nodes.length);
    expect(before.nodes.missing).toContain('fraud-queue');
    expect(before.transitions.total).toBe(transitionsOf(flow).length);
    // Save the shortest call to the fraud queue as a test call: it is covered now.
    const fraud = shortestPaths(flow).nodes.find((n) => n.node === 'fraud-queue')!;
    const call = { ...asTestCall('Fraud line', fraud.script!), expect: { outcome: 'person' as const } };
    expect(runTestCall(flow, call).passed).toBe(true);
    const after = coverageOf({ ...flow, tests: [...flow.tests!, call] });
    expect(after.nodes.missing).not.toContain('fraud-queue');
    expect(after.nodes.covered).toBe(before.nodes.covered + 1);
    expect(after.transitions.covered).toBeGreaterThan(before.transitions.covered);
  });
});

describe('an entry a pattern accepts', () => {
  it.each([
    ['^(19|20)\\d{6}$', '19000000'],
    ['\\d{4}', '0000'],
    ['[1-9][0-9]{2,3}', '100'],
    ['(?:555)?\\d{7}', '0000000'],
    ['#?\\d+', '0']
  ])('%s gives %s', (pattern, example) => {
    expect(exampleFor(pattern)).toBe(example);
    expect(new RegExp(`^(?:${pattern})$`).test(example)).toBe(true);
  });

  it('gives nothing for what it cannot read', () => {
    expect(exampleFor('[^5]{3}')).toBeUndefined();
    expect(exampleFor('(a|b)')).toBeUndefined();
  });
});

describe('shortest paths along a chain of menus', () => {
  /** `count` menus in a row, 1 going on, 0 to the desk; the branch before the first sets a caller tier. */
  const chain = (count: number) =>
    makeFlow([
      { id: 'tier', kind: 'branch', cases: [{ when: { var: 'caller.tier', op: 'eq', value: 'gold' }, next: 'm0' }], otherwise: 'desk' },
      ...Array.from({ length: count }, (_, i) => ({ id: `m${i}`, kind: 'menu', prompt: 'Press 1 to go on, 0 for the desk.', options: [{ key: '1', next: i === count - 1 ? 'desk' : `m${i + 1}` }, { key: '0', next: 'desk' }], noInput: `m${i}`, invalid: `m${i}`, maxRetries: 1, onMaxRetries: 'desk' })),
      { id: 'desk', kind: 'queue', queue: 'desk', expectedWaitSeconds: 10 }
    ]);

  it('keeps each script as the one it continues and what it adds, and writes it out in full when read', () => {
    const result = shortestPaths(chain(40));
    const last = result.nodes.find((n) => n.node === 'm39')!;
    expect(last.continues).toEqual({ after: 'm38', size: 40, steps: [{ press: '1' }], environment: {} });
    expect(last.script).toEqual({ steps: Array.from({ length: 39 }, () => ({ press: '1' })), environment: { caller: { tier: 'gold' } } });
    expect(result.nodes.find((n) => n.node === 'tier')!.continues).toBeUndefined();
    const edge = result.edges.find((e) => e.from === 'm39' && e.outcome === '0')!;
    expect(edge.continues).toEqual({ after: 'm39', size: 41, steps: [{ press: '0' }], environment: {} });
    expect(edge.script!.steps).toHaveLength(40);
    expect(result.verifiedAll).toBe(true);
    expect(last.verified).toBe(true);
  });

  it('runs no call on the machine when the calls have more steps in all than it runs', () => {
    // 600 menus: some 900,000 steps to run one script per node and per transition.
    const result = shortestPaths(chain(600));
    expect(result.verifiedAll).toBe(false);
    expect(result.nodes.every((n) => !n.verified)).toBe(true);
    expect(shortestPaths(chain(40), { verifyStepsUpTo: 100 }).verifiedAll).toBe(false);
  });
});
