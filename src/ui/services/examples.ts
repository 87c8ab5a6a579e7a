/// <reference types="vite/client" />
/**
 * The example flows of flows/, bundled into the build as text, each loaded
 * only when asked for: a first visit to a designer with no server behind it
 * starts with them in the browser (the bank flow, ready to call).
 */
import type { FlowText } from './flowBundle.ts';

const files = import.meta.glob<string>('../../../flows/*.ivr.json', { query: '?raw', import: 'default' });

/** Every example flow, by id (its file name without `.ivr.json`). */
export async function exampleFlows(): Promise<FlowText[]> {
  return Promise.all(
    Object.entries(files).map(async ([file, load]) => ({ id: file.replace(/^.*\//, '').replace(/\.ivr\.json$/, ''), text: await load() }))
  );
}
