/**
 * Markdown built from a flow (`zeroout report`, `zeroout diff --format
 * markdown`) carries no markup of the flow's own: ids with backticks stay in
 * their code spans, names and prompts are escaped, so a pull-request comment
 * shows a hostile flow's text and runs none of it (D16 of the reproducers).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { marked, type Token } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownBlock, markdownCode, markdownText } from '../../src/core/review/format.ts';
import { cleanup, run, tempDir, writeFiles } from './helpers.ts';

const REPRO = path.resolve(import.meta.dirname, '../fixtures/repro');

let dir: string;

/** Every token of the Markdown, nested ones too (table cells, list items, inline spans). */
function tokensOf(markdown: string): Token[] {
  const all: Token[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    all.push(token);
  });
  return all;
}

/** What a reader of the rendered Markdown would be exposed to: raw HTML, images, links. */
function liveMarkup(markdown: string): { html: string[]; images: string[]; links: string[] } {
  const tokens = tokensOf(markdown);
  return {
    html: tokens.filter((t) => t.type === 'html').map((t) => t.raw),
    images: tokens.filter((t) => t.type === 'image').map((t) => t.raw),
    links: tokens.filter((t) => t.type === 'link').map((t) => t.raw)
  };
}

/** The text of the code spans and cells, as a reader sees them. */
function codeSpans(markdown: string): string[] {
  return tokensOf(markdown)
    .filter((t) => t.type === 'codespan')
    .map((t) => (t as { text: string }).text);
}

beforeAll(() => {
  dir = tempDir();
  copyFileSync(path.join(REPRO, 'md-injection.ivr.json'), path.join(dir, 'md-injection.ivr.json'));
  // The same flow before a change: the welcome prompt and the menu's name differ, and the two hostile nodes are new.
  const flow = JSON.parse(readFileSync(path.join(REPRO, 'md-injection.ivr.json'), 'utf8')) as { nodes: Record<string, unknown>[] } & Record<string, unknown>;
  const before = {
    ...flow,
    nodes: flow.nodes
      .filter((node) => typeof node['id'] === 'string' && !(node['id'] as string).includes('`'))
      .map((node) => (node['id'] === 'welcome' ? { ...node, prompt: { 'en-US': 'Hello, press 1' } } : node['id'] === 'menu' ? { ...node, name: 'Menu' } : node))
  };
  writeFiles(dir, { 'before.ivr.json': before });
});

afterAll(cleanup);

describe('zeroout report on md-injection.ivr.json (D16)', () => {
  it('renders no HTML, image or link of the flow, and keeps each id in its code span', async () => {
    const result = await run(['report', 'md-injection.ivr.json', '--calls', '0'], dir);
    expect(result.code).toBe(0);
    const markdown = result.stdout;
    expect(liveMarkup(markdown)).toEqual({ html: [], images: [], links: [] });
    const rendered = await marked.parse(markdown);
    expect(rendered).not.toMatch(/<(img|script|iframe|svg|b)\b/i);
    expect(rendered).not.toMatch(/href=/);
    // The id with a double backtick is one code span, shown whole.
    expect(codeSpans(markdown)).toContain('z`` <img src=https://evil.example/p.png> ``');
    // The id with pipes and links is shown as text, in its own table cell.
    const findings = tokensOf(markdown).filter((t) => t.type === 'table').at(-1) as unknown as { rows: { text: string }[][] };
    const unreachable = findings.rows.filter((row) => row[1]!.text.includes('unreachable'));
    expect(unreachable.map((row) => row.length)).toEqual([4, 4]);
    expect(unreachable[0]![2]!.text).toContain('x\\` !\\[tracker\\](https\\://evil.example/pixel.png)');
    // Names and prompts outside code spans: the text a reader sees is the flow's, escaped.
    expect(rendered).toContain('<h1>XSS &lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt;</h1>');
  });

  it('the diff in Markdown, alone and in the report, is as inert', async () => {
    const diff = await run(['diff', 'before.ivr.json', 'md-injection.ivr.json', '--format', 'markdown'], dir);
    expect(diff.code).toBe(0);
    const report = await run(['report', 'md-injection.ivr.json', '--base', 'before.ivr.json', '--calls', '0'], dir);
    expect(report.code).toBe(0);
    for (const markdown of [diff.stdout, report.stdout]) {
      expect(liveMarkup(markdown)).toEqual({ html: [], images: [], links: [] });
      const rendered = await marked.parse(markdown);
      expect(rendered).not.toMatch(/<(img|script|iframe|svg|b)\b/i);
      expect(rendered).not.toMatch(/href=/);
      expect(codeSpans(markdown)).toContain('z`` <img src=https://evil.example/p.png> ``');
    }
    // The word diff of a prompt shows the new words as bold text, their HTML escaped.
    expect(diff.stdout).toContain('**Hello \\<img src=x onerror=alert(1)\\> \\<script\\>alert(2)\\</script\\> javascript:alert(3)**');
  });
});

describe('markdownCode and markdownText', () => {
  it('fences code with more backticks than any run inside, padding a backtick at either end', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('z`` <img> ``')).toBe('``` z`` <img> `` ```');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownCode(' padded ')).toBe('`  padded  `');
    for (const id of ['a`b', 'z`` <img> ``', '`x', ' padded ', '```', 'x\u001by']) {
      expect(codeSpans(markdownCode(id)), id).toEqual([id.replace('\u001b', '\\u001b')]);
    }
  });

  it('writes an id with a pipe as escaped text, so that a table keeps its cells', () => {
    const row = `| ${markdownCode('a\\| <img src=x> |')} | b |`;
    const table = marked.lexer(`| x | y |\n| --- | --- |\n${row}\n`)[0] as unknown as { rows: { text: string }[][] };
    expect(table.rows[0]!.map((cell) => cell.text).length).toBe(2);
    expect(liveMarkup(`| x | y |\n| --- | --- |\n${row}\n`).html).toEqual([]);
  });

  it('escapes markup, entities, autolinks and block marks in text', () => {
    const hostile = '1. <b>x</b> &lt; *e* _u_ [l](https://evil.example) www.evil.example a@b.example $x$ # ~s~ `c`';
    const markdown = `- ${markdownText(hostile)}`;
    expect(liveMarkup(markdown)).toEqual({ html: [], images: [], links: [] });
    const tokens = tokensOf(markdown).map((t) => t.type);
    for (const type of ['em', 'strong', 'del', 'codespan', 'heading']) expect(tokens).not.toContain(type);
    expect(tokensOf(markdown).filter((t) => t.type === 'list')).toHaveLength(1);
  });

  it('fences a block with more backticks than any run inside', () => {
    expect(markdownBlock('mermaid', 'a\n```\nb')).toBe('````mermaid\na\n```\nb\n````');
    expect(markdownBlock('mermaid', 'a')).toBe('```mermaid\na\n```');
  });
});
