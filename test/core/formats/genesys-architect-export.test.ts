/**
 * Genesys Cloud Architect export: Archy YAML call flows. A file imported
 * from Architect goes back as it came; a native flow is built as an
 * Architect user writes one, every exit wired, every account reference
 * named through the environment map, and passes Archy's structural rules
 * (test/support/archy.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { describeVerification, exportFlow, verifyExportText } from '../../../src/core/export/index.ts';
import { emptyEnvironment, loadAnyFlow, parseFlowText, type Environment } from '../../../src/core/formats/index.ts';
import genesys from '../../../src/core/formats/genesys-architect/index.ts';
import { readYaml } from '../../../src/core/formats/genesys-architect/yaml.ts';
import { loadFlow } from '../../../src/core/model/load.ts';
import type { Flow, NodeOfKind } from '../../../src/core/model/types.ts';
import { cleanup, run, tempDir, writeFiles } from '../../cli/helpers.ts';
import { archyProblems, type Json } from '../../support/archy.ts';
import { genesysEnvFor } from '../../support/archy-env.ts';
import { corpusFiles, corpusPath } from '../../support/corpus.ts';

afterAll(cleanup);

const flowsDir = path.join(import.meta.dirname, '../../../flows');
const NATIVE = ['bank', 'airline', 'utility-outage', 'clinic', 'runaround'];

function nativeFlow(name: string): Flow {
  const loaded = loadFlow(JSON.parse(readFileSync(path.join(flowsDir, `${name}.ivr.json`), 'utf8')), `${name}.ivr.json`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.flow;
}

/** A corpus file: its text, its data and placeholders as read, and the flow it imports as. */
function corpusFlow(file: string) {
  const text = readFileSync(corpusPath('genesys', file), 'utf8');
  const read = readYaml(text, file);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const loaded = loadAnyFlow(read.value, file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return { text, read, flow: loaded.flow };
}

/** A flow exported to Architect (YAML text), and that text read back as data and as a flow. */
function shipped(flow: Flow, environment: Environment = genesysEnvFor(flow), file = `${flow.id}.ivr.json`) {
  const rendered = exportFlow(flow, file, 'genesys-architect', { environment });
  if (!rendered.ok) throw new Error(JSON.stringify(rendered.problems));
  const read = readYaml(rendered.text, `${flow.id}.yaml`);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const back = genesys.import(read.value, `${flow.id}.yaml`);
  if (!back.ok) throw new Error(JSON.stringify(back.problems));
  const verification = verifyExportText(flow, 'genesys-architect', rendered.text, `${flow.id}.yaml`, environment, undefined, rendered.origins)!;
  return { text: rendered.text, notes: rendered.notes, origins: rendered.origins ?? new Map<string, string>(), document: read.value as Json, back: back.flow, verification };
}

/** Every action of a document with its type, however deeply nested. */
function actionsOf(document: unknown): { type: string; body: Json }[] {
  const found: { type: string; body: Json }[] = [];
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'object' && item !== null && !Array.isArray(item) && Object.keys(item).length === 1) {
          const [type, body] = Object.entries(item as Json)[0]!;
          if (typeof body === 'object' && body !== null && !Array.isArray(body)) found.push({ type, body: body as Json });
        }
        stack.push(item);
      }
    } else if (typeof value === 'object' && value !== null) stack.push(...Object.values(value));
  }
  return found;
}

