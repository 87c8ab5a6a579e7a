/**
 * Nothing a flow file holds reaches the terminal raw: control characters
 * (an escape sequence that clears the screen or fakes a line of a CI log, a
 * carriage return, a bidirectional override) are printed as visible escapes
 * by every command and format, and a line feed inside a value cannot start a
 * line of its own (D15 of the reproducers).
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/core/diagnostic/index.ts';
import { safeWriter } from '../../src/cli/io.ts';
import { cleanup, goodFlow, run, tempDir, writeFiles } from './helpers.ts';

const REPRO = path.resolve(import.meta.dirname, '../fixtures/repro');

/** Any character that steers a terminal, but the line feed. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** What a crafted file puts in its values: clear the screen, print a green line, set the window title, reverse the text. */
const CLEAR_AND_FAKE = '\u001b[2J\u001b[32mOK no problems\u001b[0m';
const TITLE = '\u001b]0;PWNED\u0007';
const REVERSE = '\u202eevil\u202c';

let dir: string;

/** The good flow with control characters in a node's id, its name and its prompt, and a line feed in the id. */
function hostileFlow(): Record<string, unknown> {
  const flow = goodFlow() as { nodes: Record<string, unknown>[] } & Record<string, unknown>;
  const id = `billing${CLEAR_AND_FAKE}\nfake line\r${REVERSE}`;
  const nodes = flow.nodes.map((node) => {
    if (node['id'] === 'billing') return { ...node, id, name: `Billing ${TITLE}`, prompt: `Bills ${REVERSE} are due.` };
    if (node['id'] === 'main') {
      return { ...node, options: (node['options'] as Record<string, unknown>[]).map((o) => (o['next'] === 'billing' ? { ...o, next: id } : o)) };
    }
    return node;
  });
  // The lookup's failure is not wired: a dead-end error names the node.
  nodes[1] = { id, kind: 'lookup', service: `svc ${TITLE}`, success: 'agent' };
  return { ...flow, id: 'hostile', name: `Hostile ${CLEAR_AND_FAKE}`, nodes };
}

beforeAll(() => {
  dir = tempDir();
  for (const name of ['ansi-fieldname.ivr.json', 'ansi-malformed2.ivr.json']) copyFileSync(path.join(REPRO, name), path.join(dir, name));
  writeFiles(dir, { 'hostile.ivr.json': hostileFlow(), 'good.ivr.json': goodFlow() });
});

afterAll(cleanup);

describe('escapeControls', () => {
  it('writes C0 and C1 controls, DEL and bidirectional overrides as JSON escapes, and keeps line feeds when asked', () => {
    expect(escapeControls(`a${CLEAR_AND_FAKE}\tb\r\nc\u0085d\u007fe${REVERSE}\u2066f\u2069`)).toBe(
      'a\\u001b[2J\\u001b[32mOK no problems\\u001b[0m\\tb\\r\\nc\\u0085d\\u007fe\\u202eevil\\u202c\\u2066f\\u2069'
    );
    expect(escapeControls('line one\nline\u001b two', { keepNewlines: true })).toBe('line one\nline\\u001b two');
    expect(escapeControls('plain text, “quotes”, é, 日本, 🙂')).toBe('plain text, “quotes”, é, 日本, 🙂');
  });

  it('leaves a JSON document the same document', () => {
    const value = { name: `x${REVERSE}\u0085\u007f`, [`key${TITLE}`]: [CLEAR_AND_FAKE, '\\', '\\\u0085'] };
    const text = JSON.stringify(value, null, 2);
    const escaped = escapeControls(text, { keepNewlines: true });
    expect(escaped).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(escaped)).toEqual(value);
  });
});

