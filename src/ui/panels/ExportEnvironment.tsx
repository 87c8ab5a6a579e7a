/**
 * The export environment: queue, mailbox, flow and service names mapped to
 * the platform's references (ARNs, SIDs), as `export --env` reads them. One
 * map serves every flow in this browser, so one design ships to an account.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { VENDOR_FORMATS } from '../../core/formats/index.ts';
import { environmentNames, type Flow } from '../../core/model/index.ts';

const KEY = 'zeroout:export-env';

/** What each platform calls a reference, by platform name: "an ARN for Amazon Connect, a SID for Twilio Studio". */
const REFERENCES = [...VENDOR_FORMATS]
  .sort((a, b) => a.name.localeCompare(b.name, 'en'))
  .map((format) => `${/^[aeiou]/i.test(format.reference) ? 'an' : 'a'} ${format.reference} for ${format.name}`)
  .join(', ');

export type Environment = Record<string, string>;

export function loadEnvironment(): Environment {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const env: Environment = {};
    for (const [name, reference] of Object.entries(value)) {
      if (typeof reference === 'string') Object.defineProperty(env, name, { value: reference, enumerable: true, writable: true, configurable: true });
    }
    return env;
  } catch {
    return {};
  }
}

/** Reads the text of the dialog: a JSON object of names to references, or what is wrong with it. */
export function parseEnvironment(text: string): { ok: true; env: Environment } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'the environment is a JSON object of names to references, such as {"support": "arn:aws:connect:…"}' };
  }
  const env: Environment = {};
  for (const [name, reference] of Object.entries(value)) {
    if (typeof reference !== 'string') return { ok: false, message: `the reference for ${JSON.stringify(name)} must be a string` };
    Object.defineProperty(env, name, { value: reference, enumerable: true, writable: true, configurable: true });
  }
  return { ok: true, env };
}

interface Props {
  flow: Flow | undefined;
  onClose(): void;
}

export function ExportEnvironment({ flow, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState(() => {
    const env = loadEnvironment();
    for (const name of flow ? environmentNames(flow) : []) {
      if (!Object.hasOwn(env, name)) Object.defineProperty(env, name, { value: '', enumerable: true, writable: true, configurable: true });
    }
    return JSON.stringify(env, null, 2);
  });
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="env-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          const parsed = parseEnvironment(text);
          if (!parsed.ok) {
            event.preventDefault();
            setError(parsed.message);
            return;
          }
          localStorage.setItem(KEY, JSON.stringify(parsed.env));
        }}
      >
        <h2 id={`${id}-title`}>Export environment</h2>
        <p className="muted">
          Each queue, mailbox, flow and service the flows name, mapped to its reference on the platform: {REFERENCES}.
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
