import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { subflowResolver } from '../../../../src/core/analysis/subflows.ts';
import { loadFlow } from '../../../../src/core/model/load.ts';
import type { Flow } from '../../../../src/core/model/types.ts';
import { agent, findingsOf, makeFlow, voicemail, where } from '../../../support/build.ts';

/** A repro fixture (test/fixtures/repro/), loaded as a file. */
function fixture(name: string): Flow {
  const result = loadFlow(JSON.parse(readFileSync(new URL(`../../../fixtures/repro/${name}`, import.meta.url), 'utf8')), name);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

describe('subflow-cycle', () => {
  const a = makeFlow([{ id: 'call', kind: 'subflow', flow: 'b', next: 'agent' }, agent, voicemail], { id: 'a' });
  const b = makeFlow([{ id: 'call', kind: 'subflow', flow: 'a', next: 'back' }, { id: 'back', kind: 'return' }], { id: 'b' });

  it('reports both sub-flow nodes of two flows that run each other, as errors naming the flows', () => {
    const resolveSubflow = subflowResolver([a, b]);
    const found = findingsOf('subflow-cycle', a, { resolveSubflow });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ node: 'call', severity: 'error', pointer: '/nodes/0/flow', data: { flows: ['a', 'b', 'a'], length: 2 } });
    expect(found[0]!.message).toContain('("a" → "b" → "a")');
    expect(where('subflow-cycle', b, { resolveSubflow })).toEqual(['call']);
  });

  it('reports a flow that runs itself, even with no other flow analysed', () => {
    const self = makeFlow([{ id: 'again', kind: 'subflow', flow: 'test', next: 'agent' }, agent, voicemail]);
    expect(where('subflow-cycle', self, { resolveSubflow: subflowResolver([self]) })).toEqual(['again']);
    expect(findingsOf('subflow-cycle', self, { resolveSubflow: subflowResolver([]) })[0]!.message).toContain('runs this very flow again');
    // As the designer lints a flow: on its own, no resolver.
    expect(where('subflow-cycle', self)).toEqual(['again']);
  });

  it('finds a longer cycle through flows that are not the one linted, and only the nodes on it', () => {
    const c = makeFlow([{ id: 'to-a', kind: 'subflow', flow: 'a', next: 'back' }, { id: 'back', kind: 'return' }], { id: 'c' });
    const b2 = makeFlow(
      [
        { id: 'first', kind: 'subflow', flow: 'helper', next: 'to-c' },
        { id: 'to-c', kind: 'subflow', flow: 'c', next: 'back' },
        { id: 'back', kind: 'return' }
      ],
      { id: 'b' }
    );
    const helper = makeFlow([{ id: 'done', kind: 'return' }], { id: 'helper' });
    const resolveSubflow = subflowResolver([a, b2, c, helper]);
    expect(findingsOf('subflow-cycle', a, { resolveSubflow }).map((f) => f.data?.['flows'])).toEqual([['a', 'b', 'c', 'a']]);
    expect(where('subflow-cycle', b2, { resolveSubflow })).toEqual(['to-c']);
    expect(where('subflow-cycle', helper, { resolveSubflow })).toEqual([]);
  });

  it('is quiet for sub-flows that return without running the caller, and for unresolved ones', () => {
    const pin = makeFlow([{ id: 'done', kind: 'return' }], { id: 'b' });
    expect(where('subflow-cycle', a, { resolveSubflow: subflowResolver([a, pin]) })).toEqual([]);
    expect(where('subflow-cycle', a)).toEqual([]);
  });

  it('names the ends of a long cycle, not every flow', () => {
    const flows = Array.from({ length: 1200 }, (_, i) =>
      makeFlow([{ id: 'next', kind: 'subflow', flow: `f${(i + 1) % 1200}`, next: 'back' }, { id: 'back', kind: 'return' }], { id: `f${i}` })
    );
    const [found] = findingsOf('subflow-cycle', flows[0]!, { resolveSubflow: subflowResolver(flows) });
    expect(found!.message).toContain('"f0" → "f1" → "f2" → "f3" → … → "f1198" → "f1199" → "f0" (1200 flows)');
    expect(found!.message.length).toBeLessThan(300);
  });

  it('reports the repro: A runs B, B runs A (test/fixtures/repro/subflow-cycle)', () => {
    const flows = [fixture('subflow-cycle/a.ivr.json'), fixture('subflow-cycle/b.ivr.json')];
    const resolveSubflow = subflowResolver(flows);
    expect(flows.map((flow) => where('subflow-cycle', flow, { resolveSubflow }))).toEqual([['call'], ['call']]);
  });
});
