import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail } from '../../../support/build.ts';

const words = (n: number): string => Array.from({ length: n }, () => 'word').join(' ');

describe('slow-path-to-human', () => {
  it('passes a short welcome and a press-0 menu', () => {
    const flow = makeFlow([
      { id: 'hi', kind: 'prompt', prompt: 'Welcome to the bank.', next: 'main' },
      menu('main', { '0': 'agent' }), agent, voicemail
    ]);
    expect(findingsOf('slow-path-to-human', flow)).toEqual([]);
  });

  it('reports a long legal preamble with the time and the route', () => {
    // 150 words at 150 words a minute: 60 s before the menu even starts.
    const flow = makeFlow([
      { id: 'legal', kind: 'prompt', prompt: words(150), next: 'main' },
      menu('main', { '0': 'agent' }), agent, voicemail
    ]);
    const [finding] = findingsOf('slow-path-to-human', flow);
    expect(finding?.node).toBe('agent');
    expect(finding?.nodes).toEqual(['agent', 'legal', 'main']);
    expect(finding?.data?.['seconds']).toBeGreaterThan(60);
    expect(finding?.data?.['route']).toEqual(['legal', 'main', 'agent']);
  });

  it('takes the fastest of several routes', () => {
    const flow = makeFlow([
      menu('main', { '1': 'slow', '2': 'agent' }), agent, voicemail,
      { id: 'slow', kind: 'prompt', prompt: words(200), next: 'agent' }
    ]);
    expect(findingsOf('slow-path-to-human', flow)).toEqual([]);
  });

  it('times Korean prompts by syllable', () => {
    const korean = '안녕하세요'.repeat(80); // 400 syllables, about 67 s
    const flow = makeFlow([
      { id: 'hi', kind: 'prompt', prompt: { 'ko-KR': korean }, next: 'agent' }, agent, voicemail
    ], { locales: ['ko-KR'] });
    expect(findingsOf('slow-path-to-human', flow)).toHaveLength(1);
  });
});

describe('slow-path-to-human through a retry limit', () => {
  it('counts every retry the caller sits through, as the machine does', async () => {
    const { createActor } = await import('xstate');
    const { createFlowMachine } = await import('../../../../src/core/compile/machine.ts');
    const { lintFlow } = await import('../../../../src/core/analysis/engine.ts');
    // Only silence leads to the queue: three times the prompt and the timeout, twice the reprompt.
    const flow = makeFlow([
      { ...menu('main', { '1': 'vm' }, { maxRetries: 2, onMaxRetries: 'agent', reprompt: 'Sorry.' }), prompt: `For voicemail, press 1. ${words(40)}` },
      agent,
      voicemail
    ]);
    const actor = createActor(createFlowMachine(flow), { input: { now: 0 } });
    actor.start();
    for (let i = 0; i < 3; i++) actor.send({ type: 'NO_INPUT' });
    const machineSeconds = actor.getSnapshot().output!.seconds;
    const analysed = lintFlow(flow).metrics.secondsToHuman!;
    expect(Math.abs(analysed - machineSeconds)).toBeLessThan(1);
    expect(findingsOf('slow-path-to-human', flow)).toHaveLength(1);
  });
});

describe('slow-path-to-human on a long route', () => {
  it('names the first and last few nodes and how many lie between, and keeps the whole route in its data', () => {
    const steps = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, kind: 'prompt' as const, prompt: `Step ${i}.`, next: i === 499 ? 'agent' : `p${i + 1}` }));
    const [finding] = findingsOf('slow-path-to-human', makeFlow([...steps, agent, voicemail]));
    expect(finding?.message).toMatch(/: "p0" → "p1" → "p2" → "p3" → … 493 more … → "p497" → "p498" → "p499" → "agent" \(501 nodes\)$/);
    expect(finding?.data?.['route']).toHaveLength(501);
    expect(finding?.nodes).toHaveLength(501);
  });
});
