/**
 * Loading a native flow: parse, migrate, validate. Never throws on user data:
 * every problem names the file, a JSON pointer and what is wrong.
 */
import type { z } from 'zod';
import { describeValue, issueToProblem } from '../json/issues.ts';
import { findLimitBreach, limitProblem, MAX_DEPTH, MAX_WALK_DEPTH, scanDocument } from '../json/limits.ts';
import { migrate } from './migrations.ts';
import { compileCheck, type Check } from './check.ts';
import { compiledPattern } from './pattern.ts';
import { isTimeZone } from './hours.ts';
import { FlowSchema, FORMAT_VERSION, keyBit, NodeSchema, NODE_KINDS } from './schema.ts';
import type { Flow, NodeOfKind } from './types.ts';
import { DIAGNOSTIC_CODES, type Problem } from '../diagnostic/index.ts';

export { formatProblem, type Problem } from '../diagnostic/index.ts';

export type LoadResult =
  | { readonly ok: true; readonly flow: Flow; readonly migrations: readonly string[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Parses JSON text, reporting a syntax error with its line and column. */
export function parseJson(
  text: string,
  file: string
): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    let line: number | undefined;
    let column: number | undefined;
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      line = before.split('\n').length;
      column = offset - before.lastIndexOf('\n');
    }
    // V8 says where in its own words ("in JSON at position 7") or quotes the
    // text ("…" is not valid JSON); the line and column say it better.
    const clean = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    return {
      ok: false,
      problems: [{ code: DIAGNOSTIC_CODES.jsonMalformed, severity: 'error', file, pointer: '', message: `malformed JSON: ${clean}`, ...(line === undefined ? {} : { line, column }) }]
    };
  }
}

/** Loads a flow from the text of a `.ivr.json` file. */
export function loadFlowText(text: string, file: string): LoadResult {
  const parsed = parseJson(text, file);
  if (!parsed.ok) return parsed;
  return loadFlow(parsed.value, file);
}

export interface LoadOptions {
  /**
   * Whether the document's depth and string lengths were checked already
   * (json/limits.ts): an importer's native flow, made from a vendor file
   * checked where it entered, keeps the vendor data a few levels deeper.
   */
  readonly limitsChecked?: boolean;
}

/** Validates and migrates parsed JSON. */
export function loadFlow(document: unknown, file: string, options: LoadOptions = {}): LoadResult {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: '', message: 'a flow is a JSON object' }] };
  }
  // A valid flow of the current version within the file limits, the usual case, is checked in one walk, without being copied.
  if ((document as Record<string, unknown>)['version'] === FORMAT_VERSION && flowIsValid(document, options.limitsChecked === true ? MAX_WALK_DEPTH : MAX_DEPTH)) {
    const flow = document as unknown as Flow;
    const problems = checkIntegrity(flow, file);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, flow, migrations: [] };
  }
  // Otherwise one walk says where: nothing deeper or longer than a file may hold goes further (json/limits.ts), and each field named __proto__ is found.
  const found: string[] = [];
  if (options.limitsChecked === true) {
    scanDocument(document, { maxDepth: MAX_WALK_DEPTH }, found);
  } else {
    const breach = scanDocument(document, {}, found);
    if (breach !== undefined) return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: breach.pointer, message: breach.message }] };
  }
  const migrated = migrate(document as Record<string, unknown>);
  if (!migrated.ok) {
    return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.formatVersion, severity: 'error', file, pointer: '/version', message: migrated.message }] };
  }
  const protoKeys = migrated.document === document ? found.sort() : findProtoKeys(migrated.document);
  if (protoKeys.length > 0) {
    return {
      ok: false,
      problems: protoKeys.map((pointer) => ({
        code: DIAGNOSTIC_CODES.schema,
        severity: 'error',
        file,
        pointer,
        message: 'a field may not be named "__proto__" (node ids may: they are values, not field names)'
      }))
    };
  }
  // A migrated flow that is valid is checked without being copied; Zod reads one that is not, for its problems.
  let flow: Flow;
  if (migrated.document !== document && flowIsValid(migrated.document, MAX_WALK_DEPTH)) {
    flow = migrated.document as unknown as Flow;
  } else {
    const result = FlowSchema.safeParse(migrated.document);
    if (!result.success) {
      return { ok: false, problems: result.error.issues.map((issue) => issueToProblem(issue, file, migrated.document, explainFlowIssue)) };
    }
    flow = result.data;
  }
  const problems = checkIntegrity(flow, file);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, flow, migrations: migrated.applied };
}

let checkFlow: Check | undefined;
/** Whether a document is a valid flow as it stands, by the flow schema (compiled on first use), within the file limits at `maxDepth`. */
const flowIsValid = (document: unknown, maxDepth: number): boolean => (checkFlow ??= compileCheck(FlowSchema))(document, maxDepth);

/**
 * Validation for a flow that is edited in place, as the designer does: each
 * node object is checked once and its problems kept, so after an edit only
 * the nodes that changed are checked again. It finds what `loadFlow` finds
 * for a current-version flow; a valid flow comes back as the very objects it
 * was given, which keeps the analysis' per-node caches warm. Documents of an
 * older version go through `loadFlow` and its migrations.
 */
