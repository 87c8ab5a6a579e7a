/**
 * Loading one flow file for a command: read, parse, validate, and give every
 * problem the line and column it points at.
 */
import path from 'node:path';
import { locateNearest, locatePointers, locateSyntaxError, type Locate } from '../core/json/locate.ts';
import { formatProblem, loadFlowText, type Problem } from '../core/model/load.ts';
import type { Flow } from '../core/model/types.ts';
import { flowFormatOf, readText, type FlowFile } from './files.ts';
import { writeErrors, type CliIo } from './io.ts';

export type LoadedFile =
  | { readonly ok: true; readonly file: FlowFile; readonly flow: Flow; readonly locate: Locate }
  | { readonly ok: false; readonly file: FlowFile; readonly problems: readonly Problem[] };

export async function loadFile(file: FlowFile): Promise<LoadedFile> {
  const read = await readText(file);
  if (!read.ok) return { ok: false, file, problems: [read.problem] };
  const locate = locatePointers(read.text);
  const result = loadFlowText(read.text, file.file);
  if (!result.ok) {
    return { ok: false, file, problems: result.problems.map((problem) => locateProblem(problem, read.text, locate)) };
  }
  return { ok: true, file, flow: result.flow, locate };
}

/** Adds the line and column of a problem's pointer (or of the syntax error) when the loader had none. */
function locateProblem(problem: Problem, text: string, locate: Locate): Problem {
  if (problem.line !== undefined) return problem;
  const where = problem.message.startsWith('malformed JSON')
    ? locateSyntaxError(text)
    : locateNearest(locate, problem.pointer);
  return where ? { ...problem, line: where.line, column: where.column } : problem;
}

/**
 * Loads the one flow a command works on, given as typed. Prints its problems
 * and returns undefined when it cannot be used.
 */
export async function loadSingleFlow(input: string, io: CliIo): Promise<Flow | undefined> {
  const file: FlowFile = { file: input, path: path.resolve(io.cwd, input), format: flowFormatOf(input) ?? 'native' };
  const loaded = await loadFile(file);
  if (loaded.ok) return loaded.flow;
  writeErrors(io, loaded.problems.map(formatProblem));
  return undefined;
}
