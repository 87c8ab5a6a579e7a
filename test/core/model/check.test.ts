/**
 * The check-only flow validator (model/check.ts) against Zod, the schema's
 * own parser: it may say no where Zod says yes (Zod then decides), but
 * never yes where Zod says no, nor yes for data Zod would give back changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_STRING, MAX_WALK_DEPTH, findLimitBreach } from '../../../src/core/json/limits.ts';
import { compileCheck } from '../../../src/core/model/check.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import { FlowSchema } from '../../../src/core/model/schema.ts';
import { exampleFlow } from '../../support/build.ts';
import { generateFlow } from '../../support/generate.ts';

const check = compileCheck(FlowSchema);
const EXAMPLES = ['airline', 'bank', 'clinic', 'runaround', 'utility-outage'];
const copy = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every place in a value: the path to each object, array and leaf. */
function places(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => places(item, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const key of Object.keys(value)) places((value as Record<string, unknown>)[key], [...path, key], out);
  return out;
}

/** `value` with the place at `path` set to `to` (or deleted when `to` is undefined), or a field added to it. */
function mutate(value: unknown, path: readonly (string | number)[], to: unknown, add: boolean): unknown {
  const root = copy(value);
  if (path.length === 0) return to;
  let parent = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (add && typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) {
    (parent[last] as Record<string, unknown>)['unexpected'] = to ?? 1;
  } else if (to === undefined && !Array.isArray(parent)) {
    delete parent[last];
  } else {
    parent[last] = to;
  }
  return root;
}

describe('the check-only flow validator', () => {
  it('accepts the example flows and a generated one as Zod gives them back', () => {
    for (const flow of [...EXAMPLES.map(exampleFlow), generateFlow(2000, 3)]) {
      const data = copy(flow);
      expect(check(data), flow.id).toBe(true);
      const parsed = FlowSchema.safeParse(data);
      expect(parsed.success).toBe(true);
      expect(parsed.data).toEqual(data);
    }
  });

  it('refuses what the schema refuses: an unknown field, an empty id, a refinement, a wrong kind', () => {
    const bank = copy(exampleFlow('bank'));
    const node = bank.nodes[0]! as unknown as Record<string, unknown>;
    expect(check({ ...bank, extra: true })).toBe(false);
    expect(check({ ...bank, nodes: [{ ...node, id: '' }, ...bank.nodes.slice(1)] })).toBe(false);
    expect(check({ ...bank, nodes: [{ ...node, kind: 'nonsense' }, ...bank.nodes.slice(1)] })).toBe(false);
    expect(check({ ...bank, tests: [{ name: 'x', steps: [], expect: { not: {} } }] })).toBe(false);
    expect(check({ ...bank, nodes: [{ ...node, position: { x: '1', y: 0 } }, ...bank.nodes.slice(1)] })).toBe(false);
    // And what it accepts, Zod accepts.
    expect(check({ ...bank, tests: [{ name: 'x', steps: [], expect: { not: { outcome: 'dropped' } } }] })).toBe(true);
  });

  it('leaves a flow to Zod when an object may list fields it does not own', () => {
    const bank = copy(exampleFlow('bank'));
    // A node whose prototype is not Object.prototype: its inherited fields are not its own.
    const node = Object.assign(Object.create({ extra: 1 }) as object, bank.nodes[0]);
    expect(check({ ...bank, nodes: [node, ...bank.nodes.slice(1)] })).toBe(false);
    // Every object inherits an enumerable field from a polluted Object.prototype.
    const prototype = Object.prototype as Record<string, unknown>;
    prototype['polluted'] = 1;
    try {
      expect(check(bank)).toBe(false);
    } finally {
      delete prototype['polluted'];
    }
    expect(check(bank)).toBe(true);
  });

  it('never says yes where Zod says no, on mutated flows', () => {
    const flows = EXAMPLES.map((id) => copy(exampleFlow(id)));
    const values = fc.constantFrom<unknown>(undefined, '', 'x', 'has space', 0, -1, 1.5, 1e300, true, null, [], {}, ['x'], { x: 1 }, 'mon', 'person', '1');
    fc.assert(
      fc.property(fc.nat({ max: flows.length - 1 }), fc.nat(), values, fc.boolean(), (which, at, to, add) => {
        const flow = flows[which]!;
        const all = places(flow);
        const mutated = mutate(flow, all[at % all.length]!, to, add);
        if (!check(mutated)) return;
        const parsed = FlowSchema.safeParse(mutated);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(mutated);
      }),
      { numRuns: 400, seed: 7 }
    );
  });
});

