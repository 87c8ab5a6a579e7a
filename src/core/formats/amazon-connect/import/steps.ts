/**
 * The steps of a Connect flow: one action (or legacy module) read into the
 * shape both formats share, an action with its default edge, conditions and
 * errors; and the reading both formats do the same way.
 */

/** An edge of a step: where it goes and where the file says so. */
export interface StepEdge {
  /** The target id; undefined when the edge is declared without one. */
  readonly target: string | undefined;
  /** The name Connect gives it (an ErrorType, a condition value, `Success`, …). */
  readonly name: string;
  /** JSON pointer (in the flow document) of the field holding the target. */
  readonly pointer: string;
}

/** A condition branch of a step. */
export interface StepCondition extends StepEdge {
  /** Flow-language operator: Equals, NumberGreaterThan, TextContains, … */
  readonly operator: string;
  readonly value: string;
}

/** An error branch of a step. */
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

/** The steps a document holds, with where it starts, its name, and what was said reading it. */
export interface ReadResult {
  readonly steps: Step[];
  readonly start: string | undefined;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly problems: { pointer: string; message: string }[];
  readonly notes: { node?: string; pointer: string; message: string }[];
}

/** A read document's result: its steps, with its start, name and description when it gives them (non-empty strings). */
export function readResult(steps: Step[], start: unknown, metadata: unknown, problems: ReadResult['problems'], notes: ReadResult['notes']): ReadResult {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const field = (key: string): unknown => (isObject(metadata) ? own(metadata, key) : undefined);
  return {
    steps,
    start: typeof start === 'string' && start !== '' ? start : undefined,
    name: text(field('name')),
    description: text(field('description')),
    problems,
    notes
  };
}

export type Json = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field of an object, when it is its own. */
export function own(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * The name of a condition branch: the value it compares with, as Connect
 * shows it; an empty value (a test for an unset attribute) as `(empty)`, so
 * that findings and notes can name the branch.
 */
export function conditionName(value: string): string {
  return value === '' ? '(empty)' : value;
}

/** A value as a message names it: `an array`, `the string "x"`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}


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

/** An editor position `{x, y}`, when the value is one. */
export function readPosition(value: unknown): { x: number; y: number } | undefined {
  if (!isObject(value)) return undefined;
  const x = own(value, 'x');
  const y = own(value, 'y');
  if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) return { x, y };
  return undefined;
}
