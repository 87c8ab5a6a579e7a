/**
 * The benchmarks: `npm run bench`. Each prints lines `name: value unit`.
 * `npm run bench -- designer lint` runs only the benchmarks named.
 * To add one, write a module exporting a `Benchmark` and list it here.
 */
import lint from './lint.ts';
import lintHard from './lint-hard.ts';
import importBench from './import.ts';
import load from './load.ts';
import designer from './designer.ts';
import simulate from './simulate.ts';
import pathsBench from './paths.ts';
import diff from './diff.ts';
import cli from './cli.ts';
import exportBench from './export.ts';
import longIds from './long-ids.ts';
import staticDesigner from './static.ts';
import { formatFigure, type Benchmark } from './measure.ts';

const BENCHMARKS: readonly Benchmark[] = [cli, lint, lintHard, load, importBench, exportBench, longIds, diff, simulate, pathsBench, designer, staticDesigner];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')}: the benchmarks are ${BENCHMARKS.map((b) => b.name).join(', ')}`);

for (const benchmark of BENCHMARKS.filter((b) => only.length === 0 || only.includes(b.name))) {
  for (const figure of await benchmark.run()) console.log(formatFigure(figure));
}
