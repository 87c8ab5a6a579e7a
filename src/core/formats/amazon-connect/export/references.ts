/**
 * References to the account's resources (queue ARNs, flow ARNs, Lambda
 * ARNs, voicemail flows, hours of operation) from the export environment. A
 * missing one is a problem that names it, so nothing ships with a made-up
 * ARN.
 */
import type { Problem } from '../../../model/load.ts';
import type { FlowNode } from '../../../model/types.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';

/** The account references of one export (`options.env`), and the problems of those missing. */
export class References {
  readonly problems: Problem[] = [];

  constructor(
    private readonly env: Readonly<Record<string, string>>,
    private readonly file: string,
    private readonly indexOf: (id: string) => number
  ) {}

  /** Whether the environment names `name`. */
  has(name: string): boolean {
    return Object.hasOwn(this.env, name);
  }

  /** The reference for `name` (a `what`, such as "queue ARN"), or a placeholder and a problem. */
  ref(node: FlowNode, what: string, name: string): string {
    // Already a reference Connect resolves: an ARN, a JSONPath or a deployment template.
    if (!Object.hasOwn(this.env, name) && (/^arn:/.test(name) || name.startsWith('$.') || /\$\{|\{\{/.test(name))) return name;
    const value = Object.hasOwn(this.env, name) ? this.env[name] : undefined;
    if (value === undefined || value === '') {
      this.problems.push({
        code: DIAGNOSTIC_CODES.exportReferenceMissing,
        severity: 'error',
        file: this.file,
        pointer: `/nodes/${this.indexOf(node.id)}`,
        message: `no ${what} for ${JSON.stringify(name)} (node ${JSON.stringify(node.id)}): add "${name}" to the export environment`
      });
      return `$MISSING:${name}`;
    }
    return value;
  }

  /** The hours of operation an hours node names (`hours:<node id>`), if any. */
  hoursOfOperation(nodeId: string): string | undefined {
    return this.env[`hours:${nodeId}`];
  }
}
