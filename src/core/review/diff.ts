/**
 * A semantic diff of two versions of a flow: what a change does to callers,
 * not to the file. Nodes are matched by id, and a node whose id changed is
 * matched by its content (same kind, same prompt, or same settings), so a
 * rename reads as one rename rather than a removal and an addition, and the
 * routes into it do not read as rewired. Positions, vendor layout and import
 * bookkeeping are never compared: moving a node changes nothing.
 *
 * It also says what the change does to the analysis: findings fixed and
 * introduced, and the time to a person before and after.
 */
import { lintFlow, type LintOptions, type LintResult } from '../analysis/engine.ts';
import type { Finding } from '../analysis/types.ts';
import { VENDOR_CATALOG } from '../catalog/index.ts';
import { escapeToken } from '../json/pointer.ts';
import { MAX_WALK_DEPTH } from '../json/limits.ts';
import { optionOutcome, outcomesOf } from '../model/outcomes.ts';
import type { Flow, FlowNode } from '../model/types.ts';

/** Fields that hold what the caller hears. */
const PROMPT_FIELDS = ['prompt', 'reprompt', 'noInputPrompt', 'invalidPrompt'] as const;
/** Fields that never change what a caller meets: layout and import bookkeeping. */
const IGNORED_FIELDS = new Set(['id', 'name', 'position', 'source', 'meta', 'notes', ...PROMPT_FIELDS]);
/** Layout keys inside vendor data kept verbatim (Studio offsets, Connect positions), from each vendor format. */
const LAYOUT_KEYS: ReadonlySet<string> = new Set(VENDOR_CATALOG.flatMap((format) => format.keptKeys.layout));

/** One word of a word diff: kept, removed (only before) or added (only after). */
export interface WordPart {
  readonly op: 'same' | 'removed' | 'added';
  readonly text: string;
}

export interface PromptChange {
  /** The field and, for text per locale, the locale: `prompt`, `reprompt/es-US`. */
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly words: readonly WordPart[];
}

export interface RouteChange {
  /** The outcome: a key, `noInput`, `failure`, … */
  readonly outcome: string;
  /** Where it led before (as the new version names that node), null when unwired, absent when the outcome is new. */
  readonly before?: string | null;
  /** Where it leads now, null when unwired, absent when the outcome is gone. */
  readonly after?: string | null;
}

export interface SettingChange {
  /** JSON pointer inside the node (or the flow), e.g. `/maxRetries`. */
  readonly pointer: string;
  /** The value before, absent when the field was not there (a value `null` is a JSON null). */
  readonly before?: unknown;
  /** The value now, absent when the field is gone. */
  readonly after?: unknown;
}

export interface NodeChange {
  /** The node's id: in the new version, or in the old for a removed node. */
  readonly node: string;
  readonly kind: FlowNode['kind'];
  readonly status: 'added' | 'removed' | 'changed';
  /** The old id of a node whose id changed. */
  readonly renamedFrom?: string;
  /** The canvas label, when it changed. */
  readonly name?: { readonly before: string | null; readonly after: string | null };
  /** The kind before, when the node changed kind. */
  readonly kindBefore?: FlowNode['kind'];
  readonly prompts: readonly PromptChange[];
  readonly routes: readonly RouteChange[];
  readonly settings: readonly SettingChange[];
}

/** A finding as a diff reports it. */
export interface DiffFinding {
  readonly rule: string;
  readonly severity: Finding['severity'];
  readonly node: string;
  readonly outcome?: string;
  readonly message: string;
}

export interface FlowDiff {
  readonly before: { readonly id: string; readonly name: string };
  readonly after: { readonly id: string; readonly name: string };
  /** The start node, when it changed (as each version names it). */
  readonly start?: { readonly before: string; readonly after: string };
  /** Flow-level settings: name, description, locales, lint settings. */
  readonly settings: readonly SettingChange[];
  /** Nodes added, removed or changed: new nodes in the new version's order, then removed ones. */
  readonly nodes: readonly NodeChange[];
  /** Saved test calls, by name. */
  readonly tests: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
  readonly analysis: {
    readonly fixed: readonly DiffFinding[];
    readonly introduced: readonly DiffFinding[];
    /** Seconds from the start to a person on the quickest route, null when there is none. */
    readonly secondsToPerson: { readonly before: number | null; readonly after: number | null };
  };
}

