import { describe, expect, it } from 'vitest';
import {
  ANY_HOURS,
  environmentTemplate,
  environmentText,
  environmentUses,
  readEnvironment,
  referenceOf
} from '../../../src/core/formats/index.ts';
import type { Flow } from '../../../src/core/model/index.ts';
import { exampleFlow } from '../../support/build.ts';

const clinic = exampleFlow('clinic');

describe('environmentUses', () => {
  it('lists each name a flow uses by the kind of reference it needs, with its nodes', () => {
    const uses = environmentUses(clinic);
    const billing = uses.filter((use) => use.name === 'billing');
    expect(billing.map((use) => [use.kind, use.nodes])).toEqual([
      ['queues', ['billing-queue']],
      ['mailboxes', ['billing-voicemail']]
    ]);
    // Hours checks are named by their node.
    expect(uses.filter((use) => use.kind === 'hours').map((use) => use.name)).toEqual(['clinic-hours']);
  });
});

describe('readEnvironment', () => {
  it('reads a map by kind as it is', () => {
    const read = readEnvironment({ queues: { billing: 'Q' }, mailboxes: { billing: 'M' } }, 'env.json');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(referenceOf(read.environment, 'queues', 'billing')).toBe('Q');
    expect(referenceOf(read.environment, 'mailboxes', 'billing')).toBe('M');
    expect(referenceOf(read.environment, 'flows', 'billing')).toBeUndefined();
  });

  it('reads a flat map against the flow, each name by the kind the flow uses it for', () => {
    const read = readEnvironment({ 'front-desk': 'Q', 'nurse-line': 'M', channel: 'TC1', hours: 'H', 'hours:clinic-hours': 'H2' }, 'env.json', clinic);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(referenceOf(read.environment, 'queues', 'front-desk')).toBe('Q');
    expect(referenceOf(read.environment, 'mailboxes', 'nurse-line')).toBe('M');
    expect(referenceOf(read.environment, 'settings', 'channel')).toBe('TC1');
    expect(referenceOf(read.environment, 'hours', ANY_HOURS)).toBe('H');
    expect(referenceOf(read.environment, 'hours', 'clinic-hours')).toBe('H2');
  });

  it('refuses a flat name the flow uses for two kinds, naming the nodes of each', () => {
    const read = readEnvironment({ billing: 'arn:…:queue/billing' }, 'env.json', clinic);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ code: 'environment-ambiguous', pointer: '/billing', nodes: ['billing-queue', 'billing-voicemail'] });
    expect(read.problems[0]!.message).toContain('"billing" names a queue (node "billing-queue") and a mailbox (node "billing-voicemail")');
  });

  it('refuses a flat map without a flow to read it against, and anything but strings', () => {
    expect(readEnvironment({ billing: 'x' }, 'env.json').ok).toBe(false);
    const bad = readEnvironment({ queues: { a: 1, b: 'ok' }, mailboxes: { c: null } }, 'env.json');
    expect(bad.ok ? [] : bad.problems.map((p) => p.pointer)).toEqual(['/queues/a', '/mailboxes/c']);
    const notMap = readEnvironment(['x'], 'env.json');
    expect(notMap.ok ? '' : notMap.problems[0]!.message).toMatch(/^an environment map is a JSON object of kinds/);
  });

  it('keeps names such as __proto__ and constructor as data, and looks nothing up on the prototype', () => {
    const read = readEnvironment(JSON.parse('{"queues": {"__proto__": "Q1", "constructor": "Q2"}}'), 'env.json');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(referenceOf(read.environment, 'queues', '__proto__')).toBe('Q1');
    expect(referenceOf(read.environment, 'queues', 'constructor')).toBe('Q2');
    expect(referenceOf(read.environment, 'queues', 'toString')).toBeUndefined();
    expect(referenceOf(read.environment, 'mailboxes', 'constructor')).toBeUndefined();
    expect(JSON.parse(environmentText(read.environment)).queues).toEqual(JSON.parse('{"__proto__": "Q1", "constructor": "Q2"}'));
  });
});

describe('environmentTemplate', () => {
  it('offers an empty reference for each name the flow uses, keeping those already filled', () => {
    const flow: Flow = clinic;
    const read = readEnvironment({ queues: { billing: 'Q' } }, 'env.json');
    if (!read.ok) throw new Error('unreadable');
    const template = environmentTemplate(flow, read.environment);
    expect(template.queues['billing']).toBe('Q');
    expect(template.mailboxes['billing']).toBe('');
    expect(Object.keys(template.hours)).toEqual(['clinic-hours']);
    expect(Object.keys(JSON.parse(environmentText(template)))).toEqual(['queues', 'mailboxes', 'flows', 'functions', 'hours', 'settings']);
  });
});
