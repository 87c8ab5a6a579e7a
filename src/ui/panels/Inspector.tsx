/**
 * The selected node's fields, every one its kind has, drawn from the flow
 * format's JSON Schema so the form and the format never drift apart. Each
 * edit goes into the draft at once; what the schema refuses is shown under
 * the field as you type.
 */
import { useEffect, useId, useState } from 'react';
import { displayName, flowJsonSchema, nextFreeKey, outcomesOfDraft, type Draft, type FlowNode } from '../../core/model/index.ts';
import { escapeToken } from '../../core/json/index.ts';
import { paletteEntry } from '../model/edit.ts';
import { KindIcon } from '../shell/icons.tsx';

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  $ref?: string;
  anyOf?: Schema[];
  description?: string;
  title?: string;
  required?: string[];
  const?: unknown;
};

const ROOT = flowJsonSchema() as Schema & { $defs: Record<string, Schema> };
const DEFS = ROOT.$defs;
const HIDDEN = new Set(['id', 'kind', 'position', 'meta', 'source']);

function resolve(schema: Schema): Schema {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/$defs/', '');
    return { ...DEFS[name], ...(schema.description ? { description: schema.description } : {}) } as Schema;
  }
  return schema;
}

function nodeSchema(kind: string): Schema | undefined {
  return Object.values(DEFS).find((d) => (d.properties?.kind as Schema | undefined)?.const === kind);
}

/** `timeoutSeconds` → "Timeout seconds". */
export function humanise(name: string): string {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

interface FieldProps {
  label: string;
  schema: Schema;
  value: unknown;
  /** Pointer of the field relative to the node. */
  pointer: string;
  draft: Draft;
  node: FlowNode;
  targets: ReadonlySet<string>;
  problem: (pointer: string) => string | undefined;
  onChange: (pointer: string, value: unknown) => void;
  /** Whether the schema requires the field (an emptied required text stays, as ""). */
  schemaRequired?: boolean;
}

function FieldProblem({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <span id={id} className="field-problem" role="alert">
      {message}
    </span>
  );
}

function TextInput({
  label,
  value,
  onCommit,
  problem,
  multiline = false,
  description
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  problem: string | undefined;
  multiline?: boolean;
  description?: string | undefined;
}) {
  const id = useId();
  const common = {
    id,
    value,
    'aria-invalid': problem !== undefined,
    'aria-describedby': problem === undefined ? undefined : `${id}-problem`,
    title: description,
    onChange: (event: { target: { value: string } }) => onCommit(event.target.value)
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      <FieldProblem id={`${id}-problem`} message={problem} />
    </div>
  );
}

/** A field holding JSON that has no simpler form (schedules, assignments, conditions). */
function JsonField({ label, value, pointer, onChange, problem }: Pick<FieldProps, 'label' | 'value' | 'pointer' | 'onChange' | 'problem'>) {
  const id = useId();
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setText((current) => {
      try {
        if (current.trim() !== '' && JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        return current;
      }
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    });
  }, [value]);
  const message = error ?? problem(pointer);
  return (
    <div className="field">
      <label htmlFor={id}>{label} (JSON)</label>
      <textarea
        id={id}
        className="json"
        rows={Math.min(10, Math.max(3, text.split('\n').length))}
        value={text}
        aria-invalid={message !== undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() === '') {
            setError(undefined);
            onChange(pointer, undefined);
            return;
          }
          try {
            onChange(pointer, JSON.parse(event.target.value));
            setError(undefined);
          } catch (e) {
            setError(`not JSON yet: ${e instanceof Error ? e.message : String(e)}`);
          }
        }}
      />
      <FieldProblem id={`${id}-problem`} message={message} />
    </div>
  );
}

