import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAnyFlow, VENDOR_FORMATS } from '../../../../src/core/formats/index.ts';
import type { Flow } from '../../../../src/core/model/types.ts';
import { agent, exampleFlow, findingsOf, makeFlow, voicemail, where } from '../../../support/build.ts';
import { corpusPath, type CorpusVendor } from '../../../support/corpus.ts';
import { genesysEnvFor } from '../../../support/archy-env.ts';
import { exportEnvFor } from '../../../support/env.ts';

const RULE = 'hours-fail-closed';

const welcome = { id: 'welcome', kind: 'prompt', prompt: 'Thank you for calling.', next: 'check' };
const closed = { id: 'closed', kind: 'prompt', prompt: 'We are closed. Please call back between 8 am and 6 pm.', next: 'vm' };
/** A lookup on the schedule and a branch on its answer: open goes to the queue, closed to the closed message. */
const check = (failure: string | undefined, extra: Record<string, unknown> = {}) => ({
  id: 'check',
  kind: 'lookup',
  service: 'opening-hours',
  outputs: ['isOpen'],
  success: 'is-open',
  ...(failure === undefined ? {} : { failure }),
  ...extra
});
const isOpen = (var_: string, op: string, value: unknown, open = true) => ({
  id: 'is-open',
  kind: 'branch',
  cases: [{ label: open ? 'open' : 'closed', when: { var: var_, op, value }, next: open ? 'agent' : 'closed' }],
  otherwise: open ? 'closed' : 'agent'
});

describe('hours-fail-closed: a lookup and a branch on whether the line is open', () => {
  it.each([
    ['the failure goes to the closed message', [welcome, check('closed'), isOpen('isOpen', 'eq', true), closed, agent, voicemail], ['check:failure']],
    ['the failure goes where open goes', [welcome, check('agent'), isOpen('isOpen', 'eq', true), closed, agent, voicemail], []],
    [
      'the failure says the line is closed, in a message of its own',
      [welcome, check('sorry'), isOpen('isOpen', 'eq', true), closed, { id: 'sorry', kind: 'prompt', prompt: 'Our offices are closed right now.', next: 'vm' }, agent, voicemail],
      ['check:failure']
    ],
    [
      'the failure apologises and goes on to a person',
      [welcome, check('sorry'), isOpen('isOpen', 'eq', true), closed, { id: 'sorry', kind: 'prompt', prompt: 'We could not check our hours; connecting you now.', next: 'agent' }, agent, voicemail],
      []
    ],
    ['the split asks whether it is closed', [welcome, check('closed'), isOpen('isOpen', 'eq', false, false), closed, agent, voicemail], ['check:failure']],
    ['a Studio split on the Function\'s isOpen, "true" as text', [welcome, check('closed'), isOpen('widgets.check.parsed.isOpen', 'eq', 'true'), closed, agent, voicemail], ['check:failure']],
    ['ne "false" is open', [welcome, check('closed'), isOpen('$.External.is_open', 'ne', 'false'), closed, agent, voicemail], ['check:failure']],
    ['an unwired failure is a dead end, not this', [welcome, check(undefined), isOpen('isOpen', 'eq', true), closed, agent, voicemail], []],
    ['a branch on something else is no hours check', [welcome, check('closed'), isOpen('tier', 'eq', 'gold'), closed, agent, voicemail], []]
  ])('%s', (_, nodes, expected) => {
    expect(where(RULE, makeFlow(nodes))).toEqual(expected);
  });

  it('names the check and where the failure goes, in plain words', () => {
    const [finding] = findingsOf(RULE, makeFlow([welcome, check('closed'), isOpen('isOpen', 'eq', true), closed, agent, voicemail]));
    expect(finding).toMatchObject({ severity: 'warning', node: 'check', nodes: ['check', 'closed'], outcome: 'failure', pointer: '/nodes/1/failure' });
    expect(finding!.message).toBe(
      'Lookup "check" checks the opening hours, and when the check itself fails ("failure") the caller goes where a closed line goes ("closed"): whenever the check fails, callers who call in open hours are turned away as if you were closed'
    );
  });

  it('the native hours node has no failure: never reported', () => {
    const flow = makeFlow([
      { id: 'hours', kind: 'hours', timeZone: 'America/New_York', weekly: { mon: [['08:00', '18:00']] }, open: 'agent', closed: 'closed' },
      closed,
      agent,
      voicemail
    ]);
    expect(where(RULE, flow)).toEqual([]);
  });
});

