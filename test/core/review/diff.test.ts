import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnyFlow } from '../../../src/core/formats/index.ts';
import type { Flow } from '../../../src/core/model/types.ts';
import { diffFlows, isEmptyDiff, wordDiff, type FlowDiff, type NodeChange } from '../../../src/core/review/diff.ts';
import { diffMarkdown, diffText } from '../../../src/core/review/format.ts';
import { exampleFlow, makeFlow } from '../../support/build.ts';
import { corpusPath } from '../../support/corpus.ts';

const CORPUS = corpusPath();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function vendorFile(folder: string, name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, folder, name), 'utf8')) as Json;
}

function imported(document: unknown): Flow {
  const result = loadAnyFlow(document, 'flow.json');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

function edited<T>(document: T, edit: (copy: T) => void): T {
  const copy = structuredClone(document);
  edit(copy);
  return copy;
}

const changeOf = (diff: FlowDiff, node: string): NodeChange | undefined => diff.nodes.find((n) => n.node === node);

describe('diff: two exports of a Twilio Studio flow', () => {
  const original = vendorFile('twilio-studio', 'mbarry-owl__OrderLookupIVR__OrderLookupIVR-flow.json');
  const state = (doc: Json, name: string): Json => (doc['states'] as Json[]).find((s) => s['name'] === name)!;

  it('finds nothing when only widgets moved', () => {
    const moved = edited(original, (doc) => {
      for (const s of doc['states'] as Json[]) s['properties']['offset'] = { x: s['properties']['offset'].x + 500, y: -s['properties']['offset'].y };
    });
    const diff = diffFlows(imported(original), imported(moved));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diffText(diff, { before: 'a', after: 'b' })).toContain('No change a caller would notice.');
  });

  it('shows a changed prompt word by word, and nothing else', () => {
    const reworded = edited(original, (doc) => {
      state(doc, 'say_play_1')['properties']['say'] = "Thank you, you're now being connected with an order specialist.";
    });
    const diff = diffFlows(imported(original), imported(reworded));
    expect(diff.nodes).toHaveLength(1);
    const change = changeOf(diff, 'say_play_1')!;
    expect(change.routes).toEqual([]);
    expect(change.settings).toEqual([]);
    expect(change.prompts).toHaveLength(1);
    const words = change.prompts[0]!.words;
    expect(words.filter((w) => w.op === 'removed').map((w) => w.text)).toEqual(['the', 'customer.']);
    expect(words.filter((w) => w.op === 'added').map((w) => w.text)).toEqual(['an', 'order', 'specialist.']);
    expect(diffText(diff, { before: 'a', after: 'b' })).toContain('connected with [-the customer.-] {+an order specialist.+}');
  });

  it('shows a changed widget setting the native flow does not carry, once', () => {
    const slower = edited(original, (doc) => {
      state(doc, 'order_no')['properties']['speech_timeout'] = '3';
      state(doc, 'order_no')['properties']['profanity_filter'] = 'false';
    });
    const diff = diffFlows(imported(original), imported(slower));
    expect(diff.nodes.map((n) => n.node)).toEqual(['order_no']);
    expect(changeOf(diff, 'order_no')!.settings).toEqual([
      { pointer: '/meta/vendor/properties/speech_timeout', before: 'auto', after: '3' },
      { pointer: '/meta/vendor/properties/profanity_filter', before: 'true', after: 'false' }
    ]);
    // A setting the flow does carry shows as the flow's own, not again as the vendor's.
    const longer = edited(original, (doc) => {
      state(doc, 'order_no')['properties']['timeout'] = 9;
    });
    const settings = changeOf(diffFlows(imported(original), imported(longer)), 'order_no')!.settings;
    expect(settings).toHaveLength(1);
    expect(settings[0]!.pointer).not.toMatch(/^\/meta/);
    expect(settings[0]).toMatchObject({ before: 5, after: 9 });
  });

  it('shows a rewired route, and what it does to the analysis', () => {
    // The order lookup's failure now goes to the apology that ends the call instead of nowhere.
    const rewired = edited(original, (doc) => {
      const lookup = state(doc, 'order_lookup');
      (lookup['transitions'] as Json[]).find((t) => t['event'] === 'fail')!['next'] = 'error';
    });
    const before = imported(original);
    const diff = diffFlows(before, imported(rewired));
    expect(diff.nodes.map((n) => n.node)).toEqual(['order_lookup']);
    expect(changeOf(diff, 'order_lookup')!.routes).toEqual([{ outcome: 'failure', before: null, after: 'error' }]);
    expect(diff.analysis.fixed.map((f) => `${f.rule}@${f.node}`)).toContain('dead-end@order_lookup');
    expect(diff.analysis.introduced).toEqual([]);
  });
});

