/**
 * The designer's shell: lays out the toolbar, canvas and panels, and wires
 * them to the hooks in hooks/, one per concern (the open flow, its files,
 * import, export, compare, review, simulation, overlays, shortcuts).
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { FlowCanvas, KIND_MIME } from './canvas/FlowCanvas.tsx';
import { useAnalysis } from './hooks/useAnalysis.ts';
import { useAsk } from './hooks/useAsk.ts';
import { useCanvasView } from './hooks/useCanvasView.ts';
import { useCompare } from './hooks/useCompare.ts';
import { useEditing } from './hooks/useEditing.ts';
import { useExport } from './hooks/useExport.ts';
import { useFlowDocument } from './hooks/useFlowDocument.ts';
import { useFlowFiles } from './hooks/useFlowFiles.ts';
import { useFlowStore, type FlowPlaces } from './hooks/useFlowStore.ts';
import { useFlowTransfer } from './hooks/useFlowTransfer.ts';
import { useImport } from './hooks/useImport.ts';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts.ts';
import { useNotes } from './hooks/useNotes.ts';
import { errorText, useNotice } from './hooks/useNotice.ts';
import { useOverlays } from './hooks/useOverlays.ts';
import { useReview } from './hooks/useReview.ts';
import { useSimulation } from './hooks/useSimulation.ts';
import { useWitness } from './hooks/useWitness.ts';
import { freeTestName, isWitnessed } from './model/witness.ts';
import type { Finding } from '../core/analysis/index.ts';
import type { ProblemItem } from './model/analysis.ts';
import { AskDialog } from './panels/AskDialog.tsx';
import { CommentsPanel } from './panels/Comments.tsx';
import { ChangesPanel } from './panels/Compare.tsx';
import { HelpDialog } from './panels/Help.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { Problems } from './panels/Problems.tsx';
import { Simulator } from './panels/Simulator.tsx';
import { Traffic } from './panels/Traffic.tsx';
import { NoticeBar } from './shell/NoticeBar.tsx';
import { Palette } from './shell/Palette.tsx';
import { Toolbar } from './shell/Toolbar.tsx';
import { Workspace } from './shell/Dock.tsx';
import type { FlowStore } from './services/store.ts';

function Designer({ store, places }: { readonly store: FlowStore; readonly places: FlowPlaces }) {
  const { notice, notify } = useNotice();
  const doc = useFlowDocument();
  const { open, draft } = doc;
  const analysis = useAnalysis(draft);
  const canvas = useCanvasView();
  const { selected, selectedSet, setSelected, fitAll, showNode } = canvas;
  const reviewing = useReview();
  const { review, commentCounts, setCommentCounts } = reviewing;
  const compare = useCompare(store, open, analysis, notify, showNode);
  const { compared, end: endComparison } = compare;
  // A flow opened from flows/ starts with nothing selected, compared or counted from the last one.
  const onOpened = useCallback(() => {
    setSelected([]);
    endComparison();
    setCommentCounts(new Map());
    fitAll();
  }, [setSelected, endComparison, setCommentCounts, fitAll]);
  const ask = useAsk();
  const notes = useNotes();
  const [helpOpen, setHelpOpen] = useState(false);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  const files = useFlowFiles(doc, { store, notify, setSelected, onOpened, ask });
  const transfer = useFlowTransfer(doc, files, notify);
  const importer = useImport(files.takenIds, doc, canvas, notify, notes.setNotes);
  const exporter = useExport(open, analysis, notify, notes.setNotes);
  const overlays = useOverlays(analysis);
  const simulation = useSimulation(doc.edit);
  const editing = useEditing(doc, canvas, review);
  const findWitness = useWitness(analysis?.flow);
  const { replayCall, saveTest } = simulation;
  const findings = analysis?.lint?.findings;
  const tests = analysis?.flow?.tests;
  // Replay and Save as test call for the findings a call can show (only for the flow as drafted: not while comparing).
  const witnesses = useMemo(
    () =>
      findings === undefined
        ? undefined
        : {
            has: (problem: ProblemItem) => isWitnessed(problem, findings),
            // `has` keeps the buttons to the lint findings, so the line is one.
            find: (problem: ProblemItem) => findWitness(problem as Finding),
            onReplay: replayCall,
            onSave: review
              ? undefined
              : (call: Parameters<typeof saveTest>[0]) => {
                  const name = freeTestName(call.name, tests ?? []);
                  saveTest({ ...call, name });
                  return name;
                },
            hasTest: (name: string) => (tests ?? []).some((test) => test.name === name)
          },
    [findings, findWitness, replayCall, review, saveTest, tests]
  );
  useKeyboardShortcuts(doc, canvas, review, files.save, showHelp);
  // A call and a traffic run belong to one opening of one flow, in one mode: opening another flow, or review mode, ends them.
  const sessionKey = `${open?.session ?? 0}:${review ? 'review' : 'edit'}`;
  const { openFolder, chooseBrowser } = places;
  const folder = {
    canOpen: places.canOpenFolder,
    open: () => void openFolder().catch((error: unknown) => notify({ kind: 'error', text: `The folder was not opened: ${errorText(error)}` })),
    useBrowser: () => void chooseBrowser()
  };

  return (
    <div className="app">
      <Toolbar
        doc={doc}
        analysis={analysis}
        files={files}
        transfer={transfer}
        review={reviewing}
        compare={compare}
        overlays={overlays}
        importer={importer}
        exporter={exporter}
        onAutoLayout={() => void editing.autoLayout()}
        onHelp={showHelp}
        folder={folder}
      />
      <NoticeBar notice={notice} onDismiss={() => notify(null)} />
      <Workspace
        className={review ? 'is-review' : undefined}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) e.preventDefault();
        }}
        onDrop={(e) => {
          const file = e.dataTransfer.files[0];
          if (file && !review && !e.dataTransfer.types.includes(KIND_MIME)) {
            e.preventDefault();
            void importer.importFile(file);
          }
        }}
        show={{ id: 'simulator', count: simulation.replays }}
        palette={review ? undefined : <Palette disabled={open === null} onAdd={editing.addFromPalette} />}
        canvas={
          draft !== undefined && analysis !== undefined ? (
            <FlowCanvas
              draft={draft}
              analysis={analysis}
              selected={selectedSet}
              showTimes={overlays.showTimes}
              callAt={simulation.call.at}
              callRoute={simulation.call.route}
              uncovered={overlays.uncovered}
              heat={overlays.heat}
              actions={editing.canvasActions}
              fitRequest={canvas.fitRequest}
              readOnly={review}
              {...(compared === undefined ? {} : { compare: compared })}
              {...(review ? { comments: commentCounts } : {})}
            />
          ) : (
            <section className="canvas empty" aria-label="Flow canvas">
              <p>Open a flow from the list, or start a new one.</p>
            </section>
          )
        }
        inspectorIdle={selected.length !== 1}
        inspector={
          draft !== undefined && compared === undefined && !review ? (
            <Inspector draft={draft} selected={selected} fieldProblems={analysis?.fieldProblems ?? new Map()} {...editing.inspector} />
          ) : undefined
        }
        panels={[
          ...(draft !== undefined && compared !== undefined
            ? [{ id: 'changes', label: 'Changes', raise: true, content: <ChangesPanel view={compared} current={compare.step} onStep={compare.goToStep} onEnd={endComparison} /> }]
            : []),
          ...(draft !== undefined && compared === undefined && review && open !== null
            ? [
                {
                  id: 'comments',
                  label: 'Comments',
                  raise: true,
                  content: <CommentsPanel store={store} flowId={open.id} nodes={draft.nodes} node={selected.length === 1 ? selected[0] : undefined} onCounts={setCommentCounts} onShowNode={showNode} />
                }
              ]
            : []),
          ...(draft !== undefined && analysis !== undefined
            ? [
                {
                  id: 'problems',
                  label: 'Problems',
                  badge: [...analysis.problems, ...notes.notesOf(open?.id)].filter((p) => p.severity !== 'info').length,
                  badgeTone: [...analysis.problems, ...notes.notesOf(open?.id)].some((p) => p.severity === 'error') ? ('error' as const) : ('warning' as const),
                  content: (
                    <Problems
                      problems={analysis.problems}
                      notes={notes.notesOf(open?.id)}
                      nodes={draft.nodes}
                      onPick={(problem) => {
                        if (problem.node !== undefined) showNode(problem.node);
                      }}
                      witnesses={compared === undefined ? witnesses : undefined}
                    />
                  )
                },
                {
                  id: 'simulator',
                  label: 'Simulator',
                  content: (
                    <Simulator
                      key={sessionKey}
                      flow={analysis.flow}
                      onProgress={simulation.onProgress}
                      onSaveTest={review ? undefined : simulation.saveTest}
                      onAddTests={review ? undefined : simulation.addTests}
                      replay={simulation.replay}
                      onReplayed={simulation.onReplayed}
                    />
                  )
                },
                { id: 'traffic', label: 'Traffic', content: <Traffic key={sessionKey} flow={analysis.flow} onHeat={overlays.setHeat} /> }
              ]
            : [])
        ]}
      />
      {ask.question !== null && <AskDialog key={ask.question.id} question={ask.question} />}
      {helpOpen && <HelpDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

/** Before anything opens: the folder opened on an earlier visit, offered again (the browser asks permission on a click). */
function FolderOffer({ places, name }: { readonly places: FlowPlaces; readonly name: string }) {
  return (
    <div className="app">
      <section className="folder-offer" aria-label="Where your flows are">
        <p>
          Last time your flows were in the folder <strong>{name}</strong> on your disk.
        </p>
        {places.offerError !== undefined && <p role="alert">{places.offerError}</p>}
        <div className="folder-offer-actions">
          <button type="button" className="primary" onClick={() => void places.reopenFolder()}>
            Reopen folder {name}
          </button>
          <button type="button" onClick={() => void places.chooseBrowser()}>
            Use this browser
          </button>
        </div>
      </section>
    </div>
  );
}

export function App() {
  // Where flows live (the local server, this browser, or a folder opened in it) is asked before anything is opened.
  const places = useFlowStore();
  const { store, offered, generation } = places;
  if (offered !== undefined) return <FolderOffer places={places} name={offered} />;
  if (store === null) {
    return (
      <div className="app">
        <p className="starting">Opening the designer…</p>
      </div>
    );
  }
  // A new place mounts the designer afresh: nothing of the last place's flow is left open (its unsaved edits stay as drafts).
  return (
    <ReactFlowProvider key={generation}>
      <Designer store={store} places={places} />
    </ReactFlowProvider>
  );
}
