/** What the Studio export says as it goes: notes on what it could not carry over exactly, and problems that stop it. */
import type { Problem } from '../../../model/load.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import type { NoteDraft } from '../../types.ts';

/** The JSON pointer of a node of the design (or of a field in it). */
export function nodePointer(index: number, rest = ''): string {
  return `/nodes/${index}${rest}`;
}

/** The notes and problems of one export, about `file`. */
export class ExportNotes {
  readonly drafts: NoteDraft[] = [];
  readonly problems: Problem[] = [];

  constructor(readonly file: string) {}

  note(pointer: string, message: string, node?: string): void {
    this.drafts.push(node === undefined ? { pointer, message } : { node, pointer, message });
  }

  /** A note the team must act on before the flow runs as designed: what the platform must supply. */
  warn(pointer: string, message: string, node: string): void {
    this.drafts.push({ node, pointer, message, severity: 'warning' });
  }

  problem(pointer: string, message: string): void {
    this.problems.push({ code: DIAGNOSTIC_CODES.exportFailed, severity: 'error', file: this.file, pointer, message });
  }
}
