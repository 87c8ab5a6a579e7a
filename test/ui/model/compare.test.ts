import { describe, expect, it } from 'vitest';
import { canvasEdges, canvasNodes } from '../../../src/ui/canvas/view.ts';
import { analyse } from '../../../src/ui/model/analysis.ts';
import { compareView, ghostId } from '../../../src/ui/model/compare.ts';
import { makeFlow } from '../../support/build.ts';

const before = makeFlow([
  { id: 'menu', kind: 'menu', prompt: 'For sales press 1, for help press 0.', options: [{ key: '1', next: 'sales' }, { key: '0', next: 'help' }], noInput: 'menu', invalid: 'menu', maxRetries: 2, onMaxRetries: 'help' },
  { id: 'sales', kind: 'queue', queue: 'Sales', expectedWaitSeconds: 30, position: { x: 400, y: 0 } },
  { id: 'help', kind: 'queue', queue: 'Help desk', expectedWaitSeconds: 30, position: { x: 400, y: 200 } }
]);
// Help is gone; 0 and the retry limit now go to a new front desk.
const after = makeFlow([
  { id: 'menu', kind: 'menu', prompt: 'For sales press 1, for help press 0.', options: [{ key: '1', next: 'sales' }, { key: '0', next: 'desk' }], noInput: 'menu', invalid: 'menu', maxRetries: 2, onMaxRetries: 'desk' },
  { id: 'sales', kind: 'queue', queue: 'Sales', expectedWaitSeconds: 30, position: { x: 400, y: 0 } },
  { id: 'desk', kind: 'queue', queue: 'Front desk', expectedWaitSeconds: 10, position: { x: 400, y: 400 } }
]);

describe('comparing on the canvas', () => {
  const view = compareView({ label: 'the saved version', base: before }, after);
  const options = { selected: new Set<string>(), showTimes: false, callAt: null, callRoute: [], compare: view };

  it('marks nodes added and changed, and brings removed ones back as ghosts where they stood', () => {
    const nodes = canvasNodes(after, analyse(after), options);
    const marks = Object.fromEntries(nodes.map((n) => [n.id, n.data.diff ?? null]));
    expect(marks).toEqual({ menu: 'changed', sales: null, desk: 'added', [ghostId('help')]: 'removed' });
    const ghost = nodes.find((n) => n.id === ghostId('help'))!;
    expect(ghost.position).toEqual({ x: 400, y: 200 });
    expect(ghost.draggable).toBe(false);
    expect(ghost.ariaLabel).toBe('Queue help, removed');
  });

  it('marks the rewired routes, and draws the routes they replaced to the ghost', () => {
    const edges = canvasEdges(after, analyse(after), options);
    expect(edges.filter((e) => e.className?.includes('edge-changed')).map((e) => `${e.source}→${e.target}`).sort()).toEqual(['menu→desk', 'menu→desk']);
    const gone = edges.filter((e) => e.className === 'edge-gone');
    expect(gone.map((e) => `${e.source}→${e.target} ${String(e.label)}`).sort()).toEqual([`menu→${ghostId('help')} 0 (was)`, `menu→${ghostId('help')} maxRetries (was)`]);
    // A gone route leaves from the handle of its own outcome.
    expect(gone.every((e) => typeof e.sourceHandle === 'string' && e.sourceHandle.length > 0)).toBe(true);
    expect(view.steps.map((s) => s.text)).toEqual(['menu (menu): key 0, maxRetries', 'desk (queue) added', 'help (queue) removed']);
  });
});
