/**
 * `zeroout serve [flowsDir]`: opens the browser designer on a folder of flows.
 *
 * Prints one line, the designer's URL, and runs until interrupted (Ctrl-C,
 * SIGTERM); exit code 0 then. Exit code 2 when it cannot start: no build of
 * the designer, no flows folder, a port in use.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { EXIT_OK, UsageError } from '../errors.ts';
import { writeErrors, type CliIo } from '../io.ts';
import { packagePath } from '../version.ts';
import { DEFAULT_HOST, DEFAULT_PORT, ServerStartError, startServer, type RunningServer } from '../server/server.ts';

/** This package's own build of the designer (`npm run build` writes it), wherever the command is run from. */
export const PACKAGE_DIST = packagePath('dist');

export interface ServeCommandOptions {
  /** As typed; the PORT environment variable, else 5178, when absent. */
  readonly port?: string;
  readonly host: string;
  /** As typed; this package's `dist` when absent. */
  readonly dist?: string;
}

/** Reads a port number, naming where it came from when it is none. */
export function parsePort(text: string, source: string): number {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`${source} ${JSON.stringify(text)}: expected a port number from 0 to 65535 (0 picks a free one)`);
  }
  return port;
}

/**
 * Serves the designer until `signal` aborts, then closes the server and
 * returns the exit code. Tests pass their own signal.
 */
export async function runServe(
  flowsDir: string,
  options: ServeCommandOptions,
  io: CliIo,
  signal: AbortSignal
): Promise<number> {
  const envPort = process.env['PORT'];
  const port =
    options.port !== undefined
      ? parsePort(options.port, '--port')
      : envPort !== undefined && envPort !== ''
        ? parsePort(envPort, 'the PORT environment variable')
        : DEFAULT_PORT;
  const distDir = options.dist === undefined ? PACKAGE_DIST : path.resolve(io.cwd, options.dist);
  let server: RunningServer;
  try {
    server = await startServer({
      flowsDir: path.resolve(io.cwd, flowsDir),
      distDir,
      host: options.host,
      port,
      onError: (error) => {
        const message = error instanceof Error ? error.message : String(error);
        writeErrors(io, [`zeroout serve: internal error: ${message}`]);
      }
    });
  } catch (error) {
    if (!(error instanceof ServerStartError)) throw error;
    const hint =
      error.reason === 'port-in-use' ? ': stop the program using it, or choose another port with --port (0 picks a free one)' : '';
    throw new UsageError(`${error.message}${hint}`);
  }
  io.stdout.write(`Zero Out designer: ${server.url}\n`);
  if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  await server.close();
  return EXIT_OK;
}

/** An abort signal for SIGINT and SIGTERM, and how to stop listening for them. */
function interruption(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  };
}

export function registerServe(program: Command, context: CommandContext): Command {
  return program
    .command('serve')
    .description('open the designer in a browser: serves it and the flows of a folder, until Ctrl-C')
    .argument('[flowsDir]', 'the folder of *.ivr.json flows to edit', 'flows')
    .option('--port <n>', `port to listen on (default: $PORT, else ${DEFAULT_PORT}; 0 picks a free port)`)
    .option(
      '--host <host>',
      "address to listen on; requests must name it (with 0.0.0.0 or ::, a loopback name, one of this machine's addresses or its host name)",
      DEFAULT_HOST
    )
    .option('--dist <dir>', "the designer's build folder (default: this package's dist)")
    .action(async (flowsDir: string, options: ServeCommandOptions) => {
      const stop = interruption();
      try {
        context.exitCode = await runServe(flowsDir, options, context.io, stop.signal);
      } finally {
        stop.dispose();
      }
    });
}
