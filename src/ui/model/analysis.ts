/**
 * What the designer shows about a draft after each edit: whether it is a
 * valid flow (the schema's problems, each placed on its node and field), and
 * when it is, the lint findings and per-node figures.
 */
import { lintFlow, type LintResult } from '../../core/analysis/index.ts';
import { createFlowChecker, type Flow } from '../../core/model/index.ts';
import { parsePointer } from '../../core/json/index.ts';
import type { Draft } from './edit.ts';
import { DIAGNOSTIC_CODES, type Diagnostic, type Severity } from '../../core/diagnostic/index.ts';

export type ProblemSeverity = Severity;

/** One line of the Problems panel: a lint finding, or a problem the flow format has with the draft. */
export type ProblemItem = Diagnostic;

export interface DraftAnalysis {
  /** The flow, when the draft is a valid one. */
  readonly flow: Flow | undefined;
  readonly problems: readonly ProblemItem[];
  readonly lint: LintResult | undefined;
  /** Node id → counts of its problems by severity. */
  readonly badges: ReadonlyMap<string, { error: number; warning: number; info: number }>;
  /** Field pointers (in the document) with a schema problem, and its message. */
  readonly fieldProblems: ReadonlyMap<string, string>;
}

const ORDER: Record<ProblemSeverity, number> = { error: 0, warning: 1, info: 2 };

/** The node a document pointer is inside, if any (`/nodes/3/prompt` → the fourth node). */
export function nodeAt(draft: Draft, pointer: string): string | undefined {
  const [first, index] = parsePointer(pointer);
  if (first === 'start') return draft.start === '' ? undefined : draft.start;
  if (first !== 'nodes' || index === undefined) return undefined;
  return draft.nodes[Number(index)]?.id;
}

/** One checker for the page: it keeps what it found for each node object, so an edit re-checks only what changed. */
const check = createFlowChecker();

export function analyse(draft: Draft): DraftAnalysis {
  const problems: ProblemItem[] = [];
  const fieldProblems = new Map<string, string>();
  let flow: Flow | undefined;
  let lint: LintResult | undefined;
  if (draft.nodes.length === 0) {
    problems.push({ code: DIAGNOSTIC_CODES.emptyFlow, severity: 'info', message: 'The flow has no nodes yet: add one from the palette.', pointer: '/nodes' });
  } else {
    const loaded = check(draft, `${draft.id}.ivr.json`);
    if (loaded.ok) {
      flow = loaded.flow;
      try {
        lint = lintFlow(flow);
      } catch (error) {
        problems.push({ code: DIAGNOSTIC_CODES.internalError, severity: 'error', message: `analysis failed: ${String(error)}`, pointer: '' });
      }
      problems.push(...(lint?.findings ?? []));
    } else {
      for (const p of loaded.problems) {
        const node = nodeAt(draft, p.pointer);
        if (!fieldProblems.has(p.pointer)) fieldProblems.set(p.pointer, p.message);
        problems.push(node === undefined ? p : { ...p, node, nodes: [node] });
      }
    }
  }
  problems.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const badges = new Map<string, { error: number; warning: number; info: number }>();
  for (const p of problems) {
    if (p.node === undefined) continue;
    const counts = badges.get(p.node) ?? { error: 0, warning: 0, info: 0 };
    counts[p.severity]++;
    badges.set(p.node, counts);
  }
  return { flow, problems, lint, badges, fieldProblems };
}
