/** Output of `zeroout rules`: the list of rules, and one rule's documentation. */
import { exampleFlows, type ExampleDocument, type ExampleKind, type RuleDocs, type RuleMeta } from '../../core/analysis/index.ts';

/** Columns: rule id, default severity, description. */
export function formatRulesTable(rules: readonly RuleMeta[]): string {
  const idWidth = Math.max('RULE'.length, ...rules.map((rule) => rule.id.length));
  const severityWidth = Math.max('SEVERITY'.length, ...rules.map((rule) => rule.severity.length));
  const row = (id: string, severity: string, description: string): string =>
    `${id.padEnd(idWidth)}  ${severity.padEnd(severityWidth)}  ${description}\n`;
  return row('RULE', 'SEVERITY', 'DESCRIPTION') + rules.map((rule) => row(rule.id, rule.severity, rule.description)).join('');
}

/** `{"rules":[{"id","severity","description"}]}`. */
export function formatRulesJson(rules: readonly RuleMeta[]): string {
  const list = rules.map((rule) => ({ id: rule.id, severity: rule.severity, description: rule.description }));
  return `${JSON.stringify({ rules: list }, null, 2)}\n`;
}

/** A cell of a markdown table: a `|` would end the cell. */
const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The README's rule table: `| rule | severity | what it finds |`. */
export function formatRulesMarkdown(rules: readonly RuleMeta[]): string {
  const rows = rules.map((rule) => `| \`${rule.id}\` | ${rule.severity} | ${cell(rule.description)} |`);
  return ['| rule | severity | what it finds |', '| --- | --- | --- |', ...rows].map((line) => `${line}\n`).join('');
}

/** Where the prose of a rule's documentation wraps. */
const WIDTH = 80;

/**
 * How wide the examples' JSON may run before it breaks: wider than the prose,
 * as the help is, so that a node takes a line or a few.
 */
const JSON_WIDTH = 100;

/** Wraps a paragraph at word boundaries; a word longer than the line stays whole. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON on one line, with a space after each comma and colon. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([key, v]) => `${JSON.stringify(key)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/**
 * JSON laid out to be read: whatever fits on a line stays on one line, and
 * an object too wide for one fills its lines with as many fields as fit. A
 * node then takes a line or a few, where a field a line would make a small
 * example several screens long. `used` is how much of the first line is
 * already taken.
 */
function compactJson(value: unknown, indent = '', used = indent.length): string {
  const flat = inline(value);
  // One more for the comma that may follow.
  if (used + flat.length + 1 <= JSON_WIDTH || !(Array.isArray(value) || isObject(value))) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => inner + compactJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const lines: string[] = [];
  let line = '';
  entries.forEach(([key, v], index) => {
    const comma = index === entries.length - 1 ? '' : ',';
    const field = `${JSON.stringify(key)}: ${inline(v)}${comma}`;
    if (line !== '' && inner.length + line.length + 1 + field.length <= JSON_WIDTH) {
      line = `${line} ${field}`;
      return;
    }
    if (line !== '') lines.push(line);
    line = '';
    if (inner.length + field.length <= JSON_WIDTH) {
      line = field;
      return;
    }
    // Too wide even alone: laid out over lines of its own.
    const head = `${JSON.stringify(key)}: `;
    lines.push(`${head}${compactJson(v, inner, inner.length + head.length)}${comma}`);
  });
  if (line !== '') lines.push(line);
  return `{\n${lines.map((text) => inner + text).join('\n')}\n${indent}}`;
}

/** A flow document indented as a block of the text. */
const documentBlock = (document: ExampleDocument): string => `  ${compactJson(document, '  ')}`;

function exampleText(rule: RuleMeta, docs: RuleDocs, which: ExampleKind): string {
  const { flow, alongside, base } = exampleFlows(rule.id, docs, which);
  const title = which === 'bad' ? 'Bad' : 'Good';
  const parts = [wrap(`${title}: ${docs[which].summary}`), documentBlock(flow)];
  for (const other of alongside) parts.push(`Linted together with flow ${JSON.stringify(other.id)}:`, documentBlock(other));
  if (base !== undefined) parts.push(wrap('Linted with --base against this earlier version of the flow:'), documentBlock(base));
  return parts.join('\n\n');
}

/** A rule's documentation in plain text: what `zeroout rules <id>` prints. */
export function formatRuleDoc(rule: RuleMeta, docs: RuleDocs): string {
  const parts = [
    `${rule.id} (${rule.severity})`,
    wrap(rule.description),
    ...docs.details.split(/\n\s*\n/).map((paragraph) => wrap(paragraph)),
    exampleText(rule, docs, 'bad'),
    exampleText(rule, docs, 'good'),
    wrap('Each example is a whole flow file: save it as a .ivr.json file and run "zeroout lint" on it to see the findings.')
  ];
  return `${parts.join('\n\n')}\n`;
}

/** An example as JSON: the flow documents, ready to save. */
function exampleJson(
  rule: RuleMeta,
  docs: RuleDocs,
  which: ExampleKind
): { summary: string; flow: ExampleDocument; alongside?: readonly ExampleDocument[]; base?: ExampleDocument } {
  const { flow, alongside, base } = exampleFlows(rule.id, docs, which);
  return { summary: docs[which].summary, flow, ...(alongside.length === 0 ? {} : { alongside }), ...(base === undefined ? {} : { base }) };
}

/**
 * One rule in the shape of the list (`{"rules":[…]}`), with its
 * documentation added: a reader of the list reads this too.
 */
export function formatRuleDocJson(rule: RuleMeta, docs: RuleDocs): string {
  const entry = {
    id: rule.id,
    severity: rule.severity,
    description: rule.description,
    docs: { details: docs.details, bad: exampleJson(rule, docs, 'bad'), good: exampleJson(rule, docs, 'good') }
  };
  return `${JSON.stringify({ rules: [entry] }, null, 2)}\n`;
}

function exampleMarkdown(rule: RuleMeta, docs: RuleDocs, which: ExampleKind): string {
  const { flow, alongside, base } = exampleFlows(rule.id, docs, which);
  const block = (document: ExampleDocument): string => `\`\`\`json\n${compactJson(document)}\n\`\`\``;
  const parts = [`### ${which === 'bad' ? 'Bad' : 'Good'}`, docs[which].summary, block(flow)];
  for (const other of alongside) parts.push(`Linted together with flow \`${other.id}\`:`, block(other));
  if (base !== undefined) parts.push('Linted with `--base` against this earlier version of the flow:', block(base));
  return parts.join('\n\n');
}

/** A rule's documentation as a markdown section. */
export function formatRuleDocMarkdown(rule: RuleMeta, docs: RuleDocs): string {
  const parts = [
    `## \`${rule.id}\``,
    `Default severity: ${rule.severity}. ${rule.description}`,
    ...docs.details.split(/\n\s*\n/),
    exampleMarkdown(rule, docs, 'bad'),
    exampleMarkdown(rule, docs, 'good')
  ];
  return `${parts.join('\n\n')}\n`;
}