export interface DiffOptions {
  /** Lint options for both versions (sub-flow resolution, thresholds). */
  readonly lint?: LintOptions;
  /** Either version's lint, when it is at hand already (the designer's, kept from edit to edit). */
  readonly linted?: { readonly before?: LintResult; readonly after?: LintResult };
}

/** Whether a diff finds nothing a caller would notice and nothing for the analysis. */
export function isEmptyDiff(diff: FlowDiff): boolean {
  return (
    diff.start === undefined &&
    diff.settings.length === 0 &&
    diff.nodes.length === 0 &&
    diff.tests.added.length + diff.tests.removed.length + diff.tests.changed.length === 0 &&
    diff.analysis.fixed.length + diff.analysis.introduced.length === 0
  );
}

/** The semantic diff from `before` to `after`. */
export function diffFlows(before: Flow, after: Flow, options: DiffOptions = {}): FlowDiff {
  const renames = matchRenamed(before, after);
  /** An old id as the new version names that node. */
  const renamed = (id: string): string => renames.get(id) ?? id;
  const oldById = new Map(before.nodes.map((n) => [n.id, n]));
  const newIds = new Set(after.nodes.map((n) => n.id));
  const oldIdOf = new Map([...renames].map(([oldId, newId]) => [newId, oldId]));

  const nodes: NodeChange[] = [];
  for (const node of after.nodes) {
    const oldId = oldIdOf.get(node.id) ?? node.id;
    const old = oldById.get(oldId);
    if (old === undefined) {
      nodes.push({ node: node.id, kind: node.kind, status: 'added', prompts: [], routes: routesOf(undefined, node, renamed), settings: [] });
      continue;
    }
    const change = compareNodes(old, node, renamed);
    if (change !== undefined) nodes.push(change);
  }
  const matchedOld = new Set(after.nodes.map((n) => oldIdOf.get(n.id) ?? n.id));
  for (const node of before.nodes) {
    if (matchedOld.has(node.id) || newIds.has(renamed(node.id))) continue;
    nodes.push({ node: node.id, kind: node.kind, status: 'removed', prompts: [], routes: [], settings: [] });
  }

  const beforeLint = options.linted?.before ?? lintFlow(before, options.lint);
  const afterLint = options.linted?.after ?? lintFlow(after, options.lint);
  const { fixed, introduced } = compareFindings(beforeLint.findings, afterLint.findings, renamed);

  return {
    before: { id: before.id, name: before.name },
    after: { id: after.id, name: after.name },
    ...(renamed(before.start) === after.start ? {} : { start: { before: before.start, after: after.start } }),
    settings: compareValues(flowSettings(before), flowSettings(after), ''),
    nodes,
    tests: compareTests(before, after),
    analysis: {
      fixed,
      introduced,
      secondsToPerson: { before: finite(beforeLint.metrics.secondsToHuman), after: finite(afterLint.metrics.secondsToHuman) }
    }
  };
}

const finite = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);

/** A flow's own settings, less its nodes, start and test calls (compared apart). */
function flowSettings(flow: Flow): Record<string, unknown> {
  const { nodes: _nodes, start: _start, tests: _tests, $schema: _schema, version: _version, id: _id, ...rest } = flow;
  return rest;
}

/**
 * Pairs each removed node with an added one that is the same node under a new
 * id: same kind, and the same prompt (or, without one, the same settings).
 * One pass over each side, with the candidates bucketed by that signature.
 */
function matchRenamed(before: Flow, after: Flow): Map<string, string> {
  const newIds = new Set(after.nodes.map((n) => n.id));
  const oldIds = new Set(before.nodes.map((n) => n.id));
  const removed = new Map<string, FlowNode[]>();
  for (const node of before.nodes) {
    if (newIds.has(node.id)) continue;
    const key = signature(node);
    const bucket = removed.get(key);
    if (bucket === undefined) removed.set(key, [node]);
    else bucket.push(node);
  }
  const renames = new Map<string, string>();
  for (const node of after.nodes) {
    if (oldIds.has(node.id)) continue;
    const bucket = removed.get(signature(node));
    const match = bucket?.shift();
    if (match !== undefined) renames.set(match.id, node.id);
  }
  return renames;
}

