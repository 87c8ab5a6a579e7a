/**
 * A simulated call on the flow's XState machine: a keypad, speech, silence
 * and hang-up; the transcript as the caller would hear it, with caller time;
 * where the call ends, said plainly. The call can be kept as a test call,
 * and the flow's test calls run here with pass or fail.
 */
import { FlowPanel } from './FlowPanel.tsx';
import { useActor } from '@xstate/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createFlowMachine, SUBFLOW_RECURSION, type CallInput, type CallResult, type TranscriptEntry } from '../../core/compile/index.ts';
import { callInput, describeStep, runTestCalls, type TestCallRun } from '../../core/calls/index.ts';
import { asTestCall, coverageOf, shortestPaths } from '../../core/simulate/index.ts';
import { displayName, type CallStep, type Flow, type TestCall } from '../../core/model/index.ts';
import { playTone, speak, stopSpeaking } from '../services/sound.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
/** Milliseconds between the steps of a replayed call, so the route can be followed on the canvas. */
export const REPLAY_PACE = 450;

/** How a call ended, in plain words. */
export function describeEnding(result: CallResult, flow: Flow): string {
  const node = flow.nodes.find((n) => n.id === result.node);
  const at = node === undefined ? '' : ` at “${displayName(node)}”`;
  const time = `after ${Math.round(result.seconds)} s${result.waitSeconds > 0 ? ` (plus ${Math.round(result.waitSeconds)} s waiting in the queue)` : ''}`;
  switch (result.outcome) {
    case 'person':
      return `Reached a person${at} ${time}.`;
    case 'voicemail':
      return `Left a voicemail${at} ${time}.`;
    case 'callback':
      return `A callback was scheduled${at} ${time}.`;
    case 'ended':
      return `The call ended by design${at} ${time}.`;
    case 'dropped':
      return `The call dropped${at}${result.reason ? `: “${result.reason}” leads nowhere` : ''} ${time}. The caller was left with nobody.`;
    case 'abandoned':
      return `The caller hung up${at} ${time}.`;
    case 'trapped':
      return result.reason?.startsWith(SUBFLOW_RECURSION) === true
        ? `The call runs a flow that is running already${at} (${result.reason.slice(SUBFLOW_RECURSION.length + 2)}): the caller is trapped.`
        : `The call went round without end${at}: the caller is trapped.`;
    case 'stepLimit':
      return `The call reached the step limit${at} without going round a loop ${time}.`;
  }
}

