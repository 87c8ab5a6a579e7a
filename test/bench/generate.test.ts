import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../src/core/analysis/engine.ts';
import { outcomesOf } from '../../src/core/model/outcomes.ts';
import { loadFlow, loadFlowText } from '../../src/core/model/load.ts';
import type { Flow } from '../../src/core/model/types.ts';
import { generateFlow } from '../support/generate.ts';

const MINE = ['prompt-key-mismatch', 'missing-translation', 'repeated-input'];

function rulesOf(flow: Flow): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of lintFlow(flow).findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
}

function danglingTargets(flow: Flow): string[] {
  const ids = new Set(flow.nodes.map((n) => n.id));
  return flow.nodes.flatMap((node) =>
    outcomesOf(node).flatMap((o) => (o.target !== undefined && !ids.has(o.target) ? [`${node.id}:${o.name}→${o.target}`] : []))
  );
}

describe('generateFlow', () => {
  it.each([100, 10_000])('makes %i nodes that load cleanly', (size) => {
    const flow = generateFlow(size);
    expect(flow.nodes).toHaveLength(size);
    const result = loadFlow(JSON.parse(JSON.stringify(flow)), 'generated.ivr.json');
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(loadFlowText(JSON.stringify(flow), 'generated.ivr.json').ok).toBe(true);
  });

  it('makes exactly the number of nodes asked for, from 1 up', () => {
    for (let size = 1; size <= 120; size++) {
      for (const seed of [1, 2, 3]) {
        const flow = generateFlow(size, seed);
        expect(flow.nodes.length).toBe(size);
        expect(loadFlow(flow, 'generated.ivr.json').ok).toBe(true);
        expect(danglingTargets(flow)).toEqual([]);
      }
    }
  });

  it('rejects sizes that are not whole numbers from 1', () => {
    expect(() => generateFlow(0)).toThrow(RangeError);
    expect(() => generateFlow(2.5)).toThrow(RangeError);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(generateFlow(500, 7))).toBe(JSON.stringify(generateFlow(500, 7)));
    expect(JSON.stringify(generateFlow(500, 7))).not.toBe(JSON.stringify(generateFlow(500, 8)));
  });

  it('wires every reference to a node of the flow and lays every node out', () => {
    const flow = generateFlow(3_000, 4);
    expect(danglingTargets(flow)).toEqual([]);
    expect(flow.nodes.every((n) => n.position !== undefined)).toBe(true);
    const positions = new Set(flow.nodes.map((n) => `${n.position!.x},${n.position!.y}`));
    expect(positions.size).toBe(flow.nodes.length);
  });

  it('has the parts of a real phone menu', () => {
    const flow = generateFlow(1_000);
    const kinds = new Set(flow.nodes.map((n) => n.kind));
    for (const kind of ['prompt', 'hours', 'menu', 'input', 'lookup', 'set', 'branch', 'queue', 'voicemail', 'callback', 'transfer', 'hangup']) {
      expect(kinds, kind).toContain(kind);
    }
    expect(flow.nodes[0]?.id).toBe('welcome');
    expect(flow.nodes.some((n) => n.id === 'menu-12')).toBe(true);
    const menus = flow.nodes.filter((n) => n.kind === 'menu');
    for (const menu of menus) {
      const keys = menu.options.map((o) => o.key);
      expect(keys).toContain('0');
      expect(menu.noInput).toBe(menu.id);
      expect(menu.onMaxRetries).toBe('queue-1');
      expect(keys.filter((k) => k !== '0' && k !== '*').length).toBeGreaterThanOrEqual(3);
    }
  });

  it.each([
    ['in English', undefined],
    ['in four locales', ['en-US', 'es-US', 'ko-KR', 'ja-JP']]
  ])('gives a clean flow no finding of the prompt and input rules, %s', (_, locales) => {
    const counts = rulesOf(generateFlow(2_000, 3, locales === undefined ? {} : { locales }));
    expect(MINE.map((rule) => counts.get(rule) ?? 0)).toEqual([0, 0, 0]);
  });

  it('sprinkles defects the rules find when asked', () => {
    const flow = generateFlow(2_000, 3, { locales: ['en-US', 'es-US'], defects: 0.3 });
    expect(flow.nodes).toHaveLength(2_000);
    expect(loadFlow(flow, 'generated.ivr.json').ok).toBe(true);
    const counts = rulesOf(flow);
    for (const rule of [...MINE, 'no-agent-option', 'dead-end']) expect(counts.get(rule) ?? 0, rule).toBeGreaterThan(0);
  });
});
