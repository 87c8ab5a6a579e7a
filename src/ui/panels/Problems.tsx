import { useId, useState } from 'react';
import type { Diagnostic } from '../../core/diagnostic/index.ts';
import type { WitnessResult } from '../../core/witness/index.ts';
import type { ProblemItem, ProblemSeverity } from '../model/analysis.ts';
import { displayName, type TestCall } from '../../core/model/index.ts';

/** What the panel can do with a finding's witness call: the call, in the shape of a saved test call, that shows it. */
export interface WitnessActions {
  /** Whether a line is a finding a call can show. */
  has(problem: ProblemItem): boolean;
  /** Finds its call (undefined when its rule has none). */
  find(problem: ProblemItem): Promise<WitnessResult | undefined>;
  /** Plays the call in the simulator. */
  onReplay(call: TestCall): void;
  /** Adds the call to the flow's test calls and gives the name it was saved under; absent when the flow is read-only. */
  onSave?: ((call: TestCall) => string) | undefined;
  /** Whether the flow has a test call of this name (a saved call undone has none). */
  hasTest(name: string): boolean;
}

/** What a finding's row says about its witness, after Replay or Save. */
type WitnessNote = { readonly kind: 'none' | 'failed'; readonly text: string } | { readonly kind: 'saved'; readonly name: string; readonly asksFix: boolean };

interface Props {
  problems: readonly ProblemItem[];
  /** The notes of the flow's import and of its last export: listed with the findings, by severity. */
  notes?: readonly Diagnostic[];
  /** The flow's nodes, to name the node a note is about. */
  nodes?: readonly { readonly id: string; readonly name?: string | undefined }[];
  onPick(problem: ProblemItem): void;
  /** Replay and Save for the findings a call can show; absent when none are offered. */
  witnesses?: WitnessActions | undefined;
}

const LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;
const ORDER: Record<ProblemSeverity, number> = { error: 0, warning: 1, info: 2 };
const NOUN = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] } as const;

/** "1 error", "2 warnings", "0 notes": a count of items of one severity. */
export function severityCount(severity: ProblemSeverity, count: number): string {
  return `${count} ${NOUN[severity][count === 1 ? 0 : 1]}`;
}

/** A node's name as a note's row starts with it: a long generated id (a vendor's UUID) cut to its start. */
function shortName(name: string): string {
  return /^[0-9a-f]{8}-[0-9a-f-]{20,}$/i.test(name) ? `${name.slice(0, 8)}…` : name;
}

/**
 * Rows listed at first, and added by each "Show more": a generated flow of
 * 10,000 nodes has thousands of findings, and a row each made the page
 * draw thousands of rows as it opened and again after every edit. The
 * counts above the list are always of every finding.
 */
const PROBLEMS_SHOWN = 200;

/** A finding as it stays from one analysis to the next: what it is about and what it says. */
const findingKey = (p: ProblemItem): string => JSON.stringify([p.code, p.node ?? null, p.pointer, p.message]);

/** Where a note came from, as its row says it. */
function source(item: Diagnostic): string | undefined {
  if (item.code === 'import-note') return 'Import';
  if (item.code === 'export-note') return 'Export';
  return undefined;
}

/**
 * Findings by severity, each with its rule id, and the notes of the flow's
 * import and last export; picking one that names a node selects and centres it.
 */