describe('safeWriter', () => {
  it('keeps the colours of the formats and nothing else', () => {
    let out = '';
    const writer = safeWriter({ write: (text: string) => (out += text) }, true);
    writer.write(`\u001b[31merror\u001b[39m ${TITLE}\n`);
    expect(out).toBe('\u001b[31merror\u001b[39m \\u001b]0;PWNED\\u0007\n');
    let plain = '';
    safeWriter({ write: (text: string) => (plain += text) }, false).write('\u001b[31merror\u001b[39m\n');
    expect(plain).toBe('\\u001b[31merror\\u001b[39m\n');
  });
});

describe('zeroout lint on the reproducers (D15)', () => {
  it('escapes a field name that would clear the screen and fake a clean result', async () => {
    const result = await run(['lint', 'ansi-fieldname.ivr.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'ansi-fieldname.ivr.json:26:53 at /nodes/0/\\u001b[2J\\u001b[32mOK no problems\\u001b[0m: ' +
        'unknown field "\\u001b[2J\\u001b[32mOK no problems\\u001b[0m"\n'
    );
  });

  it('escapes the snippet of malformed text a syntax error quotes', async () => {
    const result = await run(['lint', 'ansi-malformed2.ivr.json', 'good.ivr.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    const lines = result.stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ansi-malformed2\.ivr\.json:1:34: malformed JSON: .*\\u001b\]0;PWNE/);
    expect(lines[1]).toBe('');
  });
});

describe('every text output escapes what a flow holds', () => {
  it('stylish: the finding, coloured, with no escape sequence but its own colours, and no fake line', async () => {
    const result = await run(['lint', 'hostile.ivr.json'], dir, { color: true });
    expect(result.code).toBe(1);
    const withoutStyles = result.stdout.replace(/\u001b\[\d{1,2}m/g, '');
    expect(withoutStyles).not.toMatch(RAW_CONTROL);
    expect(withoutStyles).toContain('Lookup "billing\\u001b[2J\\u001b[32mOK no problems\\u001b[0m\\nfake line\\r\\u202eevil\\u202c"');
    // Each line is the file, a finding, blank, or the summary: a line feed in the id started none.
    for (const line of withoutStyles.split('\n')) expect(line).toMatch(/^$|^hostile\.ivr\.json$|^ {2}\d+:\d+ {2}(error|warning|info) |problems? \(/);
  });

  it('json: the same document, with no raw control character', async () => {
    const result = await run(['lint', 'hostile.ivr.json', '--format', 'json'], dir);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    const doc = JSON.parse(result.stdout) as { files: { findings: { node: string }[] }[] };
    expect(doc.files[0]!.findings.map((f) => f.node)).toContain(`billing${CLEAR_AND_FAKE}\nfake line\r${REVERSE}`);
  });

  it('diff text: one line per change, values escaped', async () => {
    const result = await run(['diff', 'good.ivr.json', 'hostile.ivr.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain('+ billing\\u001b[2J\\u001b[32mOK no problems\\u001b[0m\\nfake line\\r\\u202eevil\\u202c (lookup) added');
    expect(result.stdout).not.toMatch(/^fake line/m);
  });

  it('paths and test: no raw control character, no fake line', async () => {
    for (const args of [['paths', 'hostile.ivr.json'], ['test', 'hostile.ivr.json']]) {
      const result = await run(args, dir);
      expect(result.stdout + result.stderr, args[0]).not.toMatch(RAW_CONTROL);
      expect(result.stdout, args[0]).not.toMatch(/^fake line/m);
    }
  });

  it('simulate: the flow name and the busiest nodes escaped', async () => {
    const result = await run(['simulate', 'hostile.ivr.json', '--calls', '50', '--workers', '1'], dir);
    expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain('hostile.ivr.json: Hostile \\u001b[2J\\u001b[32mOK no problems\\u001b[0m\n');
    expect(result.stdout).not.toMatch(/^fake line/m);
  });

  it('usage errors: an argument with control characters is escaped too', async () => {
    const result = await run(['lint', `missing${TITLE}.ivr.json`], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('missing\\u001b]0;PWNED\\u0007.ivr.json: cannot read the file: no such file or directory\n');
  });
});