export function createFlowChecker(): (document: unknown, file: string) => LoadResult {
  const checked = new WeakMap<object, readonly { readonly pointer: string; readonly message: string }[]>();
  const checkNode = (node: object) => {
    let found = checked.get(node);
    if (found === undefined) {
      // A node sits at level 3 of its file: the flow, its nodes, the node.
      const breach = findLimitBreach(node, { level: 2 });
      const proto = breach === undefined ? findProtoKeys(node) : [];
      if (breach !== undefined) {
        found = [breach];
      } else if (proto.length > 0) {
        found = proto.map((pointer) => ({ pointer, message: 'a field may not be named "__proto__" (node ids may: they are values, not field names)' }));
      } else {
        const result = NodeSchema.safeParse(node);
        found = result.success ? [] : result.error.issues.map((issue) => issueToProblem(issue, '', node, explainFlowIssue));
      }
      checked.set(node, found);
    }
    return found;
  };
  return (document, file) => {
    if (typeof document !== 'object' || document === null || Array.isArray(document)) return loadFlow(document, file);
    const flow = document as Record<string, unknown>;
    const nodes = flow['nodes'];
    if (flow['version'] !== FORMAT_VERSION || !Array.isArray(nodes) || nodes.some((n) => typeof n !== 'object' || n === null || Array.isArray(n))) {
      return loadFlow(document, file);
    }
    const rest = { ...flow, nodes: [] };
    const restTooBig = limitProblem(rest, file);
    const problems: Problem[] = restTooBig !== undefined ? [restTooBig] : findProtoKeys(rest).map((pointer) => ({
      code: DIAGNOSTIC_CODES.schema,
      severity: 'error',
      file,
      pointer,
      message: 'a field may not be named "__proto__" (node ids may: they are values, not field names)'
    }));
    if (problems.length === 0) {
      const top = FlowSchema.safeParse(rest);
      if (!top.success) problems.push(...top.error.issues.map((issue) => issueToProblem(issue, file, rest, explainFlowIssue)));
    }
    (nodes as object[]).forEach((node, index) => {
      for (const p of checkNode(node)) problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: `/nodes/${index}${p.pointer}`, message: p.message });
    });
    if (problems.length > 0) return { ok: false, problems };
    const integrity = checkIntegrity(flow as unknown as Flow, file);
    if (integrity.length > 0) return { ok: false, problems: integrity };
    return { ok: true, flow: flow as unknown as Flow, migrations: [] };
  };
}

/**
 * Pointers of every field named `__proto__`. JSON.parse keeps such a field,
 * but copying it into a plain object would set the object's prototype and
 * lose the field, so it is refused where it stands rather than dropped.
 */
function findProtoKeys(document: unknown): string[] {
  const found: string[] = [];
  // Data whose limits were checked: the walk's own bound is never reached.
  scanDocument(document, { maxDepth: MAX_WALK_DEPTH }, found);
  return found.sort();
}

/** The flow loader's own words: a node kind that is missing or unknown is named with the kinds there are. */
function explainFlowIssue(issue: z.core.$ZodIssue, actual: unknown): string | undefined {
  if (issue.code !== 'invalid_union' || !('discriminator' in issue) || issue.discriminator !== 'kind') return undefined;
  return actual === undefined
    ? `a node needs a "kind": one of ${NODE_KINDS.join(', ')}`
    : `unknown node kind ${typeof actual === 'string' ? JSON.stringify(actual.length > 40 ? `${actual.slice(0, 40)}…` : actual) : describeValue(actual)}: expected one of ${NODE_KINDS.join(', ')}`;
}

/** A menu's options: each has a key or phrases, and no key or phrase is two options'. */
function checkOptions(node: NodeOfKind<'menu'>, index: number, file: string, problems: Problem[]): void {
  // The keypad keys taken, one bit each (a menu of a loaded flow has no other keys): a map per menu cost more than the rest of the check.
  let taken = 0;
  let firstOf: Map<string, number> | undefined;
  // Most menus have no phrases: their map is made for the first.
  let phrases: Map<string, number> | undefined;
  for (let optionIndex = 0; optionIndex < node.options.length; optionIndex++) {
    const option = node.options[optionIndex]!;
    const said = option.phrases ?? [];
    for (let phraseIndex = 0; phraseIndex < said.length; phraseIndex++) {
      const phrase = said[phraseIndex]!;
      const heard = phrase.trim().toLowerCase();
      phrases ??= new Map();
      const other = phrases.get(heard);
      if (other !== undefined && other !== optionIndex) {
        problems.push({
          code: DIAGNOSTIC_CODES.schema,
          severity: 'error',
          file,
          pointer: `/nodes/${index}/options/${optionIndex}/phrases/${phraseIndex}`,
          message: `node ${JSON.stringify(node.id)}: the phrase ${JSON.stringify(phrase)} is already option ${other + 1}'s`
        });
      } else {
        phrases.set(heard, optionIndex);
      }
    }
    if (option.key === undefined && said.length === 0) {
      problems.push({
        code: DIAGNOSTIC_CODES.schema,
        severity: 'error',
        file,
        pointer: `/nodes/${index}/options/${optionIndex}`,
        message: `node ${JSON.stringify(node.id)}: a menu option needs a "key" or "phrases"`
      });
    }
    if (option.key === undefined) continue;
    const bit = keyBit(option.key);
    if (bit !== 0 && (taken & bit) === 0) {
      taken |= bit;
      continue;
    }
    // Where each key was first used is looked up once some key comes twice (or is not a keypad key).
    firstOf ??= firstPlaces(node.options, (option) => option.key);
    const other = firstOf.get(option.key)!;
    if (other !== optionIndex) {
      problems.push({
        code: DIAGNOSTIC_CODES.schema,
        severity: 'error',
        file,
        pointer: `/nodes/${index}/options/${optionIndex}/key`,
        message: `node ${JSON.stringify(node.id)}: key ${JSON.stringify(option.key)} is already option ${other + 1}`
      });
    }
  }
}

