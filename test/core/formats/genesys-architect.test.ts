/**
 * Genesys Cloud Architect (Archy YAML) import: the corpus, and each construct
 * from a small flow written as Archy writes it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { detectFormat, FLOW_FILE_ACCEPT, loadAnyFlow, parseFlowText } from '../../../src/core/formats/index.ts';
import genesys from '../../../src/core/formats/genesys-architect/index.ts';
import { readYaml } from '../../../src/core/formats/genesys-architect/yaml.ts';
import type { Locate } from '../../../src/core/json/index.ts';
import type { Flow, FlowNode, NodeOfKind, NodeKind } from '../../../src/core/model/types.ts';
import { cleanup, run, tempDir, writeFiles } from '../../cli/helpers.ts';
import { corpusFiles, corpusPath } from '../../support/corpus.ts';

afterAll(cleanup);

interface Loaded {
  flow: Flow;
  notes: readonly { node?: string; pointer: string; message: string; severity: string }[];
  locate: Locate;
}

/** Parses and imports YAML text as the command line does. */
function load(text: string, file = 'flow.yaml'): Loaded {
  const parsed = parseFlowText(text, file);
  if (!parsed.ok) throw new Error(`not YAML: ${JSON.stringify(parsed.problems)}`);
  const result = loadAnyFlow(parsed.value, file);
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  expect(result.format).toBe('genesys-architect');
  return { flow: result.flow, notes: result.notes, locate: parsed.locate! };
}

/** An inbound call flow around the given settings, as YAML. */
function inbound(flow: Record<string, unknown>): string {
  return stringify({ inboundCall: { name: 'Test', ...flow } });
}

/** A flow that starts at one task of these actions. */
function taskFlow(actions: unknown[], extra: Record<string, unknown> = {}): string {
  return inbound({ startUpRef: './tasks/task[t]', tasks: [{ task: { name: 'Task', refId: 't', actions } }], ...extra });
}

function node<K extends NodeKind>(flow: Flow, id: string, kind?: K): NodeOfKind<K> {
  const found = flow.nodes.find((n) => n.id === id);
  if (found === undefined) throw new Error(`no node ${id} in ${flow.nodes.map((n) => n.id).join(', ')}`);
  if (kind !== undefined) expect(found.kind).toBe(kind);
  return found as NodeOfKind<K>;
}

function findings(flow: Flow, rule?: string) {
  return lintFlow(flow).findings.filter((f) => rule === undefined || f.rule === rule);
}

const agent = (name: string, queue: string, dtmf: string, extra: Record<string, unknown> = {}) => ({
  menuTransferToAcd: { name, dtmf, globalDtmf: false, targetQueue: { lit: { name: queue } }, ...extra }
});

describe('genesys-architect: the corpus', () => {
  const files = corpusFiles('genesys');

  it('has the 8 flows (inboundCall and inqueueCall)', () => {
    expect(files).toHaveLength(8);
  });

  it.each(files)('imports %s, with findings that lint places in the YAML', (file) => {
    const text = readFileSync(corpusPath('genesys', file), 'utf8');
    const { flow, locate } = load(text, file);
    expect(flow.nodes.length).toBeGreaterThan(0);
    for (const finding of lintFlow(flow).findings) {
      expect(finding.pointer.startsWith('/inboundCall') || finding.pointer.startsWith('/inqueueCall')).toBe(true);
      const where = locate(finding.pointer);
      expect(where, `${finding.rule} at ${finding.pointer}`).toBeDefined();
      expect(where!.line).toBeGreaterThan(0);
    }
  });

  it('lints the corpus folder from the command line: exit 1 (findings), never 2, every finding at a YAML line and column', async () => {
    const result = await run(['lint', corpusPath('genesys'), '--format', 'json'], process.cwd());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { files: { file: string; format: string; findings: { line?: number; column?: number; rule: string }[] }[] };
    expect(report.files).toHaveLength(8);
    for (const file of report.files) {
      expect(file.format).toBe('genesys-architect');
      for (const finding of file.findings) {
        expect(finding.line, `${file.file} ${finding.rule}`).toBeGreaterThan(0);
        expect(finding.column).toBeGreaterThan(0);
      }
    }
  });

  it('reads the in-queue flows as customer-queue flows, whose help is the agent they wait for', () => {
    for (const file of files.filter((f) => /in-queue|Switch-to-Web/.test(f))) {
      const { flow } = load(readFileSync(corpusPath('genesys', file), 'utf8'), file);
      expect(flow.role).toBe('customer-queue');
      expect(node(flow, 'waiting in queue', 'queue').overflow).toBe(flow.start);
    }
  });

  it('reads the {{token}} substitutions as strings, and keeps where they were', () => {
    const file = files.find((f) => f.includes('orbit-parked-call'))!;
    const { flow } = load(readFileSync(corpusPath('genesys', file), 'utf8'), file);
    expect(flow.name).toBe('{{flow_name}}');
    expect(flow.id).toBe(file.replace(/\.yaml$/, ''));
    const start = node(flow, flow.start);
    const kept = (start.meta as { flow: { placeholders: { pointer: string; key?: true }[] } }).flow.placeholders;
    expect(kept).toContainEqual({ pointer: '/inboundCall/name' });
    expect(kept).toContainEqual({ pointer: '/inboundCall/tasks/0/task/actions/0/collectInput/outputs/success/actions/0/callData/category/{{data_action_category}}', key: true });
    const lookup = flow.nodes.find((n) => n.kind === 'lookup')!;
    expect(lookup.kind === 'lookup' && lookup.service).toBe('{{data_action_category}}/{{data_action_name_1}}');
  });

  it('keeps the resiliency blueprint’s design: a transfer with no failure path goes on to the apology', () => {
    const file = files.find((f) => f.includes('CacheExampleFlow'))!;
    const { flow } = load(readFileSync(corpusPath('genesys', file), 'utf8'), file);
    const queue = node(flow, 'startingTask/transferToAcd', 'queue');
    expect(queue.queue).toBe('Task.Queue');
    expect(queue.overflow).toBe('startingTask/playAudio');
    expect(findings(flow, 'dead-end')).toEqual([]);
  });

  it('finds the emergency blueprint’s schedule group that is NOT_SET, a dead end through the flow’s error handling', () => {
    const file = files.find((f) => f.includes('DR-Emergency'))!;
    const { flow } = load(readFileSync(corpusPath('genesys', file), 'utf8'), file);
    const dead = findings(flow, 'dead-end').filter((f) => f.outcome === 'errorHandling');
    expect(dead.map((f) => [f.node, f.pointer])).toEqual([['Startup Task_42/Evaluate Schedule Group', '/inboundCall/tasks/0/task/actions/0/evaluateScheduleGroup']]);
  });
});

