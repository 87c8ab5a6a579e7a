/**
 * One Markdown document about a flow for a pull request: the figures first,
 * then what changed (given the version before), a Mermaid diagram with the
 * changed nodes marked, the findings, the test-call results and the traffic.
 * Everything in it comes from the callers' point of view.
 */
import type { LintResult } from '../analysis/engine.ts';
import type { TestCallRun } from '../calls/run.ts';
import { toMermaid } from '../export/mermaid.ts';
import type { Flow } from '../model/types.ts';
import type { Pillar } from '../simulate/scorecard.ts';
import { OUTCOME_LABELS, TRAFFIC_OUTCOMES, type TrafficReport } from '../simulate/traffic.ts';
import type { FlowDiff } from './diff.ts';
import { diffMarkdown, markdownBlock, markdownCode, markdownText } from './format.ts';

export interface ReportInput {
  readonly flow: Flow;
  /** The file, as the reader knows it. */
  readonly file: string;
  readonly lint: LintResult;
  readonly tests: readonly TestCallRun[];
  /** Simulated traffic, when it was run. */
  readonly traffic?: { readonly report: TrafficReport; readonly scorecard: readonly Pillar[] };
  /** The change from a version before, with the names of both versions. */
  readonly change?: { readonly diff: FlowDiff; readonly labels: { readonly before: string; readonly after: string } };
}

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
const secs = (value: number | null): string => (value === null ? '—' : `${Math.round(value)} s`);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A Markdown table from a header and rows of cells already in Markdown. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

export function reportMarkdown(input: ReportInput): string {
  const { flow, lint, tests, traffic, change } = input;
  const severity = (s: string) => lint.findings.filter((f) => f.severity === s).length;
  const passed = tests.filter((t) => t.passed).length;
  const lines: string[] = [`# ${markdownText(flow.name)}`, ''];
  lines.push(`${markdownCode(input.file)} · flow ${markdownCode(flow.id)} · ${plural(flow.nodes.length, 'node')} · starts at ${markdownCode(flow.start)}`, '');

  const figures: string[][] = [
    ['Findings', `${plural(severity('error'), 'error')}, ${plural(severity('warning'), 'warning')}, ${severity('info')} info`],
    ['Test calls', tests.length === 0 ? 'none saved' : `${passed} of ${tests.length} pass${passed === tests.length ? '' : ' ❌'}`],
    ['Time to a person on the quickest route', lint.metrics.secondsToHuman === null || !Number.isFinite(lint.metrics.secondsToHuman) ? 'no route to a person ❌' : `${Math.round(lint.metrics.secondsToHuman)} s`]
  ];
  if (traffic !== undefined) {
    const r = traffic.report;
    figures.push(['Simulated callers who reach a person', `${pct(r.outcomes.person)} of ${r.calls.toLocaleString('en-US')} (seed ${r.seed}), median ${secs(r.timeToPerson.p50)}`]);
  }
  if (change !== undefined) {
    const t = change.diff.analysis;
    figures.push(['This change', `${change.diff.nodes.length} ${change.diff.nodes.length === 1 ? 'node' : 'nodes'} changed, ${t.fixed.length} fixed, ${t.introduced.length} introduced`]);
  }
  lines.push(...table(['', ''], figures), '');

  if (change !== undefined) lines.push(diffMarkdown(change.diff, change.labels, 2));

  lines.push('## Flow', '');
  if (change !== undefined) {
    const added = new Set(change.diff.nodes.filter((n) => n.status === 'added').map((n) => n.node));
    const changed = new Set(change.diff.nodes.filter((n) => n.status === 'changed').map((n) => n.node));
    const removed = change.diff.nodes.filter((n) => n.status === 'removed');
    lines.push('Added nodes are green, changed nodes amber.', '');
    if (removed.length > 0) lines.push(`Removed: ${removed.map((n) => markdownCode(n.node)).join(', ')}.`, '');
    lines.push(markdownBlock('mermaid', toMermaid(flow, { added, changed }).trimEnd()), '');
  } else {
    lines.push(markdownBlock('mermaid', toMermaid(flow).trimEnd()), '');
  }

  lines.push('## Findings', '');
  if (lint.findings.length === 0) lines.push('No findings.', '');
  else {
    const order = { error: 0, warning: 1, info: 2 } as const;
    const sorted = [...lint.findings].sort((a, b) => order[a.severity] - order[b.severity]);
    lines.push(
      ...table(
        ['Severity', 'Rule', 'Node', 'Finding'],
        sorted.map((f) => [f.severity, markdownCode(f.rule), `${markdownCode(f.node)}${f.outcome === undefined ? '' : ` (${markdownText(f.outcome)})`}`, markdownText(f.message)])
      ),
      ''
    );
  }

  lines.push('## Test calls', '');
  if (tests.length === 0) lines.push('This flow has no saved test calls.', '');
  else {
    lines.push(
      ...table(
        ['Test call', 'Result', 'Ended'],
        tests.map((t) => [
          markdownText(t.name),
          t.passed ? '✅ pass' : '❌ fail',
          t.result === null ? `waiting at ${markdownCode(t.node ?? '')}` : `${t.result.outcome} at ${markdownCode(t.result.node ?? '')}, ${Math.round(t.result.seconds)} s`
        ])
      ),
      ''
    );
    for (const t of tests.filter((x) => !x.passed)) {
      lines.push(`**${markdownText(t.name)}** failed:`, '');
      for (const failure of t.failures) lines.push(`- ${markdownText(failure)}`);
      lines.push(`- route: ${t.route.map(markdownCode).join(' → ')}`, '');
    }
  }

  if (traffic !== undefined) {
    const r = traffic.report;
    lines.push('## Traffic', '');
    lines.push(`${r.calls.toLocaleString('en-US')} simulated calls, seed ${r.seed}.`, '');
    lines.push(...table(['Callers', 'Share'], TRAFFIC_OUTCOMES.map((o) => [markdownText(OUTCOME_LABELS[o]), pct(r.outcomes[o])])), '');
    lines.push(`Time to a person: median ${secs(r.timeToPerson.p50)}, 90% within ${secs(r.timeToPerson.p90)}, 99% within ${secs(r.timeToPerson.p99)}. Menu steps per call: ${r.menuSteps.mean} on average.`, '');
    if (r.abandonedAt.length > 0) {
      lines.push(`Where callers hang up: ${r.abandonedAt.map((a) => `${markdownCode(a.node)} (${a.calls})`).join(', ')}.`, '');
    }
    lines.push('### CX scorecard', '');
    lines.push(...table(['Pillar', 'Rating', 'Evidence'], traffic.scorecard.map((p) => [p.pillar, p.rating, markdownText(p.evidence.join('; '))])), '');
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
