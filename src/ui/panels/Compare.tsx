/**
 * Compare with…: choose the other version (the saved file of this flow,
 * another saved flow, or a file), then step through the changes while the
 * canvas marks them.
 */
import { useEffect, useRef, useState } from 'react';
import type { FlowEntry, FlowStore, Revision } from '../services/store.ts';
import type { CompareView } from '../model/compare.ts';
import { diffSummary, settingValues } from '../../core/review/index.ts';
import { JsonFilePicker } from './JsonFilePicker.tsx';

export type CompareSource =
  | { readonly kind: 'saved' }
  | { readonly kind: 'flow'; readonly id: string }
  | { readonly kind: 'revision'; readonly revision: Revision }
  | { readonly kind: 'file'; readonly file: File };

interface DialogProps {
  /** Where the flows live: its committed versions are offered (none where there is no history). */
  readonly store: FlowStore;
  readonly openId: string;
  /** Whether the open flow has a saved file to compare with. */
  readonly hasSaved: boolean;
  readonly flows: readonly FlowEntry[];
  onCompare(source: CompareSource): void;
  onClose(): void;
}

export function CompareDialog({ store, openId, hasSaved, flows, onCompare, onClose }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const others = flows.filter((f) => f.id !== openId && f.error === undefined);
  const [choice, setChoice] = useState<string>(hasSaved ? 'saved' : others[0] === undefined ? '' : `flow:${others[0].id}`);
  const fileInput = useRef<HTMLInputElement>(null);
  // The flow's committed versions, when its folder is in git.
  const [revisions, setRevisions] = useState<readonly Revision[]>([]);
  useEffect(() => {
    dialog.current?.showModal();
    let live = true;
    if (hasSaved) {
      store.listRevisions(openId).then(
        (list) => {
          if (live) setRevisions(list);
        },
        () => undefined
      );
    }
    return () => {
      live = false;
    };
  }, [store, openId, hasSaved]);
  return (
    <dialog ref={dialog} className="compare-dialog" aria-label="Compare with" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          const revision = revisions.find((r) => `rev:${r.rev}` === choice);
          if (choice === 'saved') onCompare({ kind: 'saved' });
          else if (revision !== undefined) onCompare({ kind: 'revision', revision });
          else if (choice !== '') onCompare({ kind: 'flow', id: choice.replace(/^flow:/, '') });
        }}
      >
        <h2>Compare with…</h2>
        <fieldset>
          <label>
            <span>Version</span>{' '}
            <select aria-label="Version to compare with" value={choice} onChange={(e) => setChoice(e.target.value)}>
              {hasSaved && <option value="saved">The saved version of this flow</option>}
              {revisions.length > 0 && (
                <optgroup label="Committed versions">
                  {revisions.map((r) => (
                    <option key={r.rev} value={`rev:${r.rev}`}>
                      {r.short} {r.subject} ({r.author}, {r.date.slice(0, 10)})
                    </option>
                  ))}
                </optgroup>
              )}
              {others.length > 0 && (
                <optgroup label="Other flows">
                  {others.map((f) => (
                    <option key={f.id} value={`flow:${f.id}`}>
                      {f.name} ({f.id})
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </label>
          <div className="changes-nav">
            <button type="submit" className="primary" disabled={choice === ''}>
              Compare
            </button>
            <button type="button" onClick={() => fileInput.current?.click()}>
              From a file…
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
          <JsonFilePicker label="File to compare with" inputRef={fileInput} onFile={(file) => onCompare({ kind: 'file', file })} />
        </fieldset>
      </form>
    </dialog>
  );
}

interface PanelProps {
  readonly view: CompareView;
  /** The change shown now, as an index into the view's steps, or -1. */
  readonly current: number;
  onStep(index: number): void;
  onEnd(): void;
}

const STATUS_WORDS = { added: 'Added', changed: 'Changed', removed: 'Removed' } as const;

export function ChangesPanel({ view, current, onStep, onEnd }: PanelProps) {
  const { steps, diff } = view;
  const t = diff.analysis.secondsToPerson;
  const seconds = (value: number | null) => (value === null ? 'no route' : `${Math.round(value)} s`);
  return (
    <aside className="inspector changes-panel" aria-label="Changes">
      <h2>Changes since {view.label}</h2>
      <p role="status">{diffSummary(diff)}</p>
      <div className="changes-nav">
        <button type="button" disabled={steps.length === 0} onClick={() => onStep(current <= 0 ? steps.length - 1 : current - 1)}>
          Previous change
        </button>
        <button type="button" disabled={steps.length === 0} onClick={() => onStep(current >= steps.length - 1 ? 0 : current + 1)}>
          Next change
        </button>
        <button type="button" onClick={onEnd}>
          End comparison
        </button>
      </div>
      <ol aria-label="Changed nodes">
        {steps.map((step, index) => (
          <li key={step.canvasId}>
            <button type="button" className={`change-${step.change.status}`} aria-current={index === current ? 'true' : undefined} onClick={() => onStep(index)}>
              <strong>{STATUS_WORDS[step.change.status]}</strong> {step.text}
            </button>
          </li>
        ))}
      </ol>
      {(diff.start !== undefined || diff.settings.length > 0) && (
        <ul aria-label="Flow changes">
          {diff.start !== undefined && (
            <li>
              Start: {diff.start.before} → {diff.start.after}
            </li>
          )}
          {diff.settings.map((s) => (
            <li key={s.pointer}>
              {s.pointer}: {settingValues(s)}
            </li>
          ))}
        </ul>
      )}
      <section aria-label="Effect on the analysis">
        <h2>Effect on the analysis</h2>
        <p>
          Time to a person: {seconds(t.before)} → {seconds(t.after)}
        </p>
        <ul>
          {diff.analysis.fixed.map((f, i) => (
            <li key={`f${i}`}>
              Fixed: {f.rule} at {f.node}: {f.message}
            </li>
          ))}
          {diff.analysis.introduced.map((f, i) => (
            <li key={`i${i}`}>
              Introduced: {f.rule} at {f.node}: {f.message}
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
