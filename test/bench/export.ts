/** Verified export: exporting each example flow to each vendor, importing it back and comparing its calls and lint with the design's. */
import { exportFlow, verifyExportText } from '../../src/core/export/index.ts';
import { exampleFlow } from '../support/build.ts';
import { exportEnvFor } from '../support/env.ts';
import { measure, type Benchmark, type Figure } from './measure.ts';

const exportBench: Benchmark = {
  name: 'export',
  run(): Figure[] {
    const figures: Figure[] = [];
    // Every example flow a team would ship (the deliberately bad one aside), to each vendor; the goal is under 1 s each.
    const pairs = ['bank', 'airline', 'clinic', 'utility-outage'].flatMap((id) => (['amazon-connect', 'twilio-studio'] as const).map((target) => [id, target] as const));
    for (const [id, target] of pairs) {
      const flow = exampleFlow(id);
      const environment = exportEnvFor(flow);
      const ms = measure(
        () => {
          const rendered = exportFlow(flow, `${id}.ivr.json`, target, { environment });
          if (!rendered.ok) throw new Error(`the ${id} example does not export to ${target}`);
          const verification = verifyExportText(flow, target, rendered.text, `${id}.${target}`, environment, undefined, rendered.origins);
          if (verification?.ok !== true) throw new Error(`the ${id} example exported to ${target} does not verify`);
          return verification;
        },
        { warmup: 2, runs: 7 }
      );
      figures.push({ name: `export verify ${id} to ${target}`, value: ms, unit: 'ms' });
    }
    return figures;
  }
};

export default exportBench;
