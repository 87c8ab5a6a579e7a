/**
 * Importing and linting vendor files: what `zeroout lint` does with a Twilio
 * Studio or Amazon Connect export, or a Genesys Cloud Architect YAML flow.
 * The Studio and Connect files are made by exporting generated flows, so they
 * have the shapes those tools write; the Architect flow is written here.
 */
import { stringify } from 'yaml';
import { lintFlow } from '../../src/core/analysis/engine.ts';
import { loadAnyFlow, parseFlowText, VENDOR_FORMATS } from '../../src/core/formats/index.ts';
import type { FlowFormatId } from '../../src/core/formats/index.ts';
import { exportEnvFor } from '../support/env.ts';
import { generateFlow } from '../support/generate.ts';
import { measure, type Benchmark, type Figure } from './measure.ts';

/** The text of a vendor file exported from a generated flow of `nodes` nodes, and how many steps it has. */
function vendorFile(format: Exclude<FlowFormatId, 'native'>, nodes: number): { text: string; steps: number } {
  const flow = generateFlow(nodes, 3);
  const vendor = VENDOR_FORMATS.find((f) => f.id === format)!;
  const result = vendor.export!(flow, { environment: exportEnvFor(flow) }, `${format}.json`);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  const document = result.document as { states?: unknown[]; Actions?: unknown[] };
  return { text: JSON.stringify(result.document), steps: (document.states ?? document.Actions ?? []).length };
}

