import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import type { Flow } from '../../../src/core/model/types.ts';
import { scorecard } from '../../../src/core/simulate/scorecard.ts';
import { simulate } from '../../../src/core/simulate/traffic.ts';
import { exampleFlow, makeFlow } from '../../support/build.ts';

const card = (flow: Flow, calls = 2000) => Object.fromEntries(scorecard(flow, lintFlow(flow), simulate(flow, calls, { seed: 3 })).map((p) => [p.pillar, p]));

describe('the CX scorecard', () => {
  it('rates a sound flow well on integrity, empathy, expectations and personalisation, with the figures behind it', () => {
    const bank = card(exampleFlow('bank'));
    expect(bank['integrity']!.rating).toBe('good');
    expect(bank['empathy']!.rating).toBe('good');
    expect(bank['expectations']!.rating).toBe('good');
    expect(bank['personalisation']!.rating).toBe('good');
    expect(bank['time and effort']!.evidence[0]).toMatch(/^time to a person: median \d+ s/);
    expect(bank['resolution']!.evidence[0]).toMatch(/of callers got help/);
  });

  it('rates the runaround poorly where it fails callers, naming the findings', () => {
    const bad = card(exampleFlow('runaround'), 200);
    expect(bad['integrity']!.rating).toBe('poor');
    expect(bad['integrity']!.findings['trap-loop']).toBe(1);
    expect(bad['resolution']!.rating).toBe('poor');
    expect(bad['personalisation']!.findings['repeated-input']).toBeGreaterThan(0);
  });

  it('calls it poor empathy when a wrong key hangs up on the caller', () => {
    const flow = makeFlow([
      { id: 'main', kind: 'menu', prompt: 'For the desk, press 0.', options: [{ key: '0', next: 'desk' }], noInput: 'main', invalid: 'bye', maxRetries: 1, onMaxRetries: 'desk' },
      { id: 'desk', kind: 'queue', queue: 'desk', expectedWaitSeconds: 10 },
      { id: 'bye', kind: 'hangup' }
    ]);
    const empathy = card(flow, 200)['empathy']!;
    expect(empathy.rating).toBe('poor');
    expect(empathy.evidence[0]).toContain('main: invalid');
  });
});
