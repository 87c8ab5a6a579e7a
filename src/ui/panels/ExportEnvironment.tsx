/**
 * The export environment: the queue, mailbox, flow, service and hours names
 * the flows use mapped, by kind, to the platform's references (ARNs, SIDs),
 * in the same file format `export --env` reads. One map serves every flow in
 * this browser, so one design ships to an account.
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  VENDOR_CATALOG,
  environmentTemplate,
  environmentText,
  readEnvironment,
  type Environment,
  type EnvironmentResult
} from '../../core/catalog/index.ts';
import { parseJson, type Flow, type Problem } from '../../core/model/index.ts';

const KEY = 'zeroout:export-env';

/** What each platform calls a reference, by platform name: "an ARN for Amazon Connect, a SID for Twilio Studio". */
const REFERENCES = [...VENDOR_CATALOG]
  .sort((a, b) => a.name.localeCompare(b.name, 'en'))
  .map((format) => `${/^[aeiou]/i.test(format.reference) ? 'an' : 'a'} ${format.reference} for ${format.name}`)
  .join(', ');

/** What the environment is called in messages, where a file would be named. */
const SOURCE = 'the export environment';

/** The map as kept in this browser (by kind, or flat as earlier versions kept it); an empty map when none is, or it is unreadable. */
function storedEnvironment(): unknown {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
  } catch {
    return {};
  }
}

/** The environment an export of `flow` ships with: the map kept in this browser, read against the flow. */
export function environmentFor(flow: Flow | undefined): EnvironmentResult {
  return readEnvironment(storedEnvironment(), SOURCE, flow);
}

/** The text the dialog opens with: the kept map by kind, with an empty reference for each name the flow still lacks. */
function initialText(flow: Flow | undefined): { text: string; error?: string } {
  const read = environmentFor(flow);
  if (!read.ok) return { text: JSON.stringify(storedEnvironment(), null, 2), error: problemText(read.problems) };
  return { text: environmentText(flow === undefined ? read.environment : environmentTemplate(flow, read.environment)) };
}

function problemText(problems: readonly Problem[]): string {
  return problems.map((p) => (p.pointer === '' ? p.message : `at ${p.pointer}: ${p.message}`)).join('; ');
}

/** Reads the text of the dialog against the open flow: the map by kind, or what is wrong with it. */
export function parseEnvironmentText(text: string, flow: Flow | undefined): { ok: true; environment: Environment } | { ok: false; message: string } {
  const parsed = parseJson(text, SOURCE);
  if (!parsed.ok) return { ok: false, message: problemText(parsed.problems) };
  const read = readEnvironment(parsed.value, SOURCE, flow);
  return read.ok ? read : { ok: false, message: problemText(read.problems) };
}

interface Props {
  flow: Flow | undefined;
  onClose(): void;
}

export function ExportEnvironment({ flow, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [initial] = useState(() => initialText(flow));
  const [text, setText] = useState(initial.text);
  const [error, setError] = useState<string | undefined>(initial.error);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="env-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          const parsed = parseEnvironmentText(text, flow);
          if (!parsed.ok) {
            event.preventDefault();
            setError(parsed.message);
            return;
          }
          localStorage.setItem(KEY, environmentText(parsed.environment));
        }}
      >
        <h2 id={`${id}-title`}>Export environment</h2>
        <p className="muted">
          The references on the platform ({REFERENCES}) for each queue, mailbox, flow, service and hours check the flows
          name, by kind, so a queue and a mailbox with one name each get their own.
        </p>
        <label htmlFor={id}>Environment (JSON)</label>
        <textarea
          id={id}
          className="json"
          rows={12}
          value={text}
          aria-invalid={error !== undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(undefined);
          }}
        />
        {error !== undefined && (
          <p className="field-problem" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save environment
          </button>
        </div>
      </form>
    </dialog>
  );
}