describe('genesys-architect: reading YAML', () => {
  it('tells Architect flows apart by content, not by name', () => {
    expect(detectFormat({ inboundCall: { name: 'x', startUpRef: './menus/menu[m]' } })).toBe('genesys-architect');
    expect(detectFormat({ inqueueCall: { name: 'x', startUpTaskActions: [] } })).toBe('genesys-architect');
    // Other YAML: a workflow of CI, a compose file, a flow type key beside others.
    expect(detectFormat({ name: 'ci', on: { push: null }, jobs: {} })).toBeUndefined();
    expect(detectFormat({ services: { web: { image: 'x' } } })).toBeUndefined();
    expect(detectFormat({ inboundCall: { name: 'x' }, other: 1 })).toBeUndefined();
    expect(detectFormat({ inboundCall: 'text' })).toBeUndefined();
  });

  it('reads yes: and no: as the strings Archy means (YAML 1.2)', () => {
    const read = readYaml('decision:\n  outputs:\n    yes: 1\n    no: 2\n', 'x.yaml');
    expect(read.ok && read.value).toEqual({ decision: { outputs: { yes: 1, no: 2 } } });
  });

  it('reads {{tokens}} as strings, as values and as keys, and says where they were', () => {
    const read = readYaml('a:\n  tts: {{greeting}}\n  category:\n    {{cat}}:\n      x: {{ id }}\n  quoted: "{{kept}}"\n', 'x.yaml');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toEqual({ a: { tts: '{{greeting}}', category: { '{{cat}}': { x: '{{ id }}' } }, quoted: '{{kept}}' } });
    expect(read.placeholders).toEqual([{ pointer: '/a/tts' }, { pointer: '/a/category/{{cat}}', key: true }, { pointer: '/a/category/{{cat}}/x' }]);
  });

  it('locates pointers at their line and column, in a CRLF file too', () => {
    const read = readYaml('inboundCall:\r\n  name: x\r\n  tasks:\r\n    - task:\r\n        refId: t\r\n', 'x.yaml');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.locate('/inboundCall/name')).toEqual({ line: 2, column: 3 });
    expect(read.locate('/inboundCall/tasks/0')).toEqual({ line: 4, column: 7 });
    expect(read.locate('/inboundCall/tasks/0/task/refId')).toEqual({ line: 5, column: 9 });
    expect(read.locate('/inboundCall/nope')).toBeUndefined();
  });

  it('says where text stops being YAML', () => {
    const read = readYaml('inboundCall:\n  name: [unclosed\n  other: 1\n', 'bad.yaml');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatchObject({ file: 'bad.yaml', severity: 'error' });
    expect(read.problems[0]!.message).toMatch(/^malformed YAML: /);
    expect(read.problems[0]!.line).toBeGreaterThan(0);
  });

  it('refuses aliases that expand past what a file may hold, and aliases that hold themselves', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    const bomb = readYaml(lines.join('\n'), 'bomb.yaml');
    expect(bomb.ok).toBe(false);
    expect(bomb.ok ? '' : bomb.problems[0]!.message).toMatch(/too large/);
    const deep = readYaml('deep: ' + '['.repeat(5000) + ']'.repeat(5000), 'deep.yaml');
    expect(deep.ok ? '' : deep.problems[0]!.message).toMatch(/nested too deeply/);
  });

  it('is offered by the designer’s file picker (.yaml, .yml)', () => {
    expect(FLOW_FILE_ACCEPT.split(',')).toEqual(expect.arrayContaining(['.yaml', '.yml', 'application/yaml']));
  });

  it('names the flow types it does not import', () => {
    const result = genesys.import({ workflow: { name: 'w', startUpRef: './tasks/task[x]' } }, 'w.yaml');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problems[0]!.message).toMatch(/^workflow flows are not imported/);
  });
});

