/**
 * Properties that hold for any flow: loading never throws, analysis never
 * throws and agrees with itself, and the compiled machine runs any caller
 * script to an end or a wait without throwing.
 */
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../src/core/analysis/engine.ts';
import { compile } from '../../src/core/compile/compile.ts';
import { createFlowMachine, type CallerEvent } from '../../src/core/compile/machine.ts';
import { loadFlow, loadFlowText } from '../../src/core/model/load.ts';
import type { Flow } from '../../src/core/model/types.ts';

const ids = ['start', 'main', 'sub', 'agent', 'vm', 'bye', '__proto__', 'a.b', 'x#y', '$person'];
const target = fc.option(fc.constantFrom(...ids, 'missing'), { nil: undefined });
const prompt = fc.constantFrom('Welcome.', 'For billing, press 1. For an agent, press 0.', 'Goodbye.', '');
const key = fc.constantFrom('0', '1', '2', '3', '9', '*', '#');

const promptNode = (id: string) =>
  fc.record({ id: fc.constant(id), kind: fc.constant('prompt'), prompt, next: target, end: fc.option(fc.boolean(), { nil: undefined }) });
const menuNode = (id: string, maxOptions: number, maxRetries: number) =>
  fc.record({
    id: fc.constant(id),
    kind: fc.constant('menu'),
    prompt,
    options: fc.uniqueArray(fc.record({ key, next: target }), { maxLength: maxOptions, selector: (o) => o.key }),
    noInput: target,
    invalid: target,
    maxRetries: fc.option(fc.integer({ min: 0, max: maxRetries }), { nil: undefined }),
    onMaxRetries: target
  });
const hangupNode = (id: string) => fc.record({ id: fc.constant(id), kind: fc.constant('hangup') });

const node = (id: string) =>
  fc.oneof(
    promptNode(id),
    menuNode(id, 7, 3),
    fc.record({ id: fc.constant(id), kind: fc.constant('input'), prompt, variable: fc.constantFrom('account', 'pin'), maxDigits: fc.constant(4), next: target, noInput: target, invalid: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('lookup'), service: fc.constant('crm'), success: target, failure: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('queue'), queue: fc.constant('q'), expectedWaitSeconds: fc.nat(900), overflow: target, answered: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('transfer'), number: fc.constant('+15550100'), reachesPerson: fc.boolean(), failed: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('voicemail'), mailbox: fc.constant('m'), recorded: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('set'), increment: fc.constant(['n']), next: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('branch'), cases: fc.array(fc.record({ when: fc.constant({ var: 'n', op: 'ge' as const, value: 2 }), next: target }), { maxLength: 2 }), otherwise: target }),
    hangupNode(id)
  );

/** Drops undefined fields, as JSON would. */
const clean = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Flows of up to `maxNodes` nodes made by `makeNode`, starting at the first. */
const flowOf = (makeNode: (id: string) => fc.Arbitrary<{ id: string }>, maxNodes: number) =>
  fc
    .uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: maxNodes })
    .chain((chosen) => fc.tuple(...chosen.map(makeNode)))
    .map((nodes) => clean({ version: 1, id: 'prop', name: 'Property', start: nodes[0]!.id, nodes }));

const flowArbitrary = flowOf(node, ids.length);

const loaded = (document: unknown): Flow => {
  const result = loadFlow(document, 'prop.ivr.json');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
};

const event = fc.oneof(
  key.map((k): CallerEvent => ({ type: 'KEY', key: k })),
  fc.constant<CallerEvent>({ type: 'NO_INPUT' }),
  fc.constant<CallerEvent>({ type: 'SPEECH', text: 'one two three four' })
);

