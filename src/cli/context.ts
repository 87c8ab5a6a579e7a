/** What every command gets: the io to use, and where to leave its exit code. */
import type { CliIo } from './io.ts';

export interface CommandContext {
  readonly io: CliIo;
  exitCode: number;
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
