/**
 * `--format stylish` (the default), after eslint's formatter of that name:
 * findings grouped under their file, aligned in columns, and a summary.
 *
 * ```
 * flows/bank.ivr.json
 *   12:7  error  Node "main": a caller who stays silent is dropped: …  dead-end
 *
 * ✖ 1 problem (1 error, 0 warnings, 0 infos)
 * ```
 *
 * Without colour (stdout is not a terminal) the output is plain: no escape
 * codes and no symbol before the summary. Messages are not padded: the rule
 * follows its message, so that one long message does not widen every line.
 * Everything taken from the files is escaped before it is coloured.
 */
import type { AnalysedEntry, Severity } from '../../core/analysis/index.ts';
import { escapeControls } from '../../core/diagnostic/index.ts';
import { oneLine } from '../io.ts';
import { styleFor, type Style } from './ansi.ts';
import type { LintFormatter, LocatedFinding } from './report.ts';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function paintSeverity(style: Style, severity: Severity, text: string): string {
  switch (severity) {
    case 'error':
      return style.red(text);
    case 'warning':
      return style.yellow(text);
    case 'info':
      return style.cyan(text);
  }
}

const byPlace = (a: LocatedFinding, b: LocatedFinding): number =>
  (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || (a.column ?? 0) - (b.column ?? 0);

export const formatStylish: LintFormatter = (reports, options) => {
  const style = styleFor(options.color);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let out = '';
  for (const report of reports) {
    if (!report.ok || report.findings.length === 0) continue;
    const rows = [...report.findings].sort(byPlace).map((finding) => {
      counts[finding.severity]++;
      return {
        place: finding.line === undefined ? escapeControls(finding.pointer || '/') : `${finding.line}:${finding.column ?? 1}`,
        severity: finding.severity,
        message: escapeControls(oneLine(finding.message)),
        rule: finding.rule
      };
    });
    const placeWidth = Math.max(...rows.map((row) => row.place.length));
    const severityWidth = Math.max(...rows.map((row) => row.severity.length));
    out += `\n${style.underline(escapeControls(report.file.file))}\n`;
    // A flow that is not one inbound phone line says how it was read: its findings depend on it.
    const entries = report.entries;
    if (entries.length > 1 || entries[0]!.channel !== 'voice' || entries[0]!.role !== 'inbound') {
      out += `  ${style.dim(escapeControls(`analysed as ${entries.map(describeEntry).join('; ')}`))}\n`;
    }
    for (const row of rows) {
      const place = style.dim(row.place.padEnd(placeWidth));
      const severity = paintSeverity(style, row.severity, row.severity.padEnd(severityWidth));
      out += `  ${place}  ${severity}  ${row.message}  ${style.dim(escapeControls(row.rule))}\n`;
    }
  }
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return out;
  const summary =
    `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ` +
    `${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')})`;
  const paint = counts.error > 0 ? style.red : counts.warning > 0 ? style.yellow : style.cyan;
  out += `\n${options.color ? style.bold(paint(`\u2716 ${summary}`)) : summary}\n`;
  return out;
};

/** An entry point in words: `messaging, inbound, at "Welcome" (incomingMessage)`. */
function describeEntry(entry: AnalysedEntry): string {
  return `${entry.channel}, ${entry.role}, at ${JSON.stringify(entry.start)}${entry.event === undefined ? '' : ` (${JSON.stringify(entry.event)})`}`;
}
