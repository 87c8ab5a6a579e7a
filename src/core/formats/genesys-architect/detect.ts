/**
 * Whether a document is a Genesys Cloud Architect flow as Archy writes it:
 * one top-level key, the flow type (`inboundCall:`), holding the flow.
 */
import { isObject } from './import/values.ts';

/** The flow types this tool imports, and the role each gives the native flow. */
export const CALL_FLOW_TYPES = {
  inboundCall: 'inbound',
  inqueueCall: 'customer-queue',
  outboundCall: 'outbound'
} as const;

export type CallFlowType = keyof typeof CALL_FLOW_TYPES;

/**
 * Archy's other flow types: read as Architect flows (so a file of one is
 * named as such), which this tool does not import yet.
 */
const OTHER_FLOW_TYPES: ReadonlySet<string> = new Set([
  'secureCall',
  'inboundShortMessage',
  'inboundChat',
  'inboundEmail',
  'inqueueShortMessage',
  'inqueueEmail',
  'botFlow',
  'digitalBot',
  'commonModule',
  'voicemail',
  'voiceSurvey',
  'workflow',
  'workitem'
]);

/** The one flow type key of a document and the flow under it, when the document is an Archy flow. */
export function flowOf(document: unknown): { type: string; flow: Record<string, unknown> } | undefined {
  if (!isObject(document)) return undefined;
  const keys = Object.keys(document);
  if (keys.length !== 1) return undefined;
  const type = keys[0]!;
  if (!Object.hasOwn(CALL_FLOW_TYPES, type) && !OTHER_FLOW_TYPES.has(type)) return undefined;
  const flow = document[type];
  if (!isObject(flow)) return undefined;
  // A flow has a name and something to run; a settings file keyed alike has neither.
  const shaped = ['name', 'startUpRef', 'startUpTaskActions', 'menus', 'tasks', 'states'].some((key) => Object.hasOwn(flow, key));
  return shaped ? { type, flow } : undefined;
}

/** Whether a document is an Architect flow (any flow type); never throws. */
export function detectArchitect(document: unknown): boolean {
  try {
    return flowOf(document) !== undefined;
  } catch {
    return false;
  }
}

/** Whether a flow type is one this tool imports. */
export function isCallFlowType(type: string): type is CallFlowType {
  return Object.hasOwn(CALL_FLOW_TYPES, type);
}
