import type { Outcome } from '../../model/outcomes.ts';
import { nodeLabel } from '../describe.ts';
import type { GraphNode } from '../graph.ts';
import type { Rule } from '../types.ts';

/** What happens to the caller, as a sentence. */
function explain(g: GraphNode, outcome: Outcome): string {
  const missing = `"${outcome.name}" has no transition`;
  switch (outcome.retry) {
    case 'noInput':
      return `a caller who stays silent is dropped (${missing})`;
    case 'invalid':
      return `a caller who presses a key that is not offered is dropped (${missing})`;
    case 'maxRetries':
      return `a caller who runs out of retries is dropped (${missing})`;
  }
  if (outcome.choice) return `a caller who chooses ${outcome.name} is dropped (${missing})`;
  if (g.node.kind === 'prompt') {
    return 'the call drops after the message: it has no next step and is not marked as the end ("end": true)';
  }
  if (outcome.entry) return `a caller who enters a valid number is dropped (${missing})`;
  return `the call drops on "${outcome.name}": it has no transition`;
}

const rule: Rule = {
  meta: {
    id: 'dead-end',
    severity: 'error',
    description: 'An outcome that can happen with the caller on the line has no transition, so the call drops (reported per node and outcome).'
  },
  check({ graph, report }) {
    for (const g of graph.nodes) {
      for (const outcome of graph.unwired[g.index]!) {
        if (outcome.unwired !== 'dead-end') continue;
        report({
          node: g.id,
          outcome: outcome.name,
          message: `${nodeLabel(g)}: ${explain(g, outcome)}`,
          pointer: g.pointer + outcome.pointer
        });
      }
    }
  }
};

export default rule;