describe('genesys-architect: menus', () => {
  const menuFlow = (menu: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    inbound({ startUpRef: '/inboundCall/menus/menu[Main_1]', menus: [{ menu: { name: 'Main', refId: 'Main_1', audio: { tts: 'Press 1 for billing, 0 for an agent.' }, ...menu } }], ...extra });

  it('gives the menu its real keys, speech terms as phrases, and the choices’ names', () => {
    const { flow } = load(
      menuFlow({
        choices: [
          agent('Billing', 'Billing', 'digit_1', { speechRecTerms: { 'en-us': { terms: ['billing', 'bills'] } } }),
          agent('Agent', 'General', 'digit_0'),
          { menuDisconnect: { name: 'Bye', dtmf: 'digit_pound' } },
          { menuDisconnect: { name: 'Star', dtmf: 'digit_star' } }
        ]
      })
    );
    const menu = node(flow, 'Main_1', 'menu');
    expect(menu.options.map((o) => [o.key, o.phrases, o.label, o.next])).toEqual([
      ['1', ['billing', 'bills'], 'Billing', 'Main_1/Billing'],
      ['0', undefined, 'Agent', 'Main_1/Agent'],
      ['#', undefined, 'Bye', 'Main_1/Bye'],
      ['*', undefined, 'Star', 'Main_1/Star']
    ]);
    expect(menu.source?.outcomes?.['1']).toEqual({ name: 'digit_1', pointer: '/inboundCall/menus/0/menu/choices/0/menuTransferToAcd' });
    expect(node(flow, 'Main_1/Bye').kind).toBe('hangup');
  });

  it('takes retries from repeatCount and the timeout from menuSelectionTimeout, the menu’s own over the flow’s', () => {
    const settings = { settingsMenu: { menuSelectionTimeout: { lit: { seconds: 5 } }, repeatCount: { lit: 2 } } };
    const inherit = load(menuFlow({ settingsMenu: { repeatCount: { noValue: true }, menuSelectionTimeout: { noValue: true } }, choices: [agent('A', 'Q', 'digit_0')] }, settings)).flow;
    expect(node(inherit, 'Main_1', 'menu')).toMatchObject({ timeoutSeconds: 5, maxRetries: 2, noInput: 'Main_1', invalid: 'Main_1' });
    const own = load(menuFlow({ settingsMenu: { repeatCount: { lit: 1 }, menuSelectionTimeout: { lit: { ms: 2500 } } }, choices: [agent('A', 'Q', 'digit_0')] }, settings)).flow;
    expect(node(own, 'Main_1', 'menu')).toMatchObject({ timeoutSeconds: 2.5, maxRetries: 1 });
    // Architect's defaults: 10 s, 3 repeats.
    const none = load(menuFlow({ choices: [agent('A', 'Q', 'digit_0')] })).flow;
    expect(node(none, 'Main_1', 'menu')).toMatchObject({ timeoutSeconds: 10, maxRetries: 3 });
  });

  it('sends the call to the default choice once the menu has repeated; without one, the caller is dropped there', () => {
    const choices = [agent('Billing', 'Billing', 'digit_1'), agent('Agent', 'General', 'digit_0')];
    const withDefault = load(menuFlow({ defaultChildMenuRef: './choices/menuTransferToAcd[Agent]', choices })).flow;
    expect(node(withDefault, 'Main_1', 'menu').onMaxRetries).toBe('Main_1/Agent');
    expect(findings(withDefault, 'dead-end')).toEqual([]);
    const without = load(menuFlow({ choices })).flow;
    expect(findings(without, 'dead-end').map((f) => [f.node, f.outcome, f.pointer])).toEqual([['Main_1', 'default choice', '/inboundCall/menus/0/menu']]);
  });

  it('repeats the menu when a transfer from it fails, as Architect does', () => {
    const { flow } = load(menuFlow({ choices: [agent('Agent', 'General', 'digit_0', { preTransferAudio: { tts: 'Transferring.' } })] }));
    const queue = node(flow, 'Main_1/Agent', 'queue');
    expect(queue).toMatchObject({ queue: 'General', prompt: 'Transferring.', overflow: 'Main_1' });
    expect(queue.source?.outcomes?.['overflow']?.name).toBe('failure');
  });

  it('reports a menu with no route to a person, and not one with an agent choice', () => {
    const noAgent = load(menuFlow({ audio: { tts: 'Press 9 to hang up.' }, choices: [{ menuDisconnect: { name: 'Bye', dtmf: 'digit_9' } }] })).flow;
    expect(findings(noAgent, 'no-agent-option').map((f) => f.node)).toEqual(['Main_1']);
    const withAgent = load(menuFlow({ choices: [agent('Agent', 'General', 'digit_0')] })).flow;
    expect(findings(withAgent, 'no-agent-option')).toEqual([]);
  });

  it('jumps to menus and tasks, and reads a sub-menu and a choice’s own task', () => {
    const text = inbound({
      startUpRef: './menus/menu[Main_1]',
      menus: [
        {
          menu: {
            name: 'Main',
            refId: 'Main_1',
            audio: { tts: 'Main.' },
            choices: [
              { menuJumpToMenu: { name: 'Other', dtmf: 'digit_1', targetMenuRef: './menus/menu[Other_2]' } },
              { menuJumpToTask: { name: 'Task', dtmf: 'digit_2', targetTaskRef: './tasks/task[t]' } },
              { menuSubMenu: { name: 'Sub', dtmf: 'digit_3', menu: { name: 'Inner', refId: 'Inner_3', audio: { tts: 'Inner.' }, choices: [{ menuPreviousMenu: { name: 'Back', dtmf: 'digit_star' } }] } } },
              { menuTask: { name: 'Own', dtmf: 'digit_4', task: { actions: [{ playAudio: { name: 'Hello', audio: { tts: 'Hello.' } } }] } } },
              { menuJumpToMenu: { name: 'Lost', dtmf: 'digit_5', targetMenuRef: './menus/menu[nowhere]' } }
            ]
          }
        },
        { menu: { name: 'Other', refId: 'Other_2', audio: { tts: 'Other.' }, choices: [agent('Agent', 'General', 'digit_0')] } }
      ],
      tasks: [{ task: { name: 'T', refId: 't', actions: [{ transferToAcd: { name: 'Queue', targetQueue: { lit: { name: 'General' } } } }] } }]
    });
    const { flow, notes } = load(text);
    const main = node(flow, 'Main_1', 'menu');
    expect(main.options.map((o) => o.next)).toEqual(['Other_2', 't/Queue', 'Inner_3', 'Main_1/Own/Hello', 'Main_1/Lost']);
    expect(node(flow, 'Main_1/Own/Hello', 'prompt').next).toBe('Main_1/Own/end');
    expect(node(flow, 'Main_1/Own/end', 'hangup').name).toBe('End of task');
    const back = node(flow, 'Inner_3/Back', 'opaque');
    expect(back.outcomes).toEqual([{ name: 'previous menu Main_1', next: 'Main_1' }]);
    expect(findings(flow, 'dead-end').map((f) => [f.node, f.outcome])).toContainEqual(['Main_1/Lost', 'targetMenuRef']);
    expect(notes.some((n) => n.severity === 'warning' && n.message.includes('"./menus/menu[nowhere]" is no menu'))).toBe(true);
  });

  it('offers a global choice in every other menu that does not use its key', () => {
    const text = inbound({
      startUpRef: './menus/menu[A]',
      menus: [
        { menu: { name: 'A', refId: 'A', audio: { tts: 'Press 1 for B, 0 for an agent.' }, choices: [{ menuJumpToMenu: { name: 'B', dtmf: 'digit_1', targetMenuRef: './menus/menu[B]' } }, agent('Agent', 'General', 'digit_0', { globalDtmf: true })] } },
        { menu: { name: 'B', refId: 'B', audio: { tts: 'Press 1 to hang up.' }, choices: [{ menuDisconnect: { name: 'Bye', dtmf: 'digit_1' } }] } },
        { menu: { name: 'C', refId: 'C', audio: { tts: 'Press 0 to hang up.' }, choices: [{ menuDisconnect: { name: 'Zero', dtmf: 'digit_0' } }] } }
      ]
    });
    const { flow } = load(text);
    expect(node(flow, 'B', 'menu').options.map((o) => [o.key, o.next])).toEqual([
      ['1', 'B/Bye'],
      ['0', 'A/Agent']
    ]);
    expect(node(flow, 'B', 'menu').source?.outcomes?.['0']).toEqual({ name: 'digit_0', pointer: '/inboundCall/menus/0/menu/choices/1/menuTransferToAcd' });
    // C uses 0 itself.
    expect(node(flow, 'C', 'menu').options.map((o) => o.next)).toEqual(['C/Zero']);
    expect(findings(flow, 'no-agent-option').map((f) => f.node)).toEqual([]);
  });
});

describe('genesys-architect: tasks', () => {
  it('reads a task as the sequence it is, with the greeting first and ids from the task and action names', () => {
    const { flow } = load(
      taskFlow(
        [{ playAudio: { name: 'Hello', audio: { tts: 'Hello.' } } }, { playAudio: { name: 'Hello', audio: { exp: 'AudioPlaybackOptions(ToAudioTTS("Again."), false)' } } }, { disconnect: { name: 'Bye' } }],
        { initialGreeting: { tts: 'Welcome.' } }
      )
    );
    expect(flow.start).toBe('initialGreeting');
    expect(flow.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['initialGreeting', 'prompt'],
      ['t/Hello', 'prompt'],
      ['t/Hello (2)', 'prompt'],
      ['t/Bye', 'hangup']
    ]);
    expect(node(flow, 'initialGreeting', 'prompt').next).toBe('t/Hello');
    expect(node(flow, 't/Hello (2)', 'prompt')).toMatchObject({ prompt: 'Again.', next: 't/Bye' });
    expect(findings(flow, 'dead-end')).toEqual([]);
  });

  it('keeps the first of two menus with one refId for references, and the other under an id of its own', () => {
    const text = inbound({
      startUpRef: './menus/menu[m]',
      menus: [
        { menu: { name: 'First', refId: 'm', audio: { tts: 'First.' }, choices: [agent('A', 'Q', 'digit_0')] } },
        { menu: { name: 'Second', refId: 'm', audio: { tts: 'Second.' }, choices: [agent('A', 'Q', 'digit_0')] } }
      ]
    });
    const { flow, notes } = load(text);
    expect(flow.start).toBe('m');
    expect(node(flow, 'm', 'menu').prompt).toBe('First.');
    expect(node(flow, 'm (2)', 'menu').prompt).toBe('Second.');
    expect(notes.some((n) => n.severity === 'warning' && n.pointer === '/inboundCall/menus/1/menu/refId')).toBe(true);
  });

  it('ends a task that runs out of actions with Architect’s built-in disconnect, a designed ending', () => {
    const { flow } = load(taskFlow([{ playAudio: { name: 'Goodbye', audio: { tts: 'Goodbye.' } } }]));
    expect(node(flow, 't/Goodbye', 'prompt').next).toBe('t/end');
    expect(node(flow, 't/end', 'hangup')).toBeDefined();
    expect(findings(flow, 'dead-end')).toEqual([]);
  });

  it('reads a transfer to ACD as a queue: its failure path, or the next action, or a dead end at the action when the task ends there', () => {
    const queue = (name: string, outputs?: unknown) => ({ transferToAcd: { name, targetQueue: { lit: { name: 'Sales' } }, preTransferAudio: { tts: 'One moment.' }, ...(outputs === undefined ? {} : { outputs }) } });
    const { flow, locate } = load(
      taskFlow([
        queue('First', { failure: { actions: [{ playAudio: { name: 'Sorry', audio: { tts: 'Sorry.' } } }] } }),
        queue('Second'),
        queue('Last')
      ])
    );
    expect(node(flow, 't/First', 'queue')).toMatchObject({ queue: 'Sales', prompt: 'One moment.', overflow: 't/Sorry' });
    expect(node(flow, 't/Sorry', 'prompt').next).toBe('t/Second');
    expect(node(flow, 't/Second', 'queue').overflow).toBe('t/Last');
    expect(node(flow, 't/Last', 'queue').overflow).toBeUndefined();
    const dead = findings(flow, 'dead-end');
    expect(dead.map((f) => [f.node, f.outcome, f.pointer])).toEqual([['t/Last', 'failure', '/inboundCall/tasks/0/task/actions/2/transferToAcd']]);
    expect(locate(dead[0]!.pointer)).toEqual({ line: 30, column: 13 });
  });

  it('reads voicemail as deferred help, and a transfer to a number as a person', () => {
    const { flow } = load(
      taskFlow([
        { transferToNumber: { name: 'Desk', targetNumber: { lit: '+15550100' }, outputs: { failure: { actions: [] } } } },
        { transferToVoicemail: { name: 'VM', destination: { queue: { targetQueue: { lit: { name: 'Support' } }, voicemailGreeting: { tts: 'Leave a message.' } } } } }
      ])
    );
    expect(node(flow, 't/Desk', 'transfer')).toMatchObject({ number: '+15550100', reachesPerson: true, failed: 't/VM' });
    expect(node(flow, 't/VM', 'voicemail')).toMatchObject({ mailbox: 'Support', prompt: 'Leave a message.' });
    expect(findings(flow, 'no-human-route')).toEqual([]);
  });

  it('reads a decision as a branch on its condition (yes, no) and a switch as a case per case', () => {
    const { flow } = load(
      taskFlow([
        { decision: { name: 'Gold?', condition: { exp: 'Flow.Tier == "gold"' }, outputs: { yes: { actions: [{ playAudio: { name: 'Hi gold', audio: { tts: 'Hi.' } } }] } } } },
        {
          switch: {
            name: 'Route',
            evaluate: {
              firstTrue: {
                cases: [{ case: { value: { exp: 'Flow.Balance > 100' }, actions: [{ disconnect: { name: 'Rich' } }] } }, { case: { value: { exp: 'Flow.Open' }, actions: [] } }],
                default: { actions: [{ disconnect: { name: 'Default' } }] }
              }
            }
          }
        },
        { disconnect: { name: 'Bye' } }
      ])
    );
    const decision = node(flow, 't/Gold?', 'branch');
    expect(decision.cases).toEqual([{ label: 'yes', when: { var: 'Flow.Tier', op: 'eq', value: 'gold' }, next: 't/Hi gold' }]);
    expect(decision.otherwise).toBe('t/Route');
    expect(decision.source?.outcomes?.['otherwise']?.name).toBe('no');
    expect(node(flow, 't/Hi gold', 'prompt').next).toBe('t/Route');
    const route = node(flow, 't/Route', 'branch');
    expect(route.cases).toEqual([
      { label: 'case 1', when: { var: 'Flow.Balance', op: 'gt', value: 100 }, next: 't/Rich' },
      { label: 'case 2', when: { var: 'Flow.Open', op: 'eq', value: true }, next: 't/Bye' }
    ]);
    expect(route.otherwise).toBe('t/Default');
  });

  it('reads a loop as a counter and a branch on it, Exit Loop going past it', () => {
    const { flow } = load(
      taskFlow([
        {
          loop: {
            name: 'Thrice',
            loopCount: { lit: 3 },
            outputs: { loop: { actions: [{ collectInput: { name: 'PIN', inputData: { var: 'Flow.Pin' }, digits: { exact: 4 }, inputAudio: { tts: 'Your PIN?' }, outputs: { success: { actions: [{ exitLoop: { name: 'Done' } }] } } } }] } }
          }
        },
        { transferToAcd: { name: 'Agent', targetQueue: { lit: { name: 'General' } }, outputs: { failure: { actions: [{ disconnect: { name: 'Bye' } }] } } } }
      ])
    );
    expect(node(flow, 't/Thrice', 'set')).toMatchObject({ increment: ['Loop.t/Thrice'], next: 't/Thrice:loopCount' });
    expect(node(flow, 't/Thrice:loopCount', 'branch')).toMatchObject({ cases: [{ label: 'loop', when: { var: 'Loop.t/Thrice', op: 'le', value: 3 }, next: 't/PIN' }], otherwise: 't/Agent' });
    expect(node(flow, 't/PIN', 'input')).toMatchObject({ next: 't/Agent', noInput: 't/Thrice', invalid: 't/Thrice', minDigits: 4, maxDigits: 4, timeoutSeconds: 5, variable: 'Flow.Pin' });
    expect(findings(flow, 'unbounded-retry')).toEqual([]);
  });

  it('warns of a loop that can run past Architect’s 10,000 actions a call, and not of one within it', () => {
    const loopOf = (count: number) =>
      load(
        taskFlow([
          {
            loop: {
              name: 'Poll',
              loopCount: { lit: count },
              outputs: { loop: { actions: [{ playAudio: { name: 'Hold', audio: { tts: 'Still checking.' } } }, { playAudio: { name: 'Music', audio: { tts: 'Please wait.' } } }] } }
            }
          },
          { transferToAcd: { name: 'Agent', targetQueue: { lit: { name: 'General' } } } }
        ])
      );
    const over = loopOf(4000).notes.filter((n) => n.message.includes('10,000 actions'));
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ severity: 'warning', pointer: expect.stringMatching(/\/loopCount$/) });
    expect(over[0]!.message).toContain('4,000 passes of 3 actions');
    expect(loopOf(3000).notes.filter((n) => n.message.includes('10,000 actions'))).toEqual([]);
  });

  it('reads Collect Input’s failure path as no input and invalid input, with the flow’s default timeout', () => {
    const { flow } = load(
      taskFlow([{ collectInput: { name: 'Code', inputData: { var: 'Flow.Code' }, digits: { range: { min: 1, max: 3 } }, outputs: { failure: { actions: [{ disconnect: { name: 'Bye' } }] } } } }, { transferToAcd: { name: 'Agent', targetQueue: { lit: { name: 'Q' } } } }], {
        settingsActionDefaults: { collectInput: { noEntryTimeout: { lit: { seconds: 7 } } } }
      })
    );
    const input = node(flow, 't/Code', 'input');
    expect(input).toMatchObject({ next: 't/Agent', noInput: 't/Bye', invalid: 't/Bye', minDigits: 1, maxDigits: 3, timeoutSeconds: 7 });
    expect(input.source?.outcomes).toMatchObject({ next: { name: 'success' }, noInput: { name: 'failure' }, invalid: { name: 'failure' } });
  });

  it('reads Call Data Action and Data Table Lookup as lookups, their other outcomes through an added step when they part', () => {
    const { flow } = load(
      taskFlow([
        {
          callData: {
            name: 'Account',
            category: { 'My Actions': { dataAction: { 'Get Account': { successOutputs: { tier: { var: 'Flow.Tier' } } } } } },
            outputs: { failure: { actions: [{ playAudio: { name: 'Sorry', audio: { tts: 'Sorry.' } } }] } }
          }
        },
        { dataTableLookup: { name: 'Cache', dataTable: { 'IVR Cache': { foundOutputs: {} } }, outputs: { found: { actions: [] }, notFound: { actions: [{ playAudio: { name: 'New', audio: { tts: 'New caller.' } } }] } } } },
        { transferToAcd: { name: 'Agent', targetQueue: { lit: { name: 'Q' } }, outputs: { failure: { actions: [{ disconnect: { name: 'Bye' } }] } } } }
      ])
    );
    const account = node(flow, 't/Account', 'lookup');
    expect(account).toMatchObject({ service: 'My Actions/Get Account', outputs: ['Flow.Tier'], success: 't/Cache', failure: 't/Account:errors' });
    expect(node(flow, 't/Account:errors', 'opaque').outcomes).toEqual([
      { name: 'failure', next: 't/Sorry', means: 'failure' },
      { name: 'timeout', next: 't/Cache', means: 'failure' }
    ]);
    const cache = node(flow, 't/Cache', 'lookup');
    expect(cache).toMatchObject({ service: 'data table IVR Cache', success: 't/Agent', failure: 't/Cache:errors' });
    expect(node(flow, 't/Cache:errors', 'opaque').outcomes).toEqual([
      { name: 'notFound', next: 't/New' },
      { name: 'failure', next: 't/Agent', means: 'failure' }
    ]);
  });

  it('keeps a schedule group as a step with open, closed, holiday and emergency; an output not listed goes on', () => {
    const { flow } = load(
      taskFlow([
        { evaluateScheduleGroup: { name: 'Hours', scheduleGroup: { lit: { name: 'Support Hours' } }, evaluate: { now: true }, outputs: { closed: { actions: [{ disconnect: { name: 'Closed' } }] } } } },
        { transferToAcd: { name: 'Agent', targetQueue: { lit: { name: 'Q' } }, outputs: { failure: { actions: [{ disconnect: { name: 'Bye' } }] } } } }
      ])
    );
    expect(node(flow, 't/Hours', 'opaque').outcomes).toEqual([
      { name: 'open', next: 't/Agent' },
      { name: 'closed', next: 't/Closed' },
      { name: 'holiday', next: 't/Agent' },
      { name: 'emergency', next: 't/Agent' }
    ]);
  });

  it('sends a schedule group that may be NOT_SET to the flow’s error handling: disconnect is a dead end at the action', () => {
    const actions = [
      { evaluateScheduleGroup: { name: 'Hours', scheduleGroup: { exp: 'Flow.Group' }, evaluate: { now: true } } },
      { transferToAcd: { name: 'Agent', targetQueue: { lit: { name: 'Q' } }, outputs: { failure: { actions: [{ disconnect: { name: 'Bye' } }] } } } }
    ];
    const dropped = load(taskFlow(actions, { settingsErrorHandling: { errorHandling: { disconnect: { none: true } } } }));
    const dead = findings(dropped.flow, 'dead-end');
    expect(dead.map((f) => [f.node, f.outcome, f.pointer])).toEqual([['t/Hours', 'errorHandling', '/inboundCall/tasks/0/task/actions/0/evaluateScheduleGroup']]);
    expect(dropped.locate(dead[0]!.pointer)?.line).toBeGreaterThan(0);
    // Error handling that jumps to a menu, after its pre-handling audio.
    const handled = load(
      taskFlow(actions, {
        settingsErrorHandling: { errorHandling: { jumpToMenu: { targetMenuRef: './menus/menu[M]' } }, preHandlingAudio: { tts: 'Sorry, an error.' } },
        menus: [{ menu: { name: 'M', refId: 'M', audio: { tts: 'Press 0.' }, defaultChildMenuRef: './choices/menuTransferToAcd[A]', choices: [agent('A', 'Q', 'digit_0')] } }]
      })
    ).flow;
    const hours = node(handled, 't/Hours', 'opaque');
    expect(hours.outcomes.at(-1)).toEqual({ name: 'errorHandling', next: 'settingsErrorHandling', means: 'failure' });
    expect(node(handled, 'settingsErrorHandling', 'prompt')).toMatchObject({ prompt: 'Sorry, an error.', next: 'M' });
    expect(findings(handled, 'dead-end')).toEqual([]);
  });

  it('follows jumps: to a menu, to a task, to the end of the task; a round of jumps takes the error handling', () => {
    const text = inbound({
      startUpRef: './tasks/task[a]',
      menus: [{ menu: { name: 'M', refId: 'M', audio: { tts: 'Press 0.' }, choices: [agent('A', 'Q', 'digit_0')] } }],
      tasks: [
        { task: { name: 'A', refId: 'a', actions: [{ playAudio: { name: 'Hi', audio: { tts: 'Hi.' } } }, { jumpToTask: { name: 'To B', targetTaskRef: './tasks/task[b]' } }] } },
        { task: { name: 'B', refId: 'b', actions: [{ decision: { name: 'D', condition: { exp: 'Flow.X' }, outputs: { yes: { actions: [{ endTask: { name: 'Stop' } }] } } } }, { jumpToMenu: { name: 'To M', targetMenuRef: './menus/menu[M]' } }] } },
        { task: { name: 'C', refId: 'c', actions: [{ jumpToTask: { name: 'To D', targetTaskRef: './tasks/task[d]' } }] } },
        { task: { name: 'D', refId: 'd', actions: [{ jumpToTask: { name: 'To C', targetTaskRef: './tasks/task[c]' } }] } }
      ]
    });
    const { flow } = load(text);
    expect(flow.start).toBe('a/Hi');
    expect(node(flow, 'a/Hi', 'prompt').next).toBe('b/D');
    expect(node(flow, 'b/D', 'branch')).toMatchObject({ cases: [{ next: 'b/end' }], otherwise: 'M' });
    expect(flow.nodes.some((n) => n.id === 'a/To B' || n.id === 'b/To M')).toBe(false);
    const round = node(flow, 'c/To D', 'opaque');
    expect(round.outcomes).toEqual([{ name: 'targetTaskRef', next: 'd/To C' }, { name: 'errorHandling', means: 'failure' }]);
  });
});

