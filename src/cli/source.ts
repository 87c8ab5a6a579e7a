/**
 * Loading one flow file for a command: read, parse, validate, and give every
 * problem the line and column it points at.
 */
import path from 'node:path';
import { locateDiagnostics, locatePointers, type Locate } from '../core/json/index.ts';
import { loadAnyFlow, parseFlowText } from '../core/formats/index.ts';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../core/diagnostic/index.ts';
import { formatProblem, loadFlowText, type Flow, type Problem } from '../core/model/index.ts';
import { UsageError } from './errors.ts';
import { collectFlowFiles, FLOW_FILE_PATTERN, flowFormatOf, readText, type FlowFile } from './files.ts';
import { writeErrors, type CliIo } from './io.ts';

export type LoadedFile =
  | {
      readonly ok: true;
      /** With the format its content was found to be in. */
      readonly file: FlowFile;
      readonly flow: Flow;
      readonly locate: Locate;
      /** What an import could not carry over exactly. */
      readonly notes: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly file: FlowFile; readonly problems: readonly Problem[] }
  /** A JSON file found in a folder that is no flow: passed over. */
  | { readonly ok: 'skip'; readonly file: FlowFile };

export async function loadFile(file: FlowFile): Promise<LoadedFile> {
  const read = await readText(file);
  if (!read.ok) {
    // A file found in a folder that is not UTF-8 is said to be so only when it is a flow (read as best it can be).
    if (file.optional === true && read.lenient !== undefined && isNoFlow(file, read.lenient)) return { ok: 'skip', file };
    return { ok: false, file, problems: [read.problem] };
  }
  try {
    return loadText(file, read.text);
  } catch (error) {
    // Loading never throws on user data; if it does, the file is reported and the other files of the run still are.
    const message = `internal error while loading: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, file, problems: [{ code: DIAGNOSTIC_CODES.internalError, severity: 'error', file: file.file, pointer: '', message }] };
  }
}

/** Whether the text of a file found in a folder is no flow at all. */
function isNoFlow(file: FlowFile, text: string): boolean {
  try {
    return loadText(file, text).ok === 'skip';
  } catch {
    return false;
  }
}

/** Loads a flow from text read elsewhere (a git revision), named as `file`. */
export function loadText(file: FlowFile, text: string): LoadedFile {
  const read = { text };
  const locate = locatePointers(read.text);
  const located = (problems: readonly Problem[]) => locateDiagnostics(problems, read.text, locate);
  if (file.format === 'native') {
    const result = loadFlowText(read.text, file.file);
    if (!result.ok) return { ok: false, file, problems: located(result.problems) };
    return { ok: true, file, flow: result.flow, locate, notes: [] };
  }
  const parsed = parseFlowText(read.text, file.file);
  if (!parsed.ok) return file.optional ? { ok: 'skip', file } : { ok: false, file, problems: located(parsed.problems) };
  // A vendor file that is not JSON (YAML) says where its values sit.
  const where = parsed.locate ?? locate;
  const result = loadAnyFlow(parsed.value, file.file);
  if (result.format === undefined && file.optional) return { ok: 'skip', file };
  const found: FlowFile = { ...file, format: result.format ?? file.format };
  if (!result.ok) return { ok: false, file: found, problems: locateDiagnostics(result.problems, read.text, where) };
  return { ok: true, file: found, flow: result.flow, locate: where, notes: result.notes };
}

/**
 * Loads the one flow a command works on, given as typed. Prints its problems
 * and returns undefined when it cannot be used.
 */
export async function loadSingleFlow(input: string, io: CliIo): Promise<Flow | undefined> {
  const file: FlowFile = { file: input, path: path.resolve(io.cwd, input), format: flowFormatOf(input) === 'native' ? 'native' : 'detect' };
  const loaded = await loadFile(file);
  if (loaded.ok === 'skip') return undefined;
  if (loaded.ok) return loaded.flow;
  writeErrors(io, loaded.problems.map(formatProblem));
  return undefined;
}

export type UsableFile = Exclude<LoadedFile, { ok: 'skip' }>;

/**
 * Loads every flow in the files and folders given, in order. Files that
 * cannot be read are reported on stderr and marked `unusable`; JSON found in
 * a folder that is no flow is passed over; no flow at all is a usage error.
 */
export async function loadPaths(paths: readonly string[], io: CliIo): Promise<{ files: UsableFile[]; unusable: boolean }> {
  const collected = await collectFlowFiles(paths, io.cwd);
  const unusable = collected.problems.length > 0;
  writeErrors(io, collected.problems.map(formatProblem));
  const files: UsableFile[] = [];
  for (const file of collected.files) {
    const loaded = await loadFile(file);
    if (loaded.ok !== 'skip') files.push(loaded);
  }
  if (files.length === 0 && !unusable) {
    throw new UsageError(`no flow files (${FLOW_FILE_PATTERN}) found in ${paths.join(', ')}`);
  }
  return { files, unusable };
}

/** The flows that could be used, each once per flow id (the first file wins), to run or resolve sub-flows by id. */
export function flowsById(files: readonly UsableFile[]): Map<string, Flow> {
  const byId = new Map<string, Flow>();
  for (const file of files) if (file.ok === true && !byId.has(file.flow.id)) byId.set(file.flow.id, file.flow);
  return byId;
}
