/** A committed version of a flow's file: a commit that touched it. */
export interface Revision {
  /** The full commit id. */
  readonly rev: string;
  readonly short: string;
  readonly author: string;
  /** ISO 8601. */
  readonly date: string;
  readonly subject: string;
}
