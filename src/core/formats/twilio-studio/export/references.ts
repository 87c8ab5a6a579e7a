/**
 * References to the account (Function URLs, TaskRouter workflow SIDs, flow
 * SIDs, mailboxes, the Flex channel) from the export environment, keyed by
 * the name the design uses. A missing one becomes a placeholder and a note:
 * the caller says what it writes instead.
 */
import { referenceOf, type Environment, type EnvironmentKind } from '../../environment.ts';
import type { ExportNotes } from './notes.ts';

/** Written as the URL of the Function that checks opening hours when the environment names none. */
export const HOURS_FUNCTION_PLACEHOLDER = 'https://YOUR-SERVICE.twil.io/check-hours';

/** Written as the Flex channel SID when the environment names none. */
const CHANNEL_PLACEHOLDER = 'TCxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';

/** The account references of one export (`options.env`). */
export class References {
  constructor(
    private readonly environment: Environment | undefined,
    private readonly notes: ExportNotes
  ) {}

  /** The reference for the first of `names` the environment maps among its `kind` (a non-empty string). */
  lookup(kind: EnvironmentKind, ...names: string[]): string | undefined {
    for (const name of names) {
      const found = referenceOf(this.environment, kind, name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The Flex channel SID a send-to-flex names (`channel`), or a placeholder with a note. */
  channel(at: string, node: string): string {
    const channel = this.lookup('settings', 'channel');
    if (channel !== undefined) return channel;
    this.notes.note(at, `no Flex channel SID ({"settings": {"channel": …}} in the environment); a placeholder is written`, node);
    return CHANNEL_PLACEHOLDER;
  }
}
