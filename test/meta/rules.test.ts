/**
 * The rules as a registry: each rule lives in a file named after its id, has
 * a test file with cases where it fires and where it stays quiet, and has
 * documentation whose examples prove themselves when linted. The
 * documentation is a registry of its own (rules/docs/), one file per rule,
 * that nothing running the rules imports. The README's rule table is the
 * registry's.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { formatRulesMarkdown } from '../../src/cli/format/rules.ts';
import { RULES, lintFlow } from '../../src/core/analysis/engine.ts';
import { RULE_DOCS } from '../../src/core/analysis/rules/docs/index.ts';
import { exampleFlows, type ExampleDocument, type ExampleKind } from '../../src/core/analysis/rules/examples.ts';
import { subflowResolver } from '../../src/core/analysis/subflows.ts';
import type { Finding, Rule, RuleDocs } from '../../src/core/analysis/types.ts';
import { loadFlow } from '../../src/core/model/load.ts';
import type { Flow } from '../../src/core/model/types.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const RULES_DIR = path.join(ROOT, 'src/core/analysis/rules');
const DOCS_DIR = path.join(RULES_DIR, 'docs');
const TESTS_DIR = path.join(ROOT, 'test/core/analysis/rules');

/**
 * Whether a rule's test file has a case where the rule reports something and
 * one where it reports nothing, read from its expectations. Nothing:
 * `toEqual([])`, `toHaveLength(0)`, or a table row whose expected findings
 * are `[]`. Something: `toHaveLength(n)` with n > 0, `toEqual([…])` with
 * something in the list, or a table row ending in a list of ids. A guard
 * against a test file of one kind of case only, not a proof: the examples'
 * checks below are the proof that each rule fires and stays quiet.
 */
