import { describe, expect, it } from 'vitest';
import { exportFlow, verifyExport, verifyExportText } from '../../../src/core/export/index.ts';
import { VENDOR_FORMATS, loadAnyFlow } from '../../../src/core/formats/index.ts';
import type { Flow } from '../../../src/core/model/index.ts';
import { readFileSync } from 'node:fs';
import { agent, exampleFlow, makeFlow, voicemail } from '../../support/build.ts';
import { corpusPath } from '../../support/corpus.ts';
import { genesysEnvFor } from '../../support/archy-env.ts';
import { exportEnvFor } from '../../support/env.ts';
import { readYaml } from '../../../src/core/formats/genesys-architect/yaml.ts';

// The vendors this build exports to (a vendor may be read only).
const TARGETS = VENDOR_FORMATS.filter((format) => format.export !== undefined).map((format) => format.id);

/** The environment a flow ships with: Architect names the account's resources by name, the others by ARN or SID. */
function environmentFor(flow: Flow, target: (typeof TARGETS)[number]) {
  return target === 'genesys-architect' ? genesysEnvFor(flow) : exportEnvFor(flow);
}

function verified(flow: Flow, target: (typeof TARGETS)[number]) {
  const environment = environmentFor(flow, target);
  const rendered = exportFlow(flow, `${flow.id}.ivr.json`, target, { environment });
  if (!rendered.ok) throw new Error(`${flow.id} does not export to ${target}`);
  return verifyExportText(flow, target, rendered.text, `${flow.id}.${target}`, environment, undefined, rendered.origins)!;
}

describe('verified export', () => {
  it.each(['bank', 'airline', 'clinic', 'utility-outage'].flatMap((id) => TARGETS.map((target) => [id, target] as const)))(
    'the %s example exported to %s treats callers as the design does',
    (id, target) => {
      const verification = verified(exampleFlow(id), target);
      expect(verification.differences).toEqual([]);
      expect(verification.newFindings).toEqual([]);
      expect(verification.ok).toBe(true);
    }
  );

  it('compares the calls the caller alone decides: the bank has a silent caller at its digit entry', () => {
    for (const target of TARGETS) {
      const verification = verified(exampleFlow('bank'), target);
      expect(verification.compared).toBeGreaterThan(10);
    }
  });

  it('keeps the dead ends of the deliberately bad example dead ends on Amazon Connect', () => {
    // Connect needs every branch wired: the hang-up added for them is marked, and read back as unwired.
    expect(verified(exampleFlow('runaround'), 'amazon-connect').ok).toBe(true);
  });

  it('names the call the deliberately bad example ends differently on Twilio Studio', () => {
    // A say-play with nowhere to go is an ending Studio chose, and Studio keeps no note of the design's.
    const target = 'twilio-studio';
    const verification = verified(exampleFlow('runaround'), target);
    expect(verification.ok).toBe(false);
    expect(verification.differences[0]).toMatchObject({ steps: [{ press: '5' }], reaches: 'node "moving-info"', design: 'dropped at "moving-info"' });
    expect(verification.differences[0]!.exported).toMatch(/^ended at /);
  });

  it('finds a flow read back that keeps a caller waiting where the design sends them on', () => {
    const design = makeFlow([
      { id: 'ask', kind: 'input', prompt: 'Enter your number.', variable: 'n', next: 'agent', noInput: 'ask', maxRetries: 1, onMaxRetries: 'agent' },
      agent,
      voicemail
    ]);
    // The same flow, but silence goes round for ever: no retry limit.
    const back = makeFlow([{ id: 'ask', kind: 'input', prompt: 'Enter your number.', variable: 'n', next: 'agent', noInput: 'ask' }, agent, voicemail]);
    const verification = verifyExport(design, back);
    expect(verification.ok).toBe(false);
    expect(verification.newFindings.some((finding) => finding.startsWith('unbounded-retry'))).toBe(true);
    expect(verification.differences.some((d) => d.design.startsWith('person') && d.exported.startsWith('still waiting'))).toBe(true);
  });

  describe.each(TARGETS)('calls that need the world to act, on %s', (target) => {
    const design = makeFlow([
      { id: 'account', kind: 'lookup', service: 'crm/account', success: 'agent', failure: 'sorry' },
      { id: 'sorry', kind: 'prompt', prompt: 'We cannot find your account.', next: 'vm' },
      agent,
      voicemail
    ]);

    it('forces the lookup failure and the queue overflow on the steps they became, and compares them', () => {
      const verification = verified(design, target);
      expect(verification.ok).toBe(true);
      expect(verification.notCompared).toBe(0);
      // The plain call, the failed lookup, the full queue.
      expect(verification.compared).toBeGreaterThanOrEqual(3);
    });

    it('names the call whose lookup fails when the export sends it elsewhere', () => {
      const environment = environmentFor(design, target);
      const rendered = exportFlow(design, 'x.ivr.json', target, { environment });
      if (!rendered.ok) throw new Error('no export');
      // Rewire the lookup's failure exit to the queue, as a hand edit in the vendor's editor would.
      const read = target === 'genesys-architect' ? readYaml(rendered.text, 'x.yaml') : undefined;
      const document = (read?.ok ? read.value : JSON.parse(rendered.text)) as { Actions?: { Type: string; Transitions: { NextAction?: string; Errors?: { NextAction: string }[] } }[]; states?: { type: string; transitions: { event: string; next?: string }[] }[]; inboundCall?: { tasks: { task: { actions: Record<string, { outputs: Record<string, unknown> }>[] } }[] } };
      if (target === 'genesys-architect') {
        const call = document.inboundCall!.tasks.flatMap((t) => t.task.actions).find((a) => a['callData'] !== undefined)!['callData']!;
        call.outputs['failure'] = call.outputs['success'];
        call.outputs['timeout'] = call.outputs['success'];
      } else if (target === 'amazon-connect') {
        const invoke = document.Actions!.find((a) => a.Type === 'InvokeLambdaFunction')!;
        for (const error of invoke.Transitions.Errors!) error.NextAction = invoke.Transitions.NextAction!;
      } else {
        const call = document.states!.find((s) => s.type === 'run-function')!;
        call.transitions.find((t) => t.event === 'fail')!.next = call.transitions.find((t) => t.event === 'success')!.next!;
      }
      const verification = verifyExportText(design, target, JSON.stringify(document), 'x', environment, undefined, rendered.origins)!;
      expect(verification.ok).toBe(false);
      expect(verification.differences[0]).toMatchObject({ design: expect.stringMatching(/^voicemail at "vm"/), exported: expect.stringMatching(/^person at /) });
    });
  });

  it('says an export that does not read back is not verified', () => {
    const verification = verifyExportText(exampleFlow('bank'), 'amazon-connect', '{"Version": "2019-10-30"', 'bank.connect.json');
    expect(verification?.ok).toBe(false);
    expect(verification?.unreadable).toMatch(/^the export does not read back/);
    expect(verifyExportText(exampleFlow('bank'), 'mermaid', 'flowchart LR', 'bank.mmd')).toBeUndefined();
  });
});

