/**
 * Amazon Connect flows: the flow language (`Version` "2019-10-30"), the
 * legacy console export (`modules`) and the `DescribeContactFlow` wrapper
 * whose `Content` holds either as a string.
 *
 * Both formats are first read into the same list of steps (an action with
 * its default edge, conditions and errors); the steps are then turned into
 * native nodes that keep the action `Identifier` as their id and name every
 * outcome as Connect does (`NoMatchingError`, `QueueAtCapacity`, a condition
 * value, …) so findings speak Connect.
 */
import type { Problem } from '../model/load.ts';
import { DTMF_KEYS } from '../model/schema.ts';
import type { Condition, FlowNode, MenuOption, Scalar } from '../model/types.ts';
import { finishImport } from './finish.ts';
import type { NoteDraft, ImportResult, VendorFormat } from './types.ts';
import { isLegacyExport, readLegacy } from './amazon-connect-legacy.ts';
import { DESIGN_KEY, exportAmazonConnect } from './amazon-connect-export.ts';
import { DIAGNOSTIC_CODES } from '../diagnostic/index.ts';

/** An edge of a step: where it goes and where the file says so. */
export interface StepEdge {
  /** The target id; undefined when the edge is declared without one. */
  readonly target: string | undefined;
  /** The name Connect gives it (an ErrorType, a condition value, `Success`, …). */
  readonly name: string;
  /** JSON pointer (in the flow document) of the field holding the target. */
  readonly pointer: string;
}

export interface StepCondition extends StepEdge {
  /** Flow-language operator: Equals, NumberGreaterThan, TextContains, … */
  readonly operator: string;
  readonly value: string;
}

export interface StepError extends StepEdge {
  /** The flow-language ErrorType it means (legacy `AtCapacity` is `QueueAtCapacity`). */
  readonly type: string;
}

/** One action (or legacy module), read into the shape both formats share. */
export interface Step {
  readonly id: string;
  /** The flow-language type the mapping works on. */
  readonly type: string;
  /** The type as written in the file (a legacy module type for legacy files). */
  readonly vendorType: string;
  /** JSON pointer of the action in the file. */
  readonly pointer: string;
  /** JSON pointer of the action in the flow itself (inside a wrapper's Content). */
  readonly at: string;
  /** Where a missing edge would be written. */
  readonly transitionsPointer: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly next: StepEdge | undefined;
  readonly conditions: readonly StepCondition[];
  readonly errors: readonly StepError[];
  readonly position: { x: number; y: number } | undefined;
  readonly raw: unknown;
  /** The action's editor metadata other than its position (flow language only). */
  readonly metadata?: Json;
  /** Legacy export: names of missing edges use the legacy words. */
  readonly legacy: boolean;
}

export interface ReadResult {
  readonly steps: Step[];
  readonly start: string | undefined;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly problems: { pointer: string; message: string }[];
  readonly notes: { node?: string; pointer: string; message: string }[];
}

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function own(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const ACTION_WORDS: StepWords = { list: 'Actions', noun: 'action', id: 'Identifier', type: 'Type', duplicate: 'Identifier' };

/** The words for the steps of one Connect format: actions (flow language) or modules (legacy). */
export interface StepWords {
  readonly list: string; // "Actions"
  readonly noun: string; // "action"
  readonly id: string; // "Identifier"
  readonly type: string; // "Type"
  readonly duplicate: string; // "Identifier" in "duplicate Identifier …"
}

/**
 * The object, id and type of the step at `index`, or undefined with the
 * problem said: not an object, no id, an id used before, no type. Both
 * Connect formats read their steps through this.
 */
export function readStepHead(
  value: unknown,
  index: number,
  words: StepWords,
  seen: Map<string, number>,
  problems: { pointer: string; message: string }[]
): { object: Json; id: string; type: string; at: string } | undefined {
  const at = `/${words.list}/${index}`;
  if (!isObject(value)) {
    problems.push({ pointer: at, message: `${words.noun === 'action' ? 'an' : 'a'} ${words.noun} is an object, got ${describeValue(value)}` });
    return undefined;
  }
  const id = own(value, words.id);
  if (typeof id !== 'string' || id === '') {
    problems.push({ pointer: `${at}/${words.id}`, message: `${words.noun === 'action' ? 'an' : 'a'} ${words.noun} needs an "${words.id}" (a non-empty string), got ${describeValue(id)}` });
    return undefined;
  }
  const first = seen.get(id);
  if (first !== undefined) {
    problems.push({ pointer: `${at}/${words.id}`, message: `duplicate ${words.duplicate} ${JSON.stringify(id)} (first used at /${words.list}/${first})` });
    return undefined;
  }
  seen.set(id, index);
  const type = own(value, words.type);
  if (typeof type !== 'string' || type === '') {
    problems.push({ pointer: `${at}/${words.type}`, message: `${words.noun} ${JSON.stringify(id)} needs a "${words.type}" (a string), got ${describeValue(type)}` });
    return undefined;
  }
  return { object: value, id, type, at };
}

export function readPosition(value: unknown): { x: number; y: number } | undefined {
  if (!isObject(value)) return undefined;
  const x = own(value, 'x');
  const y = own(value, 'y');
  if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) return { x, y };
  return undefined;
}

const FLOW_LANGUAGE_VERSION = '2019-10-30';

function isFlowLanguage(document: unknown): boolean {
  if (!isObject(document)) return false;
  if (own(document, 'Version') === FLOW_LANGUAGE_VERSION) return true;
  return own(document, 'StartAction') !== undefined && own(document, 'Actions') !== undefined;
}

