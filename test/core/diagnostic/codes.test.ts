/**
 * Every kind of thing the tool tells a user carries a stable code: tools and
 * the tool's own faces tell kinds apart by it, never by the words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { DIAGNOSTIC_CODES, formatNote } from '../../../src/core/diagnostic/index.ts';
import { exportFlow } from '../../../src/core/export/index.ts';
import { loadAnyFlow } from '../../../src/core/formats/index.ts';
import { loadFlow, loadFlowText } from '../../../src/core/model/load.ts';
import { exampleFlow } from '../../support/build.ts';
import { corpusPath } from '../../support/corpus.ts';

const read = (vendor: 'twilio-studio' | 'amazon-connect', file: string): unknown => JSON.parse(readFileSync(corpusPath(vendor, file), 'utf8'));

describe('diagnostic codes', () => {
  it('tells a file that is not JSON from one the format refuses', () => {
    const malformed = loadFlowText('{"version": 1,', 'a.ivr.json');
    expect(malformed.ok ? [] : malformed.problems.map((p) => [p.code, p.severity, p.file])).toEqual([[DIAGNOSTIC_CODES.jsonMalformed, 'error', 'a.ivr.json']]);
    const invalid = loadFlow({ version: 1, id: 'x', name: 'x', start: 'a', nodes: [{ id: 'a', kind: 'ivr-magic' }] }, 'b.ivr.json');
    expect(invalid.ok ? [] : invalid.problems.map((p) => p.code)).toEqual([DIAGNOSTIC_CODES.schema]);
  });

  it('says a document is no flow, and an importer that gives up says so', () => {
    const none = loadAnyFlow({ hello: 'world' }, 'c.json');
    expect(none.ok ? [] : none.problems.map((p) => p.code)).toEqual([DIAGNOSTIC_CODES.notAFlow]);
    const broken = loadAnyFlow({ description: 'x', states: [{ name: 'Trigger', type: 'trigger', transitions: [], properties: {} }], initial_state: 'Trigger', flags: {} }, 'd.json');
    expect(broken.ok ? [] : broken.problems.map((p) => p.code)).toEqual([DIAGNOSTIC_CODES.importFailed]);
  });

  it("gives an import's notes the import-note code, the file and the node", () => {
    const file = 'twilio-labs__sample-flows-github-actions__CA-Regulatory-Flow.json';
    const result = loadAnyFlow(read('twilio-studio', file), file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notes.length).toBeGreaterThan(0);
    for (const note of result.notes) {
      expect(note).toMatchObject({ code: DIAGNOSTIC_CODES.importNote, severity: 'info', file });
      if (note.node !== undefined) expect(note.nodes).toEqual([note.node]);
    }
  });

  it("gives an export's refusal and notes their codes, and formats a note on one line", () => {
    const flow = exampleFlow('clinic');
    const refused = exportFlow(flow, 'clinic.ivr.json', 'amazon-connect');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(new Set(refused.problems.map((p) => p.code))).toEqual(new Set([DIAGNOSTIC_CODES.exportReferenceMissing]));
    const studio = exportFlow(flow, 'clinic.ivr.json', 'twilio-studio');
    expect(studio.ok).toBe(true);
    if (!studio.ok) return;
    expect(studio.notes.length).toBeGreaterThan(0);
    for (const note of studio.notes) expect(note).toMatchObject({ code: DIAGNOSTIC_CODES.exportNote, severity: 'info', file: 'clinic.ivr.json' });
    const withNode = studio.notes.find((note) => note.node !== undefined)!;
    expect(formatNote(withNode)).toBe(`clinic.ivr.json (${JSON.stringify(withNode.node)}): note: ${withNode.message}`);
  });

  it("gives a finding its rule id as code", () => {
    const { findings } = lintFlow(exampleFlow('runaround'));
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.code).toBe(finding.rule);
  });
});
