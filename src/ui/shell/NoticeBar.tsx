/** The notice under the toolbar, with every problem or note behind it (the list scrolls); a status for information, an alert otherwise. */
import type { Notice } from '../hooks/useNotice.ts';

export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss(): void }) {
  if (notice === null) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'}>
      <span>{notice.text}</span>
      {notice.problems && (
        <ul aria-label={`${notice.problems.length} ${notice.problems.length === 1 ? 'item' : 'items'}`}>
          {notice.problems.map((p, i) => (
            <li key={i}>
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
