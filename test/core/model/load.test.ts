import { describe, expect, it } from 'vitest';
import { loadFlowText, formatProblem } from '../../../src/core/model/load.ts';
import { migrate, type Migration } from '../../../src/core/model/migrations.ts';

const valid = {
  version: 1,
  id: 'demo',
  name: 'Demo',
  start: 'hi',
  nodes: [{ id: 'hi', kind: 'hangup', prompt: 'Goodbye' }]
};

function load(document: unknown) {
  return loadFlowText(typeof document === 'string' ? document : JSON.stringify(document, null, 2), 'flows/demo.ivr.json');
}

function problems(document: unknown): string[] {
  const result = load(document);
  return result.ok ? [] : result.problems.map((p) => `${p.pointer}: ${p.message}`);
}

describe('loadFlowText', () => {
  it('loads a valid flow', () => {
    const result = load(valid);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['malformed JSON', '{"version": 1,, }', [/^: malformed JSON/]],
    ['not an object', '[1, 2]', [/^: a flow is a JSON object/]],
    ['no version', { ...valid, version: undefined }, [/^\/version: missing "version"/]],
    ['a future version', { ...valid, version: 99 }, [/^\/version: format version 99 is newer/]],
    ['an unknown node kind', { ...valid, nodes: [{ id: 'hi', kind: 'ivr-magic' }] }, [/^\/nodes\/0\/kind: unknown node kind "ivr-magic": expected one of prompt, menu/]],
    ['a misspelt field', { ...valid, nodes: [{ id: 'hi', kind: 'prompt', prompt: 'x', nxt: 'hi' }] }, [/^\/nodes\/0\/nxt: unknown field "nxt"/]],
    ['a wrong type', { ...valid, nodes: [{ id: 'hi', kind: 'queue', queue: 'q', expectedWaitSeconds: 'long' }] }, [/^\/nodes\/0\/expectedWaitSeconds: expected number, got string "long"/]],
    ['a missing field', { ...valid, nodes: [{ id: 'hi', kind: 'menu', prompt: 'x' }] }, [/^\/nodes\/0\/options: missing required field "options"/]],
    ['duplicate ids', { ...valid, nodes: [valid.nodes[0], valid.nodes[0]] }, [/^\/nodes\/1\/id: duplicate node id "hi" \(first used at \/nodes\/0\/id\)/]],
    [
      'two ids each used twice',
      { ...valid, nodes: [valid.nodes[0], { id: 'bye', kind: 'hangup' }, valid.nodes[0], { id: 'bye', kind: 'hangup' }] },
      [/^\/nodes\/2\/id: duplicate node id "hi" \(first used at \/nodes\/0\/id\)/, /^\/nodes\/3\/id: duplicate node id "bye" \(first used at \/nodes\/1\/id\)/]
    ],
    ['a missing start', { ...valid, start: 'nope' }, [/^\/start: the start node "nope" does not exist/]],
    ['no nodes', { ...valid, nodes: [] }, [/^\/nodes: a flow needs at least one node/]],
    ['a bad pattern', { ...valid, nodes: [{ id: 'hi', kind: 'input', prompt: 'x', variable: 'v', pattern: '([' }] }, [/^\/nodes\/0\/pattern: .* is not a valid regular expression/]],
    ['a key used twice', { ...valid, nodes: [{ id: 'hi', kind: 'menu', prompt: 'x', options: [{ key: '1', next: 'hi' }, { key: '1', next: 'hi' }] }] }, [/^\/nodes\/0\/options\/1\/key: node "hi": key "1" is already option 1/]],
    [
      'a key used three times, first after an option said aloud',
      { ...valid, nodes: [{ id: 'hi', kind: 'menu', prompt: 'x', options: [{ phrases: ['billing'], next: 'hi' }, { key: '#', next: 'hi' }, { key: '#', next: 'hi' }, { key: '#', next: 'hi' }] }] },
      [/^\/nodes\/0\/options\/2\/key: node "hi": key "#" is already option 2$/, /^\/nodes\/0\/options\/3\/key: node "hi": key "#" is already option 2$/]
    ],
    ['a bad pattern, twice', { ...valid, nodes: [{ id: 'hi', kind: 'input', prompt: 'x', variable: 'v', pattern: '(a' }, { id: 'ho', kind: 'input', prompt: 'x', variable: 'v', pattern: '(a' }] }, [/^\/nodes\/0\/pattern: /, /^\/nodes\/1\/pattern: /]],
    ['a bad key', { ...valid, nodes: [{ id: 'hi', kind: 'menu', prompt: 'x', options: [{ key: '10', next: 'hi' }] }] }, [/^\/nodes\/0\/options\/0\/key: expected/]],
    ['a bad time of day', { ...valid, nodes: [{ id: 'hi', kind: 'hours', timeZone: 'UTC', weekly: { mon: [['9am', '17:00']] } }] }, [/^\/nodes\/0\/weekly\/mon\/0\/0: a time of day is written HH:MM/]]
  ])('%s: names the place', (_, document, expected) => {
    const found = problems(document);
    expect(found).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(found[i]).toMatch(pattern));
  });

  it('gives the line and column of a syntax error', () => {
    const result = load('{\n  "version": 1,\n  "id": "x",,\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ file: 'flows/demo.ivr.json', line: 3 });
    expect(formatProblem(result.problems[0]!)).toMatch(/^flows\/demo\.ivr\.json:3:\d+: malformed JSON/);
  });

  it('keeps ids like __proto__ and constructor as written', () => {
    const result = load({
      ...valid,
      start: '__proto__',
      nodes: [
        { id: '__proto__', kind: 'prompt', prompt: 'x', next: 'constructor' },
        { id: 'constructor', kind: 'hangup' }
      ]
    });
    expect(result.ok && result.flow.nodes.map((n) => n.id)).toEqual(['__proto__', 'constructor']);
  });
});

