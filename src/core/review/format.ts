/**
 * A flow diff in words: plain text for a terminal, Markdown for a pull
 * request. Both say the same things in the same order.
 */
import type { DiffFinding, FlowDiff, NodeChange, RouteChange, SettingChange, WordPart } from './diff.ts';
import { isEmptyDiff } from './diff.ts';
import { escapeControls } from '../diagnostic/index.ts';

/** An outcome as a caller would name it: `key 1` for a key, the outcome's name otherwise. */
export function outcomeLabel(outcome: string): string {
  return /^[0-9*#]$/.test(outcome) ? `key ${outcome}` : outcome;
}

const seconds = (value: number | null): string => (value === null ? 'no route' : `${Math.round(value)} s`);

/** One line summing the diff up: nodes, findings, time to a person. */
export function diffSummary(diff: FlowDiff): string {
  if (isEmptyDiff(diff)) return 'No change a caller would notice.';
  const count = (status: NodeChange['status']) => diff.nodes.filter((n) => n.status === status).length;
  const parts: string[] = [];
  const nodes = [
    [count('changed'), 'changed'],
    [count('added'), 'added'],
    [count('removed'), 'removed']
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  parts.push(nodes.length === 0 ? 'no node changed' : `nodes: ${nodes.join(', ')}`);
  parts.push(`findings: ${diff.analysis.fixed.length} fixed, ${diff.analysis.introduced.length} introduced`);
  const t = diff.analysis.secondsToPerson;
  parts.push(t.before === t.after ? `time to a person: ${seconds(t.after)} (unchanged)` : `time to a person: ${seconds(t.before)} → ${seconds(t.after)}`);
  return parts.join(' · ');
}

function json(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** How a format writes the parts of a change. */
interface Style {
  /** A node id or rule id. */
  readonly code: (id: string) => string;
  /** A value from the file (JSON). */
  readonly value: (value: unknown) => string;
  /** A word diff. */
  readonly words: (parts: readonly WordPart[]) => string;
  /** Plain words from the tool itself. */
  readonly text: (text: string) => string;
}

const TEXT: Style = { code: (id) => id, value: json, words: textWords, text: (t) => t };

function routeWords(route: RouteChange, code: (id: string) => string, text: (t: string) => string): string {
  const where = (target: string | null | undefined) => (target === undefined ? '' : target === null ? '(unwired)' : code(target));
  const label = text(outcomeLabel(route.outcome));
  if (route.before === undefined) return `${label}: new, → ${where(route.after)}`;
  if (route.after === undefined) return `${label}: gone (was → ${where(route.before)})`;
  return `${label}: ${where(route.before)} → ${where(route.after)}`;
}

function settingWords(change: SettingChange, style: Style): string {
  return `${style.text(change.pointer || '/')}: ${settingValues(change, style.value)}`;
}

/** What happened to a field's value: `1 → 2`, `new: 2` (it was not there), `gone (was 1)`. */
export function settingValues(change: SettingChange, value: (value: unknown) => string = json): string {
  if (!('before' in change)) return `new: ${value(change.after)}`;
  if (!('after' in change)) return `gone (was ${value(change.before)})`;
  return `${value(change.before)} → ${value(change.after)}`;
}

function findingWords(f: DiffFinding): string {
  const code = (id: string) => id;
  return `[${f.severity}] ${f.rule} at ${code(f.node)}${f.outcome === undefined ? '' : ` (${f.outcome})`}: ${f.message}`;
}

/** The lines describing one changed node, without its heading. */
function nodeDetails(change: NodeChange, style: Style): string[] {
  const { code, value, words, text } = style;
  const lines: string[] = [];
  if (change.renamedFrom !== undefined) lines.push(`id: ${code(change.renamedFrom)} → ${code(change.node)}`);
  if (change.kindBefore !== undefined) lines.push(`kind: ${text(change.kindBefore)} → ${text(change.kind)}`);
  if (change.name !== undefined) lines.push(`name: ${value(change.name.before)} → ${value(change.name.after)}`);
  for (const p of change.prompts) {
    if (p.before === null) lines.push(`${text(p.field)}: new: ${value(p.after)}`);
    else if (p.after === null) lines.push(`${text(p.field)}: removed (was ${value(p.before)})`);
    else lines.push(`${text(p.field)}: ${words(p.words)}`);
  }
  for (const r of change.routes) lines.push(routeWords(r, code, text));
  for (const s of change.settings) lines.push(settingWords(s, style));
  return lines;
}

/** Words of a word diff as git prints them: `[-gone-]{+new+}`. */
function textWords(parts: readonly WordPart[]): string {
  return runs(parts)
    .map((r) => (r.op === 'same' ? r.text : r.op === 'removed' ? `[-${r.text}-]` : `{+${r.text}+}`))
    .join(' ');
}

/** Consecutive words with the same mark, joined: `{+loans and mortgages,+}` rather than a mark per word. */
function runs(parts: readonly WordPart[]): WordPart[] {
  const out: { op: WordPart['op']; text: string }[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last !== undefined && last.op === p.op) last.text += ` ${p.text}`;
    else out.push({ op: p.op, text: p.text });
  }
  return out;
}

const MARK = { added: '+', removed: '-', changed: '~' } as const;

/** The diff as plain text. */
export function diffText(diff: FlowDiff, labels: { before: string; after: string }): string {
  const lines = [`${labels.before} → ${labels.after}`, diffSummary(diff)];
  if (diff.nodes.length > 0) lines.push('');
  for (const change of diff.nodes) {
    const status = change.status === 'changed' ? (change.renamedFrom !== undefined ? 'renamed' : 'changed') : change.status;
    lines.push(`${MARK[change.status]} ${change.node} (${change.kind}) ${status}`);
    for (const line of nodeDetails(change, TEXT)) lines.push(`    ${line}`);
  }
  const flowLines = flowDetails(diff, TEXT);
  if (flowLines.length > 0) lines.push('', ...flowLines);
  const { fixed, introduced } = diff.analysis;
  if (fixed.length + introduced.length > 0) {
    lines.push('', 'Analysis:');
    for (const f of fixed) lines.push(`  fixed       ${findingWords(f)}`);
    for (const f of introduced) lines.push(`  introduced  ${findingWords(f)}`);
  }
  // Each line's control characters escaped: a line feed inside an id or a vendor key cannot start a line of its own.
  return lines.map((line) => `${escapeControls(line)}\n`).join('');
}

/** Start, flow settings and test calls, one line each. */
function flowDetails(diff: FlowDiff, style: Style): string[] {
  const { code, value } = style;
  const lines: string[] = [];
  if (diff.start !== undefined) lines.push(`Start: ${code(diff.start.before)} → ${code(diff.start.after)}`);
  for (const s of diff.settings) lines.push(`Flow ${settingWords(s, style)}`);
  const t = diff.tests;
  const tests = [
    ...t.added.map((n) => `added ${value(n)}`),
    ...t.removed.map((n) => `removed ${value(n)}`),
    ...t.changed.map((n) => `changed ${value(n)}`)
  ];
  if (tests.length > 0) lines.push(`Test calls: ${tests.join('; ')}`);
  return lines;
}

/**
 * Text for a Markdown table cell or list item: no line break, no markup of
 * its own. Every character Markdown could read as markup is escaped with a
 * backslash: HTML (`<img …>`), code spans, emphasis, links and images, table
 * pipes, entities, math; and the autolinks GitHub makes of bare addresses
 * (`https://…`, `www.…`, `name@host`) are broken up the same way. A mark
 * that only starts a block (`#`, `-`, `+`, `1.`) is escaped at the start.
 */
export function markdownText(text: string): string {
  return escapeControls(text.replace(/\r?\n/g, ' '))
    .replace(/[\\`*_[\]<>|~&$@#]/g, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** The length of the longest run of backticks in `text` (0 without one). */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const [run] of text.matchAll(/`+/g)) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * An id as inline code: the fence is one backtick longer than the longest
 * run of backticks inside, so that no id can close it early, and a space
 * pads an id that starts or ends with a backtick. Inside code nothing is
 * markup. An id with a pipe, which a table would split on wherever it is, is
 * written as escaped text in quotes instead.
 */
export function markdownCode(text: string): string {
  const clean = escapeControls(text.replace(/\r?\n/g, ' '));
  if (clean === '') return '(none)';
  if (clean.includes('|')) return `"${markdownText(clean)}"`;
  const fence = '`'.repeat(longestBacktickRun(clean) + 1);
  const pad = /^[` ]|[` ]$/.test(clean) && clean.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced code block: the fence longer than any run of backticks in `text`, at least three. */
export function markdownBlock(language: string, text: string): string {
  const fence = '`'.repeat(Math.max(2, longestBacktickRun(text)) + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function markdownWords(parts: readonly WordPart[]): string {
  return runs(parts)
    .map((r) => (r.op === 'same' ? markdownText(r.text) : r.op === 'removed' ? `~~${markdownText(r.text)}~~` : `**${markdownText(r.text)}**`))
    .join(' ');
}

const MARKDOWN: Style = {
  code: markdownCode,
  value: (value) => markdownCode(json(value)),
  words: markdownWords,
  text: markdownText
};

/** The diff as a Markdown section (a heading of the given level, a summary, a table of nodes, the analysis). */
export function diffMarkdown(diff: FlowDiff, labels: { before: string; after: string }, level = 2): string {
  const h = '#'.repeat(level);
  const lines = [`${h} Changes`, '', `${markdownCode(labels.before)} → ${markdownCode(labels.after)}: ${markdownText(diffSummary(diff))}`, ''];
  if (diff.nodes.length > 0) {
    lines.push('| | Node | Kind | What changed |', '| --- | --- | --- | --- |');
    const icon = { added: '➕ added', removed: '➖ removed', changed: '✏️ changed' } as const;
    for (const change of diff.nodes) {
      const details = nodeDetails(change, MARKDOWN);
      lines.push(`| ${icon[change.status]} | ${markdownCode(change.node)} | ${markdownText(change.kind)} | ${details.join('<br>') || '—'} |`);
    }
    lines.push('');
  }
  const flowLines = flowDetails(diff, MARKDOWN);
  for (const line of flowLines) lines.push(`- ${line}`);
  if (flowLines.length > 0) lines.push('');
  const { fixed, introduced, secondsToPerson } = diff.analysis;
  lines.push(`${h}# What it does to the analysis`, '');
  lines.push(`- Time to a person: ${seconds(secondsToPerson.before)} → ${seconds(secondsToPerson.after)}`);
  lines.push(`- Findings fixed: ${fixed.length}`);
  for (const f of fixed) lines.push(`  - ${findingMarkdown(f)}`);
  lines.push(`- Findings introduced: ${introduced.length}`);
  for (const f of introduced) lines.push(`  - ${findingMarkdown(f)}`);
  return `${lines.join('\n')}\n`;
}

function findingMarkdown(f: DiffFinding): string {
  return `**${f.severity}** ${markdownCode(f.rule)} at ${markdownCode(f.node)}${f.outcome === undefined ? '' : ` (${markdownText(f.outcome)})`}: ${markdownText(f.message)}`;
}
