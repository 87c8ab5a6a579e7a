/**
 * Properties of the vendor formats over generated flows: an export either
 * says why it cannot be made or imports back with the same help on offer,
 * and no mutation of a vendor file makes an importer throw.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { loadAnyFlow, VENDOR_FORMATS } from '../../../src/core/formats/index.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import type { Flow } from '../../../src/core/model/types.ts';
import { exportEnvFor } from '../../support/env.ts';
import { corpusPath } from '../../support/corpus.ts';

const ids = ['welcome', 'main', 'billing', 'agent', 'vm', 'bye', 'hours', 'lookup', 'cb'];
const target = fc.constantFrom(...ids);
const key = fc.constantFrom('0', '1', '2', '3', '9');
const prompt = fc.constantFrom('Welcome.', 'For billing, press 1. For an agent, press 0.', 'Goodbye.');

const node = (id: string) =>
  fc.oneof(
    fc.record({ id: fc.constant(id), kind: fc.constant('prompt'), prompt, next: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('prompt'), prompt, end: fc.constant(true) }),
    fc.record({
      id: fc.constant(id),
      kind: fc.constant('menu'),
      prompt,
      options: fc.uniqueArray(fc.record({ key, next: target }), { minLength: 1, maxLength: 4, selector: (o) => o.key }),
      noInput: target,
      invalid: target,
      maxRetries: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      onMaxRetries: target
    }),
    fc.record({ id: fc.constant(id), kind: fc.constant('lookup'), service: fc.constant('crm'), success: target, failure: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('queue'), queue: fc.constant('support'), expectedWaitSeconds: fc.nat(600), announceWait: fc.boolean(), overflow: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('transfer'), number: fc.constant('+15550100'), reachesPerson: fc.constant(true), failed: target }),
    fc.record({ id: fc.constant(id), kind: fc.constant('voicemail'), mailbox: fc.constant('general') }),
    fc.record({ id: fc.constant(id), kind: fc.constant('callback'), queue: fc.constant('callbacks') }),
    fc.record({
      id: fc.constant(id),
      kind: fc.constant('hours'),
      timeZone: fc.constant('America/Chicago'),
      weekly: fc.constant({ mon: [['09:00', '17:00']] as [string, string][] }),
      open: target,
      closed: target
    }),
    fc.record({ id: fc.constant(id), kind: fc.constant('hangup') })
  );

const flowArbitrary = fc
  .tuple(...ids.map(node))
  .map((nodes) => JSON.parse(JSON.stringify({ version: 1, id: 'generated', name: 'Generated', start: 'welcome', nodes })) as unknown)
  .map((document) => {
    const loaded = loadFlow(document, 'generated.ivr.json');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    return loaded.flow;
  });

/**
 * How many nodes offer a person, and how many other help: voicemail, a
 * callback, or a hand-off to another flow (Connect has no voicemail action,
 * so voicemail ships as a transfer to a voicemail flow, which the analysis
 * counts as help while that flow is not among those linted).
 */
function help(flow: Flow): { human: number; deferred: number } {
  let human = 0;
  let deferred = 0;
  for (const n of flow.nodes) {
    if (n.kind === 'queue' || (n.kind === 'transfer' && n.reachesPerson)) human++;
    if (n.kind === 'voicemail' || n.kind === 'callback' || n.kind === 'subflow') deferred++;
  }
  return { human, deferred };
}

// The vendors this build exports to (a vendor may be read only).
describe.each(VENDOR_FORMATS.filter((f) => f.export !== undefined).map((f) => [f.id, f] as const))('%s', (_, format) => {
  it('exports any flow to a file that imports back and lints, with no help lost', () => {
    fc.assert(
      fc.property(flowArbitrary, (flow) => {
        const exported = format.export!(flow, { environment: exportEnvFor(flow) }, 'generated.ivr.json');
        if (!exported.ok) {
          for (const problem of exported.problems) expect(problem.message.length).toBeGreaterThan(0);
          return;
        }
        const back = loadAnyFlow(JSON.parse(JSON.stringify(exported.document)), 'exported.json');
        expect(back.ok && back.format).toBe(format.id);
        if (!back.ok) return;
        expect(() => lintFlow(back.flow)).not.toThrow();
        // No help is lost: Studio has no callback widget, so a callback comes back as a Flex queue (a person).
        const before = help(flow);
        const after = help(back.flow);
        expect(after.human).toBeGreaterThanOrEqual(before.human);
        expect(after.human + after.deferred).toBeGreaterThanOrEqual(before.human + before.deferred);
      }),
      { numRuns: 150 }
    );
  });
});

describe('importers on mutated vendor files', () => {
  const corpus = corpusPath();
  const samples = [
    path.join(corpus, 'twilio-studio', 'twilio-labs__sample-flows-github-actions__CA-Regulatory-Flow.json'),
    path.join(corpus, 'amazon-connect', 'amazon-connect__amazon-connect-snippets__BankIDAuth-contact-flow.json'),
    path.join(corpus, 'amazon-connect', 'amazon-connect__amazon-connect-snippets__001-Context-Tracking-Main.json')
  ].map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown);

  /** Replaces the value at a random place in a JSON value with another JSON value. */
  function mutate(value: unknown, choices: number[], replacement: unknown): unknown {
    if (choices.length === 0 || typeof value !== 'object' || value === null) return replacement;
    const keys = Object.keys(value);
    if (keys.length === 0) return replacement;
    const [choice, ...rest] = choices;
    const key = keys[choice! % keys.length]!;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
    (copy as Record<string, unknown>)[key] = mutate((value as Record<string, unknown>)[key], rest, replacement);
    return copy;
  }

  it('never throw, whatever value lands wherever', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(fc.nat(40), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), (sample, choices, replacement) => {
        const mutated = mutate(sample, choices, replacement);
        for (const format of VENDOR_FORMATS) {
          if (!format.detect(mutated)) continue;
          const result = format.import(mutated, 'mutated.json');
          if (!result.ok) for (const problem of result.problems) expect(problem.file).toBe('mutated.json');
        }
      }),
      { numRuns: 600 }
    );
  });
});
