/**
 * The CX scorecard: the analysis and the simulated traffic arranged by the
 * customer-service pillars, each rated with the figures and findings behind
 * the rating, so a reviewer sees why, not just a grade.
 */
import type { LintResult } from '../analysis/engine.ts';
import { conditionVars } from '../model/conditions.ts';
import { outcomesOf } from '../model/outcomes.ts';
import type { Flow } from '../model/types.ts';
import type { TrafficReport } from './traffic.ts';

export type Rating = 'good' | 'fair' | 'poor';

export interface Pillar {
  readonly pillar: 'time and effort' | 'resolution' | 'expectations' | 'empathy' | 'personalisation' | 'integrity';
  readonly rating: Rating;
  /** What the rating rests on, in words with the numbers. */
  readonly evidence: readonly string[];
  /** Lint rules with findings that bear on this pillar, and how many. */
  readonly findings: Readonly<Record<string, number>>;
}

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

function worst(...ratings: Rating[]): Rating {
  return ratings.includes('poor') ? 'poor' : ratings.includes('fair') ? 'fair' : 'good';
}

function countOf(lint: LintResult, rules: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of lint.findings) if (rules.includes(f.rule)) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  return counts;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export function scorecard(flow: Flow, lint: LintResult, traffic: TrafficReport): Pillar[] {
  const o = traffic.outcomes;
  const helped = o.person + o.voicemail + o.callback;

  // Time and effort: how long to a person, how many menu steps.
  const timeFindings = countOf(lint, ['slow-path-to-human', 'deep-menu', 'too-many-options']);
  const p50 = traffic.timeToPerson.p50;
  const timeRating: Rating = p50 === null ? 'poor' : p50 <= 90 && traffic.menuSteps.mean <= 2.5 ? 'good' : p50 <= 180 ? 'fair' : 'poor';

  // Resolution: the share of callers who get help of any kind.
  const resolution: Rating = helped >= 0.8 ? 'good' : helped >= 0.6 ? 'fair' : 'poor';

  // Expectations: waits announced, opening hours handled.
  const expectationFindings = countOf(lint, ['unannounced-wait']);
  const queues = flow.nodes.filter((n) => n.kind === 'queue');
  const announced = queues.filter((n) => n.kind === 'queue' && n.announceWait === true).length;
  const hours = flow.nodes.filter((n) => n.kind === 'hours');
  const expectations: Rating = total(expectationFindings) === 0 ? 'good' : total(expectationFindings) <= 1 ? 'fair' : 'poor';

  // Empathy: after silence or a wrong key, callers are helped again rather than hung up on.
  const retries = flow.nodes.flatMap((n) => outcomesOf(n).filter((out) => out.retry !== undefined).map((out) => ({ node: n, out })));
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const harsh = retries.filter(({ out }) => {
    if (out.target === undefined) return true;
    const target = byId.get(out.target);
    return target === undefined || target.kind === 'hangup';
  });
  const empathyFindings = countOf(lint, ['unbounded-retry', 'no-agent-option']);
  const empathy: Rating = harsh.length === 0 && total(empathyFindings) === 0 ? 'good' : harsh.length === 0 ? 'fair' : 'poor';

  // Personalisation: what is known about the caller is used, and nothing is asked twice.
  const usesCaller = flow.nodes.some(
    (n) =>
      (n.kind === 'branch' && n.cases.some((c) => conditionVars(c.when).some((v) => v.startsWith('caller.')))) ||
      (n.kind === 'lookup' && (n.inputs ?? []).some((v) => v.startsWith('caller.'))) ||
      (n.kind === 'callback' && n.numberVariable?.startsWith('caller.') === true)
  );
  const personalFindings = countOf(lint, ['repeated-input']);
  const personalisation: Rating = total(personalFindings) > 0 ? 'poor' : usesCaller ? 'good' : 'fair';

  // Integrity: no traps, no dead ends, no caller left without a way to help.
  const integrityFindings = countOf(lint, ['trap-loop', 'subflow-cycle', 'dead-end', 'no-human-route', 'broken-reference', 'unreachable']);
  const serious =
    (integrityFindings['trap-loop'] ?? 0) +
    (integrityFindings['subflow-cycle'] ?? 0) +
    (integrityFindings['dead-end'] ?? 0) +
    (integrityFindings['no-human-route'] ?? 0) +
    (integrityFindings['broken-reference'] ?? 0);
  const integrity: Rating = serious > 0 || o.trapped + o.dropped > 0.01 ? 'poor' : total(integrityFindings) > 0 ? 'fair' : 'good';

  return [
    {
      pillar: 'time and effort',
      rating: worst(timeRating, total(timeFindings) > 0 ? 'fair' : 'good'),
      evidence: [
        p50 === null ? 'no simulated caller reached a person' : `time to a person: median ${Math.round(p50)} s, 90% within ${Math.round(traffic.timeToPerson.p90 ?? 0)} s`,
        `${traffic.menuSteps.mean} menu steps per call on average`
      ],
      findings: timeFindings
    },
    {
      pillar: 'resolution',
      rating: resolution,
      evidence: [`${pct(helped)} of callers got help: ${pct(o.person)} a person, ${pct(o.voicemail)} voicemail, ${pct(o.callback)} a callback`],
      findings: {}
    },
    {
      pillar: 'expectations',
      rating: expectations,
      evidence: [
        queues.length === 0 ? 'no queues' : `${announced} of ${queues.length} queue${queues.length === 1 ? '' : 's'} announce the wait`,
        hours.length === 0 ? 'opening hours are not checked' : `opening hours checked at ${hours.length} node${hours.length === 1 ? '' : 's'}`
      ],
      findings: expectationFindings
    },
    {
      pillar: 'empathy',
      rating: empathy,
      evidence: [
        retries.length === 0
          ? 'no menus or inputs'
          : harsh.length === 0
            ? `all ${retries.length} silence and wrong-key routes lead on, none hang up`
            : `${harsh.length} of ${retries.length} silence and wrong-key routes hang up or drop the caller (${harsh.map((h) => `${h.node.id}: ${h.out.name}`).slice(0, 5).join(', ')})`
      ],
      findings: empathyFindings
    },
    {
      pillar: 'personalisation',
      rating: personalisation,
      evidence: [usesCaller ? 'caller data (caller.*) is used to route, look up or call back' : 'caller data is not used to skip questions'],
      findings: personalFindings
    },
    {
      pillar: 'integrity',
      rating: integrity,
      evidence: [
        `${serious} trap, dead-end or no-route finding${serious === 1 ? '' : 's'}`,
        `${pct(o.trapped)} of simulated callers trapped, ${pct(o.dropped)} dropped${o.stepLimit > 0 ? `, ${pct(o.stepLimit)} stopped at the step limit` : ''}`
      ],
      findings: integrityFindings
    }
  ];
}
