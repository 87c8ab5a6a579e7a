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
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = path.join(ROOT, 'build', 'cli');

/** Chunks of earlier builds are kept this long: a command started before a rebuild may still load them. */
const OLD_CHUNK_MS = 10 * 60 * 1000;

/**
 * Builds into a fresh folder, then moves its files into build/cli/: chunks
 * (named by their content) first, the entry points and inputs.json last, so
 * a command that starts meanwhile runs either the old build or the new one,
 * whole. Chunks no build has used for ten minutes are removed.
 */
export async function buildCli() {
  const staging = `${OUT_DIR}.${process.pid}.${Date.now()}`;
  mkdirSync(OUT_DIR, { recursive: true });
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
    const entries = new Set(['main.js', 'simulate-range.js', 'inputs.json']);
    const files = readdirSync(staging);
    for (const file of [...files.filter((f) => !entries.has(f)), ...entries]) renameSync(path.join(staging, file), path.join(OUT_DIR, file));
    const now = Date.now();
    for (const file of readdirSync(OUT_DIR)) {
      if (files.includes(file)) continue;
      const target = path.join(OUT_DIR, file);
      if (now - statSync(target).mtimeMs > OLD_CHUNK_MS) rmSync(target, { force: true });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await buildCli();
}
