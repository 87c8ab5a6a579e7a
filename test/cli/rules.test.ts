/**
 * `zeroout rules <id>`: one rule's documentation, whose examples are whole
 * flow files that `zeroout lint` reports (the bad one) and passes (the good
 * one) when saved as printed.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatRulesMarkdown } from '../../src/cli/format/rules.ts';
import { RULES } from '../../src/core/analysis/engine.ts';
import { RULE_DOCS } from '../../src/core/analysis/rules/docs/index.ts';
import { exampleFlows } from '../../src/core/analysis/rules/examples.ts';
import { cleanup, expectCleanErrors, run, tempDir, writeFiles } from './helpers.ts';

afterAll(cleanup);

/** The JSON blocks of the plain-text documentation: from a line `  {` to the next line `  }`. */
function jsonBlocks(text: string): unknown[] {
  const blocks: unknown[] = [];
  const lines = text.split('\n');
  for (let start = lines.indexOf('  {'); start >= 0; start = lines.indexOf('  {', start + 1)) {
    const end = lines.indexOf('  }', start);
    blocks.push(JSON.parse(lines.slice(start, end + 1).join('\n')));
  }
  return blocks;
}

/** Text with its line breaks and runs of spaces made single spaces, to find wrapped prose in. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

const RULE_CASES = RULES.map((rule) => [rule.meta.id, rule.meta, RULE_DOCS.get(rule.meta.id)!] as const);

describe('zeroout rules <id>', () => {
  it.each(RULE_CASES)('prints the documentation of %s in plain text', async (id, meta, docs) => {
    const result = await run(['rules', id], tempDir());
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toBe(`${id} (${meta.severity})`);
    const text = flat(result.stdout);
    expect(text).toContain(meta.description);
    for (const paragraph of docs.details.split(/\n\s*\n/)) expect(text).toContain(flat(paragraph));
    expect(text).toContain(`Bad: ${docs.bad.summary}`);
    expect(text).toContain(`Good: ${docs.good.summary}`);
    // The prose wraps for a terminal; only the examples' JSON may run wider.
    for (const line of result.stdout.split('\n').filter((l) => !l.startsWith(' '))) expect(line.length).toBeLessThanOrEqual(80);
    const bad = exampleFlows(id, docs, 'bad');
    const good = exampleFlows(id, docs, 'good');
    const printed = (example: typeof bad) => [example.flow, ...example.alongside, ...(example.base === undefined ? [] : [example.base])];
    expect(jsonBlocks(result.stdout)).toEqual(JSON.parse(JSON.stringify([...printed(bad), ...printed(good)])));
  });

  it.each(RULE_CASES)('prints examples of %s that zeroout lint reports and passes as printed', async (id) => {
    const dir = tempDir();
    const [badFlow, ...rest] = jsonBlocks((await run(['rules', id], dir)).stdout) as { id: string }[];
    const docs = RULE_DOCS.get(id)!;
    // An example with an earlier version prints it last, and is linted against it with --base.
    const badCount = 1 + Object.keys(docs.bad.alongside ?? {}).length;
    const badFiles = [badFlow!, ...rest.slice(0, badCount - 1)];
    const badBase = docs.bad.base === undefined ? undefined : rest[badCount - 1];
    const goodFiles = rest.slice(badCount - 1 + (badBase === undefined ? 0 : 1));
    const goodBase = docs.good.base === undefined ? undefined : goodFiles.pop();
    writeFiles(dir, Object.fromEntries(badFiles.map((flow) => [`bad/${flow.id}.ivr.json`, flow])));
    writeFiles(dir, Object.fromEntries(goodFiles.map((flow) => [`good/${flow.id}.ivr.json`, flow])));
    if (badBase !== undefined) writeFiles(dir, { 'base/bad.ivr.json': badBase });
    if (goodBase !== undefined) writeFiles(dir, { 'base/good.ivr.json': goodBase });
    const against = (base: unknown, file: string): string[] => (base === undefined ? [] : ['--base', file]);

    const linted = await run(['lint', '--format', 'json', ...against(badBase, 'base/bad.ivr.json'), 'bad'], dir);
    const report = JSON.parse(linted.stdout) as { files: { file: string; findings: { rule: string }[] }[] };
    const mine = report.files.find((file) => path.basename(file.file) === `${badFlow!.id}.ivr.json`)!;
    expect(mine.findings.map((f) => f.rule)).toContain(id);

    const passed = await run(['lint', '--format', 'json', ...against(goodBase, 'base/good.ivr.json'), 'good'], dir);
    expect(passed.code).toBe(0);
    const clean = JSON.parse(passed.stdout) as { files: { findings: unknown[] }[] };
    expect(clean.files).toHaveLength(goodFiles.length);
    for (const file of clean.files) expect(file.findings).toEqual([]);
  });

  it('prints the rule as JSON, in the shape of the list with its documentation added', async () => {
    const meta = RULES.find((rule) => rule.meta.id === 'unresolved-subflow')!.meta;
    const docs = RULE_DOCS.get('unresolved-subflow')!;
    const result = await run(['rules', 'unresolved-subflow', '--format', 'json'], tempDir());
    expect(result.code).toBe(0);
    const good = exampleFlows(meta.id, docs, 'good');
    expect(JSON.parse(result.stdout)).toEqual({
      rules: [
        {
          id: 'unresolved-subflow',
          severity: 'info',
          description: meta.description,
          docs: {
            details: docs.details,
            bad: { summary: docs.bad.summary, flow: JSON.parse(JSON.stringify(exampleFlows(meta.id, docs, 'bad').flow)) },
            good: { summary: docs.good.summary, ...JSON.parse(JSON.stringify(good)) }
          }
        }
      ]
    });
  });

  it('prints the rule as markdown', async () => {
    const result = await run(['rules', 'dead-end', '--format', 'markdown'], tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## `dead-end`\n\nDefault severity: error\. /);
    expect(result.stdout).toContain('\n### Bad\n');
    expect(result.stdout).toContain('\n### Good\n');
    expect(result.stdout.match(/```json\n/g)).toHaveLength(2);
  });

  it('refuses an unknown id with exit code 2, naming it and the ids it may have meant', async () => {
    const result = await run(['rules', 'dead-ends'], tempDir());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error: unknown rule "dead-ends": did you mean "dead-end"? (run "zeroout rules" to list them)\n');
    expectCleanErrors(result.stderr);
  });

  it.each([
    ['a prefix', 'trap', ['trap-loop']],
    ['another case', 'Deep-Menu', ['deep-menu']],
    ['a word of two rules', 'human', ['no-human-route', 'slow-path-to-human']]
  ])('suggests the ids an id is close to: %s', async (_, id, suggested) => {
    const result = await run(['rules', id], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`did you mean ${suggested.map((s) => JSON.stringify(s)).join(', ')}?`);
  });

  it('lists every rule when the id is like none of them', async () => {
    const result = await run(['rules', 'xyzzy'], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: unknown rule "xyzzy": the rules are ${RULES.map((rule) => rule.meta.id).join(', ')}\n`);
  });

  it('is described in the help', async () => {
    const help = await run(['rules', '--help'], tempDir());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: zeroout rules \[options\] \[id\]/);
  });
});

describe('zeroout rules --format markdown', () => {
  it("prints the README's rule table", async () => {
    const result = await run(['rules', '--format', 'markdown'], tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(formatRulesMarkdown(RULES.map((rule) => rule.meta)));
    expect(result.stdout.split('\n')[0]).toBe('| rule | severity | what it finds |');
  });
});
