/** The designer's toolbar: the open flow, its file and edit commands, compare and review, overlays, import and export. */
import type { DraftAnalysis } from '../model/analysis.ts';
import { CompareDialog } from '../panels/Compare.tsx';
import { JsonFilePicker } from '../panels/JsonFilePicker.tsx';
import type { Compare } from '../hooks/useCompare.ts';
import type { Export } from '../hooks/useExport.ts';
import type { FlowDocument } from '../hooks/useFlowDocument.ts';
import type { FlowFiles } from '../hooks/useFlowFiles.ts';
import type { FlowTransfer } from '../hooks/useFlowTransfer.ts';
import type { Import } from '../hooks/useImport.ts';
import type { Overlays } from '../hooks/useOverlays.ts';
import type { Review } from '../hooks/useReview.ts';
import { ExportMenu } from './ExportMenu.tsx';
import type { OpenFlow } from '../hooks/useFlowDocument.ts';
import { folderName, type FlowStore } from '../services/store.ts';

interface Props {
  readonly doc: FlowDocument;
  readonly analysis: DraftAnalysis | undefined;
  readonly files: FlowFiles;
  readonly transfer: FlowTransfer;
  readonly review: Review;
  readonly compare: Compare;
  readonly overlays: Overlays;
  readonly importer: Import;
  readonly exporter: Export;
  onAutoLayout(): void;
  onHelp(): void;
  readonly folder: FolderChoice;
}

/** Opening a folder on disk (static page, Chromium), and going back to this browser. */
export interface FolderChoice {
  /** Whether "Open folder…" is offered. */
  readonly canOpen: boolean;
  open(): void;
  useBrowser(): void;
}

export function Toolbar({ doc, analysis, files, transfer, review: { review, setReviewMode }, compare, overlays, importer, exporter, onAutoLayout, onHelp, folder }: Props) {
  const { open, draft, dirty, travel } = doc;
  const { flows, unsaved } = files;
  return (
    <header className="toolbar" role="toolbar" aria-label="Flow tools">
      <h1>Zero Out</h1>
      <label className="flow-picker">
        <span>Flow</span>
        <select
          aria-label="Open flow"
          value={open?.id ?? ''}
          onChange={(e) => {
            if (e.target.value !== '') void files.openFlow(e.target.value);
          }}
        >
          <option value="">Choose a flow…</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
              {f.error ? ' (unreadable)' : ''}
            </option>
          ))}
          {/* Flows never saved stay listed until they are saved or discarded. */}
          {(unsaved.length > 0 || (open !== null && !flows.some((f) => f.id === open.id))) && (
            <optgroup label="Not saved yet">
              {unsaved.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.id === open?.id ? open.history.present.name : f.name} (unsaved)
                </option>
              ))}
              {open !== null && !flows.some((f) => f.id === open.id) && !unsaved.some((f) => f.id === open.id) && (
                <option value={open.id}>{open.history.present.name} (unsaved)</option>
              )}
            </optgroup>
          )}
        </select>
      </label>
      <StorePlace store={files.store} />
      {review ? (
        <>
          <span className="review-banner">Review mode: read-only</span>
          <button type="button" onClick={() => setReviewMode(false)}>
            Back to editing
          </button>
        </>
      ) : (
        <>
          <button type="button" onClick={() => void files.newFlow()}>
            New flow
          </button>
          <button type="button" disabled={open === null} onClick={() => void files.renameFlow()}>
            Rename
          </button>
          <button type="button" disabled={open === null || open.baseVersion === null} onClick={() => void files.duplicateFlow()}>
            Duplicate
          </button>
          <button type="button" className="primary" disabled={open === null} onClick={() => void files.save()}>
            Save
          </button>
          <button
            type="button"
            disabled={!dirty}
            title={open !== null && (open.baseVersion === null || open.saved === null) ? 'Delete this unsaved flow from this browser' : 'Undo the changes made since the last save'}
            onClick={() => void files.discard()}
          >
            Discard
          </button>
          <span className="dirty" aria-live="polite">
            {dirty ? 'Unsaved changes' : open !== null ? 'All changes saved' : ''}
          </span>
        </>
      )}
      <span className="spacer" />
      {!review && (
        <>
          <button type="button" disabled={!open || open.history.past.length === 0} onClick={() => travel('undo')}>
            Undo
          </button>
          <button type="button" disabled={!open || open.history.future.length === 0} onClick={() => travel('redo')}>
            Redo
          </button>
          <button type="button" disabled={!draft || draft.nodes.length === 0} onClick={onAutoLayout}>
            Auto-layout
          </button>
        </>
      )}
      <button type="button" disabled={open === null} onClick={() => compare.setChoosing(true)}>
        Compare with…
      </button>
      {!review && (
        <button type="button" disabled={open === null || open.baseVersion === null || dirty} title={dirty ? 'Save first: reviewers see the saved flow.' : undefined} onClick={() => setReviewMode(true)}>
          Review
        </button>
      )}
      {compare.choosing && open !== null && (
        <CompareDialog store={files.store} openId={open.id} hasSaved={open.baseVersion !== null} flows={flows} onCompare={(source) => void compare.start(source)} onClose={() => compare.setChoosing(false)} />
      )}
      <span className="checkbox">
        <input id="show-times" type="checkbox" checked={overlays.showTimes} onChange={(e) => overlays.setShowTimes(e.target.checked)} />
        <label htmlFor="show-times">Seconds to a person</label>
      </span>
      <span className="checkbox">
        <input id="show-coverage" type="checkbox" checked={overlays.showCoverage} onChange={(e) => overlays.setShowCoverage(e.target.checked)} />
        <label htmlFor="show-coverage">Test coverage</label>
      </span>
      {!review && (
        <button type="button" onClick={importer.pickFile}>
          Import
        </button>
      )}
      <FlowsMenu store={files.store} open={open} review={review} transfer={transfer} folder={folder} />
      <JsonFilePicker label="Import file" inputRef={importer.fileInput} onFile={(file) => void importer.importFile(file)} />
      <ExportMenu analysis={analysis} exporter={exporter} />
      <button type="button" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={onHelp}>
        Help
      </button>
    </header>
  );
}

