import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

/**
 * An edge with its key or outcome name as plain SVG text, with a halo drawn
 * by its own stroke so it reads over lines: nothing to measure and nothing
 * to subscribe to, which keeps panning a large flow cheap.
 */
export const OutcomeEdge = memo(function OutcomeEdge(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd, style, interactionWidth } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <>
      <BaseEdge path={path} {...(markerEnd === undefined ? {} : { markerEnd })} {...(style === undefined ? {} : { style })} {...(interactionWidth === undefined ? {} : { interactionWidth })} />
      {label !== undefined && label !== null && label !== '' && (
        <text className="edge-label" x={labelX} y={labelY} textAnchor="middle" dominantBaseline="central">
          {label}
        </text>
      )}
    </>
  );
});
