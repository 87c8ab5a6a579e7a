import { marked, type Token, type Tokens } from 'marked';
import { afterAll, describe, expect, it } from 'vitest';
import { bankReport } from '../support/report.ts';
import { cleanup, run, tempDir, writeFiles, deskFlow } from './helpers.ts';

afterAll(cleanup);

/** Every token of a Markdown document, nested ones included, as marked reads it (GitHub-flavoured). */
function tokensOf(markdown: string): Token[] {
  const all: Token[] = [];
  marked.walkTokens(marked.lexer(markdown, { gfm: true }), (token) => {
    all.push(token);
  });
  return all;
}

const headings = (tokens: Token[]) => tokens.filter((t): t is Tokens.Heading => t.type === 'heading').map((h) => `${'#'.repeat(h.depth)} ${h.text}`);
const tables = (tokens: Token[]) => tokens.filter((t): t is Tokens.Table => t.type === 'table');
const cellText = (cell: Tokens.TableCell) => cell.text;

describe('zeroout report', () => {
  it('writes one Markdown document with the change, a diagram, the findings, the test calls and the traffic', async () => {
    const markdown = await bankReport();
    const tokens = tokensOf(markdown);
    expect(headings(tokens)).toEqual([
      '# First Harbor Bank: customer line',
      '## Changes',
      '### What it does to the analysis',
      '## Flow',
      '## Findings',
      '## Test calls',
      '## Traffic',
      '### CX scorecard'
    ]);
    // Every table is read as a table, with the columns it announces.
    const byHeader = new Map(tables(tokens).map((t) => [t.header.map(cellText).join('|'), t]));
    expect([...byHeader.keys()]).toEqual(['|', '|Node|Kind|What changed', 'Severity|Rule|Node|Finding', 'Test call|Result|Ended', 'Callers|Share', 'Pillar|Rating|Evidence']);
    const changes = byHeader.get('|Node|Kind|What changed')!;
    expect(changes.rows.map((r) => r.slice(0, 3).map(cellText).join(' '))).toEqual(['✏️ changed `main-menu` menu', '➕ added `mortgage-queue` queue']);
    expect(changes.rows[0]![3]!.text).toContain('**For mortgages, press 4.**');
    expect(changes.rows[0]![3]!.text).not.toContain('position');
    const calls = byHeader.get('Test call|Result|Ended')!;
    expect(calls.rows.length).toBe(5);
    expect(calls.rows.every((r) => r[1]!.text === '✅ pass')).toBe(true);
    const shares = byHeader.get('Callers|Share')!.rows.map((r) => Number(r[1]!.text.replace('%', '')));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    // One Mermaid block: the flow, the added node marked as added, the changed one as changed.
    const diagrams = tokens.filter((t): t is Tokens.Code => t.type === 'code');
    expect(diagrams.map((d) => d.lang)).toEqual(['mermaid']);
    const diagram = diagrams[0]!.text;
    const keyOf = (label: string) => new RegExp(`^ {2}(n\\d+)\\W+"${label}<br/>`, 'm').exec(diagram)?.[1];
    expect(diagram).toMatch(new RegExp(`^ {2}class ${keyOf('Mortgage advisers')} added$`, 'm'));
    expect(diagram).toMatch(new RegExp(`^ {2}class ${keyOf('Main menu')} changed$`, 'm'));
  });

  it('leaves out the change without a base, and the traffic with --calls 0', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': deskFlow() });
    const result = await run(['report', 'desk.ivr.json', '--calls', '0'], dir);
    expect(result.code).toBe(0);
    expect(headings(tokensOf(result.stdout))).toEqual(['# Desk', '## Flow', '## Findings', '## Test calls']);
    expect(result.stdout).toContain('This flow has no saved test calls.');
  });

  it('exits 2 naming the file when the base is not a flow', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'desk.ivr.json': deskFlow(), 'old.ivr.json': { id: 'desk' } });
    const result = await run(['report', 'desk.ivr.json', '--base', 'old.ivr.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('old.ivr.json');
    expect(result.stdout).toBe('');
  });
});