/** Where the open flow lives, said in the toolbar: on the server (flows/) or in this browser only. */
function StorePlace({ store }: { store: FlowStore }) {
  const [text, title] =
    store.kind === 'server'
      ? ['On the server (flows/)', 'Flows are read from and saved to the flows/ folder by the local Zero Out server.']
      : store.kind === 'browser'
        ? [
            'In this browser only',
            "No Zero Out server is behind this page: flows are kept in this browser's storage. Another browser, or clearing this site's data, will not have them; Flows → Download all keeps a copy."
          ]
        : [
            `In the folder ${folderName(store)}`,
            `Flows are read from and saved to the folder "${folderName(store)}" on your disk, opened in this browser. Flows → Use this browser goes back to the flows kept in this browser.`
          ];
  return (
    <span className={`store-place is-${store.kind}`} title={title}>
      {text}
    </span>
  );
}

/** Closes the menu a clicked item is in. */
const closeMenu = (e: { currentTarget: Element }) => {
  const menu = e.currentTarget.closest('details');
  if (menu !== null) menu.open = false;
};

/** The Flows menu: the open flow or every flow downloaded as files, and flows uploaded from them. */
function FlowsMenu({ store, open, review, transfer, folder }: { store: FlowStore; open: OpenFlow | null; review: boolean; transfer: FlowTransfer; folder: FolderChoice }) {
  return (
    <>
      <details className="export-menu flows-menu">
        <summary role="button" aria-label="Flows">
          Flows
        </summary>
        <div className="menu-items">
          <button
            type="button"
            disabled={open === null}
            title={`Download the open flow as it stands, as ${open?.id ?? '<id>'}.ivr.json`}
            onClick={(e) => {
              closeMenu(e);
              transfer.downloadFlow();
            }}
          >
            Download flow
          </button>
          <button
            type="button"
            title={`Download every flow saved in ${store.place} as one file`}
            onClick={(e) => {
              closeMenu(e);
              void transfer.downloadAll();
            }}
          >
            Download all
          </button>
          {!review && (
            <button
              type="button"
              title={`Upload a flow (.ivr.json) or a file from Download all into ${store.place}; a flow whose id is taken gets a new one`}
              onClick={(e) => {
                closeMenu(e);
                transfer.pickFile();
              }}
            >
              Upload…
            </button>
          )}
          {folder.canOpen && !review && (
            <button
              type="button"
              title="Work on the flows (.ivr.json) of a folder on your disk: they are read from and saved to it"
              onClick={(e) => {
                closeMenu(e);
                folder.open();
              }}
            >
              Open folder…
            </button>
          )}
          {store.kind === 'folder' && !review && (
            <button
              type="button"
              title="Go back to the flows kept in this browser; the folder is left as it is"
              onClick={(e) => {
                closeMenu(e);
                folder.useBrowser();
              }}
            >
              Use this browser
            </button>
          )}
        </div>
      </details>
      <input
        ref={transfer.fileInput}
        type="file"
        accept=".json,application/json"
        aria-label="Upload flows file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared, so that picking the same file again is noticed.
          e.target.value = '';
          if (file) void transfer.upload(file);
        }}
      />
    </>
  );
}