function PromptField({ label, value, pointer, draft, onChange, problem, schema }: FieldProps) {
  const locales = draft.locales && draft.locales.length > 0 ? draft.locales : ['en-US'];
  const text = (locale: string): string => {
    if (typeof value === 'string') return locale === locales[0] ? value : '';
    if (value !== null && typeof value === 'object') return String((value as Record<string, string>)[locale] ?? '');
    return '';
  };
  const set = (locale: string, next: string) => {
    if (locales.length === 1 && (value === undefined || typeof value === 'string')) {
      onChange(pointer, next === '' && schema.description !== undefined && value === undefined ? undefined : next);
      return;
    }
    const base: Record<string, string> = typeof value === 'string' ? { [locales[0]!]: value } : { ...((value as Record<string, string>) ?? {}) };
    base[locale] = next;
    onChange(pointer, base);
  };
  return (
    <fieldset className="prompt-field">
      <legend>{label}</legend>
      {locales.map((locale) => (
        <TextInput
          key={locale}
          label={locales.length > 1 ? `${label} (${locale})` : label}
          value={text(locale)}
          multiline
          description={schema.description}
          onCommit={(next) => set(locale, next)}
          problem={problem(pointer) ?? problem(`${pointer}/${escapeToken(locale)}`)}
        />
      ))}
    </fieldset>
  );
}

function TargetField({ label, value, pointer, draft, node, onChange, problem }: FieldProps) {
  const id = useId();
  const message = problem(pointer);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={typeof value === 'string' ? value : ''} aria-invalid={message !== undefined} onChange={(e) => onChange(pointer, e.target.value === '' ? undefined : e.target.value)}>
        <option value="">— not wired —</option>
        {draft.nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.id === node.id ? `${displayName(n)} (itself)` : displayName(n)}
          </option>
        ))}
        {typeof value === 'string' && !draft.nodes.some((n) => n.id === value) && <option value={value}>{value} (missing)</option>}
      </select>
      <FieldProblem id={`${id}-problem`} message={message} />
    </div>
  );
}

function ArrayOfObjects(props: FieldProps) {
  const { label, schema, value, pointer, node, onChange } = props;
  const items = Array.isArray(value) ? value : [];
  const itemSchema = resolve(schema.items ?? {});
  const singular = label.replace(/s$/, '').toLowerCase();
  const add = () => {
    const fresh: Record<string, unknown> = {};
    if (node.kind === 'menu' && pointer === '/options') {
      const key = nextFreeKey(node);
      if (key !== undefined) fresh.key = key;
    }
    if (itemSchema.title === 'Branch case' || pointer === '/cases') Object.assign(fresh, { when: { var: 'variable', op: 'exists' } });
    onChange(pointer, [...items, fresh]);
  };
  return (
    <fieldset className="array-field">
      <legend>{label}</legend>
      {items.map((item, index) => (
        <div className="array-item" key={index}>
          <ObjectFields {...props} schema={itemSchema} value={item} pointer={`${pointer}/${index}`} labelPrefix={`${humanise(singular)} ${index + 1} `} />
          <button type="button" className="small" onClick={() => onChange(pointer, items.filter((_, i) => i !== index))}>
            Remove {singular} {index + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={add}>
        Add {singular}
      </button>
    </fieldset>
  );
}

function Field(props: FieldProps) {
  const schema = resolve(props.schema);
  const { label, value, pointer, onChange, problem, targets } = props;
  const id = useId();
  if (schema.title === 'Prompt') return <PromptField {...props} schema={schema} />;
  if (targets.has(pointer)) return <TargetField {...props} />;
  const type = schema.type;
  if (type === 'string' && schema.enum) {
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(pointer, e.target.value === '' ? undefined : e.target.value)}>
          <option value="">—</option>
          {schema.enum.map((v) => (
            <option key={String(v)} value={String(v)}>
              {String(v)}
            </option>
          ))}
        </select>
        <FieldProblem id={`${id}-problem`} message={problem(pointer)} />
      </div>
    );
  }
  if (type === 'string') {
    return (
      <TextInput
        label={label}
        value={typeof value === 'string' ? value : ''}
        description={schema.description}
        multiline={pointer === '/notes'}
        onCommit={(next) => onChange(pointer, next === '' && !(props.schemaRequired ?? false) ? undefined : next)}
        problem={problem(pointer)}
      />
    );
  }
  if (type === 'number' || type === 'integer') {
    const message = problem(pointer);
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="number"
          step={type === 'integer' ? 1 : 'any'}
          min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
          value={typeof value === 'number' ? value : ''}
          title={schema.description}
          aria-invalid={message !== undefined}
          onChange={(e) => onChange(pointer, e.target.value === '' ? undefined : Number(e.target.value))}
        />
        <FieldProblem id={`${id}-problem`} message={message} />
      </div>
    );
  }
  if (type === 'boolean') {
    return (
      <div className="field checkbox">
        <input id={id} type="checkbox" checked={value === true} title={schema.description} onChange={(e) => onChange(pointer, e.target.checked ? true : undefined)} />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  }
  if (type === 'array') {
    const items = resolve(schema.items ?? {});
    if (items.type === 'string') {
      return (
        <TextInput
          label={`${label} (comma-separated)`}
          value={Array.isArray(value) ? value.join(', ') : ''}
          description={schema.description}
          onCommit={(next) => {
            const list = next.split(',').map((s) => s.trim()).filter((s) => s !== '');
            onChange(pointer, list.length === 0 ? undefined : list);
          }}
          problem={problem(pointer)}
        />
      );
    }
    if (items.type === 'object' && items.properties) return <ArrayOfObjects {...props} />;
  }
  return <JsonField label={label} value={value} pointer={pointer} onChange={onChange} problem={problem} />;
}

function ObjectFields(props: FieldProps & { labelPrefix?: string }) {
  const schema = resolve(props.schema);
  const record = (props.value ?? {}) as Record<string, unknown>;
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {})
        .filter(([name]) => !HIDDEN.has(name))
        .map(([name, child]) => (
          <Field
            key={name}
            {...props}
            schemaRequired={required.has(name)}
            label={`${props.labelPrefix ?? ''}${humanise(name)}`}
            schema={child}
            value={Object.hasOwn(record, name) ? record[name] : undefined}
            pointer={`${props.pointer}/${escapeToken(name)}`}
          />
        ))}
    </>
  );
}

