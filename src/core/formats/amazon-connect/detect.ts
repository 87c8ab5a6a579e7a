/**
 * Which Connect document a file holds: the flow language (`Version`
 * "2019-10-30"), the legacy console export (`modules`), or the
 * `DescribeContactFlow` wrapper whose `Content` holds either (as a string).
 */
import { FLOW_LANGUAGE_VERSION } from './contract.ts';
import { isLegacyExport } from './import/legacy.ts';
import { isObject, own } from './import/steps.ts';

/** Whether a document is in the flow language (its Version, or StartAction and Actions). */
export function isFlowLanguage(document: unknown): boolean {
  if (!isObject(document)) return false;
  if (own(document, 'Version') === FLOW_LANGUAGE_VERSION) return true;
  return own(document, 'StartAction') !== undefined && own(document, 'Actions') !== undefined;
}

/** The inner document of a DescribeContactFlow wrapper, when the document is one. */
export function wrapperContent(document: unknown): { content: unknown; base: string } | undefined {
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

/** A wrapper's Content: parsed when it is a string. */
export function parseContent(content: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof content !== 'string') return { ok: true, value: content };
  try {
    return { ok: true, value: JSON.parse(content) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether a document is a Connect flow: flow language, legacy export, or a wrapper holding either. */
export function detectConnect(document: unknown): boolean {
  if (isFlowLanguage(document) || isLegacyExport(document)) return true;
  const wrapped = wrapperContent(document);
  if (wrapped === undefined) return false;
  // `{ContactFlow: {Content}}` is Connect's own shape; a bare `{Content}` only
  // when what it holds is a Connect flow.
  if (wrapped.base === '/ContactFlow/Content') return true;
  const parsed = parseContent(wrapped.content);
  return parsed.ok && (isFlowLanguage(parsed.value) || isLegacyExport(parsed.value));
}

/** Whether a document is a Connect flow; never throws. */
export function isConnectFlow(document: unknown): boolean {
  try {
    return detectConnect(document);
  } catch {
    return false;
  }
}
