/** The notice under the toolbar, with the problems behind it (the first 20); a status for information, an alert otherwise. */
import type { Notice } from '../hooks/useNotice.ts';

export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss(): void }) {
  if (notice === null) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'}>
      <span>{notice.text}</span>
      {notice.problems && (
        <ul>
          {notice.problems.slice(0, 20).map((p, i) => (
            <li key={i}>
              <code>{p.pointer || '/'}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
