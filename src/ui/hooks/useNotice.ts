import { useState } from 'react';
import type { Diagnostic } from '../../core/diagnostic/index.ts';

/** A message under the toolbar: what the last action did, or why it failed. */
export interface Notice {
  /** `warning`: it was done, but something needs the user's attention. */
  readonly kind: 'info' | 'warning' | 'error' | 'conflict';
  readonly text: string;
  /** The problems, findings or notes behind the notice, each listed. */
  readonly problems?: readonly Diagnostic[];
  /** A button beside the notice that does what it offers (such as a download the notice held back). */
  readonly action?: { readonly label: string; run(): void };
}

/** Shows a notice in place of the one shown, or (null) none. */
export type Notify = (notice: Notice | null) => void;

/** The error's message as a notice's text. */
export function errorText(error: unknown): string {
  return String(error instanceof Error ? error.message : error);
}

/** Owns the notice bar: the one notice shown, and `notify` to replace or clear it. */
export function useNotice(): { readonly notice: Notice | null; readonly notify: Notify } {
  const [notice, notify] = useState<Notice | null>(null);
  return { notice, notify };
}
