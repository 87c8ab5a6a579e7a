/** Findings, rules and the context a rule checks a flow in. */
import type { Diagnostic, Severity } from '../diagnostic/index.ts';
import { DEFAULT_WORDS_PER_MINUTE } from '../model/timing.ts';
import type { Flow, FlowNode } from '../model/types.ts';
import type { Facts } from './facts.ts';
import type { FlowGraph } from './graph.ts';

export type { Severity } from '../diagnostic/index.ts';
export type SeveritySetting = Severity | 'off';

/** A lint finding: a diagnostic whose `code` is the id of the rule that found it, about a node. */
export interface Finding extends Diagnostic {
  /** The rule id, as `code`: a public contract (`dead-end`, `trap-loop`, …). */
  readonly rule: string;
  /** The node the finding is about, as written in the input file. */
  readonly node: string;
  /** Every node concerned, `node` first. */
  readonly nodes: readonly string[];
}

/**
 * What the engine and the rule list need of a rule. Its longer documentation
 * is a `RuleDocs` of its own (rules/docs/<id>.ts), imported only where it is
 * read, so that nothing that runs the rules carries it.
 */
export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  /** One line for the docs and the rule list. */
  readonly description: string;
}

/**
 * What a rule is for, with a flow it reports and the same flow fixed: the
 * longer documentation `zeroout rules <id>` prints.
 */
export interface RuleDocs {
  /**
   * Why the rule matters to a caller, when it fires and how to fix what it
   * finds: plain-text paragraphs separated by blank lines.
   */
  readonly details: string;
  /** A flow the rule reports. */
  readonly bad: RuleExample;
  /** The flow fixed: the rule, and every other rule, reports nothing. */
  readonly good: RuleExample;
}

/**
 * A small flow in the native format. Examples are linted by the tests, so an
 * example that stops showing what it claims fails the build.
 */
export interface RuleExample {
  /** What the example shows, in a sentence or two. */
  readonly summary: string;
  /** The flow's nodes; a call starts at the first. */
  readonly nodes: readonly FlowNode[];
  /** The locales the prompts must cover, when the example needs more than the default. */
  readonly locales?: readonly string[];
  /** Other flows linted together with this one (the sub-flows it runs): flow id → nodes. */
  readonly alongside?: Readonly<Record<string, readonly FlowNode[]>>;
  /** The nodes of an earlier version of the flow, linted against as `--base`: for rules that compare versions. */
  readonly base?: readonly FlowNode[];
}

export interface Report {
  readonly node: string;
  readonly nodes?: readonly string[];
  readonly outcome?: string;
  readonly message: string;
  /** Defaults to the node's own pointer. */
  readonly pointer?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface ResolvedThresholds {
  readonly maxOptions: number;
  readonly maxMenuDepth: number;
  readonly maxSecondsToHuman: number;
  readonly announceWaitOverSeconds: number;
  readonly wordsPerMinute: number;
}

export const DEFAULT_THRESHOLDS: ResolvedThresholds = {
  maxOptions: 5,
  maxMenuDepth: 3,
  maxSecondsToHuman: 60,
  announceWaitOverSeconds: 30,
  wordsPerMinute: DEFAULT_WORDS_PER_MINUTE
};

export interface RuleContext {
  readonly flow: Flow;
  readonly graph: FlowGraph;
  readonly facts: Facts;
  readonly thresholds: ResolvedThresholds;
  /** An earlier version of the flow (`zeroout lint --base`, `--rev`), for rules that compare with it. */
  readonly base?: Flow;
  report(report: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}