interface InspectorProps {
  draft: Draft;
  selected: readonly string[];
  fieldProblems: ReadonlyMap<string, string>;
  onField(node: string, pointer: string, value: unknown): void;
  onRename(from: string, to: string): void;
  onMakeStart(id: string): void;
}

export function Inspector({ draft, selected, fieldProblems, onField, onRename, onMakeStart }: InspectorProps) {
  const node = selected.length === 1 ? draft.nodes.find((n) => n.id === selected[0]) : undefined;
  const idField = useId();
  const [pendingId, setPendingId] = useState(node?.id ?? '');
  useEffect(() => {
    setPendingId(node?.id ?? '');
  }, [node?.id]);
  if (node === undefined) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <h2>Inspector</h2>
        <p className="muted">{selected.length > 1 ? `${selected.length} nodes selected.` : 'Select a node to edit it.'}</p>
      </aside>
    );
  }
  const index = draft.nodes.indexOf(node);
  const schema = nodeSchema(node.kind);
  const targets = new Set(outcomesOfDraft(node).map((o) => o.pointer));
  const problem = (pointer: string) => fieldProblems.get(`/nodes/${index}${pointer}`);
  const idTaken = pendingId !== node.id && draft.nodes.some((n) => n.id === pendingId);
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2>
        <KindIcon kind={node.kind} />
        {paletteEntry(node.kind)?.label ?? node.kind}
      </h2>
      <div className="field">
        <label htmlFor={idField}>Node id</label>
        <input
          id={idField}
          type="text"
          value={pendingId}
          aria-invalid={idTaken || pendingId === ''}
          onChange={(e) => setPendingId(e.target.value)}
          onBlur={() => (idTaken || pendingId === '' ? setPendingId(node.id) : onRename(node.id, pendingId))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          }}
        />
        {idTaken && <span className="field-problem" role="alert">another node has the id {JSON.stringify(pendingId)}</span>}
      </div>
      {draft.start === node.id ? (
        <p className="muted">Calls start here.</p>
      ) : (
        <button type="button" onClick={() => onMakeStart(node.id)}>
          Start calls here
        </button>
      )}
      {schema && (
        <ObjectFields
          label=""
          schema={schema}
          value={node}
          pointer=""
          draft={draft}
          node={node}
          targets={targets}
          problem={problem}
          onChange={(pointer, value) => onField(node.id, pointer, value)}
        />
      )}
    </aside>
  );
}
