/** Errors the CLI reports as usage problems (exit code 2) rather than crashes. */

export const EXIT_OK = 0;
/** Lint found at least one error-severity finding. */
export const EXIT_FINDINGS = 1;
/** Usage error or unusable input: bad options, unreadable files, invalid flows. */
export const EXIT_USAGE = 2;

/** A problem with how the CLI was called. Its messages are printed one per line. */
export class UsageError extends Error {
  readonly messages: readonly string[];

  constructor(messages: string | readonly string[]) {
    const list = typeof messages === 'string' ? [messages] : messages;
    super(list.join('\n'));
    this.name = 'UsageError';
    this.messages = list;
  }
}