/** The inner document of a DescribeContactFlow wrapper, when the document is one. */
function wrapperContent(document: unknown): { content: unknown; base: string } | undefined {
  if (!isObject(document)) return undefined;
  const contactFlow = own(document, 'ContactFlow');
  if (isObject(contactFlow) && Object.hasOwn(contactFlow, 'Content')) {
    return { content: own(contactFlow, 'Content'), base: '/ContactFlow/Content' };
  }
  if (own(document, 'Content') !== undefined && own(document, 'Version') === undefined && own(document, 'modules') === undefined) {
    return { content: own(document, 'Content'), base: '/Content' };
  }
  return undefined;
}

function parseContent(content: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof content !== 'string') return { ok: true, value: content };
  try {
    return { ok: true, value: JSON.parse(content) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function detect(document: unknown): boolean {
  if (isFlowLanguage(document) || isLegacyExport(document)) return true;
  const wrapped = wrapperContent(document);
  if (wrapped === undefined) return false;
  // `{ContactFlow: {Content}}` is Connect's own shape; a bare `{Content}` only
  // when what it holds is a Connect flow.
  if (wrapped.base === '/ContactFlow/Content') return true;
  const parsed = parseContent(wrapped.content);
  return parsed.ok && (isFlowLanguage(parsed.value) || isLegacyExport(parsed.value));
}

// ---------------------------------------------------------------------------
// Reading the flow language

function readEdge(value: unknown, pointer: string, problems: ReadResult['problems']): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  problems.push({ pointer, message: `a NextAction is an action Identifier (a non-empty string), got ${describeValue(value)}` });
  return undefined;
}

function readFlowLanguage(document: Json, pointer: (p: string) => string): ReadResult {
  const problems: ReadResult['problems'] = [];
  const notes: ReadResult['notes'] = [];
  const steps: Step[] = [];
  const version = own(document, 'Version');
  if (version !== undefined && version !== FLOW_LANGUAGE_VERSION) {
    notes.push({ pointer: '/Version', message: `unknown flow language version ${describeValue(version)}: read as ${FLOW_LANGUAGE_VERSION}` });
  }
  const metadata = own(document, 'Metadata');
  const actionMetadata = isObject(metadata) ? own(metadata, 'ActionMetadata') : undefined;
  const actions = own(document, 'Actions');
  if (!Array.isArray(actions)) {
    problems.push({ pointer: '/Actions', message: `"Actions" must be an array of actions, got ${describeValue(actions)}` });
  }
  const start = own(document, 'StartAction');
  if (typeof start !== 'string' || start === '') {
    problems.push({ pointer: '/StartAction', message: `"StartAction" must be the Identifier of the first action, got ${describeValue(start)}` });
  }
  const seen = new Map<string, number>();
  (Array.isArray(actions) ? actions : []).forEach((value: unknown, index) => {
    const head = readStepHead(value, index, ACTION_WORDS, seen, problems);
    if (head === undefined) return;
    const { object: action, id, type, at } = head;
    let parameters = own(action, 'Parameters');
    if (parameters !== undefined && !isObject(parameters)) {
      notes.push({ node: id, pointer: `${at}/Parameters`, message: `"Parameters" should be an object, got ${describeValue(parameters)}: ignored` });
      parameters = undefined;
    }
    const transitions = own(action, 'Transitions');
    const tAt = `${at}/Transitions`;
    if (transitions !== undefined && !isObject(transitions)) {
      problems.push({ pointer: tAt, message: `"Transitions" must be an object, got ${describeValue(transitions)}` });
      return;
    }
    const t: Json = isObject(transitions) ? transitions : {};
    const nextTarget = readEdge(own(t, 'NextAction'), `${tAt}/NextAction`, problems);
    const conditions: StepCondition[] = [];
    const rawConditions = own(t, 'Conditions');
    if (rawConditions !== undefined && !Array.isArray(rawConditions)) {
      problems.push({ pointer: `${tAt}/Conditions`, message: `"Conditions" must be an array, got ${describeValue(rawConditions)}` });
    }
    (Array.isArray(rawConditions) ? rawConditions : []).forEach((c: unknown, j) => {
      const cAt = `${tAt}/Conditions/${j}`;
      const condition = isObject(c) ? own(c, 'Condition') : undefined;
      if (!isObject(c) || !isObject(condition)) {
        problems.push({ pointer: cAt, message: 'a condition is {"NextAction", "Condition": {"Operator", "Operands"}}' });
        return;
      }
      const operator = own(condition, 'Operator');
      const operands = own(condition, 'Operands');
      const operand = Array.isArray(operands) ? operands[0] : undefined;
      if (typeof operator !== 'string' || (typeof operand !== 'string' && typeof operand !== 'number' && typeof operand !== 'boolean')) {
        problems.push({ pointer: `${cAt}/Condition`, message: 'a condition needs an "Operator" (a string) and "Operands" (an array of one value)' });
        return;
      }
      conditions.push({
        operator,
        value: String(operand),
        name: String(operand),
        target: readEdge(own(c, 'NextAction'), `${cAt}/NextAction`, problems),
        pointer: pointer(`${cAt}/NextAction`)
      });
    });
    const errors: StepError[] = [];
    const rawErrors = own(t, 'Errors');
    if (rawErrors !== undefined && !Array.isArray(rawErrors)) {
      problems.push({ pointer: `${tAt}/Errors`, message: `"Errors" must be an array, got ${describeValue(rawErrors)}` });
    }
    (Array.isArray(rawErrors) ? rawErrors : []).forEach((e: unknown, j) => {
      const eAt = `${tAt}/Errors/${j}`;
      const errorType = isObject(e) ? own(e, 'ErrorType') : undefined;
      if (!isObject(e) || typeof errorType !== 'string' || errorType === '') {
        problems.push({ pointer: eAt, message: 'an error branch is {"NextAction", "ErrorType": "<name>"}' });
        return;
      }
      errors.push({
        type: errorType,
        name: errorType,
        target: readEdge(own(e, 'NextAction'), `${eAt}/NextAction`, problems),
        pointer: pointer(`${eAt}/NextAction`)
      });
    });
    const meta = isObject(actionMetadata) ? own(actionMetadata, id) : undefined;
    const position = isObject(meta) ? readPosition(own(meta, 'position') ?? own(meta, 'Position')) : undefined;
    const kept = isObject(meta) ? Object.keys(meta).filter((key) => key !== 'position' && key !== 'Position') : [];
    steps.push({
      ...(kept.length === 0 ? {} : { metadata: Object.fromEntries(kept.map((key) => [key, (meta as Json)[key]])) }),
      id,
      type,
      vendorType: type,
      pointer: pointer(at),
      at,
      transitionsPointer: pointer(isObject(transitions) ? tAt : at),
      parameters: isObject(parameters) ? parameters : {},
      next: own(t, 'NextAction') === undefined ? undefined : { target: nextTarget, name: 'NextAction', pointer: pointer(`${tAt}/NextAction`) },
      conditions,
      errors,
      position,
      raw: action,
      legacy: false
    });
  });
  const name = isObject(metadata) ? own(metadata, 'name') : undefined;
  const description = isObject(metadata) ? own(metadata, 'description') : undefined;
  return {
    steps,
    start: typeof start === 'string' && start !== '' ? start : undefined,
    name: typeof name === 'string' && name.trim() !== '' ? name : undefined,
    description: typeof description === 'string' && description.trim() !== '' ? description : undefined,
    problems,
    notes
  };
}

// ---------------------------------------------------------------------------
// Steps → native nodes

/** Legacy words for the flow-language names of missing edges. */
const LEGACY_NAMES: Record<string, string> = {
  NextAction: 'Success',
  NoMatchingError: 'Error',
  NoMatchingCondition: 'NoMatch',
  InputTimeLimitExceeded: 'Timeout',
  QueueAtCapacity: 'AtCapacity',
  InvalidCallbackNumber: 'InvalidPhoneNumber',
  CallbackNumberNotDialable: 'NonDialableNumber'
};

function missingName(step: Step, name: string): string {
  return step.legacy ? (LEGACY_NAMES[name] ?? name) : name;
}

function missing(step: Step, name: string): StepEdge {
  return { target: undefined, name: missingName(step, name), pointer: step.transitionsPointer };
}

function nextEdge(step: Step): StepEdge {
  return step.next ?? missing(step, 'NextAction');
}

/**
 * The edge taken on an error: the first of `types` the action handles, else
 * its `NoMatchingError` branch (which catches every error not otherwise
 * handled); missing, it is named after the first of `types`.
 */
function errorEdge(step: Step, ...types: string[]): StepEdge {
  for (const type of [...types, 'NoMatchingError']) {
    const found = step.errors.find((e) => e.type === type);
    if (found) return found;
  }
  return missing(step, types[0] ?? 'NoMatchingError');
}

/** Where the call goes when no condition holds. */
function noMatchEdge(step: Step): StepEdge {
  return step.errors.find((e) => e.type === 'NoMatchingCondition') ?? step.next ?? errorEdge(step, 'NoMatchingCondition');
}

function conditionEdge(step: Step, value: string): StepEdge | undefined {
  return step.conditions.find((c) => c.operator === 'Equals' && c.value.toLowerCase() === value.toLowerCase());
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function seconds(value: unknown): number | undefined {
  const text = str(value);
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function promptOf(parameters: Readonly<Record<string, unknown>>): string | undefined {
  const text = str(parameters.Text) ?? str(parameters.SSML);
  if (text !== undefined) return text;
  const promptId = str(parameters.PromptId);
  if (promptId !== undefined) return `[audio prompt ${promptId}]`;
  const media = parameters.Media;
  if (isObject(media)) {
    const uri = str(own(media, 'Uri'));
    return uri === undefined ? '[audio]' : `[audio ${uri}]`;
  }
  return undefined;
}

/** What the export recorded in an action's editor metadata about the native design, if anything. */
function designOf(step: Step): Json | undefined {
  const design = step.metadata === undefined ? undefined : own(step.metadata, DESIGN_KEY);
  return isObject(design) ? design : undefined;
}

/** Copies vendor JSON for `meta`, leaving out fields named `__proto__`. */
function cleanCopy(value: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((item) => cleanCopy(item, depth + 1));
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => key !== '__proto__')
        .map((key) => [key, cleanCopy(value[key], depth + 1)])
    );
  }
  return value;
}

