/**
 * The toolbar's Export menu: one item per export target (the vendors' from the
 * formats registry), a picture of the canvas (SVG or PNG), and the export
 * environment dialog.
 */
import { EXPORT_TARGETS } from '../../core/catalog/index.ts';
import { EXPORT_LABELS, type Export } from '../hooks/useExport.ts';
import { IMAGE_LABELS, useImageExport, type ImageFormat } from '../hooks/useImageExport.ts';
import type { DraftAnalysis } from '../model/analysis.ts';
import { ExportEnvironment } from '../panels/ExportEnvironment.tsx';

const IMAGE_FORMATS: readonly ImageFormat[] = ['svg', 'png'];

export function ExportMenu({ analysis, exporter: { exportTo, editingEnv, setEditingEnv, notify } }: { analysis: DraftAnalysis | undefined; exporter: Export }) {
  const { exportImage, busy } = useImageExport(analysis, notify);
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
          {IMAGE_FORMATS.map((format) => (
            <li key={format}>
              <button
                type="button"
                role="menuitem"
                disabled={!analysis?.flow || (format === 'png' && busy)}
                title="A picture of the canvas as drawn, for documents and tickets"
                onClick={(e) => {
                  (e.currentTarget.closest('details') as HTMLDetailsElement).open = false;
                  void exportImage(format);
                }}
              >
                {IMAGE_LABELS[format]}
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
