import { describe, expect, it } from 'vitest';
import { WITNESSED_RULES as CORE_RULES } from '../../../src/core/witness/index.ts';
import type { ProblemItem } from '../../../src/ui/model/analysis.ts';
import { freeTestName, isWitnessed, WITNESSED_RULES } from '../../../src/ui/model/witness.ts';

describe('witness calls in the designer', () => {
  it('offers Replay for exactly the rules core/witness gives a witness for', () => {
    expect([...WITNESSED_RULES].sort()).toEqual([...CORE_RULES].sort());
  });

  it('offers one only for a lint finding on a node, not for a note or a schema problem', () => {
    const finding: ProblemItem = { code: 'dead-end', severity: 'error', message: 'x', pointer: '/nodes/0', node: 'a' };
    const lookalike: ProblemItem = { ...finding };
    const other: ProblemItem = { ...finding, code: 'too-many-options' };
    expect(isWitnessed(finding, [finding, other])).toBe(true);
    expect(isWitnessed(lookalike, [finding, other])).toBe(false);
    expect(isWitnessed(other, [finding, other])).toBe(false);
  });

  it('names a saved call apart from the test calls the flow has', () => {
    expect(freeTestName('dead-end: a', [])).toBe('dead-end: a');
    expect(freeTestName('dead-end: a', [{ name: 'dead-end: a' }, { name: 'dead-end: a (2)' }])).toBe('dead-end: a (3)');
  });
});
