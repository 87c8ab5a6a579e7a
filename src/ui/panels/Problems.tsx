import type { ProblemItem } from '../model/analysis.ts';

interface Props {
  problems: readonly ProblemItem[];
  onPick(problem: ProblemItem): void;
}

const LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/** Findings by severity, each with its rule id; picking one selects and centres its node. */
export function Problems({ problems, onPick }: Props) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of problems) counts[p.severity]++;
  return (
    <section className="problems" aria-label="Problems">
      <h2>
        Problems{' '}
        <span className="counts">
          {counts.error} errors, {counts.warning} warnings, {counts.info} infos
        </span>
      </h2>
      {problems.length === 0 ? (
        <p className="clean" role="status">
          No problems: every caller can reach help.
        </p>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.code}-${p.pointer}-${i}`}>
              <button type="button" className={`problem problem-${p.severity}`} onClick={() => onPick(p)}>
                <span className={`severity severity-${p.severity}`}>{LABEL[p.severity]}</span>
                <span className="message">{p.message}</span>
                <code className="rule">{p.code}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
