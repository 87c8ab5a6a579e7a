/** Verified export: exporting an example flow, importing it back and comparing its calls and lint with the design's. */
import { exportFlow, verifyExportText } from '../../src/core/export/index.ts';
import { exampleFlow } from '../support/build.ts';
import { exportEnvFor } from '../support/env.ts';
import { measure, type Benchmark, type Figure } from './measure.ts';

const exportBench: Benchmark = {
  name: 'export',
  run(): Figure[] {
    const figures: Figure[] = [];
    for (const [id, target] of [['bank', 'amazon-connect'], ['bank', 'twilio-studio']] as const) {
      const flow = exampleFlow(id);
      const environment = exportEnvFor(flow);
      const ms = measure(
        () => {
          const rendered = exportFlow(flow, `${id}.ivr.json`, target, { environment });
          if (!rendered.ok) throw new Error(`the ${id} example does not export to ${target}`);
          return verifyExportText(flow, target, rendered.text, `${id}.${target}`, environment);
        },
        { warmup: 2, runs: 7 }
      );
      figures.push({ name: `export verify ${id} to ${target}`, value: ms, unit: 'ms' });
    }
    return figures;
  }
};

export default exportBench;