function caseKinds(source: string): { fires: boolean; quiet: boolean } {
  const quiet = [/\.toEqual\(\s*\[\s*\]\s*\)/, /\.toHaveLength\(\s*0\s*\)/, /,\s*\[\s*\]\s*\]/];
  const fires = [
    /\.toHaveLength\(\s*[1-9]\d*\s*\)/,
    /\.toEqual\(\s*\[\s*[^\s\]]/,
    // `['…', nodes, ['main:1']],` or `[['b', 'a']]]`: a row's last cell, a non-empty list.
    /,\s*\[\s*(?:'[^'\n]*'|\[)[^\n]*\]\s*\]\s*[,\n]/
  ];
  return { fires: fires.some((pattern) => pattern.test(source)), quiet: quiet.some((pattern) => pattern.test(source)) };
}

/** Loads a document as `zeroout lint` loads a file, failing on any problem. */
function load(document: ExampleDocument): Flow {
  const result = loadFlow(JSON.parse(JSON.stringify(document)), `${document.id}.ivr.json`);
  if (!result.ok) throw new Error(result.problems.map((p) => `${document.id}${p.pointer}: ${p.message}`).join('\n'));
  return result.flow;
}

/** A rule's documentation, failing when the docs registry has none. */
function docsOf(id: string): RuleDocs {
  const docs = RULE_DOCS.get(id);
  if (docs === undefined) throw new Error(`rule ${id} has no documentation in src/core/analysis/rules/docs/index.ts`);
  return docs;
}

/** An example's findings, linted as `zeroout lint` lints the files it is given: together. */
function lintExample(id: string, which: ExampleKind): { flow: readonly Finding[]; alongside: readonly Finding[] } {
  const documents = exampleFlows(id, docsOf(id), which);
  const flow = load(documents.flow);
  const alongside = documents.alongside.map(load);
  const resolveSubflow = subflowResolver([flow, ...alongside]);
  // An example with an earlier version is linted against it, as `zeroout lint --base` does.
  const base = documents.base === undefined ? undefined : load(documents.base);
  return {
    flow: lintFlow(flow, { resolveSubflow, ...(base === undefined ? {} : { base }) }).findings,
    alongside: alongside.flatMap((other) => lintFlow(other, { resolveSubflow }).findings)
  };
}

const brief = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.rule} at ${f.node}: ${f.message}`);

/** The file a relative import names: as written, or with `.ts`, `.tsx` or `/index.ts` added. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((file) => existsSync(file) && statSync(file).isFile());
}

/**
 * Every source file a module reaches through relative imports (type-only
 * ones included), itself first: the imports as `ts.preProcessFile` reads
 * them, so a re-export or a dynamic `import()` counts as well.
 */
function importGraph(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveImport(file, fileName);
      expect(target, `${path.relative(ROOT, file)} imports ${fileName}, a file that exists`).toBeDefined();
      if (target === undefined || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return [...seen];
}

const insideDocs = (file: string): boolean => !path.relative(DOCS_DIR, file).startsWith('..');

describe('the rule registry', () => {
  it('has unique ids, written in kebab case', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('keeps each rule in a file named after its id, and every rule file is registered', async () => {
    const found: Rule[] = [];
    for (const file of readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts'))) {
      const module = (await import(pathToFileURL(path.join(RULES_DIR, file)).href)) as { default?: Partial<Rule> };
      const exported = module.default;
      if (typeof exported?.check !== 'function' || typeof exported.meta?.id !== 'string') continue;
      expect(file, 'a rule’s file is named after its id').toBe(`${exported.meta.id}.ts`);
      expect(RULES, `${file} is in the registry (src/core/analysis/rules/index.ts)`).toContain(exported);
      found.push(exported as Rule);
    }
    expect(found).toHaveLength(RULES.length);
  });
});

describe('the docs registry', () => {
  it('has the documentation of every registered rule, and of nothing else', () => {
    expect([...RULE_DOCS.keys()].sort(), 'src/core/analysis/rules/docs/index.ts has an entry per rule').toEqual(
      RULES.map((rule) => rule.meta.id).sort()
    );
  });

  it('keeps each rule’s documentation in a file named after its id, and every docs file is registered', async () => {
    const ids = RULES.map((rule) => rule.meta.id);
    const files = readdirSync(DOCS_DIR).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
    for (const file of files) {
      const id = file.slice(0, -'.ts'.length);
      expect(ids, `${file} is named after a registered rule`).toContain(id);
      const module = (await import(pathToFileURL(path.join(DOCS_DIR, file)).href)) as { default?: RuleDocs };
      expect(module.default, `${file} default-exports the documentation of ${id}`).toBeDefined();
      expect(RULE_DOCS.get(id), `the registry gives ${file} as the documentation of ${id}`).toBe(module.default);
    }
    expect(files.map((file) => file.slice(0, -'.ts'.length)).sort()).toEqual([...ids].sort());
  });

  it('is out of reach of the rules: nothing src/core/analysis/rules/index.ts imports leads to it', () => {
    const reached = importGraph(path.join(RULES_DIR, 'index.ts'));
    // The walk follows imports: it reaches the rules and what they use.
    expect(reached).toContain(path.join(RULES_DIR, 'dead-end.ts'));
    expect(reached).toContain(path.join(ROOT, 'src/core/analysis/types.ts'));
    // And it would see the docs, were they imported.
    expect(importGraph(path.join(DOCS_DIR, 'index.ts'))).toContain(path.join(DOCS_DIR, 'dead-end.ts'));
    const docs = reached.filter(insideDocs).map((file) => path.relative(ROOT, file));
    expect(docs, 'the rules, as the engine and the designer import them, carry no documentation').toEqual([]);
  });
});

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))('rule %s', (id, rule) => {
  it('has a test file with a case where it fires and one where it does not', () => {
    const file = path.join(TESTS_DIR, `${id}.test.ts`);
    expect(existsSync(file), `test/core/analysis/rules/${id}.test.ts exists`).toBe(true);
    const source = readFileSync(file, 'utf8');
    expect(source, 'the test file names the rule').toContain(`'${id}'`);
    expect(caseKinds(source), 'the test file expects findings in some case and none in another').toEqual({ fires: true, quiet: true });
  });

  it('has a one-line description and documentation of substance', () => {
    const { description } = rule.meta;
    const docs = docsOf(id);
    expect(description).toMatch(/^[A-Z].{20,}\.$/);
    expect(description).not.toContain('\n');
    const paragraphs = docs.details.split(/\n\s*\n/);
    expect(paragraphs.length, 'why it matters, when it fires, how to fix').toBeGreaterThanOrEqual(3);
    for (const paragraph of paragraphs) expect(paragraph.trim().length).toBeGreaterThan(30);
    for (const which of ['bad', 'good'] as const) {
      expect(docs[which].summary.length, `the ${which} example says what it shows`).toBeGreaterThan(20);
      expect(docs[which].nodes.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(docs.good)).not.toBe(JSON.stringify(docs.bad));
  });

  it('reports its bad example', () => {
    const { flow } = lintExample(id, 'bad');
    expect(flow.filter((f) => f.rule === id), `the bad example's findings: ${JSON.stringify(brief(flow))}`).not.toHaveLength(0);
  });

  it('finds nothing in its good example, nor does any other rule', () => {
    const { flow, alongside } = lintExample(id, 'good');
    expect(brief(flow), 'the good example is a flow to copy: no rule reports anything in it').toEqual([]);
    expect(brief(alongside), 'nor in the flows linted with it').toEqual([]);
  });
});

describe("the README's rule table", () => {
  it('is the registry’s, as `zeroout rules --format markdown` prints it', () => {
    const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
    const header = lines.indexOf('| rule | severity | what it finds |');
    expect(header, 'README.md has a table headed "| rule | severity | what it finds |"').toBeGreaterThanOrEqual(0);
    let end = header;
    while (end < lines.length && lines[end]!.startsWith('|')) end++;
    const table = lines.slice(header, end).join('\n');
    const expected = formatRulesMarkdown(RULES.map((r) => r.meta)).trimEnd();
    expect(table, `README.md's rule table differs from the registry; it should read:\n\n${expected}\n`).toBe(expected);
  });
});

describe('caseKinds', () => {
  it.each([
    ['a table with both kinds of row', "['clean', [a], []],\n['broken', [b], ['main:1']],\n", { fires: true, quiet: true }],
    ['rows of pairs', "['loop', 'x', [['b', 'a']]],\n['none', 'y', []]\n", { fires: true, quiet: true }],
    ['separate expectations', 'expect(f).toEqual([]);\nexpect(g).toHaveLength(1);', { fires: true, quiet: true }],
    ['quiet cases only', "expect(f).toEqual([]);\n['clean', [a], []],\nexpect(g).toHaveLength(0);", { fires: false, quiet: true }],
    ['firing cases only', "['broken', [b], ['main:1']],\nexpect(where(r, f)).toEqual(['main']);", { fires: true, quiet: false }]
  ])('%s', (_, source, expected) => {
    expect(caseKinds(source)).toEqual(expected);
  });
});
