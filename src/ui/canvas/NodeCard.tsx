import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from './view.ts';
import { KindIcon } from '../shell/icons.tsx';

function Badges({ counts }: { counts: { error: number; warning: number; info: number } | undefined }) {
  if (counts === undefined) return null;
  return (
    <span className="node-badges">
      {counts.error > 0 && (
        <span className="badge badge-error" title={`${counts.error} error${counts.error > 1 ? 's' : ''}`}>
          {counts.error}
        </span>
      )}
      {counts.warning > 0 && (
        <span className="badge badge-warning" title={`${counts.warning} warning${counts.warning > 1 ? 's' : ''}`}>
          {counts.warning}
        </span>
      )}
    </span>
  );
}

const DIFF_TAGS = { added: 'Added', changed: 'Changed', removed: 'Removed' } as const;

function timeText(seconds: number | null | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  if (seconds === null) return 'no route to a person';
  return `${Math.round(seconds)} s to a person`;
}

/** A flow node on the canvas: icon, kind, name, prompt excerpt and one handle per outcome. */
export const NodeCard = memo(function NodeCard({ data, selected }: NodeProps<CanvasNode>) {
  const classes = [
    'node-card',
    `kind-${data.node.kind}`,
    selected ? 'is-selected' : '',
    data.noRouteToHelp ? 'no-route' : '',
    data.current ? 'is-current' : '',
    data.visited ? 'is-visited' : '',
    data.uncovered ? 'not-covered' : '',
    data.heat ? 'has-heat' : '',
    data.badges?.error ? 'has-error' : data.badges?.warning ? 'has-warning' : '',
    data.diff ? `diff-${data.diff}` : ''
  ].filter(Boolean);
  const time = data.showTimes ? timeText(data.secondsToHuman) : undefined;
  return (
    <div
      className={classes.join(' ')}
      title={
        [
          data.noRouteToHelp ? 'No route to help from here.' : '',
          data.uncovered ? 'No test call reaches this node.' : '',
          data.heat ? `${(data.heat.through * 100).toFixed(1)}% of simulated calls pass here; ${(data.heat.hungUp * 100).toFixed(1)}% hang up here.` : ''
        ]
          .filter(Boolean)
          .join(' ') || undefined
      }
      data-traffic={data.heat ? data.heat.through.toFixed(3) : undefined}
      style={data.heat ? { backgroundColor: `rgb(255 140 0 / ${Math.min(0.65, data.heat.through * 0.65).toFixed(3)})`, ...(data.heat.hungUp > 0.02 ? { borderColor: '#b3261e', borderStyle: 'dashed' } : {}) } : undefined}
    >
      <Handle type="target" position={Position.Left} className="handle-in" aria-label={`Into ${data.title}`} />
      <div className="node-head">
        <KindIcon kind={data.node.kind} size={12} className="node-icon" />
        <span className="node-kind">{data.kindLabel}</span>
        {data.isStart && <span className="node-start">Start</span>}
        {data.diff && <span className={`node-diff node-diff-${data.diff}`}>{DIFF_TAGS[data.diff]}</span>}
        {data.comments !== undefined && data.comments > 0 && (
          <span className="node-comments" title={`${data.comments} open comment${data.comments > 1 ? 's' : ''}`} aria-label={`${data.comments} open comment${data.comments > 1 ? 's' : ''}`}>
            ✎ {data.comments}
          </span>
        )}
        <Badges counts={data.badges} />
      </div>
      <div className="node-title">{data.title}</div>
      {data.excerpt !== '' && <div className="node-excerpt">{data.excerpt}</div>}
      {data.handles.length > 0 && (
        <ul className="node-outcomes">
          {data.handles.map((h) => (
            <li key={h.id} className={h.wired ? 'wired' : 'unwired'}>
              <span className="outcome-label">{h.label}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={h.id}
                className="handle-out"
                aria-label={`Outcome ${h.label} of ${data.title}`}
              />
            </li>
          ))}
        </ul>
      )}
      {time !== undefined && <div className={`node-time${data.secondsToHuman === null ? ' none' : ''}`}>{time}</div>}
    </div>
  );
});
