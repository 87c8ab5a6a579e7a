/**
 * Ids near the longest a file may hold (json/limits.ts MAX_STRING): the work
 * an id costs must grow with its length once, not once per node or per
 * Identifier (a flow id of a megabyte once made a Connect export of 18
 * nodes take 6 s, a Twilio `sid` of two megabytes 24 s). Each figure is to
 * be compared with the same export of the example flow with its own ids.
 */
import { exportFlow } from '../../src/core/export/index.ts';
import { MAX_STRING } from '../../src/core/json/index.ts';
import type { Flow } from '../../src/core/model/index.ts';
import { loadAnyFlow } from '../../src/core/formats/index.ts';
import { exampleFlow } from '../support/build.ts';
import { exportEnvFor } from '../support/env.ts';
import { measure, type Benchmark, type Figure } from './measure.ts';

/** The bank example with its flow id, or one node's id, as long as a file may hold. */
function longIds(): { readonly flowId: Flow; readonly nodeId: Flow } {
  const bank = exampleFlow('bank');
  const long = 'x'.repeat(MAX_STRING - 10);
  const renamed = JSON.parse(JSON.stringify(bank).split('"main-menu"').join(JSON.stringify(long))) as Flow;
  return { flowId: { ...bank, id: long }, nodeId: renamed };
}

const longIdsBench: Benchmark = {
  name: 'long-ids',
  run(): Figure[] {
    const figures: Figure[] = [];
    const { flowId, nodeId } = longIds();
    for (const target of ['amazon-connect', 'twilio-studio'] as const) {
      for (const [what, flow] of [['flow id', flowId], ['node id', nodeId]] as const) {
        let run = 0;
        const ms = measure(
          (input: Flow) => {
            const rendered = exportFlow(input, 'long.ivr.json', target, { environment: exportEnvFor(input) });
            if (!rendered.ok) throw new Error(`the bank example with a long ${what} does not export to ${target}`);
            return rendered;
          },
          // A flow id new to each run: nothing an earlier run hashed is reused.
          { warmup: 1, runs: 3, setup: () => (what === 'flow id' ? { ...flow, id: `${run++}${flow.id.slice(12)}` } : flow) }
        );
        figures.push({ name: `export bank with a ${MAX_STRING.toLocaleString('en-US')}-character ${what} to ${target}`, value: ms, unit: 'ms' });
      }
    }
    // A Studio REST resource whose sid (the flow's id once imported) is as long, imported and exported to Connect.
    const environment = exportEnvFor(exampleFlow('bank'));
    const studio = exportFlow(exampleFlow('bank'), 'bank.ivr.json', 'twilio-studio', { environment });
    if (!studio.ok) throw new Error('the bank example does not export to Twilio Studio');
    const definition = JSON.parse(studio.text) as unknown;
    let run = 0;
    const ms = measure(
      (resource: unknown) => {
        const imported = loadAnyFlow(resource, 'bank.json');
        if (!imported.ok) throw new Error('the Studio resource with a long sid does not import');
        const rendered = exportFlow(imported.flow, 'bank.json', 'amazon-connect', { environment: exportEnvFor(imported.flow) });
        if (!rendered.ok) throw new Error('the Studio resource with a long sid does not export to Connect');
        return rendered;
      },
      { warmup: 1, runs: 3, setup: () => ({ sid: `FW${run++}${'0'.repeat(MAX_STRING - 12)}`, friendly_name: 'bank', definition }) }
    );
    figures.push({ name: `import a Studio flow with a ${MAX_STRING.toLocaleString('en-US')}-character sid and export it to amazon-connect`, value: ms, unit: 'ms' });
    return figures;
  }
};

export default longIdsBench;
