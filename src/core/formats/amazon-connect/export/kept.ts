/**
 * Nodes imported from a flow-language file: the action each keeps in
 * `meta.vendor` (and its editor metadata in `meta.vendorMetadata`), and the
 * helper nodes the importer added for it (`<Identifier>:LoopCount`,
 * `<Identifier>:errors`), which fold back into it.
 */
import type { FlowNode } from '../../../model/types.ts';
import type { ConnectAction } from './actions.ts';

type Json = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of JSON data. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The kept flow-language action of a node imported from Connect. */
export function vendorAction(node: FlowNode): ConnectAction | undefined {
  const raw = node.meta?.vendor;
  if (!isObject(raw) || typeof raw.Identifier !== 'string' || raw.Identifier === '' || typeof raw.Type !== 'string') return undefined;
  if (node.source === undefined) return undefined;
  return raw as unknown as ConnectAction;
}

/** The editor metadata of an imported action other than its position, kept to be written back. */
export function vendorMetadata(node: FlowNode): Record<string, unknown> | undefined {
  const kept = node.meta?.vendorMetadata;
  return isObject(kept) ? clone(kept) : undefined;
}

/** The Identifier of the imported action a helper node belongs to, when it is one. */
export function helperOwner(node: FlowNode): string | undefined {
  const errorsOf = node.meta?.errorsOf;
  if (typeof errorsOf === 'string') return errorsOf;
  const raw = vendorAction(node);
  if (raw !== undefined && raw.Identifier !== node.id) return raw.Identifier;
  return undefined;
}

/** Legacy branch names → the flow-language error types they are. */
export const LEGACY_ERRORS: Record<string, string> = {
  Error: 'NoMatchingError',
  Timeout: 'InputTimeLimitExceeded',
  NoMatch: 'NoMatchingCondition',
  AtCapacity: 'QueueAtCapacity'
};
