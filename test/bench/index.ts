/**
 * The benchmarks: `npm run bench`. Each prints lines `name: value unit`.
 * To add one, write a module exporting a `Benchmark` and list it here.
 */
import lint from './lint.ts';
import lintHard from './lint-hard.ts';
import importBench from './import.ts';
import load from './load.ts';
import designer from './designer.ts';
import simulate from './simulate.ts';
import diff from './diff.ts';
import cli from './cli.ts';
import exportBench from './export.ts';
import longIds from './long-ids.ts';
import { formatFigure, type Benchmark } from './measure.ts';

const BENCHMARKS: readonly Benchmark[] = [cli, lint, lintHard, load, importBench, exportBench, longIds, diff, simulate, designer];

for (const benchmark of BENCHMARKS) {
  for (const figure of await benchmark.run()) console.log(formatFigure(figure));
}
