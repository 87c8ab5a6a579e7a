/**
 * Golden files: the example flows exported to each vendor format, checked in
 * under test/golden/, so any change to what a team ships is seen in review.
 * After an intended change, regenerate them with
 * `UPDATE_GOLDEN=1 npx vitest run test/formats-golden.test.ts` and read the diff.
 * A vendor whose files are not JSON (Genesys Architect's YAML) keeps its
 * golden file as the text the command line writes; Architect names the
 * account's resources by name, so its environment gives Genesys Cloud names.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VENDOR_FORMATS } from '../src/core/formats/index.ts';
import { loadFlowText } from '../src/core/model/load.ts';
import { genesysEnvFor } from './support/archy-env.ts';
import { exportEnvFor } from './support/env.ts';

const flows = join(import.meta.dirname, '..', 'flows');
const golden = join(import.meta.dirname, 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

/** The environment an example ships with to a vendor. */
const environmentFor = (formatId: string, flow: Parameters<typeof exportEnvFor>[0]) => (formatId === 'genesys-architect' ? genesysEnvFor(flow) : exportEnvFor(flow));

const cases = readdirSync(flows)
  .filter((f) => f.endsWith('.ivr.json'))
  .sort()
  // The vendors this build exports to (a vendor may be read only).
  .flatMap((file) => VENDOR_FORMATS.filter((format) => format.export !== undefined).map((format) => [file, format.id] as const));

describe('exports of the example flows', () => {
  it.each(cases)('%s as %s matches its golden file', (file, formatId) => {
    const loaded = loadFlowText(readFileSync(join(flows, file), 'utf8'), file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const format = VENDOR_FORMATS.find((f) => f.id === formatId)!;
    const result = format.export!(loaded.flow, { environment: environmentFor(formatId, loaded.flow) }, file);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const text = format.files.stringify === undefined ? `${JSON.stringify(result.document, null, 2)}\n` : format.files.stringify(result.document);
    const goldenFile = join(golden, `${file.replace(/\.ivr\.json$/, '')}.${formatId}${format.files.stringify === undefined ? '.json' : (format.files.extensions[0] ?? '.json')}`);
    if (update || !existsSync(goldenFile)) {
      if (!update) throw new Error(`no golden file ${goldenFile}: run with UPDATE_GOLDEN=1 to write it`);
      writeFileSync(goldenFile, text);
    }
    expect(text).toBe(readFileSync(goldenFile, 'utf8'));
  });
});

describe('a shipped flow brought back', () => {
  it.each(cases)('%s as %s: lints as the design did, and ships again unchanged', async (file, formatId) => {
    const { lintFlow } = await import('../src/core/analysis/engine.ts');
    const { loadAnyFlow } = await import('../src/core/formats/index.ts');
    const loaded = loadFlowText(readFileSync(join(flows, file), 'utf8'), file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const format = VENDOR_FORMATS.find((f) => f.id === formatId)!;
    const environment = environmentFor(formatId, loaded.flow);
    const first = format.export!(loaded.flow, { environment }, file);
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    const back = loadAnyFlow(JSON.parse(JSON.stringify(first.document)), `${file}.${formatId}.json`);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    const again = format.export!(back.flow, { environment }, file);
    expect(again.ok && JSON.parse(JSON.stringify(again.document))).toEqual(JSON.parse(JSON.stringify(first.document)));
    // The example flows that lint clean still do after a trip through Studio.
    if (formatId === 'twilio-studio' && file !== 'runaround.ivr.json') {
      expect(lintFlow(back.flow).findings.map((f) => `${f.rule} ${f.node} ${f.outcome ?? ''}`)).toEqual([]);
    }
  });
});
