/**
 * Linting the shapes that are hard on an analysis: every prompt in four
 * languages with defects for the rules to find, and a chain of menus each
 * one deeper than the last (every menu past the third is a finding).
 */
import { lintFlow } from '../../src/core/analysis/engine.ts';
import type { Flow } from '../../src/core/model/types.ts';
import { generateFlow } from '../support/generate.ts';
import { measure, type Benchmark } from './measure.ts';

/** `size` menus, each leading to the next with key 1, all with 0 for an agent. */
function menuChain(size: number): Flow {
  const nodes: Flow['nodes'] = [];
  for (let i = 0; i < size; i++) {
    const next = i + 1 < size ? `menu-${i + 1}` : 'agent';
    nodes.push({
      id: `menu-${i}`,
      kind: 'menu',
      prompt: `For more, press 1. For an agent, press 0.`,
      options: [
        { key: '1', next },
        { key: '0', next: 'agent' }
      ],
      noInput: `menu-${i}`,
      invalid: `menu-${i}`,
      maxRetries: 2,
      onMaxRetries: 'agent'
    });
  }
  nodes.push({ id: 'agent', kind: 'queue', queue: 'Support', expectedWaitSeconds: 20, overflow: 'vm' });
  nodes.push({ id: 'vm', kind: 'voicemail', mailbox: 'support' });
  return { version: 1, id: 'chain', name: 'Menu chain', start: 'menu-0', nodes };
}

const lintHard: Benchmark = {
  name: 'lint (hard shapes)',
  run() {
    const multilingual = generateFlow(10_000, 7, { locales: ['en-US', 'es-US', 'ko-KR', 'ja-JP'], defects: 0.2 });
    const chain = menuChain(10_000);
    return [
      { name: 'lint 10000 nodes, 4 locales, defects', value: measure(() => lintFlow(multilingual), { warmup: 3, runs: 9 }), unit: 'ms' },
      { name: 'lint 10000-menu chain', value: measure(() => lintFlow(chain), { warmup: 3, runs: 9 }), unit: 'ms' }
    ];
  }
};

export default lintHard;
