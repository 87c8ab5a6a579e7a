/**
 * A flow imported from an Architect file, written back as it came.
 *
 * The import keeps each node's Architect object in `meta.vendor` (its nested
 * action lists emptied: each nested action is a node of its own) at the
 * pointer `source.pointer`, and on the start node the flow's own settings,
 * the order of its keys and the parts of the file no node keeps (a task's
 * own settings, a jump that is followed) in `meta.flow`. Putting each back
 * at its pointer, shallowest first, makes the file again.
 *
 * The file made is imported again and must give the same nodes (ids, kinds,
 * settings and routes) as the flow being exported: a flow edited in the
 * designer since its import does not, and is built anew (build.ts).
 */
import { MAX_WALK_DEPTH } from '../../../json/limits.ts';
import { parsePointer } from '../../../json/pointer.ts';
import type { Flow, FlowNode } from '../../../model/types.ts';
import { isCallFlowType } from '../detect.ts';
import { importArchitect } from '../import/index.ts';
import { isObject, own, text, type Json } from '../import/values.ts';
import type { Placeholder } from '../yaml.ts';

/** The file made again, and the substitution tokens it held (written back unquoted). */
export interface Rebuilt {
  readonly document: Json;
  readonly placeholders: readonly Placeholder[];
}

/** What the import kept of the flow on its start node (`meta.flow`). */
interface KeptFlow {
  readonly type: string;
  readonly settings: Json;
  readonly keys: readonly string[];
  readonly kept: readonly { pointer: string; value: unknown }[];
  readonly placeholders: readonly Placeholder[];
}

function keptFlow(flow: Flow): KeptFlow | undefined {
  const start = flow.nodes.find((node) => node.id === flow.start);
  const kept = own(start?.meta, 'flow');
  const type = text(own(kept, 'type'));
  const settings = own(kept, 'settings');
  if (type === undefined || !isCallFlowType(type) || !isObject(settings)) return undefined;
  const keys = own(kept, 'keys');
  const parts = own(kept, 'kept');
  const placeholders = own(kept, 'placeholders');
  return {
    type,
    settings,
    keys: Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : Object.keys(settings),
    kept: Array.isArray(parts) ? parts.filter((part): part is { pointer: string; value: unknown } => isObject(part) && typeof part['pointer'] === 'string') : [],
    placeholders: Array.isArray(placeholders) ? placeholders.filter((p): p is Placeholder => isObject(p) && typeof p['pointer'] === 'string') : []
  };
}

/** A copy of kept data (plain JSON values: a copy shares nothing with the flow). */
function copy(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function setField(object: Json, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Puts `value` at `tokens` under `root`, making the objects and lists on the way; false when a value in the way is neither. */
function putAt(root: Json, tokens: readonly string[], value: unknown): boolean {
  let at: unknown = root;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const last = i === tokens.length - 1;
    const nextIsIndex = !last && /^(0|[1-9]\d*)$/.test(tokens[i + 1]!);
    if (Array.isArray(at)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return false;
      const index = Number(token);
      if (last) at[index] = value;
      else if (at[index] === undefined || at[index] === null) at[index] = nextIsIndex ? [] : {};
      at = at[index];
    } else if (isObject(at)) {
      if (last) setField(at, token, value);
      else if (!Object.hasOwn(at, token) || at[token] === null || at[token] === undefined) setField(at, token, nextIsIndex ? [] : {});
      at = last ? undefined : at[token];
    } else return false;
  }
  return true;
}

/** Whether a list in the document has a gap (an item no node or kept part filled): then the file is not whole. */
function hasGap(document: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value: document, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_WALK_DEPTH) return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value) || value[i] === undefined) return true;
        stack.push({ value: value[i], depth: depth + 1 });
      }
    } else if (isObject(value)) for (const item of Object.values(value)) stack.push({ value: item, depth: depth + 1 });
  }
  return false;
}

/** The node's Architect object and where it goes, when the node stands for one object of the file. */
function vendorPart(node: FlowNode): { tokens: string[]; value: unknown } | undefined {
  const vendor = own(node.meta, 'vendor');
  const pointer = node.source?.pointer;
  // The count of a Loop is a second node of the same action, kept empty.
  if (!isObject(vendor) || pointer === undefined || own(node.meta, 'loopOf') !== undefined) return undefined;
  const keys = Object.keys(vendor);
  if (keys.length !== 1) return undefined;
  const tokens = parsePointer(pointer);
  // Kept under the action's type at the action's pointer (`…/actions/2/playAudio`); the flow-level nodes (the greeting, error handling) are in the settings.
  if (tokens[tokens.length - 1] !== keys[0] || tokens.length < 3) return undefined;
  return { tokens, value: vendor[keys[0]!] };
}

/** A node as data to compare, its keys sorted, without what an import keeps for tools (`meta`). */
function canonical(value: unknown, depth = 0): unknown {
  if (depth > MAX_WALK_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => canonical(item, depth + 1));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value).sort()) if (!(depth === 0 && (key === 'meta' || key === 'position'))) setField(out, key, canonical(value[key], depth + 1));
  return out;
}

/**
 * The Architect file a flow was imported from, made again from what its
 * nodes keep; undefined when the flow was not imported from one, or has
 * changed since (its nodes are not what the file imports as).
 */
export function rebuild(flow: Flow, file: string): Rebuilt | undefined {
  const kept = keptFlow(flow);
  if (kept === undefined) return undefined;
  const body: Json = {};
  for (const key of kept.keys) {
    if (Object.hasOwn(kept.settings, key)) setField(body, key, copy(kept.settings[key]));
    else if (key === 'menus' || key === 'tasks' || key === 'startUpTaskActions') setField(body, key, []);
  }
  const document: Json = {};
  setField(document, kept.type, body);
  const parts: { tokens: string[]; value: unknown }[] = [];
  for (const node of flow.nodes) {
    const part = vendorPart(node);
    if (part !== undefined) parts.push(part);
  }
  for (const part of kept.kept) parts.push({ tokens: parsePointer(part.pointer), value: part.value });
  // Shallowest first: a menu or an action before the actions nested in it (which fill its emptied lists).
  parts.sort((a, b) => a.tokens.length - b.tokens.length);
  for (const part of parts) if (part.tokens[0] !== kept.type || !putAt(document, part.tokens, copy(part.value))) return undefined;
  if (hasGap(document)) return undefined;
  // A flow renamed in the designer keeps its new name.
  const named = text(body['name']);
  if (named !== undefined && named !== flow.name && !/^\{\{[^{}]*\}\}$/.test(named)) setField(body, 'name', flow.name);

  const again = importArchitect(document, file);
  if (!again.ok || again.flow.start !== flow.start || again.flow.nodes.length !== flow.nodes.length) return undefined;
  for (let i = 0; i < flow.nodes.length; i++) {
    if (JSON.stringify(canonical(again.flow.nodes[i])) !== JSON.stringify(canonical(flow.nodes[i]))) return undefined;
  }
  return { document, placeholders: kept.placeholders };
}
