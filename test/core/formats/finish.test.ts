/**
 * finishImport: a native node an importer built that is not valid is said at
 * the widget or action it came from, never at an internal native path (repro D5).
 */
import { describe, expect, it } from 'vitest';
import { finishImport } from '../../../src/core/formats/finish.ts';

describe('finishImport', () => {
  const flow = (node: Record<string, unknown>) => ({ version: 1, id: 'f', name: 'F', start: 'gather', nodes: [node] });

  it('points a problem in a node at the step it came from, in the vendor file', () => {
    const result = finishImport(
      flow({ id: 'gather', kind: 'input', prompt: 'Enter it', variable: 'x', maxDigits: 1e21, source: { type: 'gather-input-on-call', pointer: '/states/1' } }),
      'studio.json',
      []
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ file: 'studio.json', pointer: '/states/1', code: 'import-failed' });
      expect(result.problems[0]!.message).toBe('step "gather" could not be imported (maxDigits: expected a whole number of at most 9007199254740991, got number 1e+21)');
      expect(result.problems[0]!.message).not.toContain('/nodes/');
    }
  });

  it('says a problem of the flow as a whole at the place it was given', () => {
    const result = finishImport({ version: 1, id: 'f', name: 'F', start: 'nowhere', nodes: [] }, 'connect.json', [], '/Content');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.pointer)).toEqual(result.problems.map(() => '/Content'));
      for (const p of result.problems) expect(p.message).not.toContain('/nodes/');
    }
  });
});