/** What identifies a node apart from its id and wiring: its kind and what the caller hears, or its settings. */
function signature(node: FlowNode): string {
  const heard = PROMPT_FIELDS.map((field) => promptOf(node, field)).filter((p) => p !== undefined);
  if (heard.length > 0) return `${node.kind}\u0000${JSON.stringify(heard)}`;
  return `${node.kind}\u0000${JSON.stringify(settingsOf(node))}`;
}

function promptOf(node: FlowNode, field: (typeof PROMPT_FIELDS)[number]): unknown {
  return (node as Record<string, unknown>)[field];
}

/** A node's settings: every field but those compared apart or ignored, and outcome targets taken out. */
function settingsOf(node: FlowNode): Record<string, unknown> {
  const copy = structuredClone(node) as Record<string, unknown>;
  for (const outcome of outcomesOf(node)) {
    const path = outcome.pointer.slice(1).split('/');
    let holder: unknown = copy;
    for (const key of path.slice(0, -1)) holder = (holder as Record<string, unknown> | undefined)?.[key];
    if (holder !== null && typeof holder === 'object') delete (holder as Record<string, unknown>)[path[path.length - 1]!];
  }
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(copy)) if (!IGNORED_FIELDS.has(key)) settings[key] = value;
  // A menu's options are told apart by their key or phrase (added and removed ones are route changes):
  // what is left of each (its phrases, its label) is compared option by option.
  if (node.kind === 'menu') {
    const options: Record<string, unknown> = {};
    node.options.forEach((option, index) => {
      const { key: _key, next: _next, ...rest } = option;
      if (Object.keys(rest).length > 0) options[optionOutcome(option, index)] = rest;
    });
    settings['options'] = options;
  }
  // A step the importer could not map is only its vendor data: that data, less its layout, is its settings.
  if (node.kind === 'opaque' && node.meta !== undefined) settings['meta'] = withoutLayout(node.meta);
  return settings;
}

/** Vendor data less its layout keys; data nested deeper than any file may be (json/limits.ts) is kept as it is. */
function withoutLayout(value: unknown, depth = 0): unknown {
  if (depth > MAX_WALK_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => withoutLayout(item, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (!LAYOUT_KEYS.has(key)) out[key] = withoutLayout(inner, depth + 1);
  return out;
}

/** Segments of a vendor pointer that hold wiring, which the routes already compare. */
const VENDOR_WIRING: ReadonlySet<string> = new Set(VENDOR_CATALOG.flatMap((format) => format.keptKeys.wiring));

/** The vendor's own data an importer kept on a node (a Studio widget, a Connect action), less its layout. */
function vendorOf(node: FlowNode): unknown {
  const vendor = node.kind === 'opaque' ? undefined : (node.meta as Record<string, unknown> | undefined)?.['vendor'];
  return vendor === undefined ? undefined : withoutLayout(vendor);
}

/**
 * Changes to a vendor setting the native model does not carry (a Studio
 * gather's speech timeout, a Connect block's voice): the vendor data's own
 * changes, less wiring, less those the native comparison already tells (the
 * same values before and after as a prompt or a setting of the node).
 */
function vendorChanges(old: FlowNode, node: FlowNode, told: readonly { before?: unknown; after?: unknown }[]): SettingChange[] {
  const before = vendorOf(old);
  const after = vendorOf(node);
  if (before === undefined || after === undefined) return [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || (isScalar(a) && isScalar(b) && String(a) === String(b));
  return compareValues(before, after, '/meta/vendor').filter((change) => {
    if (change.pointer.split('/').some((segment) => VENDOR_WIRING.has(segment))) return false;
    if (change.before === old.id && change.after === node.id) return false;
    return !told.some((t) => same(t.before ?? null, change.before ?? null) && same(t.after ?? null, change.after ?? null));
  });
}

const isScalar = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * Whether two versions of a node are the same but for where they sit: equal
 * field by field, the position and import bookkeeping aside, and layout keys
 * inside vendor data aside. Most nodes of a change are; this answers without
 * copying them.
 */
function sameButLayout(a: FlowNode, b: FlowNode): boolean {
  const skip = (key: string) => key === 'position' || key === 'source';
  const keysA = Object.keys(a).filter((k) => !skip(k));
  const keysB = Object.keys(b).filter((k) => !skip(k));
  if (keysA.length !== keysB.length) return false;
  const record = b as unknown as Record<string, unknown>;
  return keysA.every((key) => Object.hasOwn(record, key) && deepEqual((a as unknown as Record<string, unknown>)[key], record[key], key === 'meta'));
}

/** Whether two values are equal; beyond the depth any file may nest (json/limits.ts) only the very same value is. */
function deepEqual(a: unknown, b: unknown, inVendorData: boolean, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > MAX_WALK_DEPTH) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    return a.length === list.length && a.every((item, i) => deepEqual(item, list[i], inVendorData, depth + 1));
  }
  const skip = (key: string) => inVendorData && LAYOUT_KEYS.has(key);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra).filter((k) => !skip(k));
  const keysB = Object.keys(rb).filter((k) => !skip(k));
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(rb, key) && deepEqual(ra[key], rb[key], inVendorData, depth + 1));
}

