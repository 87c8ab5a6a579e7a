/**
 * Automatic layout with ELK's layered algorithm: left to right, each node's
 * outcomes as ordered ports on its right side, so a menu's keys come out in
 * order. ELK is loaded only when a layout is asked for.
 */
import { outcomesOfDraft, type Draft, type XY } from '../model/index.ts';

export interface Size {
  readonly width: number;
  readonly height: number;
}

const DEFAULT_SIZE: Size = { width: 240, height: 120 };

export async function layoutPositions(draft: Draft, sizes: ReadonlyMap<string, Size>): Promise<Map<string, XY>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(draft.nodes.map((n) => n.id));
  const children = draft.nodes.map((node) => {
    const size = sizes.get(node.id) ?? DEFAULT_SIZE;
    return {
      id: node.id,
      width: size.width,
      height: size.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        { id: `${node.id}\u0000in`, layoutOptions: { 'elk.port.side': 'WEST' } },
        ...outcomesOfDraft(node).map((o, index) => ({
          id: `${node.id}\u0000${o.pointer}`,
          layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(index) }
        }))
      ]
    };
  });
  const edges = draft.nodes.flatMap((node) =>
    outcomesOfDraft(node)
      .filter((o) => o.target !== undefined && ids.has(o.target) && o.target !== node.id)
      .map((o) => ({ id: `${node.id}${o.pointer}`, sources: [`${node.id}\u0000${o.pointer}`], targets: [`${o.target}\u0000in`] }))
  );
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES'
    },
    children,
    edges
  });
  const positions = new Map<string, XY>();
  for (const child of graph.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}
