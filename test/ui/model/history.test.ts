import { describe, expect, it } from 'vitest';
import { applyFlowChange } from '../../../src/core/model/changes.ts';
import { emptyDraft, newNode, type Draft } from '../../../src/core/model/draft.ts';
import { record, redo, startHistory, undo } from '../../../src/ui/model/history.ts';

describe('history', () => {
  it('undoes and redoes; edits in one streak are one step', () => {
    let h = startHistory('a');
    h = record(h, 'ab', 'typing');
    h = record(h, 'abc', 'typing');
    h = record(h, 'abcd');
    expect(h.present).toBe('abcd');
    h = undo(h);
    expect(h.present).toBe('abc');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('abcd');
    // A new edit after an undo drops the redo steps.
    h = record(undo(h), 'x');
    expect(h.future).toEqual([]);
  });

  it('undoes changes to drafts, and a change that changes nothing is no step', () => {
    const empty = emptyDraft('f', 'F');
    let h = startHistory<Draft>(empty);
    const apply = (change: Parameters<typeof applyFlowChange>[1], streak?: string) => {
      h = record(h, applyFlowChange(h.present, change), streak);
    };
    apply({ type: 'addNodes', nodes: [newNode('prompt', 'p', { x: 0, y: 0 })] });
    apply({ type: 'setField', node: 'p', pointer: '/prompt', value: 'H' }, 'field:p:/prompt');
    apply({ type: 'setField', node: 'p', pointer: '/prompt', value: 'Hi' }, 'field:p:/prompt');
    apply({ type: 'renameNode', from: 'p', to: 'p' });
    expect(h.past).toHaveLength(2);
    h = undo(h);
    expect(h.present.nodes[0]).toMatchObject({ id: 'p', prompt: '' });
    h = undo(h);
    expect(h.present).toBe(empty);
    h = redo(redo(h));
    expect(h.present.nodes[0]).toMatchObject({ prompt: 'Hi' });
  });
});