/** Parse, import and lint, as the CLI does for one file. */
function importAndLint(text: string, file: string): void {
  const loaded = loadAnyFlow(JSON.parse(text), file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  lintFlow(loaded.flow);
}

/**
 * An Architect inbound call flow (Archy YAML) of about `actions` actions: a
 * main menu whose choices jump to tasks, each task a run of blocks that look
 * up data, decide, transfer (with failure paths), check a schedule group and
 * collect input, the last action of each jumping to the next task. There is
 * no Genesys export to make it from, so it is written here.
 */
function genesysFile(actions: number): { text: string; steps: number } {
  const TASKS = 40;
  let steps = 0;
  const act = (type: string, body: Record<string, unknown>): Record<string, unknown> => {
    steps++;
    return { [type]: body };
  };
  const queue = (name: string) => ({ lit: { name } });
  const tasks: unknown[] = [];
  for (let t = 0; t < TASKS; t++) {
    const list: unknown[] = [];
    for (let b = 0; steps < ((t + 1) * actions) / TASKS - 1; b++) {
      const n = `${t}.${b}`;
      list.push(
        act('updateData', { name: `Set ${n}`, statements: [{ string: { variable: 'Flow.step', value: { lit: n } } }] }),
        act('callData', {
          name: `Lookup ${n}`,
          category: { Bench: { dataAction: { [`Action ${n}`]: { successOutputs: { tier: { var: 'Flow.Tier' } } } } } },
          outputs: {
            success: { actions: [act('decision', { name: `Gold ${n}`, condition: { exp: 'Flow.Tier == "gold"' }, outputs: { yes: { actions: [act('transferToAcd', { name: `Gold queue ${n}`, targetQueue: queue('Gold'), outputs: { failure: { actions: [act('playAudio', { name: `Sorry ${n}`, audio: { tts: 'Sorry.' } })] } } })] } } })] },
            failure: { actions: [act('playAudio', { name: `Failed ${n}`, audio: { tts: 'We could not look you up.' } })] }
          }
        }),
        act('evaluateScheduleGroup', { name: `Hours ${n}`, scheduleGroup: queue('Hours'), evaluate: { now: true }, outputs: { closed: { actions: [act('transferToVoicemail', { name: `Voicemail ${n}`, destination: { queue: { targetQueue: queue('Support') } } })] } } }),
        act('collectInput', { name: `Code ${n}`, inputData: { var: 'Flow.Code' }, digits: { exact: 4 }, inputAudio: { tts: 'Your code?' }, outputs: { failure: { actions: [act('jumpToMenu', { name: `Back ${n}`, targetMenuRef: './menus/menu[main]' })] } } })
      );
    }
    list.push(t + 1 < TASKS ? act('jumpToTask', { name: `Next ${t}`, targetTaskRef: `./tasks/task[task${t + 1}]` }) : act('transferToAcd', { name: 'Last queue', targetQueue: queue('General') }));
    tasks.push({ task: { name: `Task ${t}`, refId: `task${t}`, actions: list } });
  }
  const choices = [
    ...Array.from({ length: 8 }, (_, i) => ({ menuJumpToTask: { name: `Task ${i * 5}`, dtmf: `digit_${i + 1}`, targetTaskRef: `./tasks/task[task${i * 5}]` } })),
    { menuTransferToAcd: { name: 'Agent', dtmf: 'digit_0', targetQueue: queue('General') } }
  ];
  const flow = {
    inboundCall: {
      name: 'Bench',
      startUpRef: './menus/menu[main]',
      initialGreeting: { tts: 'Welcome.' },
      menus: [{ menu: { name: 'Main', refId: 'main', audio: { tts: 'Press 1 to 8 for a task, 0 for an agent.' }, choices } }],
      tasks
    }
  };
  return { text: stringify(flow), steps };
}

/** Read the YAML, import and lint, as the CLI does for one file. */
function importAndLintYaml(text: string, file: string): void {
  const parsed = parseFlowText(text, file);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  const loaded = loadAnyFlow(parsed.value, file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  lintFlow(loaded.flow);
}

/** The largest generated flow (in nodes, by steps of five) whose export stays within `limit` steps. */
function largestWithin(format: Exclude<FlowFormatId, 'native'>, limit: number, start: number): { nodes: number; text: string; steps: number } {
  let best = { nodes: start, ...vendorFile(format, start) };
  for (let nodes = start + 10; ; nodes += 10) {
    let next: { text: string; steps: number };
    try {
      next = vendorFile(format, nodes);
    } catch {
      return best; // past what the format takes in one flow
    }
    if (next.steps > limit) return best;
    best = { nodes, ...next };
  }
}

interface StudioState {
  name: string;
  type: string;
  transitions: { event: string; next?: string }[];
}

/**
 * A Studio definition of about `widgets` widgets: Studio itself takes at
 * most 1,000 in a flow, so copies of a 1,000-widget export are joined, the
 * trigger wired to the first (the others are there for the importer and the
 * rules to get through).
 */
function studioFile(widgets: number): { text: string; steps: number } {
  const one = vendorFile('twilio-studio', largestWithin('twilio-studio', 1_000, 150).nodes);
  const definition = JSON.parse(one.text) as { states: StudioState[] };
  const [trigger, ...body] = definition.states;
  const copies = Math.max(1, Math.round((widgets - 1) / body.length));
  const states: StudioState[] = [trigger!];
  for (let copy = 0; copy < copies; copy++) {
    const rename = (name: string): string => (copy === 0 ? name : `${name}_${copy}`);
    for (const state of body) {
      states.push({
        ...state,
        name: rename(state.name),
        transitions: state.transitions.map((t) => (t.next === undefined ? t : { ...t, next: rename(t.next) }))
      });
    }
  }
  return { text: JSON.stringify({ ...definition, states }), steps: states.length };
}

const importBench: Benchmark = {
  name: 'import',
  run() {
    const studio = studioFile(5_000);
    const connect = largestWithin('amazon-connect', 250, 100);
    const genesys = genesysFile(2_000);
    const figures: Figure[] = [
      {
        name: `import + lint ${studio.steps}-widget Studio flow`,
        value: measure(() => importAndLint(studio.text, 'studio.json'), { warmup: 3, runs: 9 }),
        unit: 'ms'
      },
      {
        name: `import + lint ${connect.steps}-action Connect flow`,
        value: measure(() => importAndLint(connect.text, 'connect.json'), { warmup: 10, runs: 51 }),
        unit: 'ms'
      },
      {
        name: `import + lint ${genesys.steps}-action Genesys flow`,
        value: measure(() => importAndLintYaml(genesys.text, 'genesys.yaml'), { warmup: 3, runs: 9 }),
        unit: 'ms'
      }
    ];
    return figures;
  }
};

export default importBench;
