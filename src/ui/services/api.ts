/** The local server's flow files: list, read, save with a conflict check, delete. */
import type { Problem } from '../../core/model/load.ts';

export interface FlowEntry {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly version: string;
  readonly error?: string;
}

export interface FlowFile {
  readonly id: string;
  readonly file: string;
  readonly version: string;
  readonly text: string;
}

export type SaveResult =
  | { readonly ok: true; readonly version: string }
  | { readonly ok: false; readonly conflict: { readonly version: string; readonly text: string } | null; readonly message: string }
  | { readonly ok: false; readonly conflict?: undefined; readonly problems?: readonly Problem[]; readonly message: string };

async function json(response: Response): Promise<Record<string, unknown>> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const path = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

export async function listFlows(): Promise<FlowEntry[]> {
  const response = await fetch('/api/flows');
  if (!response.ok) throw new Error(`could not list the flows (HTTP ${response.status})`);
  return ((await json(response)).flows ?? []) as FlowEntry[];
}

export async function readFlow(id: string): Promise<FlowFile | undefined> {
  const response = await fetch(path(id));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`could not read flow ${JSON.stringify(id)} (HTTP ${response.status}): ${String((await json(response)).error ?? '')}`);
  return (await json(response)) as unknown as FlowFile;
}

/** Saves a flow's text; `baseVersion` is the version it was loaded from (null for a new file). */
export async function saveFlow(id: string, text: string, baseVersion: string | null): Promise<SaveResult> {
  const response = await fetch(path(id), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text, baseVersion })
  });
  const body = await json(response);
  if (response.ok) return { ok: true, version: String(body.version) };
  const message = String(body.error ?? `HTTP ${response.status}`);
  if (response.status === 409) {
    return { ok: false, conflict: (body.current ?? null) as { version: string; text: string } | null, message };
  }
  return { ok: false, message, ...(Array.isArray(body.problems) ? { problems: body.problems as Problem[] } : {}) };
}

export async function deleteFlow(id: string, version: string): Promise<boolean> {
  const response = await fetch(`${path(id)}?version=${encodeURIComponent(version)}`, { method: 'DELETE' });
  return response.ok;
}