/** Where each name (a node's id, an option's key) is first used among the items. */
function firstPlaces<T>(items: readonly T[], nameOf: (item: T) => string | undefined): Map<string, number> {
  const places = new Map<string, number>();
  items.forEach((item, at) => {
    const name = nameOf(item);
    if (name !== undefined && !places.has(name)) places.set(name, at);
  });
  return places;
}

/** Checks the schema cannot express: unique ids, an existing start, valid patterns. */
function checkIntegrity(flow: Flow, file: string): Problem[] {
  const problems: Problem[] = [];
  // One set operation a node: where an id was first used is looked up only once some id comes twice.
  const ids = new Set<string>();
  let firstIndex: Map<string, number> | undefined;
  const nodes = flow.nodes;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    const before = ids.size;
    if (ids.add(node.id).size === before) {
      firstIndex ??= firstPlaces(nodes, (node) => node.id);
      problems.push({
        code: DIAGNOSTIC_CODES.schema,
        severity: 'error',
        file,
        pointer: `/nodes/${index}/id`,
        message: `duplicate node id ${JSON.stringify(node.id)} (first used at /nodes/${firstIndex.get(node.id)!}/id)`
      });
    }
    if (node.kind === 'input' && node.pattern !== undefined && compiledPattern(node.pattern) === null) {
      problems.push({
        code: DIAGNOSTIC_CODES.schema,
        severity: 'error',
        file,
        pointer: `/nodes/${index}/pattern`,
        message: `node ${JSON.stringify(node.id)}: ${JSON.stringify(node.pattern)} is not a valid regular expression`
      });
    }
    if (node.kind === 'input' && node.minDigits !== undefined && node.maxDigits !== undefined && node.minDigits > node.maxDigits) {
      problems.push({
        code: DIAGNOSTIC_CODES.schema,
        severity: 'error',
        file,
        pointer: `/nodes/${index}/minDigits`,
        message: `node ${JSON.stringify(node.id)}: minDigits (${node.minDigits}) is more than maxDigits (${node.maxDigits})`
      });
    }
    if (node.kind === 'hours' && !isTimeZone(node.timeZone)) {
      problems.push({
        code: DIAGNOSTIC_CODES.schema,
        severity: 'error',
        file,
        pointer: `/nodes/${index}/timeZone`,
        message: `node ${JSON.stringify(node.id)}: ${JSON.stringify(node.timeZone)} is not a time zone (use an IANA name such as "America/New_York")`
      });
    }
    if (node.kind === 'menu') checkOptions(node, index, file, problems);
  }
  // A test call through an hours check needs a time, or it passes or fails with the clock.
  const hours = flow.nodes.filter((node) => node.kind === 'hours').map((node) => node.id);
  if (hours.length > 0) {
    (flow.tests ?? []).forEach((call, index) => {
      const env = call.environment;
      if (env?.now !== undefined) return;
      if (hours.every((id) => env?.outcomes !== undefined && Object.hasOwn(env.outcomes, id))) return;
      problems.push({
        code: DIAGNOSTIC_CODES.schema,
        severity: 'error',
        file,
        pointer: `/tests/${index}`,
        message: `test call ${JSON.stringify(call.name)}: the flow checks opening hours (${hours.map((id) => JSON.stringify(id)).join(', ')}), so the call needs "environment": {"now": "…"}`
      });
    });
  }
  if (flow.nodes.length === 0) {
    problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: '/nodes', message: 'a flow needs at least one node' });
  } else if (!ids.has(flow.start)) {
    problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: '/start', message: `the start node ${JSON.stringify(flow.start)} does not exist` });
  }
  (flow.entries ?? []).forEach((entry, index) => {
    if (!ids.has(entry.start)) {
      problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: `/entries/${index}/start`, message: `entry point ${index + 1} starts at ${JSON.stringify(entry.start)}, which is not a node` });
    }
  });
  return problems;
}
