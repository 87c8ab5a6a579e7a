/** The example flows in flows/: they load, lint as documented, and their saved test calls pass. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../src/core/analysis/engine.ts';
import { runTestCalls } from '../src/core/calls/run.ts';
import { loadFlowText } from '../src/core/model/load.ts';
import type { Flow } from '../src/core/model/types.ts';

const folder = join(import.meta.dirname, '..', 'flows');
const files = readdirSync(folder).filter((f) => f.endsWith('.ivr.json')).sort();

function load(file: string): Flow {
  const result = loadFlowText(readFileSync(join(folder, file), 'utf8'), `flows/${file}`);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.pointer}: ${p.message}`).join('\n'));
  return result.flow;
}

/** The flow that shows, on purpose, what the rules catch. */
const DELIBERATE = 'runaround.ivr.json';

describe('example flows', () => {
  it('include at least four realistic flows and the deliberate one', () => {
    expect(files.filter((f) => f !== DELIBERATE).length).toBeGreaterThanOrEqual(4);
    expect(files).toContain(DELIBERATE);
  });

  describe.each(files)('%s', (file) => {
    const flow = load(file);

    it('has an id matching its file name', () => {
      expect(`${flow.id}.ivr.json`).toBe(file);
    });

    it('has saved test calls, and they pass', () => {
      const runs = runTestCalls(flow);
      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(runs.filter((r) => !r.passed).map((r) => `${r.name}: ${r.failures.join('; ')}`)).toEqual([]);
    });

    if (file !== DELIBERATE) {
      it('lints clean', () => {
        expect(lintFlow(flow).findings.map((f) => `${f.rule} ${f.node}: ${f.message}`)).toEqual([]);
      });
    }
  });

  it('the deliberate flow shows the caller-trapping problems', () => {
    const rules = new Set(lintFlow(load(DELIBERATE)).findings.map((f) => f.rule));
    for (const rule of [
      'dead-end', 'trap-loop', 'no-human-route', 'no-agent-option', 'unbounded-retry',
      'too-many-options', 'prompt-key-mismatch', 'unreachable'
    ]) {
      expect(rules, rule).toContain(rule);
    }
  });
});
