#!/usr/bin/env node
/**
 * Builds the command line into build/cli/: TypeScript bundled into
 * JavaScript, one chunk per command, so `zeroout lint` starts without
 * compiling anything or reading the code of commands it does not run.
 *
 * Run by `npm ci` and `npm install` (the `prepare` script), by the tests'
 * setup, and by bin/zeroout.mjs itself when a source file is newer than the
 * build. `inputs.json` beside the build lists the sources it was made from.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = path.join(ROOT, 'build', 'cli');

/** Builds into a fresh folder, then moves it into place, so no run ever reads half a build. */
export async function buildCli() {
  const staging = `${OUT_DIR}-${process.pid}-${Date.now()}`;
  mkdirSync(path.dirname(OUT_DIR), { recursive: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { main: 'src/cli/main.ts', 'simulate-range': 'src/cli/workers/simulate-range.ts' },
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      chunkNames: '[name]-[hash]',
      // Commander and other CommonJS dependencies call require() for Node's own modules.
      banner: { js: "import { createRequire as __zeroOutRequire } from 'node:module'; const require = __zeroOutRequire(import.meta.url);" },
      minify: true,
      metafile: true,
      logLevel: 'warning'
    });
    const sources = Object.keys(result.metafile.inputs).filter((input) => input.startsWith('src/')).sort();
    writeFileSync(path.join(staging, 'inputs.json'), `${JSON.stringify({ built: Date.now(), sources })}\n`);
    rmSync(OUT_DIR, { recursive: true, force: true });
    try {
      renameSync(staging, OUT_DIR);
    } catch (error) {
      // Another build moved its folder into place first: that one is as fresh.
      if (!['ENOTEMPTY', 'EEXIST', 'EPERM'].includes(error.code)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await buildCli();
}
