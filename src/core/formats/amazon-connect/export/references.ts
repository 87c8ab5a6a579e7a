/**
 * References to the account's resources (queue ARNs, flow ARNs, Lambda
 * ARNs, voicemail flows, hours of operation) from the export environment. A
 * missing one is a problem that names it, so nothing ships with a made-up
 * ARN.
 */
import type { Problem } from '../../../model/load.ts';
import type { FlowNode } from '../../../model/types.ts';
import { DIAGNOSTIC_CODES } from '../../../diagnostic/index.ts';
import { ANY_HOURS, referenceOf, type Environment, type EnvironmentKind } from '../../environment.ts';

/** The account references of one export (`options.env`), and the problems of those missing. */
export class References {
  readonly problems: Problem[] = [];

  constructor(
    private readonly environment: Environment | undefined,
    private readonly file: string,
    private readonly indexOf: (id: string) => number
  ) {}

  /** Whether the environment maps `name` among its `kind`. */
  has(kind: EnvironmentKind, name: string): boolean {
    return referenceOf(this.environment, kind, name) !== undefined;
  }

  /** The reference for `name` among the environment's `kind`, when there is one (the caller says what it writes instead). */
  lookup(kind: EnvironmentKind, name: string): string | undefined {
    return referenceOf(this.environment, kind, name);
  }

  /** The reference for `name` among the environment's `kind` (a `what`, such as "queue ARN"), or a placeholder and a problem. */
  ref(node: FlowNode, what: string, kind: EnvironmentKind, name: string): string {
    const value = referenceOf(this.environment, kind, name);
    // Already a reference Connect resolves: an ARN, a JSONPath or a deployment template.
    if (value === undefined && (/^arn:/.test(name) || name.startsWith('$.') || /\$\{|\{\{/.test(name))) return name;
    if (value === undefined) {
      this.problems.push({
        code: DIAGNOSTIC_CODES.exportReferenceMissing,
        severity: 'error',
        file: this.file,
        pointer: `/nodes/${this.indexOf(node.id)}`,
        message: `no ${what} for ${JSON.stringify(name)} (node ${JSON.stringify(node.id)}): add it to the export environment as {"${kind}": {${JSON.stringify(name)}: …}}`
      });
      return `$MISSING:${name}`;
    }
    return value;
  }

  /** The hours of operation the environment names for an hours node (or for every hours node), if any. */
  hoursOfOperation(nodeId: string): string | undefined {
    return referenceOf(this.environment, 'hours', nodeId) ?? referenceOf(this.environment, 'hours', ANY_HOURS);
  }
}
