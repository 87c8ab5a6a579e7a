/** What `zeroout lint` found, file by file: the input of every lint formatter. */
import type { AnalysedEntry, Finding, LintMetrics } from '../../core/analysis/index.ts';
import type { Problem, TestCall } from '../../core/model/index.ts';
import type { WitnessCall } from '../../core/witness/index.ts';
import type { FlowFile } from '../files.ts';

/** A step of a witness call at a node, with the node's place in the file. */
export interface LocatedStep {
  readonly node: string;
  readonly does: readonly string[];
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
}

/** What `--witness` adds to a finding: the call that shows it, step by step, or why there is none. */
export interface FindingWitness {
  readonly witness?: WitnessCall;
  readonly trace?: readonly LocatedStep[];
  /** The call as a request for a fix: a test call that fails until the finding is fixed. */
  readonly fix?: TestCall;
  readonly noWitness?: string;
}

/** A finding with the place in the file its pointer names, when known. */
export type LocatedFinding = Finding & FindingWitness & { readonly line?: number; readonly column?: number };

export type FileReport =
  | {
      readonly ok: true;
      readonly file: FlowFile;
      readonly findings: readonly LocatedFinding[];
      readonly metrics: LintMetrics;
      /** The entry points analysed: channel and role of each. */
      readonly entries: readonly AnalysedEntry[];
    }
  | { readonly ok: false; readonly file: FlowFile; readonly problems: readonly Problem[] };

export interface FormatOptions {
  readonly cwd: string;
  readonly color: boolean;
}

export type LintFormatter = (reports: readonly FileReport[], options: FormatOptions) => string;
