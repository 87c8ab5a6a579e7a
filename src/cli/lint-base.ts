/**
 * `zeroout lint --base <file>` and `--rev <revision>`: the earlier version of
 * the one flow linted, for rules that compare with it (stale-translation).
 * `--base` names a flow file (native or vendor, loaded as lint loads its
 * inputs); `--rev` reads the linted file as committed at a git revision.
 */
import type { Flow } from '../core/model/index.ts';
import { flowAtRevision } from './commands/diff.ts';
import { UsageError } from './errors.ts';
import { writeErrors, type CliIo } from './io.ts';
import { loadSingleFlow, type UsableFile } from './source.ts';

export interface BaseOptions {
  readonly base?: string | undefined;
  readonly rev?: string | undefined;
}

/** Whether an earlier version was asked for. */
export const wantsBase = (options: BaseOptions): boolean => options.base !== undefined || options.rev !== undefined;

/** Checks, before anything is read, that `--base` or `--rev` is given once with one flow path. */
export function checkBaseUsage(paths: readonly string[], options: BaseOptions): void {
  if (!wantsBase(options)) return;
  if (options.base !== undefined && options.rev !== undefined) throw new UsageError('give either --base or --rev, not both');
  const option = options.base !== undefined ? '--base' : '--rev';
  if (paths.length !== 1) throw new UsageError(`${option} compares one flow with its earlier version: give exactly one flow file (got ${paths.length} paths)`);
  if (options.rev !== undefined && options.rev.startsWith('-')) throw new UsageError(`--rev ${JSON.stringify(options.rev)}: a revision cannot start with "-"`);
}

/**
 * The earlier version of the one flow loaded; undefined, with the reason on
 * stderr, when it cannot be read. A folder that held more than one flow is a
 * usage error.
 */
export async function loadBase(files: readonly UsableFile[], options: BaseOptions, io: CliIo): Promise<Flow | undefined> {
  const option = options.base !== undefined ? '--base' : '--rev';
  if (files.length !== 1) {
    throw new UsageError(`${option} compares one flow with its earlier version, but ${files.length} flow files were found: give exactly one flow file`);
  }
  if (options.base !== undefined) {
    const flow = await loadSingleFlow(options.base, io);
    if (flow === undefined) writeErrors(io, [`--base ${options.base}: cannot load this file as the earlier version of the flow`]);
    return flow;
  }
  const found = await flowAtRevision(files[0]!.file.file, options.rev!, io);
  return found?.flow;
}
