/**
 * A file of test calls, run against a flow that does not hold them: a vendor
 * flow (a Studio or Connect file has nowhere to keep them), or a native flow
 * tried with another team's calls. The file is `{"tests": [call, …]}` (the
 * shape of a flow's own `tests`) or the list alone.
 */
import { z } from 'zod';
import { DIAGNOSTIC_CODES } from '../diagnostic/index.ts';
import { issueToProblem } from '../json/issues.ts';
import { limitProblem } from '../json/limits.ts';
import type { Problem } from '../model/load.ts';
import { TestCallSchema } from '../model/schema.ts';
import type { TestCall } from '../model/types.ts';

const CallsSchema = z.array(TestCallSchema);

export type TestCallsResult = { readonly ok: true; readonly calls: readonly TestCall[] } | { readonly ok: false; readonly problems: readonly Problem[] };

const problem = (file: string, pointer: string, message: string): Problem => ({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message });

/** The test calls a parsed file holds, or its problems, each at its JSON pointer. */
export function parseTestCalls(document: unknown, file: string): TestCallsResult {
  const tooBig = limitProblem(document, file);
  if (tooBig !== undefined) return { ok: false, problems: [tooBig] };
  let list: unknown = document;
  let at: string[] = [];
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    if (!Object.hasOwn(document, 'tests')) return { ok: false, problems: [problem(file, '', 'expected test calls: {"tests": [{"name", "steps", "expect"}, …]} or the list alone')] };
    list = (document as Record<string, unknown>)['tests'];
    at = ['tests'];
  } else if (!Array.isArray(document)) {
    return { ok: false, problems: [problem(file, '', 'expected test calls: {"tests": [{"name", "steps", "expect"}, …]} or the list alone')] };
  }
  const result = CallsSchema.safeParse(list);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((issue) => issueToProblem({ ...issue, path: [...at, ...issue.path] } as z.core.$ZodIssue, file, document)) };
  }
  if (result.data.length === 0) return { ok: false, problems: [problem(file, at.length === 0 ? '' : '/tests', 'the file holds no test call')] };
  return { ok: true, calls: result.data };
}
