import { describe, expect, it } from 'vitest';
import { lintFlow, RULES, ruleById } from '../../../src/core/analysis/engine.ts';
import { agent, makeFlow, menu, voicemail } from '../../support/build.ts';

const sloppy = makeFlow([
  menu('main', { '1': 'info', '0': 'agent' }, { noInput: undefined }),
  { id: 'info', kind: 'prompt', prompt: 'Visit our website.', next: 'main' },
  agent,
  voicemail,
  { id: 'orphan', kind: 'hangup' }
]);

describe('lintFlow', () => {
  it('reports every finding with the contract fields', () => {
    const { findings } = lintFlow(sloppy);
    const dead = findings.find((f) => f.rule === 'dead-end')!;
    expect(dead).toMatchObject({ rule: 'dead-end', severity: 'error', node: 'main', nodes: ['main'], outcome: 'noInput', pointer: '/nodes/0/noInput' });
    expect(findings.find((f) => f.rule === 'unreachable')).toMatchObject({ node: 'orphan', severity: 'warning', pointer: '/nodes/4' });
    expect(findings.every((f) => f.nodes[0] === f.node)).toBe(true);
  });

  it('turns rules off or changes their severity, the call over the flow', () => {
    const flow = makeFlow(sloppy.nodes as never, { lint: { rules: { unreachable: 'error', 'dead-end': 'off' } } });
    let findings = lintFlow(flow).findings;
    expect(findings.some((f) => f.rule === 'dead-end')).toBe(false);
    expect(findings.find((f) => f.rule === 'unreachable')?.severity).toBe('error');
    findings = lintFlow(flow, { rules: { unreachable: 'off', 'dead-end': 'warning' } }).findings;
    expect(findings.some((f) => f.rule === 'unreachable')).toBe(false);
    expect(findings.find((f) => f.rule === 'dead-end')?.severity).toBe('warning');
  });

  it('gives per-node metrics: seconds to a person and menu depth', () => {
    const flow = makeFlow([
      { id: 'hi', kind: 'prompt', prompt: 'Welcome to the clinic.', next: 'main' },
      menu('main', { '1': 'sub', '0': 'agent' }),
      menu('sub', { '0': 'agent' }),
      agent,
      voicemail
    ]);
    const { metrics } = lintFlow(flow);
    expect(metrics).toMatchObject({ nodes: 5, menus: 2, reachableNodes: 5, humanEndpoints: 1, maxMenuDepth: 1 });
    const byNode = Object.fromEntries(metrics.perNode.map((m) => [m.node, m]));
    // The retry limit reaches the queue without a choice, so its depth is 0.
    expect(byNode['agent']).toMatchObject({ secondsToHuman: 0, menuDepth: 0, reachable: true });
    expect(byNode['sub']!.menuDepth).toBe(1);
    expect(byNode['main']!.menuDepth).toBe(0);
    // The welcome adds its own speech time to the menu's.
    expect(byNode['hi']!.secondsToHuman!).toBeGreaterThan(byNode['main']!.secondsToHuman!);
    expect(metrics.secondsToHuman).toBe(byNode['hi']!.secondsToHuman);
    expect(byNode['vm']).toMatchObject({ secondsToHuman: null, menuDepth: 0 });
  });

  it('has a unique id, a severity and a description for every rule', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(ruleById(id)?.meta.description).toMatch(/\.$/);
    expect(ids).toEqual(expect.arrayContaining([
      'broken-reference', 'unreachable', 'dead-end', 'trap-loop', 'no-human-route', 'no-agent-option',
      'unbounded-retry', 'too-many-options', 'deep-menu', 'prompt-key-mismatch', 'slow-path-to-human',
      'unannounced-wait', 'repeated-input', 'missing-translation', 'inconsistent-keys', 'goal-before-key',
      'similar-options', 'unannounced-entry-length', 'language-choice-late', 'stale-translation'
    ]));
  });
});

describe('imported nodes', () => {
  it('are reported with the vendor outcome name and the place in the vendor file', () => {
    const flow = makeFlow([
      {
        ...menu('main_menu', { '0': 'agent' }, { noInput: undefined }),
        source: {
          type: 'gather-input-on-call',
          pointer: '/states/1',
          outcomes: { noInput: { name: 'timeout', pointer: '/states/1/transitions/2' } }
        }
      },
      agent,
      voicemail
    ]);
    const dead = lintFlow(flow).findings.find((f) => f.rule === 'dead-end')!;
    expect(dead).toMatchObject({ node: 'main_menu', outcome: 'timeout', pointer: '/states/1/transitions/2' });
    expect(dead.message).toContain('"timeout" has no transition');
    // A finding about the whole node points at the widget.
    const flow2 = makeFlow([{ ...menu('m', { '1': 'm' }), source: { type: 'gather-input-on-call', pointer: '/states/4' } }, agent, voicemail]);
    expect(lintFlow(flow2).findings.find((f) => f.rule === 'no-agent-option')?.pointer).toBe('/states/4');
  });
});
