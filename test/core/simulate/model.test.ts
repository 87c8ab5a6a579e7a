/**
 * The traffic model as the repros found it (D19, D20, D21, D26): shares at any
 * magnitude, all-zero shares, node ids that are names of Object's own
 * properties, what a model says that a flow does not use, problems in this
 * tool's words, and seeds of all 53 bits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../../src/core/model/load.ts';
import type { Flow } from '../../../src/core/model/types.ts';
import { modelWarnings, parseModel, resolveModel, type TrafficModel } from '../../../src/core/simulate/model.ts';
import { callStream } from '../../../src/core/simulate/random.ts';
import { simulateWithActors, simulateWithEngine } from '../../../src/core/simulate/traffic.ts';
import { exampleFlow } from '../../support/build.ts';

const fixtureText = (name: string): string => readFileSync(new URL(`../../fixtures/repro/${name}`, import.meta.url), 'utf8');

/** A model fixture (test/fixtures/repro/models/), parsed as `--model` parses it. */
function model(name: string): ReturnType<typeof parseModel> {
  return parseModel(JSON.parse(fixtureText(`models/${name}`)), name);
}

function okModel(name: string): TrafficModel {
  const result = model(name);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.model;
}

function protoFlow(): Flow {
  const result = loadFlow(JSON.parse(fixtureText('proto-ids.ivr.json')), 'proto-ids.ivr.json');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

describe('shares (D20)', () => {
  const bank = exampleFlow('bank');
  const equal = simulateWithEngine(bank, 4000, { model: okModel('share-equal-choices.json') });

  it.each(['share-huge-choices.json', 'share-tiny-choices.json'])('%s: equal shares at any magnitude split the calls as shares of 1 do', (name) => {
    expect(simulateWithEngine(bank, 4000, { model: okModel(name) })).toEqual(equal);
  });

  it('weighs shares of 1e308 exactly: no sum overflows', () => {
    const resolved = resolveModel(okModel('share-huge.json'));
    expect(resolved.intents.map((i) => i.weight)).toEqual([1, 1]);
    expect(resolveModel({ intents: [{ name: 'a', share: 5e-324 }, { name: 'b', share: 2.5e-323 }] }).intents.map((i) => i.weight)).toEqual([0.2, 1]);
  });

  it.each(['all-zero-share.json', 'share-zero-choices.json'])('%s: refuses shares that are all 0, at /intents', (name) => {
    const result = model(name);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ pointer: '/intents', severity: 'error' });
      expect(result.problems[0]!.message).toMatch(/^every intent has a share of 0/);
    }
  });

  it('the XState reference agrees on huge shares', () => {
    const huge = okModel('share-huge-choices.json');
    expect(simulateWithEngine(bank, 300, { model: huge })).toEqual(simulateWithActors(bank, 300, { model: huge }));
  });
});

describe('node ids that are Object property names (D21)', () => {
  it('keeps a choice keyed by "__proto__" as data, and uses it', () => {
    const parsed = okModel('choose-zero-proto.json');
    expect(Object.hasOwn(parsed.intents![0]!.choices!, '__proto__')).toBe(true);
    expect(resolveModel(parsed).intents[0]!.choices.get('__proto__')).toBe('0');
    // Everyone presses 0 at the main menu ("__proto__"): a person or a hang-up in the queue, nothing else.
    const report = simulateWithEngine(protoFlow(), 1000, { model: parsed });
    expect(report.outcomes.person + report.outcomes.abandoned).toBe(1);
    const free = simulateWithEngine(protoFlow(), 1000);
    expect(free.outcomes.ended + free.outcomes.voicemail + free.outcomes.callback).toBeGreaterThan(0);
  });

  it('keeps outcomes keyed by "__proto__", and checks what the schema library passes over', () => {
    const document = JSON.parse('{"outcomes": {"__proto__": {"failure": 1}, "balance-lookup": {"__proto__": 0.5}}, "intents": [{"name": "a", "share": 1, "choices": {"__proto__": "1"}}]}');
    const parsed = parseModel(document, 'm.json');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      const resolved = resolveModel(parsed.model);
      expect(resolved.outcomes.get('__proto__')?.get('failure')).toBe(1);
      expect(resolved.outcomes.get('balance-lookup')?.get('__proto__')).toBe(0.5);
      expect(Object.getPrototypeOf(parsed.model.outcomes)).toBe(Object.prototype);
    }
    const bad = parseModel(JSON.parse('{"outcomes": {"__proto__": {"failure": 5}, "x": {"__proto__": "no"}}, "intents": [{"name": "a", "share": 1, "choices": {"__proto__": 1}}]}'), 'm.json');
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual([
      '/intents/0/choices/__proto__: expected string, got number 1',
      '/outcomes/__proto__/failure: expected a number of at most 1, got number 5',
      '/outcomes/x/__proto__: expected number, got string "no"'
    ]);
  });

  it('warns of choices and outcomes the flow will not use: unknown nodes, keys a menu does not offer, outcomes a step lacks', () => {
    const bank = exampleFlow('bank');
    const warnings = (name: string) => modelWarnings(okModel(name), bank.nodes, name).map((w) => `${w.pointer}: ${w.message}`);
    expect(warnings('choices-unknown-node.json')).toEqual([
      '/intents/0/choices/nope: the flow has no node "nope": intent "a"\'s choice there is never used',
      '/intents/0/choices/main-menu: menu "main-menu" offers no "9" (it offers "1", "2", "3", "0"): callers with intent "a" pick an option at random there'
    ]);
    expect(warnings('choices-non-key.json')).toHaveLength(1);
    expect(warnings('outcome-unknown-node.json')).toEqual(['/outcomes/nope: the flow has no node "nope": its outcomes are never used']);
    expect(warnings('outcome-unknown-name.json')).toEqual([
      '/outcomes/balance-lookup/explode: node "balance-lookup" has no outcome "explode" (its outcomes: "success", "failure"): this chance is never used'
    ]);
    // On the bank flow, "__proto__" is no node; on the flow whose menu it is, the choice is used.
    expect(warnings('choose-zero-proto.json')).toEqual(['/intents/0/choices/__proto__: the flow has no node "__proto__": intent "agent"\'s choice there is never used']);
    expect(modelWarnings(okModel('choose-zero-proto.json'), protoFlow().nodes, 'm.json')).toEqual([]);
    expect(warnings('choose-zero-plain.json')).toEqual([]);
    expect(modelWarnings(JSON.parse('{"outcomes": {"main-menu": {"invalid": 0.5}, "balance-lookup": {"success": 0.9}}}'), bank.nodes, 'm.json').map((w) => w.message)).toEqual([
      'node "main-menu" is a menu, whose outcome the caller decides: these outcomes are never used',
      '"success" is what the other outcomes of "balance-lookup" leave: a chance of 1, not the 0.9 given'
    ]);
  });
});

