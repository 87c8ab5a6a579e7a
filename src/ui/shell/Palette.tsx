/** The palette of node kinds: click one to add it near the middle of the view, or drag it onto the canvas. */
import type { NodeKind } from '../../core/model/index.ts';
import { KIND_MIME } from '../canvas/FlowCanvas.tsx';
import { PALETTE } from '../model/edit.ts';
import { KindIcon } from './icons.tsx';

export function Palette({ disabled, onAdd }: { disabled: boolean; onAdd(kind: NodeKind): void }) {
  return (
    <nav className="palette" aria-label="Palette">
      <h2>Add</h2>
      <ul>
        {PALETTE.map((p) => (
          <li key={p.kind}>
            <button
              type="button"
              draggable
              disabled={disabled}
              title={p.hint}
              aria-label={`Add ${p.label}`}
              onDragStart={(e) => {
                e.dataTransfer.setData(KIND_MIME, p.kind);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(p.kind)}
            >
              <KindIcon kind={p.kind} />
              <span className="palette-label">{p.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