describe('genesys-architect: in-queue flows', () => {
  const text = stringify({
    inqueueCall: {
      name: 'Hold',
      startUpTaskActions: [
        { playEstimatedWaitTime: { name: 'Wait', estimatedWaitTime: { exp: 'Call.EstimatedWaitTime' } } },
        { holdMusic: { name: 'Music', prompt: { lit: { name: 'PromptSystem.on_hold_music' } } } },
        { collectInput: { name: 'Callback?', inputData: { var: 'Flow.Choice' }, digits: { exact: 1 }, outputs: { success: { actions: [{ disconnect: { name: 'Bye' } }] } } } }
      ]
    }
  });

  it('runs the actions while the caller waits for the agent (role customer-queue), and runs them again', () => {
    const { flow } = load(text);
    expect(flow.role).toBe('customer-queue');
    expect(flow.start).toBe('startUpTaskActions/Wait');
    expect(node(flow, 'startUpTaskActions/Music', 'prompt').prompt).toBe('[hold music: PromptSystem.on_hold_music]');
    expect(node(flow, 'startUpTaskActions/Callback?', 'input').noInput).toBe('waiting in queue');
    expect(node(flow, 'waiting in queue', 'queue')).toMatchObject({ queue: 'the current queue', overflow: 'startUpTaskActions/Wait', announceWait: true });
    expect(findings(flow, 'trap-loop')).toEqual([]);
    expect(findings(flow, 'no-human-route')).toEqual([]);
  });
});