describe('the Archy rules the tests hold exports to', () => {
  it('accepts every corpus flow as Genesys publishes it', () => {
    for (const file of corpusFiles('genesys')) expect(archyProblems(corpusFlow(file).read.value), file).toEqual([]);
  });

  it('names the rule and the place of what Archy would refuse', () => {
    const broken = {
      inboundCall: {
        name: 'Broken',
        defaultLanguage: 'en-us',
        startUpRef: './tasks/task[nowhere]',
        menus: [{ menu: { name: 'Main', refId: 'main', audio: { tts: 'Hi' }, settingsMenu: { repeatCount: { lit: 11 } }, defaultChildMenuRef: './choices/menuDisconnect[gone]', choices: [{ menuDisconnect: { name: 'Bye', dtmf: 'digit_10' } }] } }],
        tasks: [{ task: { name: 'T', refId: 't', actions: [{ jumpToMenu: { targetMenuRef: './menus/menu[main]' } }, { playAudio: { audio: 'hello' } }, { decision: { condition: { exp: 'true' }, outputs: { maybe: { actions: [] } } } }] } }]
      }
    };
    const problems = archyProblems(broken);
    expect(problems).toContain('/inboundCall/startUpRef: "./tasks/task[nowhere]" names no task of the flow [A2]');
    expect(problems.some((p) => p.startsWith('/inboundCall/menus/0/menu/settingsMenu/repeatCount') && p.endsWith('[A4]'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/inboundCall/menus/0/menu/defaultChildMenuRef') && p.endsWith('[A4]'))).toBe(true);
    expect(problems.some((p) => p.includes('"digit_10" is no key') && p.endsWith('[A3]'))).toBe(true);
    expect(problems).toContain('/inboundCall/tasks/0/task/actions/0/jumpToMenu: jumpToMenu is the last action of its list: the actions after it never run [A8]');
    expect(problems).toContain('/inboundCall/tasks/0/task/actions/1/playAudio/audio: audio is a typed value (lit:, exp:, var:, tts:, noValue:) [A7]');
    expect(problems.some((p) => p.startsWith('/inboundCall/tasks/0/task/actions/2/decision/outputs/maybe: decision has no output "maybe"'))).toBe(true);
  });
});

describe('Genesys → native → Genesys: the corpus', () => {
  it.each(corpusFiles('genesys'))('%s comes back as it came, tokens and all', (file) => {
    const { read, flow } = corpusFlow(file);
    const result = genesys.export!(flow, {}, file);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    // Nothing to say: the file is the one that came in.
    expect(result.notes).toEqual([]);
    const text = genesys.files.stringify!(result.document);
    const again = readYaml(text, file);
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.value).toEqual(read.value);
    // `{{name}}` substitutions Terraform fills in are written unquoted where they were, so Terraform still fills them in.
    expect(again.placeholders).toEqual(read.placeholders);
    if (read.placeholders.length > 0) expect(text).toMatch(/: \{\{[^{}]*\}\}$/m);
    // And it imports to the same flow.
    const back = loadAnyFlow(again.value, file);
    expect(back.ok && back.flow.nodes.map((n) => [n.id, n.kind])).toEqual(flow.nodes.map((n) => [n.id, n.kind]));
  });

  it('keeps an edited flow\'s Architect actions, rewiring the edit, and verifies it', () => {
    const file = corpusFiles('genesys').find((f) => f.includes('DR-Emergency-IVR'))!;
    const { flow } = corpusFlow(file);
    // The Life Insurance queue's failure now goes to the main menu instead of the failure message.
    const queue = flow.nodes.find((n): n is NodeOfKind<'queue'> => n.kind === 'queue' && n.queue === 'Life Insurance')!;
    const menu = flow.nodes.find((n) => n.kind === 'menu')!;
    const edited: Flow = { ...flow, nodes: flow.nodes.map((n) => (n.id === queue.id ? { ...queue, overflow: menu.id } : n)) };
    const { document, verification, back } = shipped(edited, genesysEnvFor(edited), file);
    expect(verification.ok, describeVerification(verification)).toBe(true);
    expect(archyProblems(document)).toEqual([]);
    // The transfer is the one that came in (its priority, its failure outputs), its failure now a jump to the menu.
    const transfer = actionsOf(document).find((a) => a.type === 'transferToAcd' && (a.body['targetQueue'] as Json)['lit'] !== undefined && JSON.stringify(a.body['targetQueue']).includes('Life Insurance'))!;
    expect(transfer.body).toMatchObject({ priority: { lit: 0 }, failureOutputs: { errorType: { noValue: true } } });
    expect(transfer.body['outputs']).toEqual({ failure: { actions: [{ jumpToMenu: { name: 'To Main Menu', targetMenuRef: `./menus/menu[${menu.id}]` } }] } });
    const readBack = back.nodes.find((n): n is NodeOfKind<'queue'> => n.kind === 'queue' && n.queue === 'Life Insurance')!;
    expect(readBack.overflow).toBe(menu.id);
  });
});

describe('native → Genesys → native', () => {
  it.each(NATIVE)('%s exports a call flow that passes Archy\'s rules, the same every time', (name) => {
    const flow = nativeFlow(name);
    const { text, document } = shipped(flow);
    expect(archyProblems(document)).toEqual([]);
    expect(Object.keys(document)).toEqual(['inboundCall']);
    expect(shipped(flow).text).toBe(text);
    // YAML 1.2 as Archy writes it: decisions' `yes:` and `no:` stay plain keys, lines are never folded.
    expect(text).not.toMatch(/"(yes|no)":/);
    for (const node of flow.nodes) {
      if (node.kind !== 'prompt') continue;
      const said = typeof node.prompt === 'string' ? node.prompt : node.prompt['en-US'];
      if (said !== undefined && said.length > 80 && !/[:#"'{]/.test(said)) expect(text).toContain(`tts: ${said}\n`);
    }
  });

  it.each(NATIVE)('%s treats callers as the design does (verified)', (name) => {
    const { verification } = shipped(nativeFlow(name));
    expect(verification.ok, describeVerification(verification)).toBe(true);
    expect(verification.compared).toBeGreaterThan(10);
  });

  it.each(NATIVE)('%s keeps every node and adds no finding', (name) => {
    const flow = nativeFlow(name);
    const { back, origins } = shipped(flow);
    expect(loadFlow(back, name).ok).toBe(true);
    // Every design node is a step again: a menu keeps its id, an action is `<task>/<action>`.
    const from = new Map<string, string[]>();
    for (const [step, origin] of origins) from.set(origin, [...(from.get(origin) ?? []), step]);
    for (const node of flow.nodes) expect(from.get(node.id), node.id).toBeDefined();
    for (const node of flow.nodes.filter((n) => n.kind === 'menu')) expect(back.nodes.find((n) => n.id === node.id)?.kind).toBe('menu');
    // Every step read back comes from a design node, but the ends of tasks (Architect's built-in disconnect).
    for (const node of back.nodes) if (origins.get(node.id) === undefined) expect(node.meta?.['synthetic'], node.id).toBe('endOfTask');
    // The findings, by rule and design node: none lost, none added.
    const before = new Set(lintFlow(flow).findings.map((f) => `${f.rule} ${f.node}`));
    const after = new Set(lintFlow(back).findings.map((f) => `${f.rule} ${origins.get(f.node) ?? f.node}`));
    // The one documented difference: Architect plays a menu again at most 10 times, so a menu the
    // design replays without limit (unbounded-retry) disconnects after its repeats (a dead end), as the note says.
    for (const node of flow.nodes) {
      if (node.kind !== 'menu' || node.maxRetries !== undefined || node.noInput !== node.id) continue;
      expect(after).toContain(`dead-end ${node.id}`);
      expect(after).not.toContain(`unbounded-retry ${node.id}`);
      before.delete(`unbounded-retry ${node.id}`);
      before.add(`dead-end ${node.id}`);
    }
    expect([...after].sort()).toEqual([...before].sort());
  });

  it('writes a menu as Architect plays one: the key choices, the retries as repeats, the limit\'s target as the default choice', () => {
    const flow = nativeFlow('bank');
    const { document, back, origins } = shipped(flow);
    const menus = (document['inboundCall'] as Json)['menus'] as { menu: Json }[];
    const main = menus.find((m) => m.menu['refId'] === 'main-menu')!.menu;
    expect(main['settingsMenu']).toEqual({ menuSelectionTimeout: { lit: { seconds: 5 } }, repeatCount: { lit: 2 } });
    const choices = main['choices'] as Json[];
    expect(choices.map((c) => (Object.values(c)[0] as Json)['dtmf'])).toEqual(['digit_1', 'digit_2', 'digit_3', 'digit_0']);
    // After the retries, the representative: the choice that goes there already is the default.
    expect(main['defaultChildMenuRef']).toBe('./choices/menuJumpToTask[main-menu/4]');
    const readMenu = back.nodes.find((n): n is NodeOfKind<'menu'> => n.id === 'main-menu')!;
    expect(readMenu).toMatchObject({ noInput: 'main-menu', invalid: 'main-menu', maxRetries: 2 });
    expect(origins.get(readMenu.onMaxRetries!)).toBe('agent-queue');
  });

  it('gives a menu whose retries end elsewhere a default choice no key makes', () => {
    const flow = {
      version: 1, id: 'f', name: 'F', start: 'menu',
      nodes: [
        { id: 'menu', kind: 'menu', prompt: 'Press 1 for sales.', options: [{ key: '1', next: 'sales' }], noInput: 'menu', invalid: 'menu', maxRetries: 1, onMaxRetries: 'bye' },
        { id: 'sales', kind: 'queue', queue: 'sales', overflow: 'bye' },
        { id: 'bye', kind: 'prompt', prompt: 'Goodbye.', end: true }
      ]
    } as Flow;
    const { document, back, verification } = shipped(flow);
    expect(verification.ok, describeVerification(verification)).toBe(true);
    const menu = ((document['inboundCall'] as Json)['menus'] as { menu: Json }[])[0]!.menu;
    const fallback = (menu['choices'] as Json[]).map((c) => Object.values(c)[0] as Json).find((c) => c['refId'] === 'menu/default')!;
    expect(fallback['dtmf']).toBeUndefined();
    expect(fallback['targetTaskRef']).toBe('./tasks/task[bye]');
    expect(menu['defaultChildMenuRef']).toBe('./choices/menuJumpToTask[menu/default]');
    const readMenu = back.nodes.find((n): n is NodeOfKind<'menu'> => n.id === 'menu')!;
    // The hidden choice is the default, not a key the caller can press.
    expect(readMenu.options.map((o) => o.key)).toEqual(['1']);
    expect(readMenu.onMaxRetries).toBe('bye/bye');
  });

  it('writes a digit entry with a retry limit as Collect Input in a Loop, the reprompt after each failure', () => {
    const { document, back } = shipped(nativeFlow('bank'));
    const loop = actionsOf(document).find((a) => a.type === 'loop')!;
    expect(loop.body['loopCount']).toEqual({ lit: 3 });
    const inside = ((loop.body['outputs'] as Json)['loop'] as Json)['actions'] as Json[];
    expect(Object.keys(inside[0]!)).toEqual(['collectInput']);
    expect((inside[0]!['collectInput'] as Json)['digits']).toEqual({ range: { min: 8, max: 10 } });
    expect(Object.keys(inside[1]!)).toEqual(['playAudio']);
    // Read back, the loop is a retry limit the analysis knows.
    expect(lintFlow(back).findings.filter((f) => f.rule === 'unbounded-retry')).toEqual([]);
  });

  it('sends a queue\'s expected wait with the call as participant data, and reads it back', () => {
    const { document, back, origins } = shipped(nativeFlow('bank'));
    const task = ((document['inboundCall'] as Json)['tasks'] as { task: Json }[]).find((t) => t.task['refId'] === 'fraud-queue')!;
    const [first, second] = task.task['actions'] as Json[];
    expect(first).toEqual({ setParticipantData: { name: 'Card security (24/7): expected wait', attributes: [{ attribute: { name: { lit: 'zeroOut.expectedWaitSeconds' }, value: { lit: '60' } } }] } });
    expect(Object.keys(second!)).toEqual(['transferToAcd']);
    const queue = back.nodes.find((n): n is NodeOfKind<'queue'> => n.kind === 'queue' && origins.get(n.id) === 'fraud-queue')!;
    expect(queue.expectedWaitSeconds).toBe(60);
  });

  it('leaves nothing unwired: an exit the design left unwired jumps to a disconnect that reads back as unwired', () => {
    const flow = nativeFlow('runaround');
    const { document, back, notes, origins } = shipped(flow);
    const unwiredTask = ((document['inboundCall'] as Json)['tasks'] as { task: Json }[]).find((t) => t.task['refId'] === 'Unwired in the design')!;
    expect(unwiredTask.task['actions']).toEqual([{ disconnect: { name: 'Unwired in the design' } }]);
    expect(notes.some((n) => n.node === 'moving-info' && /"next" is left unwired in the design/.test(n.message))).toBe(true);
    // Read back, it is the dead end it was, at the same node, not a hang-up the design chose.
    const deadEnds = lintFlow(back).findings.filter((f) => f.rule === 'dead-end').map((f) => origins.get(f.node));
    expect(deadEnds).toContain('moving-info');
    expect(deadEnds).toContain('payment-lookup');
    expect(back.nodes.some((n) => n.kind === 'hangup' && n.name === 'Unwired in the design')).toBe(false);
  });

  it('says loudly what Architect cannot say, as warnings where Genesys Cloud must be given something', () => {
    const { notes } = shipped(nativeFlow('bank'));
    const hours = notes.find((n) => n.node === 'loans-hours')!;
    expect(hours.severity).toBe('warning');
    expect(hours.message).toContain('schedule group "Loans Hours Schedule" must hold it');
    expect(notes.some((n) => n.severity === 'warning' && /prompts are written in en-US only/.test(n.message))).toBe(true);
    for (const note of notes) expect(note.code).toBe('export-note');
  });
});

describe('ids and names as written', () => {
  it('exports ids such as __proto__, a.b#c and x]y/z, and names such as constructor, as data, and verifies', () => {
    const loaded = loadFlow(
      JSON.parse(`{"version": 1, "id": "w", "name": "W", "start": "__proto__", "nodes": [
        {"id": "__proto__", "kind": "menu", "prompt": "Press 1 or 2.", "options": [{"key": "1", "next": "a.b#c"}, {"key": "2", "next": "x]y/z"}],
         "noInput": "__proto__", "invalid": "__proto__", "maxRetries": 1, "onMaxRetries": "a.b#c"},
        {"id": "a.b#c", "kind": "queue", "queue": "__proto__", "overflow": "x]y/z"},
        {"id": "x]y/z", "kind": "lookup", "service": "constructor", "inputs": ["__proto__"], "outputs": ["toString"], "success": "bye", "failure": "bye"},
        {"id": "bye", "kind": "hangup"}]}`),
      'w.ivr.json'
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const { document, verification, back } = shipped(loaded.flow);
    expect(archyProblems(document)).toEqual([]);
    expect(verification.ok, describeVerification(verification)).toBe(true);
    expect(back.nodes.find((n) => n.kind === 'menu')?.id).toBe('__proto__');
    const call = actionsOf(document).find((a) => a.type === 'callData')!;
    expect(Object.hasOwn(((((call.body['category'] as Json)['W Data Actions'] as Json)['dataAction'] as Json)['Constructor'] as Json)['inputs'] as Json, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('references by name', () => {
  it('names queues, schedule groups, data actions and voicemail queues as the environment gives them', () => {
    const flow = nativeFlow('bank');
    const { document } = shipped(flow);
    const actions = actionsOf(document);
    expect(actions.find((a) => a.type === 'transferToAcd' && a.body['name'] === 'Card security (24/7)')?.body['targetQueue']).toEqual({ lit: { name: 'Card Security' } });
    expect(actions.find((a) => a.type === 'evaluateScheduleGroup')?.body['scheduleGroup']).toEqual({ lit: { name: 'Loans Hours Schedule' } });
    expect(Object.keys((actions.find((a) => a.type === 'callData')!.body['category'] as Json))).toEqual(['Bank Data Actions']);
    const voicemail = actions.find((a) => a.type === 'transferToVoicemail')!.body['destination'] as Json;
    expect((voicemail['queue'] as Json)['targetQueue']).toEqual({ lit: { name: 'Consumer Loans Voicemail' } });
  });

  it('refuses a reference the map lacks, naming it and how to add it, as the other vendors do', () => {
    const flow = nativeFlow('clinic');
    const environment = genesysEnvFor(flow);
    delete (environment.queues as Record<string, string>)['front-desk'];
    delete (environment.hours as Record<string, string>)['clinic-hours'];
    const result = genesys.export!(flow, { environment }, 'clinic.ivr.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code)).toEqual(['export-reference-missing', 'export-reference-missing']);
    expect(result.problems.map((p) => p.message)).toEqual([
      'no Genesys Cloud schedule group for "clinic-hours" (node "clinic-hours"): add it to the export environment as {"hours": {"clinic-hours": "<the schedule group\'s name in Genesys Cloud>"}}',
      'no Genesys Cloud queue for "front-desk" (node "front-desk-queue"): add it to the export environment as {"queues": {"front-desk": "<the queue\'s name in Genesys Cloud>"}}'
    ]);
    // With no map at all, nothing ships with a guessed name.
    expect(genesys.export!(flow, {}, 'clinic.ivr.json').ok).toBe(false);
  });

  it('takes one schedule group for every hours check from "*"', () => {
    const flow = nativeFlow('clinic');
    const environment = genesysEnvFor(flow);
    delete (environment.hours as Record<string, string>)['clinic-hours'];
    (environment.hours as Record<string, string>)['*'] = 'Clinic Hours';
    const { document } = shipped(flow, environment);
    expect(actionsOf(document).find((a) => a.type === 'evaluateScheduleGroup')?.body['scheduleGroup']).toEqual({ lit: { name: 'Clinic Hours' } });
  });

  it('keeps the name an imported Architect step already gives, with no map', () => {
    const file = corpusFiles('genesys').find((f) => f.includes('SimpleFinancialIvr'))!;
    const { flow } = corpusFlow(file);
    // Edited, so it is built anew, not written back whole.
    const edited = { ...flow, name: 'Renamed' };
    const result = genesys.export!({ ...edited, nodes: edited.nodes.map((n) => (n.kind === 'prompt' ? { ...n, prompt: 'Welcome.' } : n)) }, { environment: emptyEnvironment() }, file);
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    if (result.ok) expect(JSON.stringify(result.document)).toContain('Simple Financial 401K queue');
  });
});

describe('the command line', () => {
  it('exports to genesys-architect as YAML, verified', async () => {
    const dir = tempDir();
    const flow = nativeFlow('clinic');
    writeFiles(dir, { 'clinic.ivr.json': flow, 'clinic.genesys-env.json': genesysEnvFor(flow) });
    const result = await run(['export', 'clinic.ivr.json', '--to', 'genesys-architect', '--env', 'clinic.genesys-env.json', '-o', 'clinic.yaml'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^clinic\.ivr\.json: verified: [1-9]\d* calls? compared/m);
    const text = readFileSync(path.join(dir, 'clinic.yaml'), 'utf8');
    expect(text).toMatch(/^inboundCall:\n {2}name: /);
    const parsed = parseFlowText(text, 'clinic.yaml');
    expect(parsed.ok && archyProblems(parsed.value)).toEqual([]);
    // Without the map: refused, nothing written, the missing names said.
    const refused = await run(['export', 'clinic.ivr.json', '--to', 'genesys-architect', '-o', 'nothing.yaml'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no Genesys Cloud queue for "appointments"');
    expect(() => readFileSync(path.join(dir, 'nothing.yaml'))).toThrow();
  });
});

describe('what the import reads of an export', () => {
  const flowOf = (text: Json) => {
    const result = genesys.import(text, 'f.yaml');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.flow;
  };
  const task = (actions: unknown[]) => ({ inboundCall: { name: 'F', defaultLanguage: 'en-us', startUpRef: './tasks/task[t]', tasks: [{ task: { name: 'T', refId: 't', actions } }] } });

  it('reads a default choice no key makes as where the menu goes after its repeats, not as a choice', () => {
    const flow = flowOf({
      inboundCall: {
        name: 'F', defaultLanguage: 'en-us', startUpRef: './menus/menu[m]',
        menus: [{ menu: { name: 'M', refId: 'm', audio: { tts: 'Press 1.' }, defaultChildMenuRef: './choices/menuDisconnect[gone]', choices: [
          { menuJumpToMenu: { name: 'Again', refId: 'again', dtmf: 'digit_1', targetMenuRef: './menus/menu[m]' } },
          { menuDisconnect: { name: 'Goodbye', refId: 'gone' } }
        ] } }]
      }
    });
    const menu = flow.nodes.find((n): n is NodeOfKind<'menu'> => n.kind === 'menu')!;
    expect(menu.options.map((o) => o.key)).toEqual(['1']);
    expect(flow.nodes.find((n) => n.id === menu.onMaxRetries)?.kind).toBe('hangup');
  });

  it('reads the disconnect that stands for exits a design left unwired as unwired', () => {
    // The task the export adds beside the flow's own when a design leaves an exit unwired.
    const withMarker = flowOf({ inboundCall: { ...(task([]).inboundCall), tasks: [
      { task: { name: 'T', refId: 't', actions: [{ playAudio: { name: 'Hello', audio: { tts: 'Hello.' } } }, { jumpToTask: { name: 'Unwired', targetTaskRef: './tasks/task[u]' } }] } },
      { task: { name: 'Unwired in the design', refId: 'u', actions: [{ disconnect: { name: 'Unwired in the design' } }] } }
    ] } });
    const hello = withMarker.nodes.find((n): n is NodeOfKind<'prompt'> => n.kind === 'prompt')!;
    expect(hello.next).toBeUndefined();
    expect(lintFlow(withMarker).findings.filter((f) => f.rule === 'dead-end').map((f) => f.node)).toEqual([hello.id]);
    expect(withMarker.nodes.some((n) => n.kind === 'hangup' && n.name === 'Unwired in the design')).toBe(false);
  });

  it('reads a counter Update Data adds one to as an increment', () => {
    const flow = flowOf(task([{ updateData: { name: 'Count', statements: [{ integer: { variable: 'Flow.tries', value: { exp: 'If(IsNotSetOrEmpty(Flow.tries), 1, Flow.tries + 1)' } } }] } }]));
    expect(flow.nodes.find((n) => n.kind === 'set')).toMatchObject({ increment: ['Flow.tries'] });
  });
});
