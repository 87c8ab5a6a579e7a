import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { exportFlow, EXPORT_TARGETS, type ExportTarget } from '../core/export/index.ts';
import { coverageOf } from '../core/simulate/coverage.ts';
import { loadAnyFlow } from '../core/formats/index.ts';
import { parseJson, type Problem } from '../core/model/load.ts';
import type { FlowNode, NodeKind, TestCall } from '../core/model/types.ts';
import { FlowCanvas, KIND_MIME, type CanvasActions } from './canvas/FlowCanvas.tsx';
import { layoutPositions, type Size } from './canvas/layout.ts';
import { analyse, type ProblemItem } from './model/analysis.ts';
import {
  addNode,
  connect,
  deleteNodes,
  emptyDraft,
  moveNodes,
  PALETTE,
  pasteNodes,
  renameNode,
  setField,
  type Draft,
  type XY
} from './model/edit.ts';
import { record, redo, startHistory, undo, type History } from './model/history.ts';
import { Inspector } from './panels/Inspector.tsx';
import { ExportEnvironment, loadEnvironment } from './panels/ExportEnvironment.tsx';
import { Problems } from './panels/Problems.tsx';
import { Simulator } from './panels/Simulator.tsx';
import { Traffic, type Heat } from './panels/Traffic.tsx';
import { ChangesPanel, CompareDialog, type CompareSource } from './panels/Compare.tsx';
import { CommentsPanel } from './panels/Comments.tsx';
import { JsonFilePicker } from './panels/JsonFilePicker.tsx';
import { compareView, type Comparison } from './model/compare.ts';
import { deleteFlow, listFlows, readFlow, readRevision, saveFlow, type FlowEntry } from './services/api.ts';
import { dropDraft, loadDraft, storeDraft } from './services/drafts.ts';

const EXPORT_LABELS: Record<ExportTarget, string> = {
  'twilio-studio': 'Twilio Studio',
  'amazon-connect': 'Amazon Connect',
  xstate: 'XState machine (JSON)',
  mermaid: 'Mermaid diagram'
};

/** The text a draft is saved as. */
export function draftText(draft: Draft): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'flow';
}

interface Open {
  readonly id: string;
  readonly history: History<Draft>;
  /** The server version the draft was loaded from or last saved as; null when never saved. */
  readonly baseVersion: string | null;
  /** The draft as last loaded or saved, to tell unsaved changes. */
  readonly saved: Draft | null;
}

interface Notice {
  readonly kind: 'info' | 'error' | 'conflict';
  readonly text: string;
  readonly problems?: readonly Problem[];
}