describe('Amazon Connect digit entry and silence', () => {
  it('exports a Compare on "Timeout" after a stored input, and reads silence back through it', () => {
    const design = makeFlow([
      { id: 'ask', kind: 'input', prompt: 'Enter your number.', variable: 'n', next: 'agent', noInput: 'help', maxRetries: 1, onMaxRetries: 'agent' },
      { id: 'help', kind: 'prompt', prompt: 'Type the digits on your keypad.', next: 'ask' },
      agent,
      voicemail
    ]);
    const rendered = exportFlow(design, 'x.ivr.json', 'amazon-connect', { environment: exportEnvFor(design) });
    if (!rendered.ok) throw new Error('no export');
    const actions = (JSON.parse(rendered.text) as { Actions: { Type: string; Parameters: Record<string, unknown> }[] }).Actions;
    expect(actions.some((a) => a.Type === 'Compare' && a.Parameters['ComparisonValue'] === '$.StoredCustomerInput')).toBe(true);
    const back = loadAnyFlow(JSON.parse(rendered.text), 'x.json');
    if (!back.ok) throw new Error('no import');
    const input = back.flow.nodes.find((node) => node.kind === 'input')!;
    const compare = back.flow.nodes.find((node) => node.kind === 'branch' && node.id === (input as { next?: string }).next);
    expect(compare).toBeDefined();
    // Silence skips the Compare's other branch: it goes where the Compare's "Timeout" goes.
    expect((input as { noInput?: string }).noInput).not.toBe((input as { next?: string }).next);
  });
});

describe('a Studio queue shipped to Amazon Connect', () => {
  it('sets the queue before transferring to it, and verifies', () => {
    const file = 'twilio-professional-services__flex-project-template__template_example_callback_flow.json';
    const loaded = loadAnyFlow(JSON.parse(readFileSync(corpusPath('twilio-studio', file), 'utf8')), file);
    if (!loaded.ok) throw new Error('no import');
    const environment = exportEnvFor(loaded.flow);
    const rendered = exportFlow(loaded.flow, file, 'amazon-connect', { environment });
    if (!rendered.ok) throw new Error('no export');
    const actions = (JSON.parse(rendered.text) as { Actions: { Type: string; Parameters: Record<string, unknown> }[] }).Actions;
    const queue = loaded.flow.nodes.find((node) => node.kind === 'queue') as { queue: string };
    expect(actions.find((a) => a.Type === 'UpdateContactTargetQueue')?.Parameters['QueueId']).toBe(environment.queues[queue.queue]);
    expect(verifyExportText(loaded.flow, 'amazon-connect', rendered.text, file, environment)?.ok).toBe(true);
  });
});
