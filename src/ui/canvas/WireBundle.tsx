import { EdgeLabelRenderer } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { bundlePath, type CanvasNode } from './view.ts';
import type { Edge } from '@xyflow/react';

/**
 * Long edges from cards screens away (see splitLongEdges), drawn as one SVG
 * path under the cards, in the flow's coordinates: a pan moves it with the
 * view and builds nothing. It shows where the wires run; the edges near the
 * view are the ones to select.
 */
export const WireBundle = memo(function WireBundle({ edges, nodes }: { edges: readonly Edge[]; nodes: readonly CanvasNode[] }) {
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const d = useMemo(() => (edges.length === 0 ? '' : bundlePath(edges, byId)), [edges, byId]);
  if (d === '') return null;
  return (
    <EdgeLabelRenderer>
      <svg className="wire-bundle" aria-hidden="true">
        <path d={d} />
      </svg>
    </EdgeLabelRenderer>
  );
});
