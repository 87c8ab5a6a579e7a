/**
 * Where the CLI reads and writes. `main()` takes these as a parameter so tests
 * can run commands in-process and capture their output.
 */

export interface Writer {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** The directory relative file names are resolved against. */
  readonly cwd: string;
  /** Colour in stylish output: by default when stdout is a terminal and NO_COLOR is not set. */
  readonly color: boolean;
}

let pipeGuarded = false;

/**
 * Lets output piped into a reader that stops early (`zeroout schema | head`)
 * end quietly instead of crashing on EPIPE.
 */
function guardPipes(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

/** Fills in whatever the caller left out from the real process. */
export function resolveIo(io: Partial<CliIo> = {}): CliIo {
  if (io.stdout === undefined || io.stderr === undefined) guardPipes();
  const stdout = io.stdout ?? process.stdout;
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  return {
    stdout,
    stderr: io.stderr ?? process.stderr,
    cwd: io.cwd ?? process.cwd(),
    color: io.color ?? (stdout.isTTY === true && !noColor)
  };
}

/** Writes one line per message to stderr, each on one line. */
export function writeErrors(io: CliIo, messages: readonly string[]): void {
  for (const message of messages) io.stderr.write(`${oneLine(message)}\n`);
}

/** Folds a message onto one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
