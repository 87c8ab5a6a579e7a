/**
 * The fuzz suite: the example flows and the vendor corpus, mutated (fields
 * deleted, values of another type, values nested thousands deep, huge
 * strings and numbers, prototype field names, control characters, duplicate
 * ids, text cut and spliced) and taken through everything a file meets:
 * load and import, lint, every export and its re-import, compile, `paths`,
 * `simulate` and `diff`. Whatever the input:
 *
 * - no exception escapes;
 * - every refusal names the file and a JSON pointer to a place in it (or to
 *   a missing field of a place in it), never an overflow or an internal error;
 * - no prototype is polluted;
 * - the table-driven engine and the flow's XState machine take every call
 *   the same way.
 *
 * `npm test` runs a short run; `npm run fuzz` the long one (FUZZ_RUNS inputs,
 * 100,000 by default there; FUZZ_SEED replays a run).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../src/core/analysis/engine.ts';
import { subflowResolver } from '../src/core/analysis/subflows.ts';
import { compile } from '../src/core/compile/compile.ts';
import { createFlowMachine } from '../src/core/compile/machine.ts';
import { EXPORT_TARGETS, exportFlow } from '../src/core/export/index.ts';
import { loadAnyFlow, parseFlowText, VENDOR_FORMATS } from '../src/core/formats/index.ts';
import { MAX_DEPTH, MAX_STRING, parsePointer } from '../src/core/json/index.ts';
import { parseJson, type Problem } from '../src/core/model/load.ts';
import type { Flow } from '../src/core/model/types.ts';
import { addComment, emptyReview, parseReviewText, reviewText, setResolved } from '../src/core/review/comments.ts';
import { diffFlows, diffMarkdown, diffText, isEmptyDiff } from '../src/core/review/index.ts';
import { FlowEngine } from '../src/core/simulate/engine.ts';
import { parseModel, resolveModel } from '../src/core/simulate/model.ts';
import { shortestPaths } from '../src/core/simulate/paths.ts';
import { simulate, simulateCall, simulateEngineCall, WorldPlan } from '../src/core/simulate/traffic.ts';
import { corpusFiles, corpusPath, type CorpusVendor } from './support/corpus.ts';
import { exportEnvFor } from './support/env.ts';

/** Inputs per run: FUZZ_RUNS, else 100,000 under `npm run fuzz` (npm names the script it runs), else a short run. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? (process.env['npm_lifecycle_event'] === 'fuzz' ? 100_000 : 60));
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);

// ---------------------------------------------------------------- the seeds

interface Seed {
  /** The file name it is read as (its ending picks the reader). */
  readonly file: string;
  readonly value: unknown;
  /** The flow it loads as, to diff a mutation against. */
  readonly flow: Flow;
}

const EXAMPLES = fileURLToPath(new URL('../flows/', import.meta.url));

function seeds(): Seed[] {
  const files: { file: string; text: string }[] = [];
  for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith('.ivr.json')).sort()) files.push({ file: name, text: readFileSync(path.join(EXAMPLES, name), 'utf8') });
  for (const vendor of ['twilio-studio', 'amazon-connect', 'genesys'] satisfies CorpusVendor[]) {
    let names: string[];
    try {
      names = corpusFiles(vendor);
    } catch {
      continue;
    }
    for (const name of names) files.push({ file: name, text: readFileSync(corpusPath(vendor, name), 'utf8') });
  }
  const found: Seed[] = [];
  for (const { file, text } of files) {
    const parsed = parseFlowText(text, file);
    if (!parsed.ok) continue;
    const loaded = loadAnyFlow(parsed.value, file);
    // A corpus file this build cannot read yet is no seed (its vendor's own tests say why).
    if (loaded.ok) found.push({ file, value: parsed.value, flow: loaded.flow });
  }
  return found;
}

const SEEDS = seeds();

// ------------------------------------------------------------ the mutations

type Json = unknown;

/** A place in a value: each choice picks a field or an element, modulo how many there are. */
type Path = readonly number[];

type Mutation =
  | { readonly op: 'delete'; readonly at: Path }
  | { readonly op: 'replace'; readonly at: Path; readonly value: Json }
  | { readonly op: 'nest'; readonly at: Path; readonly levels: number; readonly asObject: boolean }
  | { readonly op: 'huge'; readonly at: Path; readonly length: number }
  | { readonly op: 'protoKey'; readonly at: Path; readonly key: string; readonly value: Json }
  | { readonly op: 'control'; readonly at: Path; readonly text: string; readonly inKey: boolean }
  | { readonly op: 'duplicate'; readonly at: Path; readonly copies: number }
  | { readonly op: 'sameId'; readonly at: Path; readonly from: number; readonly to: number }
  | { readonly op: 'retarget'; readonly at: Path; readonly pick: number };