function compareNodes(old: FlowNode, node: FlowNode, renamed: (id: string) => string): NodeChange | undefined {
  // Same node, same targets (none renamed): nothing a caller would notice.
  if (sameButLayout(old, node) && outcomesOf(old).every((o) => o.target === undefined || renamed(o.target) === o.target)) return undefined;
  const prompts: PromptChange[] = [];
  for (const field of PROMPT_FIELDS) prompts.push(...comparePrompt(field, promptOf(old, field), promptOf(node, field)));
  const routes = routesOf(old, node, renamed);
  const native = compareValues(settingsOf(old), settingsOf(node), '');
  const settings = [...native, ...vendorChanges(old, node, [...prompts, ...native])];
  const nameBefore = old.name ?? null;
  const nameAfter = node.name ?? null;
  const idChanged = old.id !== node.id;
  if (!idChanged && nameBefore === nameAfter && old.kind === node.kind && prompts.length + routes.length + settings.length === 0) return undefined;
  return {
    node: node.id,
    kind: node.kind,
    status: 'changed',
    ...(idChanged ? { renamedFrom: old.id } : {}),
    ...(nameBefore === nameAfter ? {} : { name: { before: nameBefore, after: nameAfter } }),
    ...(old.kind === node.kind ? {} : { kindBefore: old.kind }),
    prompts,
    routes,
    settings
  };
}

/** Outcomes whose target changed, appeared or went, old targets named as the new version names them. */
function routesOf(old: FlowNode | undefined, node: FlowNode, renamed: (id: string) => string): RouteChange[] {
  const before = new Map<string, string | null>();
  if (old !== undefined) for (const o of outcomesOf(old)) before.set(o.name, o.target === undefined ? null : renamed(o.target));
  const changes: RouteChange[] = [];
  const seen = new Set<string>();
  for (const o of outcomesOf(node)) {
    seen.add(o.name);
    const after = o.target ?? null;
    if (!before.has(o.name)) {
      // A new node's unwired outcomes are no news; its wired ones are its routes.
      if (old !== undefined || after !== null) changes.push({ outcome: o.name, after });
    } else if (before.get(o.name) !== after) changes.push({ outcome: o.name, before: before.get(o.name)!, after });
  }
  for (const [outcome, target] of before) if (!seen.has(outcome)) changes.push({ outcome, before: target });
  return changes;
}

/** A prompt's text per locale: `{"": text}` for plain text. */
function promptTexts(prompt: unknown): Map<string, string> {
  if (typeof prompt === 'string') return new Map([['', prompt]]);
  if (prompt !== null && typeof prompt === 'object') return new Map(Object.entries(prompt as Record<string, string>));
  return new Map();
}

function comparePrompt(field: string, before: unknown, after: unknown): PromptChange[] {
  const old = promptTexts(before);
  const now = promptTexts(after);
  // Plain text that became text per locale (or back) compares with the first locale.
  if (old.size === 1 && old.has('') && now.size > 0 && !now.has('')) {
    const first = [...now.keys()][0]!;
    old.set(first, old.get('')!);
    old.delete('');
  } else if (now.size === 1 && now.has('') && old.size > 0 && !old.has('')) {
    const first = [...old.keys()][0]!;
    now.set(first, now.get('')!);
    now.delete('');
  }
  const changes: PromptChange[] = [];
  for (const locale of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(locale) ?? null;
    const b = now.get(locale) ?? null;
    if (a === b) continue;
    changes.push({ field: locale === '' ? field : `${field}/${locale}`, before: a, after: b, words: wordDiff(a ?? '', b ?? '') });
  }
  return changes;
}