export function Problems({ problems, notes = [], nodes = [], onPick, witnesses }: Props) {
  const base = useId();
  // Per finding, what was found about its call. The findings are new objects after each edit (saving a call is one), so
  // they are told apart by what they say; why there is no call holds only for the findings it was found for.
  const [witnessNotes, setWitnessNotes] = useState<ReadonlyMap<string, { note: WitnessNote; problems: readonly ProblemItem[] }>>(new Map());
  const [busy, setBusy] = useState<string | null>(null);
  const [shown, setShown] = useState(PROBLEMS_SHOWN);
  const note = (problem: ProblemItem, value: WitnessNote) => setWitnessNotes((map) => new Map(map).set(findingKey(problem), { note: value, problems }));
  const noteOf = (problem: ProblemItem): WitnessNote | undefined => {
    const said = witnessNotes.get(findingKey(problem));
    if (said === undefined) return undefined;
    if (said.note.kind === 'saved') return witnesses?.hasTest(said.note.name) === true ? said.note : undefined;
    return said.problems === problems ? said.note : undefined;
  };
  const withWitness = (problem: ProblemItem, use: (call: TestCall, fix: TestCall | undefined) => void) => {
    if (witnesses === undefined) return;
    const key = findingKey(problem);
    setBusy(key);
    witnesses
      .find(problem)
      .then((found) => {
        if (found === undefined) note(problem, { kind: 'none', text: 'No call can show this finding.' });
        else if (found.witness === undefined) note(problem, { kind: 'none', text: `Nothing to replay. ${found.noWitness}.` });
        else use(found.witness, found.fix);
      })
      .catch((error: unknown) => note(problem, { kind: 'failed', text: `The call could not be found: ${error instanceof Error ? error.message : String(error)}` }))
      .finally(() => setBusy((b) => (b === key ? null : b)));
  };
  const nodeNames = new Map(nodes.map((n) => [n.id, displayName(n)]));
  const items = [...problems, ...notes].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of items) counts[p.severity]++;
  return (
    <section className="problems" aria-label="Problems">
      <h2>
        Problems{' '}
        <span className="counts">
          {severityCount('error', counts.error)}, {severityCount('warning', counts.warning)}, {severityCount('info', counts.info)}
        </span>
      </h2>
      {problems.length === 0 && (
        <p className="clean" role="status">
          No problems: every caller can reach help.
        </p>
      )}
      {items.length > 0 && (
        <ul>
          {items.slice(0, shown).map((p, i) => {
            const from = source(p);
            const witnessed = witnesses?.has(p) === true;
            const said = noteOf(p);
            const id = `${base}-problem-${i}`;
            return (
              <li key={`${p.code}-${p.pointer}-${p.node ?? ''}-${i}`}>
                <button type="button" id={id} className={`problem problem-${p.severity}`} onClick={() => onPick(p)}>
                  <span className={`severity severity-${p.severity}`}>{LABEL[p.severity]}</span>
                  <span className="message">
                    {from !== undefined && p.node !== undefined && <strong className="problem-node" title={p.node}>{shortName(nodeNames.get(p.node) ?? p.node)}: </strong>}
                    {p.message}
                  </span>
                  <code className="rule" title={from === undefined ? undefined : `${from} note: what the ${from.toLowerCase()} could not carry over exactly`}>
                    {p.code}
                  </code>
                </button>
                {witnessed && witnesses !== undefined && (
                  <div className="witness" aria-busy={busy === findingKey(p)}>
                    <div className="witness-actions">
                      <button type="button" className="small" aria-describedby={id} title="Play the call that shows this in the simulator" onClick={() => withWitness(p, (call) => witnesses.onReplay(call))}>
                        Replay
                      </button>
                      {witnesses.onSave !== undefined && (
                        <button
                          type="button"
                          className="small"
                          aria-describedby={id}
                          title="Add this call to the flow's test calls, as a test that fails until the flow is fixed"
                          onClick={() => {
                            const save = witnesses.onSave;
                            if (save !== undefined) withWitness(p, (call, fix) => note(p, { kind: 'saved', name: save(fix ?? call), asksFix: fix !== undefined }));
                          }}
                        >
                          Save as test call
                        </button>
                      )}
                    </div>
                    {said !== undefined && (
                      <p className={`witness-note witness-note-${said.kind}`} role="status">
                        {said.kind === 'saved' ? (
                          <>
                            Saved as test call “{said.name}”.{' '}
                            {said.asksFix ? 'It fails until the flow is fixed.' : 'It expects what the call does now, so it fails once the flow is fixed.'}
                          </>
                        ) : (
                          said.text
                        )}
                      </p>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {items.length > shown && (
        <button type="button" className="small show-more" onClick={() => setShown((n) => n + PROBLEMS_SHOWN)}>
          Show {Math.min(PROBLEMS_SHOWN, items.length - shown)} more problems ({items.length - shown} not shown)
        </button>
      )}
    </section>
  );
}
