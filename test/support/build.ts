/** Small flows for tests, written tersely, and the example flows. */
import { readFileSync } from 'node:fs';
import { lintFlow, type LintOptions } from '../../src/core/analysis/engine.ts';
import type { Finding } from '../../src/core/analysis/types.ts';
import { loadFlow } from '../../src/core/model/load.ts';
import type { Flow, FlowNode } from '../../src/core/model/types.ts';

type Loose = Record<string, unknown> & { id: string; kind: string };

/** A flow of these nodes, starting at the first unless `start` is given; validated like a file. */
export function makeFlow(nodes: Loose[], extra: Record<string, unknown> = {}): Flow {
  const document = {
    version: 1,
    id: 'test',
    name: 'Test flow',
    start: nodes[0]?.id ?? 'start',
    nodes,
    ...extra
  };
  const result = loadFlow(document, 'test.ivr.json');
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.pointer}: ${p.message}`).join('\n'));
  return result.flow;
}

/** Findings of one rule only. */
export function findingsOf(rule: string, flow: Flow, options: LintOptions = {}): Finding[] {
  return lintFlow(flow, options).findings.filter((f) => f.rule === rule);
}

/** `[node, outcome?]` pairs of a rule's findings, for compact assertions. */
export function where(rule: string, flow: Flow, options: LintOptions = {}): string[] {
  return findingsOf(rule, flow, options).map((f) => (f.outcome === undefined ? f.node : `${f.node}:${f.outcome}`));
}

/** A menu with retry handling wired back to itself and limited, plus its options. */
export function menu(id: string, options: Record<string, string>, extra: Record<string, unknown> = {}): Loose {
  const keys = Object.keys(options);
  return {
    id,
    kind: 'menu',
    prompt: keys.map((k) => `For ${options[k]}, press ${k}.`).join(' '),
    options: keys.map((key) => ({ key, next: options[key] })),
    noInput: id,
    invalid: id,
    maxRetries: 2,
    onMaxRetries: 'agent',
    ...extra
  };
}

export const agent: Loose = { id: 'agent', kind: 'queue', queue: 'Support', expectedWaitSeconds: 20, overflow: 'vm' };
export const voicemail: Loose = { id: 'vm', kind: 'voicemail', mailbox: 'general' };

export type { FlowNode };

/** One of the example flows in flows/, loaded and validated. */
export function exampleFlow(id: string): Flow {
  const file = new URL(`../../flows/${id}.ivr.json`, import.meta.url);
  const result = loadFlow(JSON.parse(readFileSync(file, 'utf8')), `${id}.ivr.json`);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.pointer}: ${p.message}`).join('\n'));
  return result.flow;
}