describe('model problems (D26)', () => {
  /** Every model fixture, with what `--model` makes of it: refused with these messages, or used. */
  const CASES: readonly [string, readonly string[] | 'used'][] = [
    ['all-zero-share.json', ['/intents: every intent has a share of 0, so no caller has any of them: give at least one a share above 0 (shares are relative weights)']],
    ['array.json', [': a traffic model is a JSON object (every field optional: {} is a model)']],
    ['choices-non-key.json', 'used'],
    ['choices-unknown-node.json', 'used'],
    ['choose-zero-plain.json', 'used'],
    ['choose-zero-proto.json', 'used'],
    ['intents-empty.json', 'used'],
    ['neg-share.json', ['/intents/0/share: expected a number of at least 0, got number -1']],
    ['null.json', [': a traffic model is a JSON object (every field optional: {} is a model)']],
    ['outcome-gt1.json', ['/outcomes/balance-lookup/failure: expected a number of at most 1, got number 5']],
    ['outcome-sum-gt1.json', ['/outcomes/balance-lookup: the chances of "balance-lookup"\'s outcomes add up to 1.6: one of them happens on each visit, so together at most 1']],
    ['outcome-unknown-name.json', 'used'],
    ['outcome-unknown-node.json', 'used'],
    ['patience-huge.json', 'used'],
    ['patience-neg.json', ['/patienceSeconds: expected a number of at least 0, got number -5']],
    ['patience-string.json', ['/patienceSeconds: expected number, got string "300"']],
    ['patience-zero.json', 'used'],
    [
      'prob-gt1.json',
      [
        '/silence: expected a number of at most 1, got number 1.5',
        '/wrongKey: expected a number of at most 1, got number 2',
        '/zeroOutWhenLost: expected a number of at most 1, got number 3',
        '/openShare: expected a number of at most 1, got number 7'
      ]
    ],
    ['prob-neg.json', ['/silence: expected a number of at least 0, got number -0.5', '/wrongKey: expected a number of at least 0, got number -1']],
    ['proto.json', ['/__proto__: unknown field "__proto__"']],
    ['seed-string-in-model.json', ['/seed: unknown field "seed": the seed is given with --seed, not in the model']],
    ['share-equal-choices.json', 'used'],
    ['share-huge-choices.json', 'used'],
    ['share-huge.json', 'used'],
    ['share-tiny-choices.json', 'used'],
    ['share-zero-choices.json', ['/intents: every intent has a share of 0, so no caller has any of them: give at least one a share above 0 (shares are relative weights)']],
    ['silence-plus-wrong-1.json', ['/wrongKey: silence (0.6) and wrongKey (0.6) add up to 1.2: they are chances of one answer at a menu, so together at most 1']],
    ['unknown-field.json', ['/intnets: unknown field "intnets"']]
  ];

  it.each(CASES)('%s', (name, expected) => {
    const result = model(name);
    if (expected === 'used') {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result.ok ? [] : result.problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual(expected);
    // Never the schema library's own words.
    for (const p of result.ok ? [] : result.problems) expect(p.message).not.toMatch(/Too (small|big)|Invalid input|expected number to be/);
  });

  it('covers every model of the repro', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('../../fixtures/repro/models/', import.meta.url)).sort();
    expect(CASES.map(([name]) => name)).toEqual(files);
  });
});

describe('seeds (D19)', () => {
  it('uses all 53 bits: seeds 2^32 apart give other calls; seeds below 2^32 draw as before', () => {
    expect(callStream(4294967296, 3)).not.toBe(callStream(0, 3));
    expect(callStream(2 ** 53 - 1, 3)).not.toBe(callStream(2 ** 32 - 1, 3));
    // What the seeds below 2^32 always drew.
    expect([callStream(5, 3), callStream(2 ** 32 - 1, 3)]).toEqual([11524906, 3664794242]);
    const bank = exampleFlow('bank');
    const { seed: _a, ...zero } = simulateWithEngine(bank, 500, { seed: 0 });
    const { seed: _b, ...wide } = simulateWithEngine(bank, 500, { seed: 4294967296 });
    expect(wide).not.toEqual(zero);
  });
});