describe('diff: two revisions of an Amazon Connect flow', () => {
  const original = vendorFile('amazon-connect', 'aws-samples__amazon-connect-callbackmgmt__cfSetCallBackflow.json');
  const action = (doc: Json, id: string): Json => (doc['Actions'] as Json[]).find((a) => a['Identifier'] === id)!;
  const CONFIRM = '49953fa2-6051-4997-927a-706b28ee112e';

  it('finds nothing when only blocks moved on the canvas', () => {
    const moved = edited(original, (doc) => {
      for (const meta of Object.values(doc['Metadata']['ActionMetadata'] as Record<string, Json>)) {
        if (meta['position'] !== undefined) meta['position'] = { x: meta['position'].x + 40, y: meta['position'].y + 300 };
      }
    });
    expect(isEmptyDiff(diffFlows(imported(original), imported(moved)))).toBe(true);
  });

  it('shows a rewired key and a changed prompt on the same block', () => {
    const changed = edited(original, (doc) => {
      const confirm = action(doc, CONFIRM);
      confirm['Parameters']['Text'] = 'If it is correct, press 1. To enter it again, press 2.';
      const two = (confirm['Transitions']['Conditions'] as Json[]).find((c) => c['Condition']['Operands'][0] === '2')!;
      two['NextAction'] = '972f8e58-bac7-4c89-9cbc-84285721d1d0';
    });
    const diff = diffFlows(imported(original), imported(changed));
    expect(diff.nodes.map((n) => n.node)).toEqual([CONFIRM]);
    const change = changeOf(diff, CONFIRM)!;
    expect(change.routes).toEqual([{ outcome: '2', before: 'cb23b1f6-bb16-43a7-a4f9-d2360c394580', after: '972f8e58-bac7-4c89-9cbc-84285721d1d0' }]);
    expect(change.prompts[0]!.words.filter((w) => w.op !== 'same').map((w) => `${w.op}:${w.text}`)).toEqual([
      'removed:If',
      'removed:not',
      'added:To',
      'added:enter',
      'added:it',
      'added:again,'
    ]);
    const markdown = diffMarkdown(diff, { before: 'old.json', after: 'new.json' });
    expect(markdown).toContain('key 2: `cb23b1f6-bb16-43a7-a4f9-d2360c394580` → `972f8e58-bac7-4c89-9cbc-84285721d1d0`');
    expect(markdown).toContain('~~If not~~ **To enter it again,**');
  });
});

