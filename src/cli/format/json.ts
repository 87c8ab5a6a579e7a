/**
 * `--format json`: one JSON document for machines.
 *
 * `{"files":[{"file","format","findings":[…],"metrics":{…}}]}`; a file that
 * could not be loaded has `"error":{"problems":[…]}` instead of findings.
 */
import type { FileReport, LintFormatter, LocatedFinding } from './report.ts';

/** A finding with its keys in a fixed order (`code` is the rule id, as `rule`); `outcome`, `line`, `column` and `data` only when known. */
function findingJson(finding: LocatedFinding): Record<string, unknown> {
  return {
    code: finding.code,
    rule: finding.rule,
    severity: finding.severity,
    node: finding.node,
    nodes: finding.nodes,
    ...(finding.outcome === undefined ? {} : { outcome: finding.outcome }),
    message: finding.message,
    pointer: finding.pointer,
    ...(finding.line === undefined ? {} : { line: finding.line, column: finding.column }),
    // The figures behind the finding: seconds to a person, menu depth, keys, locales…
    ...(finding.data === undefined ? {} : { data: finding.data }),
    // With --witness: the call that shows the finding, as a saved test call, or why there is none.
    ...(finding.witness === undefined ? {} : { witness: finding.witness }),
    ...(finding.fix === undefined ? {} : { fix: finding.fix }),
    ...(finding.noWitness === undefined ? {} : { noWitness: finding.noWitness })
  };
}

export function fileJson(report: FileReport): Record<string, unknown> {
  if (!report.ok) {
    return {
      file: report.file.file,
      format: report.file.format,
      error: {
        problems: report.problems.map((problem) => ({
          code: problem.code,
          file: problem.file,
          pointer: problem.pointer,
          message: problem.message,
          ...(problem.line === undefined ? {} : { line: problem.line, column: problem.column ?? 1 })
        }))
      }
    };
  }
  return {
    file: report.file.file,
    format: report.file.format,
    entries: report.entries,
    findings: report.findings.map(findingJson),
    metrics: report.metrics
  };
}

export const formatJson: LintFormatter = (reports) => `${JSON.stringify({ files: reports.map(fileJson) })}\n`;
