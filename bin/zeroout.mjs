#!/usr/bin/env node
// The `zeroout` command: runs the built command line in build/cli/, building
// it first when it is missing or older than a source file it was made from.
import { readFileSync, statSync } from 'node:fs';

const built = new URL('../build/cli/', import.meta.url);
const root = new URL('../', import.meta.url);

/** True when the build is there and no source it was made from changed since. */
function fresh() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(new URL('inputs.json', built), 'utf8'));
  } catch {
    return false;
  }
  try {
    // A source that is gone, or was written after the build, makes it stale.
    for (const source of inputs.sources) if (statSync(new URL(source, root)).mtimeMs > inputs.built) return false;
  } catch {
    return false;
  }
  return true;
}

if (!fresh()) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
const { main } = await import(new URL('main.js', built).href);
process.exitCode = await main(process.argv.slice(2));
