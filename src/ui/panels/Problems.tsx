import type { Diagnostic } from '../../core/diagnostic/index.ts';
import type { ProblemItem, ProblemSeverity } from '../model/analysis.ts';
import { displayName } from '../../core/model/index.ts';

interface Props {
  problems: readonly ProblemItem[];
  /** The notes of the flow's import and of its last export: listed with the findings, by severity. */
  notes?: readonly Diagnostic[];
  /** The flow's nodes, to name the node a note is about. */
  nodes?: readonly { readonly id: string; readonly name?: string | undefined }[];
  onPick(problem: ProblemItem): void;
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
export function Problems({ problems, notes = [], nodes = [], onPick }: Props) {
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
          {items.map((p, i) => {
            const from = source(p);
            return (
              <li key={`${p.code}-${p.pointer}-${p.node ?? ''}-${i}`}>
                <button type="button" className={`problem problem-${p.severity}`} onClick={() => onPick(p)}>
                  <span className={`severity severity-${p.severity}`}>{LABEL[p.severity]}</span>
                  <span className="message">
                    {from !== undefined && p.node !== undefined && <strong className="problem-node" title={p.node}>{shortName(nodeNames.get(p.node) ?? p.node)}: </strong>}
                    {p.message}
                  </span>
                  <code className="rule" title={from === undefined ? undefined : `${from} note: what the ${from.toLowerCase()} could not carry over exactly`}>
                    {p.code}
                  </code>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
