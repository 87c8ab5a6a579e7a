/**
 * Builds the command line (build/cli/) once before the tests, so the tests
 * that run the `zeroout` executable run today's sources and no two of them
 * rebuild it at once.
 */
import { buildCli } from '../../bin/build-cli.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