/** Past this many words on a side, a prompt is shown as replaced whole. */
const WORD_DIFF_LIMIT = 2000;

/** The words of `before` and `after`, marked kept, removed or added (longest common subsequence). */
export function wordDiff(before: string, after: string): WordPart[] {
  const a = before.split(/\s+/).filter((w) => w !== '');
  const b = after.split(/\s+/).filter((w) => w !== '');
  // Common words at either end cost nothing to find.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const parts: WordPart[] = a.slice(0, head).map((text) => ({ op: 'same', text }));
  if (midA.length > WORD_DIFF_LIMIT || midB.length > WORD_DIFF_LIMIT) {
    parts.push(...midA.map((text): WordPart => ({ op: 'removed', text })), ...midB.map((text): WordPart => ({ op: 'added', text })));
  } else {
    parts.push(...lcsDiff(midA, midB));
  }
  parts.push(...a.slice(a.length - tail).map((text): WordPart => ({ op: 'same', text })));
  return parts;
}

function lcsDiff(a: readonly string[], b: readonly string[]): WordPart[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const parts: WordPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      parts.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) parts.push({ op: 'removed', text: a[i++]! });
    else parts.push({ op: 'added', text: b[j++]! });
  }
  while (i < n) parts.push({ op: 'removed', text: a[i++]! });
  while (j < m) parts.push({ op: 'added', text: b[j++]! });
  return parts;
}

/** Leaf-by-leaf changes between two JSON values; arrays compare whole, as do values deeper than any file may nest (json/limits.ts). */
function compareValues(before: unknown, after: unknown, pointer: string, depth = 0): SettingChange[] {
  if (depth > MAX_WALK_DEPTH) return before === after ? [] : [settingChange(pointer, before, after)];
  if (isPlainObject(before) && isPlainObject(after)) {
    const changes: SettingChange[] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      // Own fields only: a vendor field named `constructor` or `valueOf` is no method of the object.
      const was = Object.hasOwn(before, key) ? before[key] : undefined;
      const is = Object.hasOwn(after, key) ? after[key] : undefined;
      changes.push(...compareValues(was, is, `${pointer}/${escapeToken(key)}`, depth + 1));
    }
    return changes;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [settingChange(pointer, before, after)];
}

/** A change of one field, leaving out the side where the field is absent (so a field that was not there never reads as `null`). */
function settingChange(pointer: string, before: unknown, after: unknown): SettingChange {
  return { pointer, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compareTests(before: Flow, after: Flow): FlowDiff['tests'] {
  const old = new Map((before.tests ?? []).map((t) => [t.name, JSON.stringify(t)]));
  const now = new Map((after.tests ?? []).map((t) => [t.name, JSON.stringify(t)]));
  return {
    added: [...now.keys()].filter((name) => !old.has(name)),
    removed: [...old.keys()].filter((name) => !now.has(name)),
    changed: [...now.keys()].filter((name) => old.has(name) && old.get(name) !== now.get(name))
  };
}

/** Findings present only before (fixed) and only after (introduced), old nodes named as the new version names them. */
function compareFindings(before: readonly Finding[], after: readonly Finding[], renamed: (id: string) => string): { fixed: DiffFinding[]; introduced: DiffFinding[] } {
  const key = (f: DiffFinding): string => `${f.rule}\u0000${f.node}\u0000${f.outcome ?? ''}`;
  const brief = (f: Finding, node: string): DiffFinding => ({
    rule: f.rule,
    severity: f.severity,
    node,
    ...(f.outcome === undefined ? {} : { outcome: f.outcome }),
    message: f.message
  });
  const old = before.map((f) => brief(f, renamed(f.node)));
  const now = after.map((f) => brief(f, f.node));
  const count = (list: readonly DiffFinding[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const f of list) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
    return counts;
  };
  const unmatched = (list: readonly DiffFinding[], other: Map<string, number>): DiffFinding[] =>
    list.filter((f) => {
      const left = other.get(key(f)) ?? 0;
      if (left > 0) {
        other.set(key(f), left - 1);
        return false;
      }
      return true;
    });
  return { fixed: unmatched(old, count(now)), introduced: unmatched(now, count(old)) };
}
