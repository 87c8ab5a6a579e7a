import { describe, expect, it } from 'vitest';
import { layoutPositions } from '../../../src/core/layout/elk.ts';
import type { Draft } from '../../../src/core/model/draft.ts';

describe('auto-layout', () => {
  it('lays a menu out left to right with its keys in order, top to bottom', async () => {
    const draft = {
      version: 1, id: 'f', name: 'F', start: 'menu',
      nodes: [
        // Listed out of order, so the order comes from the keys, not the list.
        { id: 'agents', kind: 'queue', queue: 'q' },
        { id: 'billing', kind: 'queue', queue: 'q' },
        { id: 'sales', kind: 'queue', queue: 'q' },
        {
          id: 'menu', kind: 'menu', prompt: 'For sales press 1, billing 2, an agent 0.',
          options: [{ key: '1', next: 'sales' }, { key: '2', next: 'billing' }, { key: '0', next: 'agents' }],
          noInput: 'menu', invalid: 'menu', maxRetries: 2, onMaxRetries: 'agents'
        }
      ]
    } as unknown as Draft;
    const at = await layoutPositions(draft, new Map());
    const menu = at.get('menu')!;
    for (const id of ['sales', 'billing', 'agents']) expect(at.get(id)!.x).toBeGreaterThan(menu.x);
    expect(at.get('sales')!.y).toBeLessThan(at.get('billing')!.y);
    expect(at.get('billing')!.y).toBeLessThan(at.get('agents')!.y);
  });

  it('places every node, wired or not, without overlaps', async () => {
    const draft = {
      version: 1, id: 'f', name: 'F', start: 'a',
      nodes: ['a', 'b', 'c', 'd'].map((id) => ({ id, kind: 'hangup' }))
    } as unknown as Draft;
    const at = await layoutPositions(draft, new Map());
    expect([...at.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    const boxes = [...at.values()];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const apart = Math.abs(boxes[i]!.x - boxes[j]!.x) >= 240 || Math.abs(boxes[i]!.y - boxes[j]!.y) >= 120;
        expect(apart).toBe(true);
      }
    }
  });
});
