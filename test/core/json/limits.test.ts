/**
 * The limits every file is held to where it enters: how deep its objects and
 * arrays nest, how long its strings and field names are. The check names
 * the place and never the value, and is safe on any depth.
 */
import { describe, expect, it } from 'vitest';
import { findLimitBreach, limitProblem, MAX_DEPTH, MAX_STRING } from '../../../src/core/json/limits.ts';

/** `levels` arrays within each other, the innermost holding `inner`. */
function nestedArrays(levels: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** `levels` objects within each other under the key `a`. */
function nestedObjects(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('findLimitBreach', () => {
  it('accepts a document nested exactly as deep as the limit, the document itself level 1', () => {
    expect(findLimitBreach(nestedArrays(MAX_DEPTH))).toBeUndefined();
    expect(findLimitBreach(nestedObjects(MAX_DEPTH))).toBeUndefined();
  });

  it('refuses one level more, at the field whose value nests too deep', () => {
    const document = { nodes: [{ id: 'a', kind: nestedArrays(MAX_DEPTH) }] };
    expect(findLimitBreach(document)).toEqual({ pointer: '/nodes/0/kind', message: `nested deeper than ${MAX_DEPTH} levels (objects and arrays within each other)` });
  });

  it('names the object that is one too deep when every level is a field', () => {
    const breach = findLimitBreach(nestedObjects(MAX_DEPTH + 1));
    expect(breach?.pointer).toBe(`/a`.repeat(MAX_DEPTH));
  });

  it('checks a million levels without overflowing the stack', () => {
    const breach = findLimitBreach({ deep: nestedArrays(1_000_000) });
    expect(breach?.pointer).toBe('/deep');
  });

  it('refuses a string, or a field name, longer than the limit without echoing it', () => {
    const long = 'x'.repeat(MAX_STRING + 1);
    const value = findLimitBreach({ nodes: [{ id: 'a', prompt: long }] });
    expect(value).toEqual({ pointer: '/nodes/0/prompt', message: 'a text of 1,000,001 characters: at most 1,000,000 are read' });
    const key = findLimitBreach({ nodes: [{ id: 'a', meta: { [long]: 1 } }] });
    expect(key).toEqual({ pointer: '/nodes/0/meta', message: 'a field name of 1,000,001 characters: at most 1,000,000 are read' });
    expect(findLimitBreach({ prompt: 'x'.repeat(MAX_STRING) })).toBeUndefined();
  });

  it('reports the first breach in document order, escaping pointer tokens', () => {
    const document = { 'a/b': [nestedArrays(MAX_DEPTH)], later: 'x'.repeat(MAX_STRING + 1) };
    expect(findLimitBreach(document)?.pointer).toBe('/a~1b');
  });

  it('places a part of a file within it: its pointer and its level', () => {
    // A node is at level 3 of its file: the flow, its nodes, the node.
    expect(findLimitBreach({ kind: nestedArrays(MAX_DEPTH - 3) }, { level: 2 })).toBeUndefined();
    expect(findLimitBreach({ kind: nestedArrays(MAX_DEPTH - 2) }, { level: 2, at: '/nodes/4' })?.pointer).toBe('/nodes/4/kind');
  });

  it("reads only an object's own fields, whatever its prototype or Object.prototype hold", () => {
    const long = 'x'.repeat(MAX_STRING + 1);
    // Inherited from a prototype of its own: not the object's field, not read.
    const child = Object.create({ inherited: long }) as Record<string, unknown>;
    child['own'] = 'short';
    expect(findLimitBreach({ nodes: [child] })).toBeUndefined();
    // Inherited by every object from a polluted Object.prototype: still not read.
    const prototype = Object.prototype as Record<string, unknown>;
    prototype['polluted'] = long;
    try {
      expect(findLimitBreach({ nodes: [{ id: 'a' }] })).toBeUndefined();
      expect(findLimitBreach({ nodes: [{ id: long }] })?.pointer).toBe('/nodes/0/id');
    } finally {
      delete prototype['polluted'];
    }
  });

  it('ends on a cycle in memory, at the depth limit', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(findLimitBreach(cyclic)?.message).toMatch(/^nested deeper than/);
  });
});

describe('limitProblem', () => {
  it('is a schema problem of the file, or nothing', () => {
    expect(limitProblem({ a: 1 }, 'f.json')).toBeUndefined();
    const problem = limitProblem(nestedArrays(MAX_DEPTH + 1), 'f.json');
    expect(problem).toMatchObject({ code: 'schema', severity: 'error', file: 'f.json' });
    // Arrays only, no field to name: the innermost array too deep.
    expect(problem?.pointer).toBe('/0'.repeat(MAX_DEPTH));
  });
});

describe('a flow built in memory, past any file', () => {
  it('is refused by an export at its pointer, not overflowed', async () => {
    const { exportFlow } = await import('../../../src/core/export/index.ts');
    const { exampleFlow } = await import('../../support/build.ts');
    const bank = exampleFlow('bank');
    const deep = { ...bank, nodes: bank.nodes.map((n, i) => (i === 1 ? { ...n, meta: { vendor: nestedObjects(10_000) } } : n)) };
    for (const target of ['amazon-connect', 'twilio-studio', 'xstate', 'mermaid'] as const) {
      const result = exportFlow(deep, 'deep.ivr.json', target);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]).toMatchObject({ code: 'export-failed', pointer: `/nodes/1/meta/vendor${'/a'.repeat(MAX_DEPTH * 2 - 4)}`, message: `nested deeper than ${MAX_DEPTH * 2} levels (objects and arrays within each other)` });
    }
  });
});