const OPERATORS: Record<string, Condition['op']> = {
  Equals: 'eq',
  NumberGreaterThan: 'gt',
  NumberGreaterOrEqualTo: 'ge',
  NumberLessThan: 'lt',
  NumberLessOrEqualTo: 'le'
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toCondition(variable: string, c: StepCondition): Condition | undefined {
  const op = OPERATORS[c.operator];
  if (op !== undefined) return { var: variable, op, value: c.value };
  switch (c.operator) {
    case 'TextStartsWith':
      return { var: variable, op: 'matches', value: `^${escapeRegExp(c.value)}` };
    case 'TextEndsWith':
      return { var: variable, op: 'matches', value: `${escapeRegExp(c.value)}$` };
    case 'TextContains':
      return { var: variable, op: 'matches', value: escapeRegExp(c.value) };
    default:
      return undefined;
  }
}

/** Set-like actions that have no error branch in Connect. */
const NO_ERROR_BRANCH = new Set([
  'UpdateFlowLoggingBehavior',
  'UpdateContactRecordingBehavior',
  'UpdateContactTextToSpeechVoice',
  'SetContactFlow'
]);

const EXTERNAL_CALLS = new Set(['InvokeLambdaFunction', 'InvokeExternalResource', 'GetMetricData', 'InvokeThirdPartyAction']);

type Outcomes = Record<string, { name: string; pointer?: string }>;

/** An outcome name usable as a field name (a native flow refuses `__proto__` fields). */
function safeName(name: string): string {
  return name === '__proto__' ? '"__proto__"' : name;
}

class Converter {
  readonly notes: NoteDraft[] = [];
  /** Steps added for error branches that share one native outcome. */
  extra: FlowNode[] = [];
  private readonly ids: Set<string>;

  constructor(
    steps: readonly Step[],
    private readonly wrapperNote: boolean
  ) {
    this.ids = new Set(steps.map((s) => s.id));
  }

  private uniqueId(base: string): string {
    let id = base;
    for (let i = 2; this.ids.has(id); i++) id = `${base} ${i}`;
    this.ids.add(id);
    return id;
  }

  private note(step: Step, message: string, pointer = step.pointer): void {
    this.notes.push({ node: step.id, pointer, message });
  }

  private base(step: Step, outcomes: Outcomes, id = step.id): Record<string, unknown> {
    const meta: Record<string, unknown> = { vendor: cleanCopy(step.raw) };
    if (step.metadata !== undefined) meta.vendorMetadata = cleanCopy(step.metadata);
    if (this.wrapperNote) meta.contentPointer = step.at;
    return {
      id,
      ...(step.position ? { position: step.position } : {}),
      meta,
      source: { type: step.vendorType, pointer: step.pointer, outcomes }
    };
  }

  private outcome(outcomes: Outcomes, native: string, edge: StepEdge): string | undefined {
    Object.defineProperty(outcomes, native, {
      value: { name: edge.name, pointer: edge.pointer },
      enumerable: true,
      writable: true,
      configurable: true
    });
    return edge.target;
  }

  /** Notes the declared edges a node cannot carry (their targets may look unreachable). */
  private unmodelled(step: Step, kind: string, used: readonly StepEdge[]): void {
    const targets = new Set(used.map((e) => e.target));
    const usedEdges = new Set(used);
    for (const edge of [...(step.next ? [step.next] : []), ...step.conditions, ...step.errors]) {
      if (usedEdges.has(edge) || edge.target === undefined || targets.has(edge.target)) continue;
      this.note(step, `the "${edge.name}" branch to ${JSON.stringify(edge.target)} has no place in the native ${kind} node and is not carried over`, edge.pointer);
    }
  }

  /**
   * The target of a native failure outcome that several Connect branches
   * share. When other declared branches go elsewhere, the outcome leads to an
   * extra step (`<Identifier>:errors`) with one outcome per branch, so no
   * route is lost and an unwired one is still a dead end.
   */
  private route(step: Step, kind: string, primary: StepEdge, used: readonly StepEdge[]): string | undefined {
    const taken = new Set(used.map((e) => e.target));
    const extra: StepEdge[] = [];
    for (const edge of [...(step.next ? [step.next] : []), ...step.conditions, ...step.errors]) {
      if (used.includes(edge) || edge === primary || edge.target === undefined || taken.has(edge.target) || edge.target === primary.target) continue;
      taken.add(edge.target);
      extra.push(edge);
    }
    if (extra.length === 0) return primary.target;
    const id = this.uniqueId(`${step.id}:errors`);
    const outcomes: Outcomes = {};
    const list = [primary, ...extra].map((edge) => {
      this.outcome(outcomes, safeName(edge.name), edge);
      return { name: safeName(edge.name), ...(edge.target === undefined ? {} : { next: edge.target }) };
    });
    this.extra.push({
      id,
      name: `${step.vendorType} errors`,
      ...(step.position ? { position: { x: step.position.x, y: step.position.y + 80 } } : {}),
      meta: { errorsOf: step.id },
      source: { type: step.vendorType, pointer: step.pointer, outcomes },
      kind: 'opaque',
      vendorType: step.vendorType,
      outcomes: list
    } as FlowNode);
    this.note(step, `the native ${kind} node has one way out for ${extra.map((e) => `"${e.name}"`).join(', ')} and "${primary.name}": they go through the added step ${JSON.stringify(id)}`);
    return id;
  }

  /** An opaque node with the given outcomes (a missing required one is a dead end). */
  private opaque(step: Step, edges: { edge: StepEdge; required?: boolean }[], prompt?: string): FlowNode {
    const outcomes: Outcomes = {};
    const names = new Set<string>();
    const list: { name: string; next?: string; required?: boolean }[] = [];
    for (const { edge, required } of edges) {
      const base = safeName(edge.name);
      let name = base;
      for (let i = 2; names.has(name); i++) name = `${base} (${i})`;
      names.add(name);
      this.outcome(outcomes, name, { ...edge, name: edge.name });
      list.push({ name, ...(edge.target === undefined ? {} : { next: edge.target }), ...(required === false ? { required: false } : {}) });
    }
    if (list.length === 0) {
      list.push({ name: 'end', required: false });
      this.note(step, `${step.vendorType} has no transitions: taken as the end of the flow`);
    }
    return {
      ...this.base(step, outcomes),
      kind: 'opaque',
      vendorType: step.vendorType,
      ...(prompt === undefined ? {} : { prompt }),
      outcomes: list
    } as FlowNode;
  }

  /** Every declared edge of an action as an opaque outcome. */
  private generic(step: Step, extraErrors: string[] = []): FlowNode {
    const edges: { edge: StepEdge }[] = [];
    for (const c of step.conditions) edges.push({ edge: c });
    if (step.next) edges.push({ edge: step.next });
    for (const e of step.errors) edges.push({ edge: e });
    for (const type of extraErrors) {
      if (!step.errors.some((e) => e.type === type)) edges.push({ edge: missing(step, type) });
    }
    return this.opaque(step, edges);
  }

  convert(step: Step): FlowNode[] {
    const p = step.parameters;
    switch (step.type) {
      case 'DisconnectParticipant':
      case 'EndFlowExecution':
        return [{ ...this.base(step, {}), kind: 'hangup' } as FlowNode];
      case 'EndFlowModuleExecution':
        return [{ ...this.base(step, {}), kind: 'return' } as FlowNode];
      case 'MessageParticipant': {
        const outcomes: Outcomes = {};
        const next = nextEdge(step);
        const target = this.outcome(outcomes, 'next', next);
        this.unmodelled(step, 'prompt', [next]);
        const prompt = promptOf(p);
        if (prompt === undefined) this.note(step, 'no Text, SSML or PromptId: the prompt is empty');
        return [{ ...this.base(step, outcomes), kind: 'prompt', prompt: prompt ?? '', ...(target === undefined ? {} : { next: target }) } as FlowNode];
      }
      case 'GetParticipantInput':
        return str(p.StoreInput)?.toLowerCase() === 'true' ? [this.input(step)] : [this.menu(step, false)];
      case 'ConnectParticipantWithLexBot':
        return [this.menu(step, true)];
      case 'Compare':
        return [this.branch(step)];
      case 'Loop':
        return this.loop(step);
      case 'TransferContactToQueue': {
        const outcomes: Outcomes = {};
        const answered = nextEdge(step);
        const overflow = errorEdge(step, 'QueueAtCapacity');
        const a = this.outcome(outcomes, 'answered', answered);
        this.outcome(outcomes, 'overflow', overflow);
        const o = this.route(step, 'queue', overflow, [answered]);
        const queue = str(p.QueueId) ?? str(p.AgentId) ?? 'the target queue';
        return [
          {
            ...this.base(step, outcomes),
            kind: 'queue',
            queue: queue === '' ? 'the target queue' : queue,
            ...(a === undefined ? {} : { answered: a }),
            ...(o === undefined ? {} : { overflow: o })
          } as FlowNode
        ];
      }
      case 'TransferParticipantToThirdParty': {
        const outcomes: Outcomes = {};
        const connected = nextEdge(step);
        const failed = errorEdge(step, 'CallFailed', 'ConnectionTimeLimitExceeded');
        const c = this.outcome(outcomes, 'connected', connected);
        this.outcome(outcomes, 'failed', failed);
        const f = this.route(step, 'transfer', failed, [connected]);
        const number = str(p.ThirdPartyPhoneNumber);
        return [
          {
            ...this.base(step, outcomes),
            kind: 'transfer',
            number: number === undefined || number === '' ? 'an external number' : number,
            reachesPerson: true,
            ...(c === undefined ? {} : { connected: c }),
            ...(f === undefined ? {} : { failed: f })
          } as FlowNode
        ];
      }
      case 'CreateCallbackContact': {
        const outcomes: Outcomes = {};
        const scheduled = nextEdge(step);
        const failed = errorEdge(step);
        const s = this.outcome(outcomes, 'scheduled', scheduled);
        const f = this.outcome(outcomes, 'failed', failed);
        this.unmodelled(step, 'callback', [scheduled, failed]);
        if (f === undefined) {
          this.note(step, `no error branch: a callback request that fails would drop the call ("${failed.name}" has no transition); the native callback node cannot show it`, failed.pointer);
        }
        const queue = str(p.QueueId) ?? str(p.AgentId);
        return [
          {
            ...this.base(step, outcomes),
            kind: 'callback',
            queue: queue === undefined || queue === '' ? 'the target queue' : queue,
            numberVariable: '$.CallbackNumber',
            ...(s === undefined ? {} : { scheduled: s }),
            ...(f === undefined ? {} : { failed: f })
          } as FlowNode
        ];
      }
      case 'TransferToFlow': {
        const design = designOf(step);
        if (design?.kind === 'voicemail') return [this.voicemail(step, design)];
        const outcomes: Outcomes = {};
        const back = step.errors.length > 0 || step.next === undefined ? errorEdge(step) : step.next;
        const next = this.outcome(outcomes, 'next', back);
        this.unmodelled(step, 'sub-flow', [back]);
        const flow = str(p.ContactFlowId) ?? str(p.FlowModuleId);
        this.note(step, 'TransferToFlow does not come back: the native sub-flow\'s "next" is the error branch, taken when the transfer fails');
        return [
          {
            ...this.base(step, outcomes),
            kind: 'subflow',
            flow: flow === undefined || flow === '' ? 'an unnamed flow' : flow,
            ...(next === undefined ? {} : { next })
          } as FlowNode
        ];
      }
      case 'CheckHoursOfOperation':
      case 'CheckStaffing': {
        const hours = step.type === 'CheckHoursOfOperation';
        this.note(
          step,
          hours
            ? 'the hours of operation are set up in the Connect instance, not in the flow: kept as a step with True/False outcomes'
            : 'staffing is only known at run time: kept as a step with True/False outcomes'
        );
        const edges = [
          { edge: conditionEdge(step, 'True') ?? { ...nextEdge(step), name: 'True' } },
          { edge: conditionEdge(step, 'False') ?? { ...nextEdge(step), name: 'False' } },
          { edge: errorEdge(step) }
        ];
        this.unmodelled(step, 'step', edges.map((e) => e.edge));
        return [this.opaque(step, edges)];
      }
      default:
        break;
    }
    if (EXTERNAL_CALLS.has(step.type)) return [this.lookup(step)];
    if (step.type.startsWith('Update') || step.type === 'SetContactFlow') return [this.setLike(step)];
    this.note(step, `${step.vendorType} is not modelled: kept as a step with its branches as outcomes`);
    return [this.generic(step)];
  }

  /** A transfer to a voicemail flow that the export marked as a native voicemail. */
  private voicemail(step: Step, design: Json): FlowNode {
    const outcomes: Outcomes = {};
    const recorded = nextEdge(step);
    const failed = errorEdge(step);
    const r = this.outcome(outcomes, 'recorded', recorded);
    const f = this.outcome(outcomes, 'failed', failed);
    this.unmodelled(step, 'voicemail', [recorded, failed]);
    const mailbox = str(design.mailbox) ?? str(step.parameters.ContactFlowId) ?? '';
    const maxSeconds = design.maxSeconds;
    return {
      ...this.base(step, outcomes),
      kind: 'voicemail',
      mailbox: mailbox === '' ? 'the voicemail flow' : mailbox,
      ...(typeof maxSeconds === 'number' && Number.isFinite(maxSeconds) && maxSeconds >= 0 ? { maxSeconds } : {}),
      ...(r === undefined ? {} : { recorded: r }),
      ...(f === undefined ? {} : { failed: f })
    } as FlowNode;
  }

  private lookup(step: Step): FlowNode {
    const p = step.parameters;
    const outcomes: Outcomes = {};
    const success = nextEdge(step);
    const failure = errorEdge(step);
    const s = this.outcome(outcomes, 'success', success);
    const f = this.outcome(outcomes, 'failure', failure);
    this.unmodelled(step, 'lookup', [success, failure]);
    const service = str(p.LambdaFunctionARN) ?? str(p.FunctionArn) ?? step.vendorType;
    return {
      ...this.base(step, outcomes),
      kind: 'lookup',
      service: service === '' ? step.vendorType : service,
      ...(s === undefined ? {} : { success: s }),
      ...(f === undefined ? {} : { failure: f })
    } as FlowNode;
  }

  /**
   * `Update…` actions: a `set` when nothing can go another way (no error
   * branch in Connect, or every error branch goes where NextAction goes),
   * else a step whose NoMatchingError outcome is a dead end when unwired.
   */
  private setLike(step: Step): FlowNode {
    const next = nextEdge(step);
    const errorsAgree = step.errors.length > 0 ? step.errors.every((e) => e.target === next.target) : NO_ERROR_BRANCH.has(step.type);
    if (!errorsAgree || next.target === undefined) {
      const edges: { edge: StepEdge }[] = [{ edge: next }, ...step.errors.map((edge) => ({ edge }))];
      if (!NO_ERROR_BRANCH.has(step.type) && step.errors.length === 0) {
        edges.push({ edge: missing(step, 'NoMatchingError') });
      }
      return this.opaque(step, edges);
    }
    const outcomes: Outcomes = {};
    const target = this.outcome(outcomes, 'next', next);
    const assign: [string, Scalar][] = [];
    const attributes = step.parameters.Attributes;
    if (step.type === 'UpdateContactAttributes' && isObject(attributes)) {
      for (const key of Object.keys(attributes)) {
        const value = attributes[key];
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
          assign.push([`$.Attributes.${key}`, value]);
        }
      }
    }
    return {
      ...this.base(step, outcomes),
      kind: 'set',
      ...(assign.length > 0 ? { assign: Object.fromEntries(assign) } : {}),
      ...(target === undefined ? {} : { next: target })
    } as FlowNode;
  }

  private input(step: Step): FlowNode {
    const p = step.parameters;
    const outcomes: Outcomes = {};
    const next = nextEdge(step);
    const invalid = errorEdge(step, 'InvalidPhoneNumber');
    const n = this.outcome(outcomes, 'next', next);
    // On silence Connect takes the success path with the value "Timeout".
    this.outcome(outcomes, 'noInput', { ...next, name: 'Timeout' });
    const i = this.outcome(outcomes, 'invalid', invalid);
    this.unmodelled(step, 'input', [next, invalid]);
    const validation = isObject(p.InputValidation) ? p.InputValidation : {};
    const custom = own(validation, 'CustomValidation');
    const maxDigits = isObject(custom) ? seconds(own(custom, 'MaximumLength')) : undefined;
    const dtmf = isObject(p.DTMFConfiguration) ? p.DTMFConfiguration : {};
    const terminator = str(own(dtmf, 'InputTerminationSequence'));
    const timeout = seconds(p.InputTimeLimitSeconds);
    return {
      ...this.base(step, outcomes),
      kind: 'input',
      prompt: promptOf(p) ?? '',
      variable: '$.StoredCustomerInput',
      ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
      ...(maxDigits !== undefined && Number.isInteger(maxDigits) && maxDigits >= 1 ? { maxDigits } : {}),
      ...(terminator === '#' || terminator === '*' ? { terminator } : {}),
      ...(n === undefined ? {} : { next: n, noInput: n }),
      ...(i === undefined ? {} : { invalid: i })
    } as FlowNode;
  }

  private menu(step: Step, lex: boolean): FlowNode {
    const p = step.parameters;
    const outcomes: Outcomes = {};
    const options: MenuOption[] = [];
    const used: StepEdge[] = [];
    const keys = new Set<string>();
    for (const c of step.conditions) {
      const value = c.value.trim();
      const isKey = !lex && (DTMF_KEYS as readonly string[]).includes(value);
      const said = value.toLowerCase();
      if (value === '' || keys.has(isKey ? value : `say:${said}`)) {
        this.note(step, `the condition ${JSON.stringify(c.value)} is already handled by an earlier condition (Connect takes the first): ignored`, c.pointer);
        continue;
      }
      keys.add(isKey ? value : `say:${said}`);
      if (c.operator !== 'Equals') {
        this.note(step, `the condition "${c.operator} ${c.value}" is read as the choice ${JSON.stringify(value)}`, c.pointer);
      }
      const native = isKey ? value : `say:${value}`;
      const target = this.outcome(outcomes, native, c);
      used.push(c);
      options.push(isKey ? { key: value as MenuOption['key'], ...(target === undefined ? {} : { next: target }) } : { phrases: [value], label: value, ...(target === undefined ? {} : { next: target }) });
    }
    const noInput = errorEdge(step, 'InputTimeLimitExceeded');
    const invalid = noMatchEdge(step);
    const ni = this.outcome(outcomes, 'noInput', noInput);
    this.outcome(outcomes, 'invalid', invalid);
    const iv = this.route(step, 'menu', invalid, [...used, noInput]);
    let prompt = promptOf(p);
    if (prompt === undefined && lex) prompt = '';
    const timeout = seconds(lex ? p.LexTimeoutSeconds : p.InputTimeLimitSeconds);
    return {
      ...this.base(step, outcomes),
      kind: 'menu',
      prompt: prompt ?? '',
      ...(timeout === undefined || (lex && isObject(p.LexTimeoutSeconds)) ? {} : { timeoutSeconds: timeout }),
      options,
      ...(ni === undefined ? {} : { noInput: ni }),
      ...(iv === undefined ? {} : { invalid: iv })
    } as FlowNode;
  }

  private branch(step: Step): FlowNode {
    const variable = str(step.parameters.ComparisonValue) ?? '';
    const outcomes: Outcomes = {};
    const cases: { label: string; when: Condition; next?: string }[] = [];
    const labels = new Set<string>();
    const used: StepEdge[] = [];
    for (const c of step.conditions) {
      const when = toCondition(variable === '' ? '$.ComparisonValue' : variable, c);
      if (when === undefined) {
        this.note(step, `unknown operator ${JSON.stringify(c.operator)}: the condition is read as Equals`, c.pointer);
      }
      const base = safeName(c.operator === 'Equals' ? c.value : `${c.operator} ${c.value}`);
      let label = base === '' ? '(empty)' : base;
      for (let i = 2; labels.has(label) || label === 'otherwise'; i++) label = `${base} (${i})`;
      labels.add(label);
      const target = this.outcome(outcomes, label, c);
      used.push(c);
      cases.push({
        label,
        when: when ?? { var: variable === '' ? '$.ComparisonValue' : variable, op: 'eq', value: c.value },
        ...(target === undefined ? {} : { next: target })
      });
    }
    const otherwise = noMatchEdge(step);
    const o = this.outcome(outcomes, 'otherwise', otherwise);
    this.unmodelled(step, 'branch', [...used, otherwise]);
    return { ...this.base(step, outcomes), kind: 'branch', cases, ...(o === undefined ? {} : { otherwise: o }) } as FlowNode;
  }

  /**
   * Loop: a `set` that counts the passes (keeping the action's Identifier)
   * and a `branch` on the counter, which the analysis sees as a retry limit.
   */
  private loop(step: Step): FlowNode[] {
    const raw = str(step.parameters.LoopCount);
    let count = raw === undefined ? NaN : Number(raw);
    if (!Number.isFinite(count) || count < 0) {
      this.note(step, `LoopCount ${describeValue(step.parameters.LoopCount)} is not a number: read as 1`);
      count = 1;
    }
    const counter = `$.Loop.${step.id}`;
    const checkId = this.uniqueId(`${step.id}:LoopCount`);
    const setOutcomes: Outcomes = {};
    this.outcome(setOutcomes, 'next', { target: checkId, name: missingName(step, 'NextAction'), pointer: step.pointer });
    const set = {
      ...this.base(step, setOutcomes),
      kind: 'set',
      increment: [counter],
      next: checkId
    } as FlowNode;
    const outcomes: Outcomes = {};
    const more = conditionEdge(step, 'ContinueLooping') ?? missing(step, 'ContinueLooping');
    const done = conditionEdge(step, 'DoneLooping') ?? step.next ?? missing(step, 'DoneLooping');
    const m = this.outcome(outcomes, more.name, more);
    const d = this.outcome(outcomes, 'otherwise', done);
    this.unmodelled(step, 'loop', [more, done]);
    const check = {
      ...this.base(step, outcomes, checkId),
      ...(step.position ? { position: { x: step.position.x, y: step.position.y + 80 } } : {}),
      name: `Loop ${count} times`,
      kind: 'branch',
      cases: [{ label: more.name, when: { var: counter, op: 'le', value: count }, ...(m === undefined ? {} : { next: m }) }],
      ...(d === undefined ? {} : { otherwise: d })
    } as FlowNode;
    return [set, check];
  }
}