const place = fc.array(fc.nat(), { maxLength: 8 });
const odd = fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e21, 1e308, -1e308, 5e-324, 9007199254740993, '', ' ', 'x', '0', '#', '__proto__', 'constructor', [], {}, [null], { '': '' });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: place }),
  fc.record({ op: fc.constant('replace' as const), at: place, value: fc.oneof(odd, fc.jsonValue({ maxDepth: 3 })) }),
  fc.record({ op: fc.constant('nest' as const), at: place, levels: fc.constantFrom(2, 10, MAX_DEPTH - 5, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 200, 3_000, 20_000), asObject: fc.boolean() }),
  fc.record({ op: fc.constant('huge' as const), at: place, length: fc.constantFrom(1_000, 70_000, MAX_STRING, MAX_STRING + 1) }),
  fc.record({ op: fc.constant('protoKey' as const), at: place, key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'polluted'), value: fc.oneof(odd, fc.constant({ polluted: 'yes' })) }),
  fc.record({ op: fc.constant('control' as const), at: place, text: fc.constantFrom('\u0000', '\u001b[2J\u001b[H', 'a\r\nb', '\u2028', '\ud800', '\ufeff', '\u0007\b\t', '``<img src=x>``', '\u202e', '\\', '.#%$'), inKey: fc.boolean() }),
  fc.record({ op: fc.constant('duplicate' as const), at: place, copies: fc.constantFrom(1, 2, 40) }),
  fc.record({ op: fc.constant('sameId' as const), at: place, from: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('retarget' as const), at: place, pick: fc.nat() })
);

/** A copy of a container, fields written as data (so a field named `__proto__` is a field). */
function copyOf(value: object): Record<string, Json> | Json[] {
  if (Array.isArray(value)) return [...value];
  const copy: Record<string, Json> = {};
  for (const key of Object.keys(value)) Object.defineProperty(copy, key, { value: (value as Record<string, Json>)[key], enumerable: true, writable: true, configurable: true });
  return copy;
}

