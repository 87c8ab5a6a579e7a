/**
 * Format migrations. Each one is named and lifts a document from `from` to
 * `from + 1`; loading applies them in order until the document reaches
 * {@link FORMAT_VERSION}. Version 1 is the first version, so the list is empty
 * today; the next change to the format adds its migration here.
 */
import { FORMAT_VERSION } from './schema.ts';

export interface Migration {
  /** A short, stable name, shown when a file is migrated. */
  readonly name: string;
  readonly from: number;
  readonly migrate: (document: Record<string, unknown>) => Record<string, unknown>;
}

export const MIGRATIONS: readonly Migration[] = [];

export type MigrationResult =
  | { ok: true; document: Record<string, unknown>; applied: string[] }
  | { ok: false; message: string };

/** Brings a parsed document up to the current version. */
export function migrate(
  document: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = FORMAT_VERSION
): MigrationResult {
  const version = document['version'];
  if (version === undefined) {
    return { ok: false, message: `missing "version": this build reads format versions 1 to ${target}` };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `"version" must be a whole number from 1 to ${target}, not ${JSON.stringify(version)}` };
  }
  if (version > target) {
    return {
      ok: false,
      message: `format version ${version} is newer than this build reads (up to ${target}): update Zero Out`
    };
  }
  let current = document;
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, message: `no migration from format version ${v}` };
    current = { ...step.migrate(current), version: v + 1 };
    applied.push(step.name);
  }
  return { ok: true, document: current, applied };
}