describe('diff: native flows', () => {
  const bank = exampleFlow('bank');

  it('reads a node whose id changed as one rename, not a removal, an addition and rewired routes', () => {
    const renamed = structuredClone(bank) as Flow & { nodes: Json[] };
    const retarget = (value: unknown): unknown => (value === 'agent-queue' ? 'representatives' : value);
    for (const node of renamed.nodes as Json[]) {
      if (node['id'] === 'agent-queue') node['id'] = 'representatives';
      for (const key of Object.keys(node)) node[key] = retarget(node[key]);
      for (const option of (node['options'] as Json[] | undefined) ?? []) option['next'] = retarget(option['next']);
    }
    const diff = diffFlows(bank, renamed);
    expect(diff.nodes).toEqual([expect.objectContaining({ node: 'representatives', status: 'changed', renamedFrom: 'agent-queue', routes: [], settings: [], prompts: [] })]);
    expect(diff.analysis.fixed).toEqual([]);
    expect(diff.analysis.introduced).toEqual([]);
    expect(diffText(diff, { before: 'a', after: 'b' })).toContain('~ representatives (queue) renamed\n    id: agent-queue → representatives');
  });

  it('lists added and removed nodes, settings, start and test calls, and the time to a person before and after', () => {
    const before = makeFlow([
      { id: 'hello', kind: 'prompt', prompt: 'Hello, and thank you for calling us today. Please listen closely, as our options have changed.', next: 'menu' },
      { id: 'menu', kind: 'menu', prompt: 'For sales press 1.', options: [{ key: '1', next: 'sales' }], noInput: 'menu', invalid: 'menu', maxRetries: 2, onMaxRetries: 'sales' },
      { id: 'sales', kind: 'queue', queue: 'Sales', expectedWaitSeconds: 60 },
      { id: 'old', kind: 'hangup' }
    ], { tests: [{ name: 'sales', steps: [{ press: '1' }], expect: { outcome: 'person' } }] });
    const after = makeFlow([
      { id: 'hello', kind: 'prompt', prompt: 'Hello.', next: 'menu' },
      { id: 'menu', kind: 'menu', prompt: 'For sales press 1.', options: [{ key: '1', next: 'sales' }, { key: '0', next: 'desk' }], noInput: 'menu', invalid: 'menu', maxRetries: 3, onMaxRetries: 'desk' },
      { id: 'sales', kind: 'queue', queue: 'Sales', expectedWaitSeconds: 60 },
      { id: 'desk', kind: 'queue', queue: 'Front desk', expectedWaitSeconds: 10 }
    ], { name: 'Test flow, with a desk', tests: [{ name: 'desk', steps: [{ press: '0' }], expect: { outcome: 'person' } }] });
    const diff = diffFlows(before, after);
    expect(diff.nodes.map((n) => `${n.status} ${n.node}`)).toEqual(['changed hello', 'changed menu', 'added desk', 'removed old']);
    expect(changeOf(diff, 'menu')!.routes).toEqual([
      { outcome: '0', after: 'desk' },
      { outcome: 'maxRetries', before: 'sales', after: 'desk' }
    ]);
    expect(changeOf(diff, 'menu')!.settings).toEqual([{ pointer: '/maxRetries', before: 2, after: 3 }]);
    expect(diff.settings).toEqual([{ pointer: '/name', before: 'Test flow', after: 'Test flow, with a desk' }]);
    expect(diff.tests).toEqual({ added: ['desk'], removed: ['sales'], changed: [] });
    expect(diff.analysis.secondsToPerson.after).toBeLessThan(diff.analysis.secondsToPerson.before!);
  });

  it('names findings fixed and introduced', () => {
    const before = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'For sales press 1.', options: [{ key: '1', next: 'sales' }], noInput: 'menu', invalid: 'menu', maxRetries: 2, onMaxRetries: 'sales' },
      { id: 'sales', kind: 'queue', queue: 'Sales', expectedWaitSeconds: 60 }
    ]);
    // The no-input handling goes, and the retry limit now hangs up.
    const after = makeFlow([
      { id: 'menu', kind: 'menu', prompt: 'For sales press 1.', options: [{ key: '1', next: 'sales' }], invalid: 'menu', maxRetries: 2, onMaxRetries: 'bye' },
      { id: 'sales', kind: 'queue', queue: 'Sales', expectedWaitSeconds: 60 },
      { id: 'bye', kind: 'hangup' }
    ]);
    const diff = diffFlows(before, after);
    expect(diff.analysis.fixed).toEqual([]);
    expect(diff.analysis.introduced.length).toBeGreaterThan(0);
    expect(diff.analysis.introduced.every((f) => f.node === 'menu' || f.node === 'bye')).toBe(true);
    const reverse = diffFlows(after, before);
    expect(reverse.analysis.fixed.map((f) => f.rule).sort()).toEqual(diff.analysis.introduced.map((f) => f.rule).sort());
  });

  it('finds nothing between a flow and itself, on every example flow', () => {
    for (const id of ['bank', 'airline', 'utility-outage', 'clinic', 'runaround']) {
      const flow = exampleFlow(id);
      expect(isEmptyDiff(diffFlows(flow, structuredClone(flow))), id).toBe(true);
    }
  });
});

describe('wordDiff', () => {
  it('keeps the words both share and marks the rest', () => {
    expect(wordDiff('press 1 for sales', 'press 2 for sales now')).toEqual([
      { op: 'same', text: 'press' },
      { op: 'removed', text: '1' },
      { op: 'added', text: '2' },
      { op: 'same', text: 'for' },
      { op: 'same', text: 'sales' },
      { op: 'added', text: 'now' }
    ]);
    expect(wordDiff('', 'Hello.')).toEqual([{ op: 'added', text: 'Hello.' }]);
  });
});

describe('diff: vendor fields named like methods of an object (D7)', () => {
  const fixture = (name: string): Flow => imported(JSON.parse(fs.readFileSync(new URL(`../../fixtures/repro/${name}`, import.meta.url), 'utf8')));
  const before = fixture('diff-constructor.before.json');
  const after = fixture('diff-constructor.after.json');

  it('reports a field `toString` that was added as new, and as gone when taken away, never as null or undefined', () => {
    const added = diffText(diffFlows(before, after), { before: 'a', after: 'b' });
    expect(added).toContain('/meta/vendor/Parameters/toString: new: "x"');
    const removed = diffMarkdown(diffFlows(after, before), { before: 'b', after: 'a' });
    expect(removed).toContain('/meta/vendor/Parameters/toString: gone (was `"x"`)');
    for (const text of [added, removed]) expect(text).not.toMatch(/null|undefined/);
  });
});
