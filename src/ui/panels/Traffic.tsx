/**
 * Simulated caller traffic on the flow, run in a Web Worker: a progress bar,
 * the outcome shares, a histogram of time to a person, and a heat overlay of
 * traffic and hang-ups per node on the canvas.
 */
import { FlowPanel } from './FlowPanel.tsx';
import { useEffect, useId, useRef, useState } from 'react';
import type { Flow } from '../../core/model/index.ts';
import { OUTCOME_LABELS, TRAFFIC_OUTCOMES } from '../../core/simulate/index.ts';
import type { TrafficMessage } from '../services/traffic.worker.ts';

type Done = Extract<TrafficMessage, { type: 'done' }>;

export interface Heat {
  readonly through: Readonly<Record<string, number>>;
  readonly abandoned: Readonly<Record<string, number>>;
  readonly calls: number;
}

interface Props {
  flow: Flow | undefined;
  onHeat(heat: Heat | undefined): void;
}

export function Traffic({ flow, onHeat }: Props) {
  const [calls, setCalls] = useState('10000');
  const [seed, setSeed] = useState('1');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showHeat, setShowHeat] = useState(false);
  const worker = useRef<Worker | null>(null);
  const callsId = useId();
  const seedId = useId();
  const heatId = useId();
  const histogramId = useId();

  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => {
    onHeat(showHeat && result !== null ? { through: result.heat, abandoned: result.abandoned, calls: result.report.calls } : undefined);
  }, [showHeat, result, onHeat]);

  const run = () => {
    if (flow === undefined) return;
    const n = Number(calls);
    const s = Number(seed);
    if (!Number.isInteger(n) || n < 1 || n > 5_000_000 || !Number.isSafeInteger(s) || s < 0) {
      setError('Calls must be a whole number from 1 to 5,000,000 and the seed a whole number from 0 to 9,007,199,254,740,991.');
      return;
    }
    worker.current?.terminate();
    const w = new Worker(new URL('../services/traffic.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: n });
    w.onmessage = (event: MessageEvent<TrafficMessage>) => {
      const message = event.data;
      if (message.type === 'progress') setProgress({ done: message.done, total: message.total });
      else if (message.type === 'done') {
        setResult(message);
        w.terminate();
      } else {
        setError(message.message);
        w.terminate();
      }
    };
    w.postMessage({ flow, calls: n, seed: s });
  };

  const max = result ? Math.max(1, ...result.histogram.counts) : 1;
  const percent = progress ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <FlowPanel name="Traffic" className="traffic" flow={flow} waiting="Traffic runs once the flow has no schema problems.">
      {(flow) => (
        <>
          <div className="call-setup">
            <label htmlFor={callsId}>Calls</label>
            <input id={callsId} type="number" min={1} step={1000} value={calls} onChange={(e) => setCalls(e.target.value)} />
            <label htmlFor={seedId}>Seed</label>
            <input id={seedId} type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} />
            <button type="button" className="primary" onClick={run}>
              Run traffic
            </button>
          </div>
          {progress !== null && (
            <div className="progress" role="progressbar" aria-label="Simulated calls" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <div style={{ width: `${percent}%` }} />
            </div>
          )}
          {error !== null && (
            <p className="field-problem" role="alert">
              {error}
            </p>
          )}
          {result !== null && (
            <>
              <ul className="shares" aria-label="Outcomes">
                {TRAFFIC_OUTCOMES.map((o) => (
                  <li key={o}>
                    <strong>{(result.report.outcomes[o] * 100).toFixed(1)}%</strong> {OUTCOME_LABELS[o]}
                  </li>
                ))}
              </ul>
              <p>
                Time to a person: median {result.report.timeToPerson.p50 ?? '—'} s, 90% within {result.report.timeToPerson.p90 ?? '—'} s
              </p>
              <figure className="histogram-figure" aria-labelledby={histogramId}>
                <figcaption id={histogramId}>Time to a person, simulated calls that reached one</figcaption>
                <div className="axis-y" role="group" aria-label="Vertical axis: calls per bin">
                  <span className="axis-title">Calls</span>
                  <span className="tick-max">{max.toLocaleString('en-US')}</span>
                  <span className="tick-min">0</span>
                </div>
                <div className="histogram" role="img" aria-label={`Time to a person, in bins of ${result.histogram.binSeconds} seconds: calls per bin, from 0 to ${max.toLocaleString('en-US')}`}>
                  {result.histogram.counts.map((count, i) => (
                    <div
                      key={i}
                      className="bar"
                      title={`${i * result.histogram.binSeconds}–${(i + 1) * result.histogram.binSeconds} s: ${count} call${count === 1 ? '' : 's'}`}
                      style={{ height: `${Math.round((count / max) * 100)}%` }}
                    />
                  ))}
                </div>
                <div className="axis-x" role="group" aria-label="Horizontal axis: seconds to a person">
                  <span>0 s</span>
                  <span className="axis-title">Seconds to a person</span>
                  <span>{(result.histogram.counts.length * result.histogram.binSeconds).toLocaleString('en-US')} s</span>
                </div>
              </figure>
              <span className="checkbox">
                <input id={heatId} type="checkbox" checked={showHeat} onChange={(e) => setShowHeat(e.target.checked)} />
                <label htmlFor={heatId}>Traffic heat on the canvas</label>
              </span>
              <table className="scorecard" aria-label="CX scorecard">
                <tbody>
                  {result.scorecard.map((p) => (
                    <tr key={p.pillar} className={`rating-${p.rating}`}>
                      <th scope="row">{p.pillar}</th>
                      <td>{p.rating}</td>
                      <td>
                        {p.evidence.join('; ')}
                        {Object.keys(p.findings).length > 0 && (
                          <span className="muted"> ({Object.entries(p.findings).map(([rule, n]) => `${rule} ×${n}`).join(', ')})</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </FlowPanel>
  );
}
