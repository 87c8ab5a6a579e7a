/** The notice under the toolbar, with every problem or note behind it (the list scrolls); a status for information, an alert otherwise. */
import type { Notice } from '../hooks/useNotice.ts';

export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss(): void }) {
  if (notice === null) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'}>
      <span>{notice.text}</span>
      {notice.problems && (
        <ul aria-label={`${notice.problems.length} ${notice.problems.length === 1 ? 'item' : 'items'}`}>
          {/* What the team must act on (a warning) comes before what is only said (a note). */}
          {[...notice.problems].sort((a, b) => Number(b.severity === 'warning') - Number(a.severity === 'warning')).map((p, i) => (
            <li key={i} className={p.severity === 'warning' ? 'notice-warning-item' : undefined}>
              {p.severity === 'warning' && <strong>Supply: </strong>}
              <code>{p.node ?? (p.pointer || '/')}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
      {notice.action && (
        <button type="button" className="small" onClick={() => notice.action?.run()}>
          {notice.action.label}
        </button>
      )}
      <button type="button" className="small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