describe('the check-only flow validator, at the edges of the schema\'s own checks', () => {
  const bank = copy(exampleFlow('bank'));
  const input = bank.nodes.findIndex((node) => node.kind === 'input');
  const hours = bank.nodes.findIndex((node) => node.kind === 'hours');
  // Each place holds a length floor, a number floor, a whole number or a pattern; the values fall on both sides of it.
  const cases: [string, (string | number)[], unknown[]][] = [
    ['a node id (at least one character)', ['nodes', 0, 'id'], ['', 'a', '\u{1F600}', '\ud83d', 'ab']],
    ['a locale (at least two characters)', ['locales', 0], ['e', 'en', '\u{1F600}', '\u{1F600}x', 'é', 'en-US']],
    ['a digit count (a whole number from 1)', ['nodes', input, 'maxDigits'], [0, 1, 1.5, -1, 2 ** 53, 2 ** 53 - 1, 10]],
    ['a digit floor (a whole number from 0)', ['nodes', input, 'minDigits'], [0, -0.5, -1, 3]],
    ['a time of day (HH:MM)', ['nodes', hours, 'weekly', 'mon', 0, 0], ['08:00', '8:00', '24:00', '23:60', '23:59', '']],
    ['a speaking rate (a number from 1)', ['lint', 'thresholds', 'wordsPerMinute'], [0.5, 1, 150.5]]
  ];
  it.each(cases)('says what Zod says of %s', (_, path, values) => {
    for (const value of values) {
      const mutated = copy(bank) as unknown as Record<string, unknown>;
      if (path[0] === 'lint') mutated['lint'] = { thresholds: {} };
      let parent = mutated as Record<string | number, unknown>;
      for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
      parent[path[path.length - 1]!] = value;
      expect(check(mutated), `${path.join('/')} = ${JSON.stringify(value)}`).toBe(FlowSchema.safeParse(mutated).success);
    }
  });
});

/** `depth` arrays within each other, the innermost holding `leaf`. */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('the check-only flow validator, within file limits', () => {
  /** The bank flow with `value` kept in its first node's open data (`meta`, levels 1–3 being the flow, its nodes and the node). */
  const withMeta = (value: unknown): Record<string, unknown> => {
    const bank = copy(exampleFlow('bank')) as unknown as { nodes: Record<string, unknown>[] };
    bank.nodes[0]!['meta'] = { kept: value };
    return bank as unknown as Record<string, unknown>;
  };

  it('says yes exactly where the schema check says yes and the limits scan finds nothing, at the depth asked', () => {
    // meta is level 4, its field level 5: arrays from level 5 up to the limit pass, one more does not.
    const fits = MAX_DEPTH - 4;
    for (const [depth, maxDepth] of [[fits, MAX_DEPTH], [fits + 1, MAX_DEPTH], [MAX_WALK_DEPTH - 4, MAX_WALK_DEPTH], [MAX_WALK_DEPTH - 3, MAX_WALK_DEPTH]] as const) {
      const flow = withMeta(nested(depth));
      const scanFinds = findLimitBreach(flow, { maxDepth }) !== undefined;
      expect(FlowSchema.safeParse(flow).success, `${depth} deep`).toBe(true);
      expect(check(flow, maxDepth), `${depth} deep, ${maxDepth} allowed`).toBe(!scanFinds);
    }
    expect(check(withMeta(nested(fits)))).toBe(true);
    expect(check(withMeta(nested(fits + 1)))).toBe(false);
  });

  it('says no to a string or a field name too long to read, wherever it is', () => {
    const long = 'x'.repeat(MAX_STRING + 1);
    const bank = copy(exampleFlow('bank'));
    expect(check(bank)).toBe(true);
    expect(check({ ...bank, name: long })).toBe(false);
    expect(check({ ...bank, nodes: [{ ...bank.nodes[0]!, notes: long }, ...bank.nodes.slice(1)] })).toBe(false);
    expect(check(withMeta(long))).toBe(false);
    expect(check(withMeta({ [long]: 1 }))).toBe(false);
    expect(check(withMeta('x'.repeat(MAX_STRING)))).toBe(true);
  });

  it('says no to a field named __proto__ in open data and in a record', () => {
    const proto = (text: string): unknown => JSON.parse(text) as unknown;
    expect(check(withMeta(proto('{"a":{"__proto__":1}}')))).toBe(false);
    const bank = copy(exampleFlow('bank'));
    const set = { id: 'counted', kind: 'set', assign: proto('{"__proto__":1}'), next: bank.start };
    expect(FlowSchema.safeParse({ ...bank, nodes: [...bank.nodes, set] }).success).toBe(true);
    expect(check({ ...bank, nodes: [...bank.nodes, set] })).toBe(false);
  });

  it('leaves the loader to report what it refuses, at its place', () => {
    const tooDeep = loadFlow(withMeta(nested(MAX_DEPTH)), 'deep.ivr.json');
    expect(tooDeep.ok || tooDeep.problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual([`/nodes/0/meta/kept: nested deeper than ${MAX_DEPTH} levels (objects and arrays within each other)`]);
    const proto = loadFlow(withMeta(JSON.parse('{"__proto__":1}')), 'proto.ivr.json');
    expect(proto.ok || proto.problems.map((p) => p.pointer)).toEqual(['/nodes/0/meta/kept/__proto__']);
    const fine = loadFlow(withMeta(nested(MAX_DEPTH - 4)), 'fine.ivr.json');
    expect(fine.ok).toBe(true);
  });
});