describe('any flow', () => {
  it('lints without throwing, every finding naming a node of the flow', () => {
    fc.assert(
      fc.property(flowArbitrary, (document) => {
        const flow = loaded(document);
        const { findings, metrics, entries } = lintFlow(flow);
        const known = new Set(flow.nodes.map((n) => n.id));
        for (const finding of findings) {
          expect(known.has(finding.node)).toBe(true);
          for (const n of finding.nodes) expect(known.has(n)).toBe(true);
        }
        expect(metrics.nodes).toBe(flow.nodes.length);
        expect(lintFlow(flow)).toEqual({ findings, metrics, entries });
      }),
      { numRuns: 300 }
    );
  });

  it('compiles to JSON and runs any caller script without throwing', () => {
    fc.assert(
      fc.property(flowArbitrary, fc.array(event, { maxLength: 12 }), (document, events) => {
        const flow = loaded(document);
        const config = compile(flow);
        expect(JSON.parse(JSON.stringify(config))).toEqual(config);
        const actor = createActor(createFlowMachine(flow), { input: { now: 0, stepLimit: 200 } });
        const errors: unknown[] = [];
        actor.subscribe({ error: (error) => errors.push(error) });
        actor.start();
        // A caller who has been hung up on presses nothing more: events sent to a finished actor are refused (with a warning).
        for (const e of events) {
          if (actor.getSnapshot().status !== 'active') break;
          actor.send(e);
        }
        const snapshot = actor.getSnapshot();
        expect(errors).toEqual([]);
        if (snapshot.status === 'done') {
          expect(['person', 'voicemail', 'callback', 'ended', 'dropped', 'abandoned', 'trapped']).toContain(snapshot.output?.outcome);
        } else {
          expect(snapshot.status).toBe('active');
          // A live call waits at a node that takes caller input.
          const waiting = flow.nodes.find((n) => n.id === snapshot.context.node);
          expect(['menu', 'input']).toContain(waiting?.kind);
        }
        actor.stop();
      }),
      { numRuns: 300 }
    );
  });

  it('a dead end found by the analysis is a dropped call in the machine', () => {
    fc.assert(
      fc.property(flowArbitrary, (document) => {
        const flow = loaded(document);
        const deadEnds = lintFlow(flow).findings.filter((f) => f.rule === 'dead-end' && f.outcome === 'next');
        for (const finding of deadEnds) {
          // Start the call at the prompt-like node and let it run on.
          const node = flow.nodes.find((n) => n.id === finding.node)!;
          if (node.kind !== 'prompt' && node.kind !== 'set') continue;
          const actor = createActor(createFlowMachine({ ...flow, start: node.id }), { input: { now: 0 } });
          actor.start();
          expect(actor.getSnapshot().output).toMatchObject({ outcome: 'dropped', node: node.id });
          actor.stop();
        }
      }),
      { numRuns: 200 }
    );
  });

  it('loading never throws on mutated input', () => {
    const valid = JSON.stringify({
      version: 1, id: 'x', name: 'x', start: 'a',
      nodes: [{ id: 'a', kind: 'menu', prompt: 'Press 1.', options: [{ key: '1', next: 'a' }], noInput: 'a', invalid: 'a' }]
    });
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.string({ maxLength: 3 }), fc.nat(3), (at, insert, cut) => {
        const text = valid.slice(0, at) + insert + valid.slice(at + cut);
        const result = loadFlowText(text, 'm.ivr.json');
        if (!result.ok) {
          for (const problem of result.problems) {
            expect(problem.file).toBe('m.ivr.json');
            expect(problem.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 1000 }
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => loadFlow(value, 'j.ivr.json')).not.toThrow();
      }),
      { numRuns: 500 }
    );
  });
});

describe('the analysis and the machine agree', () => {
  // Menus, prompts and endings only: a silent caller's route depends on nothing else.
  const simpleNode = (id: string) =>
    fc.oneof(
      promptNode(id),
      menuNode(id, 3, 2),
      fc.record({ id: fc.constant(id), kind: fc.constant('queue'), queue: fc.constant('q'), overflow: target }),
      hangupNode(id)
    );
  const simpleFlow = flowOf(simpleNode, 6);

  it('with no trap, unbounded retry, dead end or broken reference, a caller who stays silent is never stuck', () => {
    let checked = 0;
    fc.assert(
      fc.property(simpleFlow, (document) => {
        const flow = loaded(document);
        const rules = new Set(lintFlow(flow).findings.map((f) => f.rule));
        if (['trap-loop', 'unbounded-retry', 'dead-end', 'broken-reference'].some((r) => rules.has(r))) return;
        checked++;
        const actor = createActor(createFlowMachine(flow), { input: { now: 0, stepLimit: 500 } });
        actor.start();
        for (let i = 0; i < 200 && actor.getSnapshot().status === 'active'; i++) actor.send({ type: 'NO_INPUT' });
        const snapshot = actor.getSnapshot();
        expect(snapshot.status).toBe('done');
        expect(['person', 'voicemail', 'callback', 'ended']).toContain(snapshot.output?.outcome);
        actor.stop();
      }),
      { numRuns: 1500 }
    );
    // The property said something: enough flows passed the analysis to be called.
    expect(checked).toBeGreaterThan(50);
  });
});
