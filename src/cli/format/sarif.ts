/**
 * `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, …).
 *
 * One run; the driver lists every rule, each result names the file (relative
 * to the working directory, with forward slashes), the region its pointer
 * resolves to, and the node as a logical location. Files that could not be
 * loaded become tool execution notifications.
 */
import path from 'node:path';
import { RULES, type Severity } from '../../core/analysis/index.ts';
import type { Problem } from '../../core/model/index.ts';
import { oneLine } from '../io.ts';
import { packageVersion } from '../version.ts';
import type { LintFormatter } from './report.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

const levelOf = (severity: Severity): Level => (severity === 'info' ? 'note' : severity);

/** A file's URI relative to `cwd`, with forward slashes and each segment percent-encoded. */
export function artifactUri(absolute: string, cwd: string): string {
  return path.relative(cwd, absolute).split(path.sep).map(encodeURIComponent).join('/');
}

function region(place: { line?: number; column?: number }): Record<string, number> | undefined {
  if (place.line === undefined) return undefined;
  return { startLine: place.line, startColumn: place.column ?? 1 };
}

export const formatSarif: LintFormatter = (reports, options) => {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.meta.id, index]));
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  const notify = (uri: string, problem: Problem): void => {
    const where = region(problem);
    notifications.push({
      level: 'error',
      message: { text: `${problem.pointer === '' ? '' : `at ${problem.pointer}: `}${oneLine(problem.message)}` },
      locations: [{ physicalLocation: { artifactLocation: { uri }, ...(where ? { region: where } : {}) } }]
    });
  };
  for (const report of reports) {
    const uri = artifactUri(report.file.path, options.cwd);
    if (!report.ok) {
      for (const problem of report.problems) notify(uri, problem);
      continue;
    }
    for (const finding of report.findings) {
      const where = region(finding);
      const index = ruleIndex.get(finding.rule);
      results.push({
        ruleId: finding.rule,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: levelOf(finding.severity),
        message: { text: oneLine(finding.message) },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri }, ...(where ? { region: where } : {}) },
            logicalLocations: [{ name: finding.node, kind: 'object' }]
          }
        ],
        // The witness call, step by step: each node it passes, with what the caller (or the world) does there.
        ...(finding.trace === undefined
          ? {}
          : {
              codeFlows: [
                {
                  message: { text: oneLine(finding.witness?.name ?? finding.rule) },
                  threadFlows: [
                    {
                      locations: finding.trace.map((step, index) => {
                        const at = region(step);
                        return {
                          executionOrder: index + 1,
                          location: {
                            physicalLocation: { artifactLocation: { uri }, ...(at ? { region: at } : {}) },
                            logicalLocations: [{ name: step.node, kind: 'object' }],
                            message: { text: oneLine(step.does.length === 0 ? `at ${step.node}` : `at ${step.node}: ${step.does.join(', ')}`) }
                          }
                        };
                      })
                    }
                  ]
                }
              ]
            }),
        properties: {
          pointer: finding.pointer,
          ...(finding.witness === undefined ? {} : { witness: finding.witness }),
          ...(finding.fix === undefined ? {} : { fix: finding.fix }),
          ...(finding.noWitness === undefined ? {} : { noWitness: finding.noWitness }),
          nodes: finding.nodes,
          ...(finding.outcome === undefined ? {} : { outcome: finding.outcome })
        }
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'zeroout',
            version: packageVersion(),
            rules: RULES.map((rule) => ({
              id: rule.meta.id,
              shortDescription: { text: rule.meta.description },
              defaultConfiguration: { level: levelOf(rule.meta.severity) }
            }))
          }
        },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications })
          }
        ],
        results
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