describe('migrate', () => {
  const toV2: Migration = { name: 'rename-greeting', from: 1, migrate: (doc) => ({ ...doc, renamed: true }) };
  it('applies named migrations in order up to the target version', () => {
    const result = migrate({ version: 1 }, [toV2], 2);
    expect(result).toEqual({ ok: true, document: { version: 2, renamed: true }, applied: ['rename-greeting'] });
  });
  it('says when a step is missing', () => {
    expect(migrate({ version: 1 }, [], 2)).toEqual({ ok: false, message: 'no migration from format version 1' });
  });
});

describe('hours', () => {
  it('rejects an unknown time zone, naming the field', () => {
    const found = problems({ ...valid, nodes: [{ id: 'hi', kind: 'hours', timeZone: 'Mars/Olympus_Mons', weekly: {} }] });
    expect(found).toEqual(['/nodes/0/timeZone: node "hi": "Mars/Olympus_Mons" is not a time zone (use an IANA name such as "America/New_York")']);
  });
});

describe('test calls', () => {
  const hoursFlow = {
    ...valid,
    start: 'open',
    nodes: [
      { id: 'open', kind: 'hours', timeZone: 'America/Chicago', weekly: { mon: [['08:00', '17:00']] }, open: 'bye', closed: 'bye' },
      { id: 'bye', kind: 'hangup' }
    ]
  };
  it('need a time when the flow checks opening hours', () => {
    expect(problems({ ...hoursFlow, tests: [{ name: 'no clock', steps: [] }] })).toEqual([
      '/tests/0: test call "no clock": the flow checks opening hours ("open"), so the call needs "environment": {"now": "…"}'
    ]);
    expect(problems({ ...hoursFlow, tests: [{ name: 'forced', environment: { outcomes: { open: 'closed' } }, steps: [] }] })).toEqual([]);
  });
  it('write the time with its offset, so the host time zone cannot change the result', () => {
    expect(problems({ ...hoursFlow, tests: [{ name: 'local', environment: { now: '2026-11-23T09:00:00' }, steps: [] }] })[0]).toMatch(
      /^\/tests\/0\/environment\/now: a time is written in ISO 8601 with its offset/
    );
    expect(problems({ ...hoursFlow, tests: [{ name: 'ok', environment: { now: '2026-11-23T09:00:00-06:00' }, steps: [] }] })).toEqual([]);
  });
  it('say a number is out of range rather than null', () => {
    expect(problems('{"version":1,"id":"x","name":"x","start":"q","nodes":[{"id":"q","kind":"queue","queue":"q","expectedWaitSeconds":1e400}]}')[0]).toMatch(
      /expected number, got number Infinity \(out of range\)/
    );
  });
});

describe('menus', () => {
  it('reject a phrase that two options share', () => {
    const found = problems({ ...valid, nodes: [{ id: 'hi', kind: 'menu', prompt: 'x', options: [{ phrases: ['Billing'], next: 'hi' }, { phrases: ['sales', 'billing'], next: 'hi' }] }] });
    expect(found).toEqual(['/nodes/0/options/1/phrases/1: node "hi": the phrase "billing" is already option 1\'s']);
  });
});

describe('fields named __proto__', () => {
  it('are refused where they stand, not silently dropped', () => {
    const text = '{"version":1,"id":"x","name":"x","start":"a","nodes":[{"id":"a","kind":"set","assign":{"__proto__":1},"next":"b"},{"id":"b","kind":"hangup"}]}';
    expect(problems(text)).toEqual(['/nodes/0/assign/__proto__: a field may not be named "__proto__" (node ids may: they are values, not field names)']);
  });
});