function formatAt(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const PRESSED = /^pressed (.)$/;

/**
 * The transcript's lines as shown: the key presses of one step of several keys
 * (from `runs`, first index → end) as one line, "pressed 111111111111". Each
 * line keeps the index of the last entry it shows.
 */
export function transcriptLines(transcript: readonly TranscriptEntry[], runs: ReadonlyMap<number, number>): { entry: TranscriptEntry; index: number }[] {
  const lines: { entry: TranscriptEntry; index: number }[] = [];
  for (let i = 0; i < transcript.length; i++) {
    const entry = transcript[i]!;
    const end = runs.get(i);
    if (end === undefined || entry.who !== 'caller' || !PRESSED.test(entry.text)) {
      lines.push({ entry, index: i });
      continue;
    }
    let keys = '';
    let j = i;
    for (; j < end && transcript[j]!.who === 'caller' && PRESSED.test(transcript[j]!.text); j++) keys += PRESSED.exec(transcript[j]!.text)![1];
    lines.push({ entry: { ...entry, text: `pressed ${keys}` }, index: j - 1 });
    i = j - 1;
  }
  return lines;
}

interface CallProps {
  flow: Flow;
  input: CallInput;
  speakPrompts: boolean;
  onProgress(node: string | null, route: readonly string[]): void;
  /** Saves the call as a test call; absent when the flow is read-only (review mode). */
  onSave?: ((steps: CallStep[], result: CallResult | null, name: string) => void) | undefined;
  /** A call to play step by step (a finding's witness), in its own environment; the caller's controls wait until it is played. */
  script?: TestCall | undefined;
}

/** The caller's steps of a call to replay (its checks, `expect` steps, are not played). */
const playable = (call: TestCall | undefined): CallStep[] => (call?.steps ?? []).filter((step) => !('expect' in step));

function ActiveCall({ flow, input, speakPrompts, onProgress, onSave, script }: CallProps) {
  const machine = useMemo(() => createFlowMachine(flow), [flow]);
  const [snapshot, send, actor] = useActor(machine, { input });
  // The transcript lines of keys pressed in one step (an account number in a replayed call), shown as one line: first index → end.
  const [keyRuns, setKeyRuns] = useState<ReadonlyMap<number, number>>(new Map());
  const [steps, setSteps] = useState<CallStep[]>([]);
  const [speech, setSpeech] = useState('');
  const [name, setName] = useState('');
  const [saved, setSaved] = useState(false);
  const sayId = useId();
  const nameId = useId();
  const spoken = useRef(0);
  const done = snapshot.status === 'done';
  const transcript = snapshot.context.transcript;
  const result = done ? (snapshot.output ?? null) : null;
  const scripted = useMemo(() => playable(script), [script]);
  const [played, setPlayed] = useState(0);
  // A replay can be paused, and then taken on one step at a time.
  const [paused, setPaused] = useState(false);
  const replaying = script !== undefined && played < scripted.length && !done;
  const playing = replaying && !paused;

  useEffect(() => {
    onProgress(done ? (result?.node ?? null) : snapshot.context.node, snapshot.context.route);
  }, [snapshot, done, result, onProgress]);
  useEffect(() => () => onProgress(null, []), [onProgress]);
  useEffect(() => {
    if (!speakPrompts) {
      spoken.current = transcript.length;
      return;
    }
    for (const entry of transcript.slice(spoken.current)) if (entry.who === 'flow') speak(entry.text, snapshot.context.locale);
    spoken.current = transcript.length;
  }, [transcript, speakPrompts, snapshot.context.locale]);

  const act = (step: CallStep) => {
    if (done) return;
    setSteps((list) => [...list, step]);
    if ('press' in step) {
      // A saved call may press several keys in one step (an account number): each is a key press of its own.
      const from = actor.getSnapshot().context.transcript.length;
      for (const key of step.press) {
        playTone(key);
        send({ type: 'KEY', key });
      }
      const to = actor.getSnapshot().context.transcript.length;
      if (step.press.length > 1) setKeyRuns((runs) => new Map(runs).set(from, to));
    } else if ('say' in step) send({ type: 'SPEECH', text: step.say });
    else if ('silence' in step) send({ type: 'NO_INPUT' });
    else if ('hangup' in step) {
      stopSpeaking();
      send({ type: 'HANGUP' });
    }
  };

  // A replayed call plays one step at a time, so the canvas shows the route as it grows.
  const next = scripted[played];
  const playNext = () => {
    if (next === undefined) return;
    act(next);
    setPlayed((n) => n + 1);
  };
  useEffect(() => {
    if (!playing || next === undefined) return;
    const timer = setTimeout(() => {
      act(next);
      setPlayed((n) => n + 1);
    }, REPLAY_PACE);
    return () => clearTimeout(timer);
    // `act` is new on each render; the step to play and whether to play it are what matter.
  }, [playing, next, played]);

  const transcriptEnd = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // scrollIntoView may return a promise; an effect must return nothing but a cleanup.
    void transcriptEnd.current?.scrollIntoView?.({ block: 'nearest' });
  }, [transcript.length]);

  return (
    <div className="call">
      <div className="call-log">
        {script !== undefined && (
          <p className="replay-status" role="status">
            {playing
              ? `Replaying “${script.name}”: step ${played + 1} of ${scripted.length}`
              : replaying
                ? `Replay of “${script.name}” paused before step ${played + 1} of ${scripted.length} (${describeStep(next!)})`
                : done
                ? `Replayed “${script.name}”.`
                : `Replayed “${script.name}”: after its last step the call waits at “${displayName(flow.nodes.find((n) => n.id === snapshot.context.node) ?? { id: snapshot.context.node ?? '' })}”.`}
          </p>
        )}
        {replaying && (
          <div className="replay-controls" role="group" aria-label="Replay">
            <button type="button" className="small" onClick={() => setPaused((p) => !p)}>
              {paused ? 'Resume' : 'Pause'}
            </button>
            <button type="button" className="small" disabled={!paused} onClick={playNext}>
              Next step
            </button>
          </div>
        )}
        <ol className="transcript" aria-label="Transcript">
          {transcriptLines(transcript, keyRuns).map(({ entry, index: i }) => (
            <li key={i} className={`line line-${entry.who}`} ref={i === transcript.length - 1 ? transcriptEnd : undefined}>
              <span className="at">{formatAt(entry.at)}</span>
              <span className="who">{entry.who === 'flow' ? 'IVR' : entry.who === 'caller' ? 'Caller' : '—'}</span>
              <span className="text">{entry.text}</span>
            </li>
          ))}
        </ol>
        {result !== null && (
          <p className={`ending ending-${result.outcome}`} role="status">
            {describeEnding(result, flow)}
          </p>
        )}
      </div>
      <div className="call-controls">
        <div className="keypad" role="group" aria-label="Keypad">
          {KEYS.map((key) => (
            <button key={key} type="button" disabled={done || replaying} onClick={() => act({ press: key })}>
              {key}
            </button>
          ))}
        </div>
        <form
          className="say"
          onSubmit={(event) => {
            event.preventDefault();
            if (speech.trim() === '') return;
            act({ say: speech.trim() });
            setSpeech('');
          }}
        >
          <label htmlFor={sayId}>Say…</label>
          <input id={sayId} type="text" value={speech} disabled={done || replaying} onChange={(e) => setSpeech(e.target.value)} placeholder="agent" />
          <button type="submit" disabled={done || replaying || speech.trim() === ''}>
            Say
          </button>
        </form>
        <div className="call-actions">
          <button type="button" disabled={done || replaying} onClick={() => act({ silence: true })}>
            Stay silent
          </button>
          <button type="button" className="danger" disabled={done || replaying} onClick={() => act({ hangup: true })}>
            Hang up
          </button>
        </div>
        {steps.length > 0 && onSave !== undefined && script === undefined && (
          <form
            className="save-call"
            onSubmit={(event) => {
              event.preventDefault();
              onSave(steps, result, name.trim() === '' ? `Call ${new Date().toISOString().slice(0, 16).replace('T', ' ')}` : name.trim());
              setSaved(true);
            }}
          >
            <label htmlFor={nameId}>Test call name</label>
            <input id={nameId} type="text" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" disabled={saved}>
              {saved ? 'Saved as a test call' : 'Save as test call'}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

interface SimulatorProps {
  flow: Flow | undefined;
  onProgress(node: string | null, route: readonly string[]): void;
  /** Adds test calls to the flow; both absent when the flow is read-only (review mode). */
  onSaveTest?: ((call: TestCall) => void) | undefined;
  onAddTests?: ((calls: TestCall[]) => void) | undefined;
  /** A call to replay (a finding's witness), taken up once: `onReplayed` is called when it starts. */
  replay?: TestCall | null | undefined;
  onReplayed?: (() => void) | undefined;
}

/**
 * Test calls for the nodes no saved call reaches yet: the shortest call to
 * each, confirmed on the machine, expecting to pass through its node.
 */
export function generatedTestCalls(flow: Flow): TestCall[] {
  const covered = new Set(coverageOf(flow).nodes.missing);
  const names = new Set((flow.tests ?? []).map((t) => t.name));
  const calls: TestCall[] = [];
  for (const path of shortestPaths(flow).nodes) {
    if (!covered.has(path.node) || path.script === undefined || !path.verified) continue;
    const node = flow.nodes.find((n) => n.id === path.node)!;
    let name = `Reaches ${displayName(node)}`;
    for (let i = 2; names.has(name); i++) name = `Reaches ${displayName(node)} (${i})`;
    names.add(name);
    calls.push({ ...asTestCall(name, path.script), expect: { visits: [path.node] } });
  }
  return calls;
}

export function Simulator({ flow, onProgress, onSaveTest, onAddTests, replay, onReplayed }: SimulatorProps) {
  const [call, setCall] = useState<{ key: number; flow: Flow; input: CallInput; script?: TestCall } | null>(null);
  const [speakPrompts, setSpeakPrompts] = useState(false);
  const [runs, setRuns] = useState<TestCallRun[] | null>(null);
  const [generated, setGenerated] = useState<string | null>(null);
  const [when, setWhen] = useState('');
  const whenId = useId();
  const speakId = useId();

  const start = () => {
    if (flow === undefined) return;
    stopSpeaking();
    const now = when === '' ? Date.now() : Date.parse(when);
    setCall((c) => ({ key: (c?.key ?? 0) + 1, flow, input: { now: Number.isFinite(now) ? now : Date.now() } }));
  };

  // A call to replay starts as a call of its own, in its environment (caller data, variables, what lookups and queues do, the time).
  useEffect(() => {
    if (replay === null || replay === undefined || flow === undefined) return;
    stopSpeaking();
    setRuns(null);
    setCall((c) => ({ key: (c?.key ?? 0) + 1, flow, input: callInput(replay), script: replay }));
    onReplayed?.();
  }, [replay, flow, onReplayed]);

  const save = (steps: CallStep[], result: CallResult | null, name: string) => {
    if (call === null) return;
    const test: TestCall = {
      name,
      ...(when === '' ? {} : { environment: { now: new Date(Date.parse(when)).toISOString().replace(/\.\d{3}Z$/, 'Z') } }),
      steps,
      ...(result === null ? {} : { expect: { outcome: result.outcome, ...(result.node === null ? {} : { endsAt: result.node }) } })
    };
    onSaveTest?.(test);
  };

  return (
    <FlowPanel name="Simulator" className="simulator" flow={flow} waiting="Calls run once the flow has no schema problems.">
      {(flow) => (
        <>
          <div className="call-setup">
            <button type="button" className="primary" onClick={start}>
              Start call
            </button>
            <span className="call-time">
              <label htmlFor={whenId}>Call time</label>
              <input id={whenId} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
            </span>
            <span className="checkbox">
              <input id={speakId} type="checkbox" checked={speakPrompts} onChange={(e) => setSpeakPrompts(e.target.checked)} />
              <label htmlFor={speakId}>Speak prompts</label>
            </span>
          </div>
          {call !== null && <ActiveCall key={call.key} flow={call.flow} input={call.input} speakPrompts={speakPrompts} onProgress={onProgress} onSave={onSaveTest === undefined ? undefined : save} script={call.script} />}
          <div className="test-calls">
            <h3>Test calls ({flow.tests?.length ?? 0})</h3>
            <button type="button" disabled={(flow.tests?.length ?? 0) === 0} onClick={() => setRuns(runTestCalls(flow))}>
              Run test calls
            </button>{' '}
            {onAddTests !== undefined && (
            <button
              type="button"
              onClick={() => {
                const calls = generatedTestCalls(flow);
                if (calls.length > 0) onAddTests(calls);
                setRuns(null);
                setGenerated(
                  calls.length === 0
                    ? 'Every node a call can reach already has a test call.'
                    : `Added ${calls.length} test call${calls.length === 1 ? '' : 's'}, one for each node no test call reached.`
                );
              }}
            >
              Generate test calls
            </button>
            )}
            {generated !== null && (
              <p className="muted" role="status">
                {generated}
              </p>
            )}
            {runs !== null && (
              <ul aria-label="Test call results">
                {runs.map((run, i) => (
                  <li key={i} className={run.passed ? 'pass' : 'fail'}>
                    <strong>{run.passed ? 'Pass' : 'Fail'}</strong> {run.name}
                    {run.failures.map((f, j) => (
                      <div key={j} className="failure">
                        {f}
                      </div>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </FlowPanel>
  );
}