function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  const bare = last.replace(/\.json$/i, '');
  return bare === '' ? 'amazon-connect-flow' : bare;
}

function importDocument(document: unknown, file: string): ImportResult {
  const fail = (pointer: string, message: string): ImportResult => ({ ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer, message }] });
  if (!isObject(document)) return fail('', `an Amazon Connect flow is a JSON object, got ${describeValue(document)}`);
  const notes: NoteDraft[] = [];
  let flowDocument: unknown = document;
  let pointer = (p: string): string => p;
  let name: string | undefined;
  let description: string | undefined;
  let id: string | undefined;
  let wrapped = false;
  const wrapper = wrapperContent(document);
  if (wrapper !== undefined) {
    const { content, base } = wrapper;
    const contactFlow = own(document, 'ContactFlow');
    if (isObject(contactFlow)) {
      const n = own(contactFlow, 'Name');
      const d = own(contactFlow, 'Description');
      const arn = own(contactFlow, 'Arn');
      if (typeof n === 'string' && n.trim() !== '') name = n;
      if (typeof d === 'string' && d.trim() !== '') description = d;
      if (typeof arn === 'string' && arn !== '') id = arn;
    }
    if (typeof content === 'string') {
      const parsed = parseContent(content);
      if (!parsed.ok) return fail(base, `"Content" is not JSON: ${parsed.message}`);
      flowDocument = parsed.value;
      // Content is a string: a pointer cannot reach inside it.
      pointer = () => base;
      wrapped = true;
      notes.push({
        pointer: base,
        message: `"Content" holds the flow as a JSON string, so findings point at ${base}; each node keeps the action's place inside it in meta.contentPointer`
      });
    } else if (isObject(content)) {
      flowDocument = content;
      pointer = (p) => `${base}${p}`;
    } else {
      return fail(base, `"Content" must hold the flow as a JSON string, got ${describeValue(content)}`);
    }
    if (!isObject(flowDocument)) return fail(base, `"Content" must hold a flow object, got ${describeValue(flowDocument)}`);
  }
  const inner = flowDocument as Json;
  let read: ReadResult;
  if (isLegacyExport(inner)) {
    read = readLegacy(inner, pointer);
    notes.push({ pointer: pointer(''), message: 'legacy console export (modules): converted to the flow-language meaning of each module' });
  } else if (isFlowLanguage(inner) || own(inner, 'Actions') !== undefined) {
    read = readFlowLanguage(inner, pointer);
  } else {
    return fail(wrapper?.base ?? '', 'not an Amazon Connect flow: expected "Version": "2019-10-30" with "StartAction" and "Actions", or a legacy export with "modules" and "start"');
  }
  if (read.problems.length > 0) {
    return {
      ok: false,
      problems: read.problems.map((p): Problem => ({ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: pointer(p.pointer), message: wrapped ? `${p.message} (at ${p.pointer} inside Content)` : p.message }))
    };
  }
  notes.push(...read.notes.map((n) => ({ ...n, pointer: pointer(n.pointer), message: wrapped ? `${n.message} (at ${n.pointer} inside Content)` : n.message })));
  if (read.steps.length === 0) return fail(pointer(isLegacyExport(inner) ? '/modules' : '/Actions'), 'the flow has no actions');
  const start = read.start;
  if (start === undefined || !read.steps.some((s) => s.id === start)) {
    const at = pointer(isLegacyExport(inner) ? '/start' : '/StartAction');
    return fail(at, `the start ${JSON.stringify(start)} is not the Identifier of any action`);
  }
  const converter = new Converter(read.steps, wrapped);
  const nodes: FlowNode[] = [];
  for (const step of read.steps) {
    nodes.push(...converter.convert(step), ...converter.extra);
    converter.extra = [];
  }
  notes.push(...converter.notes);
  name ??= read.name;
  description ??= read.description;
  const flowName = name ?? baseName(file);
  const flow = {
    version: 1,
    id: id ?? flowName,
    name: flowName,
    ...(description === undefined ? {} : { description }),
    start,
    nodes
  };
  return finishImport(flow, file, notes, wrapper?.base ?? '');
}

const amazonConnect: VendorFormat = {
  id: 'amazon-connect',
  name: 'Amazon Connect',
  detect(document) {
    try {
      return detect(document);
    } catch {
      return false;
    }
  },
  import(document, file) {
    try {
      return importDocument(document, file);
    } catch (error) {
      return {
        ok: false,
        problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: '', message: `could not read the flow: ${error instanceof Error ? error.message : String(error)}` }]
      };
    }
  },
  export: exportAmazonConnect
};

export default amazonConnect;
