/**
 * Where the CLI reads and writes. `main()` takes these as a parameter so tests
 * can run commands in-process and capture their output.
 *
 * Everything the CLI prints passes through {@link safeWriter}: no control
 * character from a flow file (an escape sequence that clears the screen or
 * fakes a line of a CI log, a carriage return, a bidirectional override)
 * reaches the terminal raw, whatever command or format printed it.
 */
import { escapeControls } from '../core/diagnostic/index.ts';

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

/** The styles of format/ansi.ts, the only escape sequences the CLI itself writes. */
const STYLE = /\u001b\[\d{1,2}m/g;

/** Marks a writer that already escapes, so that resolving an io twice does not wrap it twice. */
const SAFE = Symbol('safe writer');

/**
 * A writer that shows every control character of what it is given as a
 * visible escape (`\u001b`, `\t`, `\u202e`), keeping the line feeds the
 * formats break their lines with and, with `keepStyles`, the colours of
 * format/ansi.ts. Formats escape the line feeds of the values they print
 * themselves (a line feed inside an id would fake a line), and escape values
 * before colouring them (so that a value cannot bring colours of its own).
 *
 * A JSON document passes through unchanged in meaning: the escapes are JSON's.
 */
export function safeWriter(writer: Writer, keepStyles: boolean): Writer {
  if ((writer as { [SAFE]?: boolean })[SAFE] === true) return writer;
  const escape = (text: string): string => escapeControls(text, { keepNewlines: true });
  const safe = {
    write: (text: string): unknown => {
      if (!keepStyles) return writer.write(escape(text));
      let out = '';
      let at = 0;
      for (const match of text.matchAll(STYLE)) {
        out += escape(text.slice(at, match.index)) + match[0];
        at = match.index + match[0].length;
      }
      return writer.write(out + escape(text.slice(at)));
    },
    [SAFE]: true
  };
  if (writer.isTTY !== undefined) Object.defineProperty(safe, 'isTTY', { value: writer.isTTY, enumerable: true });
  return safe;
}

/** Fills in whatever the caller left out from the real process; what is written goes through {@link safeWriter}. */
export function resolveIo(io: Partial<CliIo> = {}): CliIo {
  if (io.stdout === undefined || io.stderr === undefined) guardPipes();
  const stdout = io.stdout ?? process.stdout;
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  const color = io.color ?? (stdout.isTTY === true && !noColor);
  return {
    stdout: safeWriter(stdout, color),
    stderr: safeWriter(io.stderr ?? process.stderr, false),
    cwd: io.cwd ?? process.cwd(),
    color
  };
}

/** Writes one line per message to stderr, each on one line, its control characters escaped. */
export function writeErrors(io: CliIo, messages: readonly string[]): void {
  for (const message of messages) io.stderr.write(`${escapeControls(oneLine(message))}\n`);
}

/** Lines of text joined, each with its control characters escaped: a line feed inside a value cannot start a line of its own. */
export function textLines(lines: readonly string[]): string {
  return lines.map((line) => `${escapeControls(line)}\n`).join('');
}

/** Folds a message onto one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
