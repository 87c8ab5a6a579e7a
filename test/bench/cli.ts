/**
 * How fast the `zeroout` command starts: linting one example flow, wall time
 * of the whole process, against starting Node and doing nothing, measured
 * alternately in the same run so load on the machine weighs on both alike.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildCli } from '../../bin/build-cli.mjs';
import { ratio, sampleOf, type Benchmark } from './measure.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const RUNS = 15;

function wallMs(args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  return performance.now() - started;
}

const cli: Benchmark = {
  name: 'cli',
  async run() {
    await buildCli();
    const lint = ['bin/zeroout.mjs', 'lint', 'flows/bank.ivr.json'];
    const empty = ['-e', '0'];
    for (let i = 0; i < 3; i++) wallMs(lint);
    const lintTimes: number[] = [];
    const nodeTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      lintTimes.push(wallMs(lint));
      nodeTimes.push(wallMs(empty));
    }
    const lintMs = sampleOf(lintTimes);
    const nodeMs = sampleOf(nodeTimes);
    return [
      { name: 'cli lint one flow', value: lintMs, unit: 'ms' },
      { name: 'node startup', value: nodeMs, unit: 'ms' },
      { name: 'cli lint one flow / node startup', value: ratio(lintMs, nodeMs), unit: 'x' }
    ];
  }
};

export default cli;
