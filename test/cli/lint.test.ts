import { chmodSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/core/analysis/engine.ts';
import { cleanup, deadEndFlow, expectCleanErrors, goodFlow, run, tempDir, writeFiles } from './helpers.ts';

interface JsonFinding {
  rule: string;
  severity: string;
  node: string;
  nodes: string[];
  outcome?: string;
  message: string;
  pointer: string;
  line?: number;
  column?: number;
}
interface JsonFile {
  file: string;
  format: string;
  entries?: { start: string; channel: string; role: string; event?: string }[];
  findings?: JsonFinding[];
  metrics?: Record<string, unknown>;
  error?: { problems: { file: string; pointer: string; message: string; line?: number; column?: number }[] };
}

const parseJsonReport = (stdout: string): { files: JsonFile[] } => JSON.parse(stdout) as { files: JsonFile[] };

let dir: string;

beforeAll(() => {
  dir = tempDir();
  writeFiles(dir, {
    'good.ivr.json': goodFlow(),
    'dead-end.ivr.json': deadEndFlow(),
    'nested/deeper/also-good.ivr.json': goodFlow(),
    'nested/notes.json': { not: 'a flow' },
    'nested/README.md': '# not a flow\n',
    'node_modules/pkg/skipped.ivr.json': 'not even JSON',
    '.hidden/skipped.ivr.json': 'not even JSON'
  });
});

afterAll(cleanup);

describe('zeroout lint: exit codes and stylish output', () => {
  it('exits 0 and prints nothing when no finding is an error', async () => {
    const result = await run(['lint', 'good.ivr.json'], dir);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 on an error finding and prints it eslint-style', async () => {
    const result = await run(['lint', 'dead-end.ivr.json'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('');
    expect(lines[1]).toBe('dead-end.ivr.json');
    expect(lines[2]).toMatch(/^ {2}30:5 {2}error {2}Lookup "billing".*\S {2}dead-end$/);
    expect(result.stdout).toMatch(/\n\n1 problem \(1 error, 0 warnings, 0 infos\)\n$/);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).not.toContain('\u2716');
  });

  it('colours output and marks the summary when colour is on', async () => {
    const result = await run(['lint', 'dead-end.ivr.json'], dir, { color: true });
    expect(result.stdout).toContain('\u001b[31merror\u001b[39m');
    expect(result.stdout).toContain('\u2716 1 problem (1 error, 0 warnings, 0 infos)');
  });

  it('walks folders recursively for *.ivr.json, skipping node_modules and hidden folders', async () => {
    const result = await run(['lint', '.', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    expect(parseJsonReport(result.stdout).files.map((file) => file.file)).toEqual([
      './dead-end.ivr.json',
      './good.ivr.json',
      './nested/deeper/also-good.ivr.json'
    ]);
  });

  it('names files as typed and lists each file once', async () => {
    const result = await run(['lint', 'nested/', 'nested/deeper/also-good.ivr.json', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(parseJsonReport(result.stdout).files.map((file) => file.file)).toEqual(['nested/deeper/also-good.ivr.json']);
  });

  it('resolves files against the working directory', async () => {
    const result = await run(['lint', path.join(dir, 'dead-end.ivr.json'), '--format', 'json'], '/');
    expect(result.code).toBe(1);
    expect(parseJsonReport(result.stdout).files[0]?.file).toBe(path.join(dir, 'dead-end.ivr.json'));
  });
});

describe('zeroout lint --rule and --threshold', () => {
  it('turns a rule off or down', async () => {
    expect((await run(['lint', 'dead-end.ivr.json', '--rule', 'dead-end=off'], dir)).code).toBe(0);
    const warning = await run(['lint', 'dead-end.ivr.json', '--rule', 'dead-end=warning'], dir);
    expect(warning.code).toBe(0);
    expect(warning.stdout).toContain('1 problem (0 errors, 1 warning, 0 infos)');
  });

  it('turns a rule up, the last setting winning', async () => {
    const result = await run(
      [
        ...['lint', 'good.ivr.json', '--threshold', 'max-options=1'],
        ...['--rule', 'too-many-options=info', '--rule', 'too-many-options=error']
      ],
      dir
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/error {2}.* {2}too-many-options\n/);
  });

  it('rejects unknown rules, severities and thresholds with exit 2 and one line each', async () => {
    const result = await run(
      [
        'lint',
        'good.ivr.json',
        '--rule',
        'no-such-rule=off',
        '--rule',
        '__proto__=off',
        '--rule',
        'dead-end=loud',
        '--rule',
        'dead-end',
        '--threshold',
        'max-options=0',
        '--threshold',
        'max-menu-depth=1.5',
        '--threshold',
        'words-per-minute=fast',
        '--threshold',
        'constructor=3'
      ],
      dir
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'error: --rule no-such-rule=off: unknown rule "no-such-rule" (run "zeroout rules" to list them)',
      'error: --rule __proto__=off: unknown rule "__proto__" (run "zeroout rules" to list them)',
      'error: --rule dead-end=loud: unknown severity "loud": expected off, info, warning, error',
      'error: --rule "dead-end": expected <rule id>=<off|info|warning|error>',
      'error: --threshold max-options=0: must be at least 1',
      'error: --threshold max-menu-depth=1.5: must be a whole number',
      'error: --threshold words-per-minute=fast: "fast" is not a number',
      'error: --threshold constructor=3: unknown threshold "constructor": expected one of ' +
        'max-options, max-menu-depth, max-seconds-to-human, announce-wait-over-seconds, words-per-minute'
    ]);
  });

  it('rejects a bad --format value', async () => {
    const result = await run(['lint', 'good.ivr.json', '--format', 'xml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'xml' is invalid");
  });
});

describe('zeroout lint --format json', () => {
  it('prints one JSON document with files, findings and metrics', async () => {
    const result = await run(['lint', 'dead-end.ivr.json', 'good.ivr.json', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    const report = parseJsonReport(result.stdout);
    expect(Object.keys(report)).toEqual(['files']);
    const [bad, good] = report.files;
    expect(Object.keys(bad ?? {})).toEqual(['file', 'format', 'entries', 'findings', 'metrics']);
    expect(bad?.entries).toEqual([{ start: expect.any(String), channel: 'voice', role: 'inbound' }]);
    expect(bad?.file).toBe('dead-end.ivr.json');
    expect(bad?.format).toBe('native');
    expect(bad?.findings).toHaveLength(1);
    const finding = bad?.findings?.[0];
    expect(Object.keys(finding ?? {})).toEqual([
      'code',
      'rule',
      'severity',
      'node',
      'nodes',
      'outcome',
      'message',
      'pointer',
      'line',
      'column'
    ]);
    expect(finding).toMatchObject({
      code: 'dead-end',
      rule: 'dead-end',
      severity: 'error',
      node: 'billing',
      nodes: ['billing'],
      outcome: 'failure',
      pointer: '/nodes/1/failure',
      line: 30,
      column: 5
    });
    expect(Object.keys(bad?.metrics ?? {})).toEqual([
      'nodes',
      'edges',
      'menus',
      'reachableNodes',
      'humanEndpoints',
      'secondsToHuman',
      'maxMenuDepth',
      'perNode'
    ]);
    expect(bad?.metrics).toMatchObject({ nodes: 4, menus: 1, humanEndpoints: 1 });
    expect(good).toMatchObject({ file: 'good.ivr.json', format: 'native', findings: [] });
  });

  it('leaves out "outcome" for node-level findings', async () => {
    const result = await run(['lint', 'good.ivr.json', '--threshold', 'max-options=1', '--format', 'json'], dir);
    const finding = parseJsonReport(result.stdout).files[0]?.findings?.find((f) => f.rule === 'too-many-options');
    expect(finding).toBeDefined();
    expect(finding).not.toHaveProperty('outcome');
    expect(finding).toMatchObject({ node: 'main', line: expect.any(Number), column: expect.any(Number) });
  });
});

describe('zeroout lint --format sarif', () => {
  it('prints a SARIF 2.1.0 log', async () => {
    const result = await run(['lint', 'nested/../dead-end.ivr.json', '--format', 'sarif'], dir);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as {
      $schema: string;
      version: string;
      runs: {
        tool: {
          driver: {
            name: string;
            rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[];
          };
        };
        invocations: { executionSuccessful: boolean }[];
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } };
            logicalLocations: { name: string; kind: string }[];
          }[];
        }[];
      }[];
    };
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const runLog = log.runs[0]!;
    expect(runLog.tool.driver.name).toBe('zeroout');
    expect(runLog.tool.driver.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.meta.id));
    for (const [index, rule] of runLog.tool.driver.rules.entries()) {
      const meta = RULES[index]!.meta;
      expect(rule.shortDescription.text).toBe(meta.description);
      expect(rule.defaultConfiguration.level).toBe(meta.severity === 'info' ? 'note' : meta.severity);
    }
    expect(runLog.invocations[0]?.executionSuccessful).toBe(true);
    expect(runLog.results).toHaveLength(1);
    const [first] = runLog.results;
    expect(first).toMatchObject({
      ruleId: 'dead-end',
      level: 'error',
      message: { text: expect.stringContaining('billing') },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'dead-end.ivr.json' }, region: { startLine: 30, startColumn: 5 } },
          logicalLocations: [{ name: 'billing', kind: 'object' }]
        }
      ]
    });
    expect(runLog.tool.driver.rules[first!.ruleIndex]?.id).toBe('dead-end');
  });

  it('maps info to note, uses forward-slash URIs relative to cwd, and reports unusable files as notifications', async () => {
    const sub = tempDir();
    writeFiles(sub, {
      'a b/flow.ivr.json': goodFlow(),
      'broken.ivr.json': '{'
    });
    const result = await run(
      ['lint', '.', '--format', 'sarif', '--threshold', 'max-options=1', '--rule', 'too-many-options=info'],
      sub
    );
    expect(result.code).toBe(2);
    const log = JSON.parse(result.stdout) as {
      runs: {
        invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
        results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    const runLog = log.runs[0]!;
    expect(runLog.results.map((r) => [r.level, r.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([
      ['note', 'a%20b/flow.ivr.json']
    ]);
    expect(runLog.invocations[0]?.executionSuccessful).toBe(false);
    expect(runLog.invocations[0]?.toolExecutionNotifications[0]?.message.text).toMatch(/^malformed JSON/);
  });
});

describe('zeroout lint: unusable input', () => {
  const lintOne = async (name: string, content: unknown): Promise<{ code: number; stderr: string; file: JsonFile }> => {
    const sub = tempDir();
    writeFiles(sub, { [name]: content });
    const result = await run(['lint', name, '--format', 'json'], sub);
    expectCleanErrors(result.stderr);
    return { code: result.code, stderr: result.stderr, file: parseJsonReport(result.stdout).files[0]! };
  };

  it('reports malformed JSON with its line and column', async () => {
    const { code, stderr, file } = await lintOne('bad.ivr.json', '{\n  "version": 1,\n  "id": }\n');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bad\.ivr\.json:3:9: malformed JSON: .+\n$/);
    expect(file).toEqual({
      file: 'bad.ivr.json',
      format: 'native',
      error: { problems: [expect.objectContaining({ pointer: '', line: 3, column: 9 })] }
    });
  });

  it('reports malformed JSON that JSON.parse gives no position for', async () => {
    const { stderr } = await lintOne('empty.ivr.json', '');
    expect(stderr).toMatch(/^empty\.ivr\.json:1:1: malformed JSON: .+\n$/);
    const { stderr: truncated } = await lintOne('cut.ivr.json', '{\n  "nodes": [\n');
    expect(truncated).toMatch(/^cut\.ivr\.json:3:1: malformed JSON/);
  });

  it('reports an unknown rule id in the flow\'s own settings, as --rule does', async () => {
    const flow = { ...goodFlow(), lint: { rules: { 'dead-ends': 'off' } } };
    const { code, stderr } = await lintOne('rules.ivr.json', flow);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rules\.ivr\.json:\d+:\d+ at \/lint\/rules\/dead-ends: unknown rule "dead-ends" \(run "zeroout rules" to list them\)\n$/);
  });

  it('reports a schema violation with the pointer and the place it points at', async () => {
    const flow = goodFlow();
    (flow['nodes'] as Record<string, unknown>[])[1]!['prompt'] = 42;
    const { code, stderr } = await lintOne('schema.ivr.json', flow);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^schema\.ivr\.json:33:17 at \/nodes\/1\/prompt: .+\n$/);
  });

  it('reports a missing field at the object that lacks it', async () => {
    const flow = goodFlow();
    delete (flow['nodes'] as Record<string, unknown>[])[2]!['queue'];
    const { stderr } = await lintOne('missing-field.ivr.json', flow);
    expect(stderr).toBe('missing-field.ivr.json:36:5 at /nodes/2/queue: missing required field "queue"\n');
  });

  it('reports an unknown node kind', async () => {
    const flow = goodFlow();
    (flow['nodes'] as Record<string, unknown>[])[1]!['kind'] = 'foo';
    const { stderr } = await lintOne('kind.ivr.json', flow);
    expect(stderr).toMatch(/^kind\.ivr\.json:32:15 at \/nodes\/1\/kind: unknown node kind "foo": .+\n$/);
  });

  it('reports duplicate ids', async () => {
    const flow = goodFlow();
    (flow['nodes'] as Record<string, unknown>[])[2]!['id'] = 'billing';
    const { code, stderr } = await lintOne('dup.ivr.json', flow);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^dup\.ivr\.json:37:13 at \/nodes\/2\/id: duplicate node id "billing".*\n$/);
  });

  it('reports a missing start node', async () => {
    const { code, stderr } = await lintOne('start.ivr.json', { ...goodFlow(), start: 'nowhere' });
    expect(code).toBe(2);
    expect(stderr).toBe('start.ivr.json:5:12 at /start: the start node "nowhere" does not exist\n');
  });

  it('reports a document that is not a flow object', async () => {
    const { code, stderr } = await lintOne('array.ivr.json', '[1, 2]');
    expect(code).toBe(2);
    expect(stderr).toBe('array.ivr.json:1:1: a flow is a JSON object\n');
  });

  it('loads and lints nodes whose ids are __proto__, constructor and toString like any other', async () => {
    const text = [
      '{',
      '  "version": 1, "id": "p", "name": "p", "start": "__proto__",',
      '  "lint": { "rules": { "dead-end": "error" } },',
      '  "nodes": [',
      '    { "id": "__proto__", "kind": "lookup", "service": "crm",',
      '      "meta": { "constructor": { "x": 1 } }, "success": "constructor" },',
      '    { "id": "constructor", "kind": "queue", "queue": "q", "expectedWaitSeconds": 5, "overflow": "toString" },',
      '    { "id": "toString", "kind": "voicemail", "mailbox": "m" }',
      '  ]',
      '}'
    ].join('\n');
    const sub = tempDir();
    writeFiles(sub, { 'proto.ivr.json': text });
    const result = await run(['lint', 'proto.ivr.json', '--format', 'json'], sub);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"node":"__proto__"');
    const file = parseJsonReport(result.stdout).files[0];
    expect(file?.findings).toEqual([
      expect.objectContaining({
        rule: 'dead-end',
        node: '__proto__',
        nodes: ['__proto__'],
        outcome: 'failure',
        line: 5,
        column: 5
      })
    ]);
    const perNode = file?.metrics?.['perNode'] as { node: string }[];
    expect(perNode.map((metric) => metric.node)).toEqual(['__proto__', 'constructor', 'toString']);
    const graph = await run(['graph', 'proto.ivr.json'], sub);
    expect(graph.code).toBe(0);
    expect(graph.stdout).toContain('n0 -->|"success"| n1');
    // As rule settings, such names are unknown rules, not a way into the object's prototype.
    writeFiles(sub, { 'proto-rules.ivr.json': text.replace('{ "dead-end": "error" }', '{ "__proto__": "error", "constructor": "off" }') });
    const rules = await run(['lint', 'proto-rules.ivr.json'], sub);
    expect(rules.code).toBe(2);
    expect(rules.stderr).toContain('at /lint/rules/__proto__: a field may not be named "__proto__"');
    writeFiles(sub, { 'constructor-rule.ivr.json': text.replace('{ "dead-end": "error" }', '{ "constructor": "off" }') });
    const constructorRule = await run(['lint', 'constructor-rule.ivr.json'], sub);
    expect(constructorRule.code).toBe(2);
    expect(constructorRule.stderr).toContain('at /lint/rules/constructor: unknown rule "constructor"');
  });

  it('reports a missing file and keeps linting the others', async () => {
    const result = await run(['lint', 'nope.ivr.json', 'dead-end.ivr.json', '--format', 'json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nope.ivr.json: cannot read the file: no such file or directory\n');
    const files = parseJsonReport(result.stdout).files;
    expect(files.map((file) => file.file)).toEqual(['nope.ivr.json', 'dead-end.ivr.json']);
    expect(files[0]?.error?.problems[0]?.message).toBe('cannot read the file: no such file or directory');
    expect(files[1]?.findings).toHaveLength(1);
  });

  it('reports an unreadable file', async () => {
    const sub = tempDir();
    symlinkSync('loop.ivr.json', path.join(sub, 'loop.ivr.json'));
    writeFiles(sub, { 'locked.ivr.json': goodFlow() });
    chmodSync(path.join(sub, 'locked.ivr.json'), 0o000);
    const rootCanRead = process.getuid?.() === 0;
    const result = await run(['lint', '.'], sub);
    expect(result.code).toBe(2);
    expectCleanErrors(result.stderr);
    expect(result.stderr).toContain('./loop.ivr.json: cannot read the file: too many symbolic links (a link loop?)\n');
    if (!rootCanRead) expect(result.stderr).toContain('./locked.ivr.json: cannot read the file: permission denied\n');
  });

  it('exits 2 when no flow files are found', async () => {
    const sub = tempDir();
    writeFiles(sub, { 'notes.json': {} });
    const result = await run(['lint', '.'], sub);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: no flow files (*.ivr.json, or Twilio Studio and Amazon Connect *.json or Genesys Cloud Architect *.yaml, *.yml) found in .\n' });
  });

  it('exits 2 when a file is unusable even if the others have errors', async () => {
    const sub = tempDir();
    writeFiles(sub, { 'a.ivr.json': deadEndFlow(), 'b.ivr.json': '{' });
    const result = await run(['lint', '.'], sub);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('./a.ivr.json\n');
    expect(result.stderr).toMatch(/^\.\/b\.ivr\.json:1:2: malformed JSON/);
  });

  it('lints a 5 MB flow of 20,000 nodes', async () => {
    const count = 20_000;
    const nodes: Record<string, unknown>[] = Array.from({ length: count }, (_, i) => ({
      id: `step-${i}`,
      kind: 'prompt',
      name: `Step ${i}`,
      prompt:
        `Recorded message number ${i}, which is long enough to give this generated flow ` +
        'a realistic size on disk, and then some.',
      next: i + 1 < count ? `step-${i + 1}` : 'agent'
    }));
    nodes.push({ id: 'agent', kind: 'queue', queue: 'support', expectedWaitSeconds: 10, overflow: 'step-0' });
    const sub = tempDir();
    writeFiles(sub, { 'big.ivr.json': { version: 1, id: 'big', name: 'Big', start: 'step-0', nodes } });
    expect(statSync(path.join(sub, 'big.ivr.json')).size).toBeGreaterThan(5_000_000);
    const result = await run(['lint', 'big.ivr.json', '--format', 'json'], sub);
    expect(result.stderr).toBe('');
    expect([0, 1]).toContain(result.code);
    const file = parseJsonReport(result.stdout).files[0];
    expect(file?.metrics).toMatchObject({ nodes: count + 1, reachableNodes: count + 1 });
    for (const finding of file?.findings ?? []) expect(finding.line).toBeGreaterThan(0);
  });
});
