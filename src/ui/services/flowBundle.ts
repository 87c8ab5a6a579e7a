/**
 * Flows as files to carry between browsers: one flow's `<id>.ivr.json`, or
 * the whole set as one bundle (`{"zeroOutFlows": 1, "flows": [{id, text}]}`);
 * what an upload holds, checked; the ids uploads are saved under (never one
 * taken); and the checks every save in this browser makes, as the server
 * makes them.
 */
import { DIAGNOSTIC_CODES } from '../../core/diagnostic/index.ts';
import { formatProblem, loadFlow, loadFlowText, parseJson, type Problem } from '../../core/model/index.ts';
import { freeId } from '../model/flowFile.ts';

/** The bundle format version this build reads and writes. */
export const BUNDLE_VERSION = 1;

/** The file name "Download all" gives the bundle. */
export const BUNDLE_FILE = 'zero-out-flows.json';

/** A flow as stored: its id and its file's text. */
export interface FlowText {
  readonly id: string;
  readonly text: string;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** What a flow id may be, for messages (as the server says it). */
export const FLOW_ID_RULE = 'letters, digits, ".", "_" and "-", starting with a letter or digit, at most 128 characters, without ".."';

/** Whether `id` can name a flow file (the server's rule, so that a flow downloaded here can be saved there). */
export function isFlowId(id: string): boolean {
  return ID_PATTERN.test(id) && !id.includes('..');
}

/** The file name of a flow id. */
export function fileNameOf(id: string): string {
  return `${id}.ivr.json`;
}

/**
 * A text's version: 16 hex digits that change whenever the text does (two
 * 32-bit FNV-1a style hashes). Not a secure hash, which a page served over
 * plain HTTP has no access to; it only tells one save from another.
 */
export function textVersion(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const schemaProblem = (file: string, pointer: string, message: string): Problem => ({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message });

/**
 * The problems that keep `text` from being saved as flow `id`, or none: it
 * must be a valid flow (loaded as `zeroout lint` loads it) whose id is `id`.
 */
export function problemsToSave(id: string, text: string): Problem[] {
  const file = fileNameOf(id);
  if (!isFlowId(id)) return [schemaProblem(file, '/id', `${JSON.stringify(id)} cannot name a flow: use ${FLOW_ID_RULE}`)];
  const loaded = loadFlowText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  if (!loaded.ok) return [...loaded.problems];
  if (loaded.flow.id === id) return [];
  return [schemaProblem(file, '/id', `the flow's id ${JSON.stringify(loaded.flow.id)} does not match its file name: expected ${JSON.stringify(id)}`)];
}

/** Problems as one line: the first, and how many more. */
export function problemsText(problems: readonly Problem[]): string {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${first ? formatProblem(first) : 'not a valid flow'}${more}`;
}

/** The flow's name as its text gives it, or its id. */
export function nameInText(text: string, id: string): string {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['name'] === 'string') return (value as { name: string }).name;
  } catch {
    // Listed by its id.
  }
  return id;
}

/** The text of a bundle of flows, as "Download all" writes it. */
export function bundleText(flows: readonly FlowText[]): string {
  return `${JSON.stringify({ zeroOutFlows: BUNDLE_VERSION, flows: flows.map(({ id, text }) => ({ id, text })) }, null, 2)}\n`;
}

/** What an uploaded file holds: the flows that can be saved, and the problems of the rest. */
export interface Upload {
  readonly flows: readonly FlowText[];
  readonly problems: readonly Problem[];
}

/**
 * Reads an uploaded file: a bundle of flows (as "Download all" writes it) or
 * one Zero Out flow. Never throws: each problem names `file` and a JSON
 * pointer (`/flows/2/text` for a bundle's third flow).
 */
export function readUpload(text: string, file: string): Upload {
  const parsed = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  if (!parsed.ok) return { flows: [], problems: parsed.problems };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { flows: [], problems: [schemaProblem(file, '', 'expected a Zero Out flow or a bundle of flows ({"zeroOutFlows": 1, "flows": […]})')] };
  }
  const record = value as Record<string, unknown>;
  if (!('zeroOutFlows' in record)) {
    const loaded = loadFlow(value, file);
    if (!loaded.ok) return { flows: [], problems: [...loaded.problems] };
    return { flows: [{ id: loaded.flow.id, text }], problems: [] };
  }
  if (record['zeroOutFlows'] !== BUNDLE_VERSION) {
    return { flows: [], problems: [schemaProblem(file, '/zeroOutFlows', `this build reads bundles of version ${BUNDLE_VERSION}, not ${JSON.stringify(record['zeroOutFlows'])}`)] };
  }
  const list = record['flows'];
  if (!Array.isArray(list)) return { flows: [], problems: [schemaProblem(file, '/flows', 'expected a list of flows, each {"id": string, "text": string}')] };
  const flows: FlowText[] = [];
  const problems: Problem[] = [];
  list.forEach((entry: unknown, index) => {
    const at = `/flows/${index}`;
    const fields = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const { id, text: flowText } = fields;
    if (typeof id !== 'string') problems.push(schemaProblem(file, `${at}/id`, 'expected the flow id, a string'));
    else if (typeof flowText !== 'string') problems.push(schemaProblem(file, `${at}/text`, "expected the flow file's text, a string"));
    else {
      const wrong = problemsToSave(id, flowText);
      if (wrong.length === 0) flows.push({ id, text: flowText });
      else problems.push(...wrong.map((p) => ({ ...p, file, pointer: `${at}/text${p.pointer}`, message: `flow ${JSON.stringify(id)}: ${p.message}` })));
    }
  });
  return { flows, problems };
}

/** An uploaded flow as it is saved: under a free id, and (when moved) the id it came with. */
export interface PlacedFlow extends FlowText {
  readonly from?: string;
}

/**
 * The ids uploaded flows are saved under: their own when free, else the
 * first free of `<id>-2`, `<id>-3`… (and " (uploaded)" after the name), so
 * an upload never overwrites a flow.
 */
export function placeUploads(flows: readonly FlowText[], taken: ReadonlySet<string>): PlacedFlow[] {
  const used = new Set(taken);
  return flows.map((flow) => {
    if (!used.has(flow.id)) {
      used.add(flow.id);
      return flow;
    }
    const id = freeId(flow.id, used);
    used.add(id);
    const value = JSON.parse(flow.text) as Record<string, unknown>;
    const name = typeof value['name'] === 'string' ? `${value['name']} (uploaded)` : id;
    return { id, text: `${JSON.stringify({ ...value, id, name }, null, 2)}\n`, from: flow.id };
  });
}

/** A new comment id, unique in practice (`c-` and 12 hex digits, as the server makes them). */
export function newCommentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `c-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