describe('hours-fail-closed: a Connect CheckHoursOfOperation step', () => {
  const step = (error: string) => ({
    id: 'hours',
    kind: 'opaque',
    vendorType: 'CheckHoursOfOperation',
    outcomes: [
      { name: 'True', next: 'agent' },
      { name: 'False', next: 'closed' },
      { name: 'NoMatchingError', next: error }
    ]
  });
  it.each([
    ['the error goes where False goes', [step('closed'), closed, agent, voicemail], ['hours:NoMatchingError']],
    ['the error goes where True goes', [step('agent'), closed, agent, voicemail], []],
    ['the error goes to a message of its own', [step('error'), closed, { id: 'error', kind: 'prompt', prompt: 'Something went wrong. Let me get you to someone.', next: 'agent' }, agent, voicemail], []],
    ['the error tells the caller the line is closed', [step('error'), closed, { id: 'error', kind: 'prompt', prompt: 'Estamos cerrados.', next: 'vm' }, agent, voicemail], ['hours:NoMatchingError']]
  ])('%s', (_, nodes, expected) => {
    expect(where(RULE, makeFlow(nodes))).toEqual(expected);
  });
});

/** A corpus flow, imported. */
function corpusFlow(vendor: CorpusVendor, file: string): Flow {
  const loaded = loadAnyFlow(JSON.parse(readFileSync(corpusPath(vendor, file), 'utf8')), file);
  if (!loaded.ok) throw new Error(`${file} does not import`);
  return loaded.flow;
}

describe('hours-fail-closed on the corpus', () => {
  it('Sample-Holiday-Check: the CheckHoursOfOperation Error goes where False goes', () => {
    const findings = findingsOf(RULE, corpusFlow('amazon-connect', 'amazon-connect__amazon-connect-salesforce-scv__Sample-Holiday-Check.json'));
    expect(findings.map((f) => [f.node, f.outcome, f.pointer, f.severity])).toEqual([['71d1adc2-5911-4101-976d-5743eec8f962', 'Error', '/modules/0/branches/2/transition', 'warning']]);
    expect(findings[0]!.message).toContain('"Error"');
  });

  it.each([
    // Its Error plays an error prompt of its own.
    ['amazon-connect', 'amazon-connect__amazon-connect-snippets__100_MainFlow.json'],
    // Twilio's own Flex templates send a failed schedule check to Flex, where open goes.
    ['twilio-studio', 'twilio-professional-services__flex-project-template__template_example_schedule_flow.json'],
    ['twilio-studio', 'twilio-professional-services__flex-project-template__voice-flow.json']
  ] as const)('%s %s: the error path goes elsewhere', (vendor, file) => {
    expect(where(RULE, corpusFlow(vendor, file))).toEqual([]);
  });
});

describe('hours-fail-closed on our own exports of native hours nodes', () => {
  it.each(VENDOR_FORMATS.filter((format) => format.export !== undefined).map((format) => format.id))('the bank example exported to %s sends a failed check where open goes', (formatId) => {
    const bank = exampleFlow('bank');
    expect(bank.nodes.some((n) => n.kind === 'hours')).toBe(true);
    const format = VENDOR_FORMATS.find((f) => f.id === formatId)!;
    // Architect names a schedule group by name: its environment gives Genesys Cloud names.
    const result = format.export!(bank, { environment: formatId === 'genesys-architect' ? genesysEnvFor(bank) : exportEnvFor(bank) }, 'bank.ivr.json');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const loaded = loadAnyFlow(JSON.parse(JSON.stringify(result.document)), `bank.${formatId}.json`);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    // The check reads back as one the rule knows, and its failure is not the closed treatment.
    const checks = loaded.flow.nodes.filter((n) => (n.kind === 'opaque' && (n.vendorType === 'CheckHoursOfOperation' || n.vendorType === 'evaluateScheduleGroup')) || (n.kind === 'lookup' && /hours/.test(n.service)));
    expect(checks.length).toBeGreaterThan(0);
    expect(where(RULE, loaded.flow)).toEqual([]);
  });
});
