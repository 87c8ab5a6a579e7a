import { describe, expect, it } from 'vitest';
import { agent, findingsOf, makeFlow, menu, voicemail, where } from '../../../support/build.ts';

/** A chain of `depth` menus, each leading to the next with key 1. */
function chain(depth: number) {
  const menus = Array.from({ length: depth }, (_, i) =>
    menu(`m${i}`, i + 1 < depth ? { '1': `m${i + 1}`, '0': 'agent' } : { '0': 'agent' })
  );
  return [...menus, agent, voicemail];
}

describe('deep-menu', () => {
  it.each([
    ['four levels (three choices deep)', chain(4), []],
    ['five levels', chain(5), ['m4']],
    ['six levels', chain(6), ['m4', 'm5']]
  ])('%s', (_, nodes, expected) => {
    expect(where('deep-menu', makeFlow(nodes))).toEqual(expected);
  });

  it('uses the shortest route and lists the menus on it', () => {
    const nodes = chain(5);
    // A shortcut from the main menu straight to the deepest menu.
    nodes[0] = menu('m0', { '1': 'm1', '2': 'm4', '0': 'agent' });
    expect(where('deep-menu', makeFlow(nodes))).toEqual([]);
    const finding = findingsOf('deep-menu', makeFlow(chain(5)))[0]!;
    expect(finding.nodes).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect(finding.data).toEqual({ depth: 4, limit: 3 });
  });
});