function setField(container: Record<string, Json> | Json[], key: string, value: Json): void {
  if (Array.isArray(container)) container[Number(key)] = value;
  else Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `value` with `change` applied to the container or value that `at` leads to, copied along the way. */
function at(value: Json, choices: Path, change: (target: Json) => Json): Json {
  if (choices.length === 0 || typeof value !== 'object' || value === null) return change(value);
  const keys = Object.keys(value);
  if (keys.length === 0) return change(value);
  const [choice, ...rest] = choices;
  // Stopping short of a leaf now and then changes a container itself.
  if (choice! % 7 === 6) return change(value);
  const key = keys[choice! % keys.length]!;
  const copy = copyOf(value);
  setField(copy, key, at((value as Record<string, Json>)[key], rest, change));
  return copy;
}

/** Every string value of a document, for retargeting one field to another's value (an id, mostly). */
function strings(value: Json, found: string[] = [], depth = 0): string[] {
  if (depth > MAX_DEPTH || found.length > 2000) return found;
  if (typeof value === 'string') found.push(value);
  else if (typeof value === 'object' && value !== null) for (const inner of Object.values(value)) strings(inner, found, depth + 1);
  return found;
}

const ID_FIELDS = ['id', 'name', 'Identifier', 'next', 'start', 'StartAction', 'initial_state'];

function apply(document: Json, m: Mutation): Json {
  switch (m.op) {
    case 'delete':
      return at(document, m.at.slice(0, -1), (target) => {
        if (typeof target !== 'object' || target === null) return target;
        const keys = Object.keys(target);
        if (keys.length === 0) return target;
        const key = keys[(m.at[m.at.length - 1] ?? 0) % keys.length]!;
        if (Array.isArray(target)) return target.filter((_, i) => String(i) !== key);
        const copy = copyOf(target) as Record<string, Json>;
        delete copy[key];
        return copy;
      });
    case 'replace':
      return at(document, m.at, () => m.value);
    case 'nest':
      return at(document, m.at, (target) => {
        let value = target;
        for (let i = 0; i < m.levels; i++) value = m.asObject ? { a: value } : [value];
        return value;
      });
    case 'huge':
      return at(document, m.at, (target) => (typeof target === 'number' ? Number(`9e${m.length % 400}`) : 'x'.repeat(m.length)));
    case 'protoKey':
      return at(document, m.at, (target) => {
        if (typeof target !== 'object' || target === null || Array.isArray(target)) return target;
        const copy = copyOf(target) as Record<string, Json>;
        setField(copy, m.key, m.value);
        return copy;
      });
    case 'control':
      return at(document, m.at, (target) => {
        if (typeof target === 'string') return `${target}${m.text}${target}`;
        if (!m.inKey || typeof target !== 'object' || target === null || Array.isArray(target)) return target;
        const copy: Record<string, Json> = {};
        for (const key of Object.keys(target)) setField(copy, `${key}${m.text}`, (target as Record<string, Json>)[key]);
        return copy;
      });
    case 'duplicate':
      return at(document, m.at, (target) => (Array.isArray(target) && target.length > 0 ? [...target, ...Array.from({ length: m.copies }, (_, i) => target[i % target.length])] : target));
    case 'sameId':
      return at(document, m.at, (target) => {
        if (!Array.isArray(target) || target.length < 2) return target;
        const from = target[m.from % target.length] as Json;
        const to = m.to % target.length;
        const other = target[to];
        if (typeof from !== 'object' || from === null || typeof other !== 'object' || other === null) return target;
        const field = ID_FIELDS.find((f) => Object.hasOwn(from, f) && Object.hasOwn(other, f));
        if (field === undefined) return target;
        const copy = [...target];
        const changed = copyOf(other) as Record<string, Json>;
        setField(changed, field, (from as Record<string, Json>)[field]);
        copy[to] = changed;
        return copy;
      });
    case 'retarget': {
      const pool = strings(document);
      if (pool.length === 0) return document;
      const chosen = pool[m.pick % pool.length]!;
      return at(document, m.at, (target) => (typeof target === 'string' ? chosen : target));
    }
  }
}

/** JSON text of a value of any depth (JSON.stringify overflows past a few thousand levels): with a stack of its own. */
function serialize(value: Json): string {
  const out: string[] = [];
  // Each entry: a value to write, or a piece of text already made.
  const stack: ({ text: string } | { value: Json })[] = [{ value }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if ('text' in next) {
      out.push(next.text);
      continue;
    }
    const v = next.value;
    if (typeof v !== 'object' || v === null) {
      out.push(JSON.stringify(v) ?? 'null');
      continue;
    }
    const array = Array.isArray(v);
    const keys = Object.keys(v);
    stack.push({ text: array ? ']' : '}' });
    for (let i = keys.length - 1; i >= 0; i--) {
      stack.push({ value: (v as Record<string, Json>)[keys[i]!] });
      const key = array ? '' : `${JSON.stringify(keys[i])}:`;
      stack.push({ text: i > 0 ? `,${key}` : key });
    }
    out.push(array ? '[' : '{');
  }
  return out.join('');
}

/** A cut or a splice of the text itself, for what no value can be: malformed JSON or YAML. */
const textEdit = fc.record({ at: fc.nat(), cut: fc.nat(8), insert: fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', '\n  - ', 'null', '"__proto__":', '*a', '&a ', '1e999') });

const input = fc.record({
  seed: fc.nat(),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  edit: fc.option(textEdit, { freq: 6, nil: undefined })
});

// -------------------------------------------------------------- the checks

/** The value a pointer names, reading on into a string that holds JSON (a wrapper's Content, a Studio definition). */
function resolve(document: Json, tokens: readonly string[]): { found: boolean; value?: Json } {
  let current = document;
  for (const token of tokens) {
    if (typeof current === 'string') {
      try {
        current = JSON.parse(current) as Json;
      } catch {
        return { found: false };
      }
    }
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token)) return { found: false };
    current = (current as Record<string, Json>)[token];
  }
  return { found: true, value: current };
}

/** Every refusal names the file and a place in it (or a missing field of one), and no overflow or internal error. */
function expectNamedRefusals(problems: readonly Problem[], file: string, document: Json | undefined, context: string): void {
  expect(problems.length, context).toBeGreaterThan(0);
  for (const problem of problems) {
    const where = `${context}: ${JSON.stringify(problem).slice(0, 400)}`;
    expect(problem.file, where).toBe(file);
    expect(typeof problem.message === 'string' && problem.message.length > 0, where).toBe(true);
    expect(problem.message, where).not.toMatch(/Maximum call stack|Invalid string length|internal error|out of memory/i);
    expect(problem.code, where).not.toBe('internal-error');
    expect(problem.pointer === '' || problem.pointer.startsWith('/'), where).toBe(true);
    if (/^(nested deeper than|a text of|a field name of)/.test(problem.message)) expect(problem.message.length, where).toBeLessThan(200);
    if (document !== undefined && problem.pointer !== '') {
      const tokens = parsePointer(problem.pointer);
      const named = resolve(document, tokens).found || resolve(document, tokens.slice(0, -1)).found;
      expect(named, `${where}: the pointer names no place in the file`).toBe(true);
    }
  }
}

const PROTOTYPES: readonly [string, object][] = [
  ['Object', Object.prototype],
  ['Array', Array.prototype],
  ['Function', Function.prototype],
  ['String', String.prototype]
];
const pristine = new Map(PROTOTYPES.map(([name, proto]) => [name, Object.getOwnPropertyNames(proto).sort().join(',')]));

function expectNoPollution(context: string): void {
  for (const [name, proto] of PROTOTYPES) expect(Object.getOwnPropertyNames(proto).sort().join(','), `${context}: ${name}.prototype`).toBe(pristine.get(name));
  expect((({}) as Record<string, unknown>)['polluted'], context).toBeUndefined();
}

const MODEL = resolveModel({ silence: 0.2, wrongKey: 0.2, patienceSeconds: 120, zeroOutWhenLost: 0.1 });

/** Everything a loaded flow meets, none of which may throw. */
function exercise(flow: Flow, seed: Seed, file: string, context: string, thorough: boolean): void {
  const resolveSubflow = subflowResolver([flow, seed.flow]);
  const lint = lintFlow(flow, { resolveSubflow });
  expect(lint.metrics.nodes, context).toBe(flow.nodes.length);

  const config = compile(flow);
  expect(JSON.parse(JSON.stringify(config)), context).toEqual(config);

  // Running every path's call on the machine is the slow part: one input in ten does.
  const paths = shortestPaths(flow, { verifyUpTo: thorough ? 60 : 0 });
  for (const node of paths.nodes.slice(0, 5)) if (node.script !== undefined) expect(Array.isArray(node.script.steps), context).toBe(true);

  for (const target of EXPORT_TARGETS) {
    const exported = exportFlow(flow, file, target, { environment: exportEnvFor(flow) });
    if (!exported.ok) {
      expectNamedRefusals(exported.problems, file, undefined, `${context}: export to ${target}`);
      continue;
    }
    const vendor = VENDOR_FORMATS.find((f) => f.id === target);
    if (vendor === undefined) continue;
    // What was written reads back: as a flow, or refused with a place named in it.
    const name = `exported${vendor.files.extensions[0] ?? '.json'}`;
    const parsed = parseFlowText(exported.text, name);
    if (!parsed.ok) {
      expectNamedRefusals(parsed.problems, name, undefined, `${context}: ${target} export read back`);
      continue;
    }
    const back = loadAnyFlow(parsed.value, name);
    if (!back.ok) expectNamedRefusals(back.problems, name, parsed.value, `${context}: ${target} export imported back`);
    else expect(() => lintFlow(back.flow), context).not.toThrow();
  }

  // The engine and the flow's XState machine take every call the same way.
  const engine = FlowEngine.forFlow(flow);
  const machine = createFlowMachine(flow);
  const plan = new WorldPlan(flow);
  for (let call = 0; call < 3; call++) {
    const reference = simulateCall(plan, machine, MODEL, 7, call);
    expect(simulateEngineCall(plan, engine, MODEL, 7, call), `${context}: call ${call}`).toEqual(reference);
  }

  const diff = diffFlows(seed.flow, flow);
  expect(typeof diffText(diff, { before: seed.file, after: file }), context).toBe('string');
  expect(typeof diffMarkdown(diff, { before: seed.file, after: file }), context).toBe('string');
  expect(isEmptyDiff(diffFlows(flow, flow)), `${context}: a flow differs from itself`).toBe(true);
}

type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

/** One input, from its seed to the last command. */
function check(plan: Input): void {
  const seed = SEEDS[plan.seed % SEEDS.length]!;
  let document: Json = seed.value;
  for (const m of plan.mutations) document = apply(document, m);
  const file = `fuzz-${seed.file}`;
  let text = serialize(document);
  if (plan.edit !== undefined) {
    const cutAt = plan.edit.at % (text.length + 1);
    text = text.slice(0, cutAt) + plan.edit.insert + text.slice(cutAt + plan.edit.cut);
  }
  // A YAML corpus file is mutated as the JSON it parsed to (JSON is YAML), or as its own text cut and spliced.
  const context = `seed ${seed.file}, ${JSON.stringify(plan.mutations).slice(0, 300)}${plan.edit ? `, edit ${JSON.stringify(plan.edit)}` : ''}`;
  const parsed = parseFlowText(text, file);
  if (!parsed.ok) {
    expectNamedRefusals(parsed.problems, file, undefined, `${context}: parse`);
    return;
  }
  const loaded = loadAnyFlow(parsed.value, file);
  if (!loaded.ok) {
    expectNamedRefusals(loaded.problems, file, parsed.value, `${context}: load`);
    return;
  }
  exercise(loaded.flow, seed, file, context, plan.seed % 10 === 0);
}

describe('the fuzz suite', () => {
  it('has a seed of each kind: native flows and every vendor of the corpus it reads', () => {
    expect(SEEDS.filter((s) => s.file.endsWith('.ivr.json')).length).toBeGreaterThanOrEqual(4);
    for (const vendor of ['twilio-studio', 'amazon-connect'] as const) {
      expect(SEEDS.filter((s) => loadAnyFlow(s.value, s.file).ok && detectVendor(s) === vendor).length, vendor).toBeGreaterThan(3);
    }
    // The suite's own writer writes what JSON.stringify writes.
    for (const s of SEEDS) expect(serialize(s.value), s.file).toBe(JSON.stringify(s.value));
  });

  it(
    `takes ${RUNS.toLocaleString('en-US')} mutated files through every command without a throw, an unnamed refusal, a polluted prototype or a disagreement`,
    () => {
      const started = performance.now();
      let count = 0;
      fc.assert(
        fc.property(input, (plan) => {
          count++;
          try {
            check(plan);
          } finally {
            expectNoPollution(`input ${count}`);
          }
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: RUNS > 1000 }
      );
      if (RUNS > 1000) console.log(`fuzz: ${count.toLocaleString('en-US')} inputs in ${((performance.now() - started) / 1000).toFixed(0)} s, no failure`);
    },
    Math.max(60_000, RUNS * 200)
  );
});

describe('the fuzz suite on the other files a run reads', () => {
  // A traffic model (the bank's) and a review file with comments open and resolved.
  const model = JSON.parse(readFileSync(path.join(EXAMPLES, 'bank.traffic.json'), 'utf8')) as Json;
  const now = new Date('2026-12-01T10:00:00Z');
  let review = addComment(emptyReview('bank'), { node: 'main-menu', author: 'Ada', text: 'Say the options first.' }, { id: 'c1', now });
  review = addComment(review, { node: 'welcome', author: 'Grace', text: 'Shorter.' }, { id: 'c2', now });
  review = setResolved(review, 'c2', true, { by: 'Ada', now })!;
  const reviewDocument = JSON.parse(reviewText(review)) as Json;
  const runs = Math.max(40, Math.round(RUNS / 10));

  it(`reads ${runs.toLocaleString('en-US')} mutated traffic models and review files without a throw or an unnamed refusal`, () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.option(textEdit, { freq: 6, nil: undefined }), (isModel, mutations, edit) => {
        let document = isModel ? model : reviewDocument;
        for (const m of mutations) document = apply(document, m);
        let text = serialize(document);
        if (edit !== undefined) {
          const cutAt = edit.at % (text.length + 1);
          text = text.slice(0, cutAt) + edit.insert + text.slice(cutAt + edit.cut);
        }
        const context = `${isModel ? 'model' : 'review'}: ${JSON.stringify(mutations).slice(0, 300)}`;
        const file = isModel ? 'fuzz.traffic.json' : 'fuzz.review.json';
        if (isModel) {
          const parsed = parseJson(text, file);
          if (!parsed.ok) return expectNamedRefusals(parsed.problems, file, undefined, context);
          const read = parseModel(parsed.value, file);
          if (!read.ok) expectNamedRefusals(read.problems, file, parsed.value, context);
          else expect(() => simulate(SEEDS[0]!.flow, 5, { seed: 1, model: read.model }), context).not.toThrow();
        } else {
          const read = parseReviewText(text, file);
          if (!read.ok) expectNamedRefusals(read.problems, file, parseJson(text, file).ok ? (JSON.parse(text) as Json) : undefined, context);
          else expect(typeof reviewText(read.review), context).toBe('string');
        }
        expectNoPollution(context);
      }),
      { numRuns: runs, ...(SEED === undefined ? {} : { seed: SEED }) }
    );
  }, Math.max(60_000, runs * 100));
});

function detectVendor(seed: Seed): string | undefined {
  const loaded = loadAnyFlow(seed.value, seed.file);
  return loaded.ok ? loaded.format : undefined;
}