function Designer() {
  const rf = useReactFlow();
  const [flows, setFlows] = useState<FlowEntry[]>([]);
  const [open, setOpen] = useState<Open | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [showTimes, setShowTimes] = useState(false);
  const [showCoverage, setShowCoverage] = useState(false);
  const [heat, setHeat] = useState<Heat | undefined>(undefined);
  const [editingEnv, setEditingEnv] = useState(false);
  const [fitRequest, setFitRequest] = useState(0);
  const fitAll = useCallback(() => setFitRequest((n) => n + 1), []);
  const [call, setCall] = useState<{ at: string | null; route: readonly string[] }>({ at: null, route: [] });
  // Comparing with another version: the dialog, the version, the change shown.
  const [choosingComparison, setChoosingComparison] = useState(false);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [step, setStep] = useState(-1);
  // Review mode (`?review=1`): read-only, with comments pinned to nodes.
  const [review, setReview] = useState(() => new URLSearchParams(window.location.search).get('review') === '1');
  const [commentCounts, setCommentCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const clipboard = useRef<FlowNode[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const draft = open?.history.present;
  const analysis = useMemo(() => {
    if (draft === undefined) return undefined;
    const start = performance.now();
    const result = analyse(draft);
    // A user-timing entry per analysis, read by the designer benchmark.
    performance.measure('zeroout:analyse', { start, end: performance.now() });
    return result;
  }, [draft]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const compared = useMemo(
    () => (comparison !== null && analysis?.flow !== undefined ? compareView(comparison, analysis.flow, analysis.lint) : undefined),
    [comparison, analysis]
  );
  const dirty = open !== null && open.saved !== open.history.present;

  const refreshList = useCallback(async () => {
    try {
      setFlows(await listFlows());
    } catch (error) {
      setNotice({ kind: 'error', text: String(error instanceof Error ? error.message : error) });
    }
  }, []);

  const openFlow = useCallback(async (id: string) => {
    const file = await readFlow(id).catch((error: unknown) => {
      setNotice({ kind: 'error', text: String(error instanceof Error ? error.message : error) });
      return null;
    });
    if (file === null) return;
    const stored = await loadDraft(id);
    if (file === undefined) {
      if (stored !== undefined) {
        replaceOpen({ id, history: startHistory(stored.draft), baseVersion: stored.baseVersion, saved: null });
        setNotice({ kind: 'info', text: `Flow ${JSON.stringify(id)} has no file yet: your unsaved draft is restored.` });
      } else {
        setNotice({ kind: 'error', text: `There is no flow ${JSON.stringify(id)} in flows/.` });
      }
      return;
    }
    const parsed = parseJson(file.text, file.file);
    if (!parsed.ok) {
      setNotice({ kind: 'error', text: `${file.file} is not valid JSON; open it in a text editor to repair it.`, problems: parsed.problems });
      return;
    }
    const fromFile = parsed.value as Draft;
    if (stored !== undefined && stored.baseVersion === file.version && draftText(stored.draft) !== draftText(fromFile)) {
      replaceOpen({ id, history: record(startHistory(fromFile), stored.draft), baseVersion: file.version, saved: fromFile });
      setNotice({ kind: 'info', text: 'Your unsaved changes to this flow were restored (undo to see the saved version).' });
    } else {
      if (stored !== undefined && stored.baseVersion !== file.version) {
        // The file changed since the draft was made: keep the draft as its own flow rather than lose it.
        if (draftText(stored.draft) !== draftText(fromFile)) {
          const copyId = `${id}-unsaved-${Date.now().toString(36)}`;
          await storeDraft({ id: copyId, draft: { ...stored.draft, id: copyId }, baseVersion: null, savedAt: Date.now() });
          setNotice({ kind: 'conflict', text: `The file changed since your unsaved draft was made. Your draft is kept as flow "${copyId}" (open it from the list).` });
        }
        await dropDraft(id);
      } else {
        setNotice(null);
      }
      replaceOpen({ id, history: startHistory(fromFile), baseVersion: file.version, saved: fromFile });
    }
    setSelected([]);
    setComparison(null);
    setStep(-1);
    setCommentCounts(new Map());
    const url = new URL(window.location.href);
    url.searchParams.set('flow', id);
    window.history.replaceState(null, '', url);
    fitAll();
  }, [rf]);

  // On load: the list, and the flow the address names (`?flow=<id>`).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void refreshList();
    const id = new URLSearchParams(window.location.search).get('flow');
    if (id !== null && id !== '') void openFlow(id);
  }, [refreshList, openFlow]);

  // Every edit is kept in IndexedDB until it is saved.
  useEffect(() => {
    if (open === null || !dirty) return;
    const timer = setTimeout(() => {
      void storeDraft({ id: open.id, draft: open.history.present, baseVersion: open.baseVersion, savedAt: Date.now() });
    }, 150);
    return () => clearTimeout(timer);
  }, [open, dirty]);

  // The latest state, for edits that follow each other before React renders.
  const openRef = useRef(open);
  openRef.current = open;
  const replaceOpen = useCallback((next: Open | null) => {
    openRef.current = next;
    setOpen(next);
  }, []);

  /** Applies an edit to the draft now; returns the new draft. */
  const edit = useCallback(
    (change: (draft: Draft) => Draft, streak?: string): Draft | undefined => {
      const current = openRef.current;
      if (current === null) return undefined;
      const next = change(current.history.present);
      if (next !== current.history.present) replaceOpen({ ...current, history: record(current.history, next, streak) });
      return next;
    },
    [replaceOpen]
  );

  const travel = useCallback(
    (direction: 'undo' | 'redo') => {
      const current = openRef.current;
      if (current === null) return;
      replaceOpen({ ...current, history: direction === 'undo' ? undo(current.history) : redo(current.history) });
    },
    [replaceOpen]
  );

  const actions: CanvasActions = useMemo(
    () => ({
      add(kind: NodeKind, at: XY) {
        const current = openRef.current;
        if (current === null) return;
        const result = addNode(current.history.present, kind, at);
        edit(() => result.draft);
        setSelected([result.id]);
      },
      connect(source, handle, target) {
        edit((d) => connect(d, source, handle, target));
      },
      move(positions) {
        edit((d) => moveNodes(d, positions));
      },
      remove(ids) {
        edit((d) => deleteNodes(d, ids));
        setSelected((s) => s.filter((id) => !ids.has(id)));
      },
      select(ids) {
        setSelected(ids);
      }
    }),
    [edit]
  );
  const readOnlyActions: CanvasActions = useMemo(
    () => ({
      add() {},
      connect() {},
      move() {},
      remove() {},
      select(ids) {
        setSelected(ids);
      }
    }),
    []
  );

  const addAtCentre = (kind: NodeKind) => {
    const pane = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = pane ? rf.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
    const offset = (draft?.nodes.length ?? 0) % 5;
    actions.add(kind, { x: centre.x - 110 + offset * 30, y: centre.y - 50 + offset * 30 });
  };

  const save = useCallback(async () => {
    if (open === null) return;
    const text = draftText(open.history.present);
    const result = await saveFlow(open.id, text, open.baseVersion);
    if (result.ok) {
      const savedDraft = open.history.present;
      const current = openRef.current;
      if (current !== null && current.id === open.id) replaceOpen({ ...current, baseVersion: result.version, saved: savedDraft });
      await dropDraft(open.id);
      setNotice({ kind: 'info', text: `Saved flows/${open.id}.ivr.json.` });
      void refreshList();
      return;
    }
    if (result.conflict !== undefined) {
      // Someone saved this flow since it was opened here: keep both.
      const copyId = `${open.id}-conflict-${Date.now().toString(36)}`;
      const copy = { ...open.history.present, id: copyId, name: `${open.history.present.name} (my version)` };
      const kept = await saveFlow(copyId, draftText(copy), null);
      setNotice({
        kind: 'conflict',
        text: kept.ok
          ? `Conflict: flows/${open.id}.ivr.json was saved elsewhere since you opened it. Your version is saved as flows/${copyId}.ivr.json; the other is untouched. Compare them and keep what you need.`
          : `Conflict: flows/${open.id}.ivr.json was saved elsewhere since you opened it, and your version could not be saved beside it (${kept.message}). Your changes stay in this tab and in its draft.`
      });
      if (kept.ok) {
        await dropDraft(open.id);
        replaceOpen({ id: copyId, history: startHistory(copy), baseVersion: kept.version, saved: copy });
        const url = new URL(window.location.href);
        url.searchParams.set('flow', copyId);
        window.history.replaceState(null, '', url);
      }
      void refreshList();
      return;
    }
    setNotice({ kind: 'error', text: `Not saved: ${result.message}`, ...(result.problems ? { problems: result.problems } : {}) });
  }, [open, refreshList]);

  const newFlow = async () => {
    const name = window.prompt('Name of the new flow', 'New flow');
    if (name === null || name.trim() === '') return;
    let id = slug(name);
    const taken = new Set(flows.map((f) => f.id));
    for (let i = 2; taken.has(id); i++) id = `${slug(name)}-${i}`;
    const fresh = emptyDraft(id, name.trim());
    replaceOpen({ id, history: startHistory(fresh), baseVersion: null, saved: null });
    setSelected([]);
    setNotice({ kind: 'info', text: `New flow "${name.trim()}": add nodes from the palette, then Save.` });
    const url = new URL(window.location.href);
    url.searchParams.set('flow', id);
    window.history.replaceState(null, '', url);
  };

  const duplicateFlow = async () => {
    if (open === null) return;
    const taken = new Set(flows.map((f) => f.id));
    let id = `${open.id}-copy`;
    for (let i = 2; taken.has(id); i++) id = `${open.id}-copy-${i}`;
    const copy = { ...open.history.present, id, name: `${open.history.present.name} (copy)` };
    const result = await saveFlow(id, draftText(copy), null);
    if (!result.ok) {
      setNotice({ kind: 'error', text: `Could not duplicate: ${result.message}` });
      return;
    }
    await refreshList();
    await openFlow(id);
  };

  const renameFlow = async () => {
    if (open === null) return;
    const name = window.prompt('New name of the flow', open.history.present.name);
    if (name === null || name.trim() === '') return;
    const newId = slug(name);
    if (newId === open.id || open.baseVersion === null || flows.some((f) => f.id === newId)) {
      edit((d) => ({ ...d, name: name.trim() }));
      return;
    }
    const moved = { ...open.history.present, id: newId, name: name.trim() };
    const result = await saveFlow(newId, draftText(moved), null);
    if (!result.ok) {
      setNotice({ kind: 'error', text: `Could not rename: ${result.message}` });
      return;
    }
    await deleteFlow(open.id, open.baseVersion, newId);
    await dropDraft(open.id);
    await refreshList();
    await openFlow(newId);
  };

  const importFile = async (file: File) => {
    const text = await file.text();
    const parsed = parseJson(text, file.name);
    if (!parsed.ok) {
      setNotice({ kind: 'error', text: `${file.name} is not JSON.`, problems: parsed.problems });
      return;
    }
    const loaded = loadAnyFlow(parsed.value, file.name);
    if (!loaded.ok) {
      setNotice({ kind: 'error', text: `${file.name} could not be imported.`, problems: loaded.problems });
      return;
    }
    const taken = new Set(flows.map((f) => f.id));
    let id = slug(loaded.flow.id === '' ? file.name.replace(/\.json$/i, '') : loaded.flow.name || loaded.flow.id);
    const base = id;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    let imported: Draft = { ...loaded.flow, id };
    if (imported.nodes.some((n) => n.position === undefined)) {
      const positions = await layoutPositions(imported, new Map());
      imported = moveNodes(imported, positions);
    }
    replaceOpen({ id, history: startHistory(imported), baseVersion: null, saved: null });
    setSelected([]);
    setNotice({
      kind: 'info',
      text: `Imported ${file.name} (${loaded.format === 'native' ? 'Zero Out' : loaded.format}) as "${id}" with ${imported.nodes.length} nodes${loaded.notes.length > 0 ? ` and ${loaded.notes.length} import notes` : ''}. Save to keep it in flows/.`
    });
    const url = new URL(window.location.href);
    url.searchParams.set('flow', id);
    window.history.replaceState(null, '', url);
    fitAll();
  };

  const exportTo = (target: ExportTarget) => {
    if (open === null || analysis === undefined) return;
    if (analysis.flow === undefined) {
      setNotice({ kind: 'error', text: 'Export needs a valid flow: fix the schema problems first.' });
      return;
    }
    const result = exportFlow(analysis.flow, `${open.id}.ivr.json`, target, { env: loadEnvironment() });
    if (!result.ok) {
      const missing = result.problems.some((p) => p.message.includes('export environment'));
      setNotice({
        kind: 'error',
        text: `Export to ${EXPORT_LABELS[target]} failed.${missing ? ' Add the missing references with Export → Environment…' : ''}`,
        problems: result.problems
      });
      return;
    }
    const extension = target === 'mermaid' ? 'mmd' : 'json';
    download(`${open.id}.${target}.${extension}`, result.text, target === 'mermaid' ? 'text/plain' : 'application/json');
    setNotice({ kind: 'info', text: `Exported to ${EXPORT_LABELS[target]}${result.notes.length > 0 ? ` with ${result.notes.length} notes` : ''}.` });
  };

  const autoLayout = async () => {
    if (draft === undefined) return;
    const sizes = new Map<string, Size>();
    for (const node of rf.getNodes()) {
      const width = node.measured?.width ?? node.width;
      const height = node.measured?.height ?? node.height;
      if (width && height) sizes.set(node.id, { width, height });
    }
    const positions = await layoutPositions(draft, sizes);
    edit((d) => moveNodes(d, positions));
    fitAll();
  };

  const pickProblem = (problem: ProblemItem) => {
    if (problem.node === undefined) return;
    showNode(problem.node);
  };

  /** Selects a node on the canvas and brings it to the middle of the view. */
  const showNode = (id: string) => {
    setSelected([id]);
    const node = rf.getNode(id);
    if (node) {
      const w = node.measured?.width ?? 240;
      const h = node.measured?.height ?? 120;
      void rf.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(rf.getZoom(), 1), duration: 300 });
    }
  };

  // Keyboard shortcuts outside text fields.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (!review) void save();
        return;
      }
      if (typing || !mod || open === null || review) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        travel('undo');
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        travel('redo');
      } else if (key === 'c') {
        clipboard.current = open.history.present.nodes.filter((n) => selectedSet.has(n.id));
      } else if (key === 'v' && clipboard.current.length > 0) {
        event.preventDefault();
        const result = pasteNodes(open.history.present, clipboard.current, { x: 40, y: 40 });
        edit(() => result.draft);
        setSelected(result.ids);
      } else if (key === 'd' && selected.length > 0) {
        event.preventDefault();
        const d = open.history.present;
        const result = pasteNodes(d, d.nodes.filter((n) => selectedSet.has(n.id)), { x: 40, y: 40 });
        edit(() => result.draft);
        setSelected(result.ids);
      } else if (key === 'a') {
        event.preventDefault();
        setSelected(open.history.present.nodes.map((n) => n.id));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, save, edit, travel, selected, selectedSet, review]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onProgress = useCallback((at: string | null, route: readonly string[]) => setCall({ at, route }), []);
  const saveTest = useCallback((test: TestCall) => edit((d) => ({ ...d, tests: [...(d.tests ?? []), test] })), [edit]);
  const addTests = useCallback((tests: TestCall[]) => edit((d) => ({ ...d, tests: [...(d.tests ?? []), ...tests] })), [edit]);
  // Nodes no saved test call reaches, when the coverage overlay is on.
  const uncovered = useMemo(
    () => (showCoverage && analysis?.flow ? new Set(coverageOf(analysis.flow).nodes.missing) : undefined),
    [showCoverage, analysis]
  );

  /** Loads the version to compare with, and shows the changes. */
  const startComparison = async (source: CompareSource) => {
    setChoosingComparison(false);
    if (open === null) return;
    let text: string;
    let name: string;
    let label: string;
    if (source.kind === 'file') {
      text = await source.file.text();
      name = source.file.name;
      label = source.file.name;
    } else if (source.kind === 'revision') {
      const read = await readRevision(open.id, source.revision.rev).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      if (read instanceof Error) {
        setNotice({ kind: 'error', text: `Cannot compare with commit ${source.revision.short}: ${read.message}` });
        return;
      }
      text = read;
      name = `${open.id}.ivr.json@${source.revision.short}`;
      label = `commit ${source.revision.short}`;
    } else {
      const id = source.kind === 'saved' ? open.id : source.id;
      const file = await readFlow(id).catch(() => undefined);
      if (file === undefined) {
        setNotice({ kind: 'error', text: `Cannot compare: flow ${JSON.stringify(id)} could not be read.` });
        return;
      }
      text = file.text;
      name = file.file;
      label = source.kind === 'saved' ? 'the saved version' : `flow ${JSON.stringify(id)}`;
    }
    const parsed = parseJson(text, name);
    const loaded = parsed.ok ? loadAnyFlow(parsed.value, name) : undefined;
    if (!parsed.ok || loaded === undefined || !loaded.ok) {
      setNotice({ kind: 'error', text: `Cannot compare with ${name}: it is not a flow.`, problems: !parsed.ok ? parsed.problems : loaded !== undefined && !loaded.ok ? loaded.problems : [] });
      return;
    }
    if (analysis?.flow === undefined) {
      setNotice({ kind: 'error', text: 'Comparing needs a valid flow: fix the schema problems first.' });
      return;
    }
    setComparison({ label, base: loaded.flow });
    setStep(-1);
    setNotice(null);
  };

  const goToStep = (index: number) => {
    const target = compared?.steps[index];
    if (target === undefined) return;
    setStep(index);
    showNode(target.canvasId);
  };

  const setReviewMode = (on: boolean) => {
    setReview(on);
    const url = new URL(window.location.href);
    if (on) url.searchParams.set('review', '1');
    else url.searchParams.delete('review');
    window.history.replaceState(null, '', url);
  };

  return (
    <div className="app">
      <header className="toolbar" role="toolbar" aria-label="Flow tools">
        <h1>Zero Out</h1>
        <label className="flow-picker">
          <span>Flow</span>
          <select
            aria-label="Open flow"
            value={open?.id ?? ''}
            onChange={(e) => {
              if (e.target.value !== '') void openFlow(e.target.value);
            }}
          >
            <option value="">Choose a flow…</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
                {f.error ? ' (unreadable)' : ''}
              </option>
            ))}
            {open !== null && !flows.some((f) => f.id === open.id) && <option value={open.id}>{open.history.present.name} (not saved)</option>}
          </select>
        </label>
        {review ? (
          <>
            <span className="review-banner">Review mode: read-only</span>
            <button type="button" onClick={() => setReviewMode(false)}>
              Back to editing
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => void newFlow()}>
              New flow
            </button>
            <button type="button" disabled={open === null} onClick={() => void renameFlow()}>
              Rename
            </button>
            <button type="button" disabled={open === null || open.baseVersion === null} onClick={() => void duplicateFlow()}>
              Duplicate
            </button>
            <button type="button" className="primary" disabled={open === null} onClick={() => void save()}>
              Save
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
            <button type="button" disabled={!draft || draft.nodes.length === 0} onClick={() => void autoLayout()}>
              Auto-layout
            </button>
          </>
        )}
        <button type="button" disabled={open === null} onClick={() => setChoosingComparison(true)}>
          Compare with…
        </button>
        {!review && (
          <button type="button" disabled={open === null || open.baseVersion === null || dirty} title={dirty ? 'Save first: reviewers see the saved flow.' : undefined} onClick={() => setReviewMode(true)}>
            Review
          </button>
        )}
        {choosingComparison && open !== null && (
          <CompareDialog openId={open.id} hasSaved={open.baseVersion !== null} flows={flows} onCompare={(source) => void startComparison(source)} onClose={() => setChoosingComparison(false)} />
        )}
        <span className="checkbox">
          <input id="show-times" type="checkbox" checked={showTimes} onChange={(e) => setShowTimes(e.target.checked)} />
          <label htmlFor="show-times">Seconds to a person</label>
        </span>
        <span className="checkbox">
          <input id="show-coverage" type="checkbox" checked={showCoverage} onChange={(e) => setShowCoverage(e.target.checked)} />
          <label htmlFor="show-coverage">Test coverage</label>
        </span>
        {!review && (
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import
          </button>
        )}
        <JsonFilePicker label="Import file" inputRef={fileInput} onFile={(file) => void importFile(file)} />
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
      </header>
      {notice !== null && (
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
          <button type="button" className="small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <main
        className={review ? 'workspace is-review' : 'workspace'}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) e.preventDefault();
        }}
        onDrop={(e) => {
          const file = e.dataTransfer.files[0];
          if (file && !review && !e.dataTransfer.types.includes(KIND_MIME)) {
            e.preventDefault();
            void importFile(file);
          }
        }}
      >
        {!review && (
        <nav className="palette" aria-label="Palette">
          <h2>Add</h2>
          <ul>
            {PALETTE.map((p) => (
              <li key={p.kind}>
                <button
                  type="button"
                  draggable
                  disabled={open === null}
                  title={p.hint}
                  aria-label={`Add ${p.label}`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(KIND_MIME, p.kind);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => addAtCentre(p.kind)}
                >
                  <span aria-hidden="true">{p.icon}</span> {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        )}
        {draft !== undefined && analysis !== undefined ? (
          <FlowCanvas
            draft={draft}
            analysis={analysis}
            selected={selectedSet}
            showTimes={showTimes}
            callAt={call.at}
            callRoute={call.route}
            uncovered={uncovered}
            heat={heat}
            actions={review ? readOnlyActions : actions}
            fitRequest={fitRequest}
            readOnly={review}
            {...(compared === undefined ? {} : { compare: compared })}
            {...(review ? { comments: commentCounts } : {})}
          />
        ) : (
          <section className="canvas empty" aria-label="Flow canvas">
            <p>Open a flow from the list, or start a new one.</p>
          </section>
        )}
        {draft !== undefined && compared !== undefined && (
          <ChangesPanel
            view={compared}
            current={step}
            onStep={goToStep}
            onEnd={() => {
              setComparison(null);
              setStep(-1);
            }}
          />
        )}
        {draft !== undefined && compared === undefined && review && open !== null && (
          <CommentsPanel flowId={open.id} nodes={draft.nodes} node={selected.length === 1 ? selected[0] : undefined} onCounts={setCommentCounts} onShowNode={showNode} />
        )}
        {draft !== undefined && compared === undefined && !review && (
          <Inspector
            draft={draft}
            selected={selected}
            fieldProblems={analysis?.fieldProblems ?? new Map()}
            onField={(node, pointer, value) => edit((d) => setField(d, node, pointer, value), `field:${node}:${pointer}`)}
            onRename={(from, to) => {
              edit((d) => renameNode(d, from, to));
              setSelected([to]);
            }}
            onMakeStart={(id) => edit((d) => ({ ...d, start: id }))}
          />
        )}
      </main>
      {draft !== undefined && analysis !== undefined && (
        <footer className="panels">
          <Problems problems={analysis.problems} onPick={pickProblem} />
          <Simulator flow={analysis.flow} onProgress={onProgress} onSaveTest={review ? undefined : saveTest} onAddTests={review ? undefined : addTests} />
          <Traffic flow={analysis.flow} onHeat={setHeat} />
        </footer>
      )}
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Designer />
    </ReactFlowProvider>
  );
}