describe('genesys-architect: the command line', () => {
  it('finds .yaml and .yml flows in a folder, passing over other YAML, and locates findings in them', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'flows/main.yaml': taskFlow([{ transferToAcd: { name: 'Agent', targetQueue: { lit: { name: 'Q' } } } }]),
      'flows/other.yml': taskFlow([{ playAudio: { name: 'Bye', audio: { tts: 'Bye.' } } }]),
      'flows/ci.yml': 'name: ci\non: [push]\njobs: {}\n',
      'flows/broken.yaml': 'key: [unclosed\n'
    });
    const result = await run(['lint', 'flows', '--format', 'json'], dir);
    const report = JSON.parse(result.stdout) as { files: { file: string; format: string; findings: { rule: string; outcome?: string; line?: number; column?: number }[] }[] };
    expect(report.files.map((f) => [f.file, f.format])).toEqual([
      ['flows/main.yaml', 'genesys-architect'],
      ['flows/other.yml', 'genesys-architect']
    ]);
    const dead = report.files[0]!.findings.find((f) => f.rule === 'dead-end');
    expect(dead).toMatchObject({ outcome: 'failure', line: 9, column: 13 });
    expect(result.code).toBe(1);
  });

  it('says where a YAML file named on the command line stops being YAML', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.yaml': 'inboundCall:\n  name: [unclosed\n' });
    const result = await run(['lint', 'bad.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bad\.yaml:\d+:\d+: malformed YAML: /);
  });
});
