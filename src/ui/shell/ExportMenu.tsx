/** The toolbar's Export menu: one item per export target (the vendors' from the formats registry), and the export environment dialog. */
import { EXPORT_TARGETS } from '../../core/export/index.ts';
import { EXPORT_LABELS, type Export } from '../hooks/useExport.ts';
import type { DraftAnalysis } from '../model/analysis.ts';
import { ExportEnvironment } from '../panels/ExportEnvironment.tsx';

export function ExportMenu({ analysis, exporter: { exportTo, editingEnv, setEditingEnv } }: { analysis: DraftAnalysis | undefined; exporter: Export }) {
  return (
    <>
      <details className="export-menu">
        <summary role="button" aria-label="Export">
          Export
        </summary>
        <ul role="menu">
          {EXPORT_TARGETS.map((t) => (
            <li key={t}>
              <button
                type="button"
                role="menuitem"
                disabled={!analysis?.flow}
                onClick={(e) => {
                  (e.currentTarget.closest('details') as HTMLDetailsElement).open = false;
                  exportTo(t);
                }}
              >
                {EXPORT_LABELS[t]}
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              role="menuitem"
              onClick={(e) => {
                (e.currentTarget.closest('details') as HTMLDetailsElement).open = false;
                setEditingEnv(true);
              }}
            >
              Environment…
            </button>
          </li>
        </ul>
      </details>
      {editingEnv && <ExportEnvironment flow={analysis?.flow} onClose={() => setEditingEnv(false)} />}
    </>
  );
}
